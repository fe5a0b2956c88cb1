import * as fs from 'node:fs';
import * as path from 'node:path';

// `npm ci` on this project's machines refuses a lock that names optional packages it does not
// contain (the registry here lacks some platform builds). `npm run lock:fix` adds stubs.
describe('package-lock.json', () => {
  it('has an entry for every optional dependency it names (run `npm run lock:fix` after npm install)', () => {
    const lock = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package-lock.json'), 'utf8')) as {
      packages: Record<string, { optionalDependencies?: Record<string, string> }>;
    };
    const missing: string[] = [];
    for (const entry of Object.values(lock.packages)) {
      for (const name of Object.keys(entry.optionalDependencies ?? {})) {
        if (!lock.packages[`node_modules/${name}`]) missing.push(name);
      }
    }
    expect(missing).toEqual([]);
  });
});
