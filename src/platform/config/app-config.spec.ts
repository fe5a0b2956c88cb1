import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadConfig } from 'src/platform/config/app-config';

describe(loadConfig.name, () => {
  it('runs on a fresh machine with nothing set: embedded SQLite under ./data, in-process jobs', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.database).toEqual({ kind: 'sqlite', path: path.resolve('./data/hybrid-ballot.sqlite') });
    expect(c.redisUrl).toBeUndefined();
  });

  it('uses PostgreSQL for a postgres:// URL and BullMQ when REDIS_URL is set', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u:p@db/x', REDIS_URL: 'redis://r:6379' });
    expect(c.database).toEqual({ kind: 'postgres', url: 'postgres://u:p@db/x', poolSize: 10 });
    expect(c.redisUrl).toBe('redis://r:6379');
  });

  it.each([
    ['PORT', { PORT: '99999' }],
    ['PORT', { PORT: 'eighty' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://db/x' }],
    ['REDIS_URL', { REDIS_URL: 'localhost:6379' }],
    ['LOG_LEVEL', { LOG_LEVEL: 'loud' }],
    ['SESSION_TTL_MINUTES', { SESSION_TTL_MINUTES: '-5' }],
  ])('stops with the variable named when %s is bad', (variable, env) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('never echoes a bad value, which may be a secret', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://user:hunter2@db/x' })).toThrow(/^(?!.*hunter2)/s);
  });

  it('reads X from the file named by X_FILE (Docker secrets), without the trailing newline', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-cfg-'));
    fs.writeFileSync(path.join(dir, 'url'), 'postgres://u:secret@db/x\n');
    expect(loadConfig({ DATABASE_URL_FILE: path.join(dir, 'url') }).database).toMatchObject({ url: 'postgres://u:secret@db/x' });
    expect(() => loadConfig({ DATABASE_URL_FILE: path.join(dir, 'missing') })).toThrow(/DATABASE_URL_FILE names a file that cannot be read/);
    expect(() => loadConfig({ DATABASE_URL_FILE: path.join(dir, 'url'), DATABASE_URL: 'postgres://x' })).toThrow(/both set/);
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).database.kind).toBe('sqlite');
  });
});
