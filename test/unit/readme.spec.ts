import * as fs from 'node:fs';
import * as path from 'node:path';
import { configSchema } from 'src/platform/config/config.schema';

// The README's configuration table is how operators learn the settings: it must list them all.
describe('README', () => {
  const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');

  it('documents every configuration variable', () => {
    const missing = Object.keys(configSchema.shape).filter((v) => !readme.includes(`| \`${v}\` |`));
    expect(missing).toEqual([]);
  });

  it('starts with the two commands a newcomer needs', () => {
    const firstBlock = readme.slice(readme.indexOf('```sh'), readme.indexOf('```', readme.indexOf('```sh') + 5));
    expect(firstBlock).toMatch(/npm start|npm run demo/);
    expect(firstBlock).toMatch(/npm test/);
  });
});
