import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildProgram } from 'src/cli';
import { DatabaseConfig } from 'src/platform/config/app-config';
import { createTestDatabase, TestDatabase } from 'test/support/test-database';

function withEnv<T>(db: DatabaseConfig, run: () => Promise<T>): Promise<T> {
  const saved = { DATABASE_URL: process.env.DATABASE_URL, SQLITE_PATH: process.env.SQLITE_PATH };
  if (db.kind === 'postgres') process.env.DATABASE_URL = db.url;
  else process.env.SQLITE_PATH = db.path;
  return run().finally(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
}

describe('hybrid-ballot admin create', () => {
  let db: TestDatabase;
  let dir: string;
  let logs: string[];
  beforeAll(async () => {
    db = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-cli-'));
  });
  afterAll(() => db.drop());
  beforeEach(() => {
    logs = [];
    jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
  });
  afterEach(() => jest.restoreAllMocks());

  const run = (...args: string[]) => withEnv(db.config, () => buildProgram({ exitOverride: true }).parseAsync(['node', 'hybrid-ballot', ...args]));

  it('bootstraps the first administrator from a password file, without printing the password', async () => {
    const pw = path.join(dir, 'pw');
    fs.writeFileSync(pw, 'bootstrap-password-42\n');
    await run('admin', 'create', '--email', 'First@Example.org', '--password-file', pw);
    expect(logs.join('\n')).toMatch(/Created administrator first@example.org/);
    expect(logs.join('\n')).not.toContain('bootstrap-password-42');
  });

  it('refuses a second account with the same e-mail, and a weak password', async () => {
    const pw = path.join(dir, 'pw');
    await expect(run('admin', 'create', '--email', 'first@example.org', '--password-file', pw)).rejects.toMatchObject({ code: 'email_taken' });
    const weak = path.join(dir, 'weak');
    fs.writeFileSync(weak, 'short');
    await expect(run('admin', 'create', '--email', 'b@example.org', '--password-file', weak)).rejects.toMatchObject({ code: 'weak_password' });
  });

  it('refuses an unknown role', async () => {
    await expect(run('admin', 'create', '--email', 'c@example.org', '--role', 'king', '--password-file', path.join(dir, 'pw'))).rejects.toThrow(
      /Allowed choices are administrator, credential_authority, count_staff, count_supervisor, trustee, observer/,
    );
  });
});
