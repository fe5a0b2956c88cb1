import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildProgram } from 'src/cli';
import { buildRecord, copyRecord, reseal, zipRecord, type RecordFixture } from 'test/support/record-fixture';

describe('hybrid-ballot verify <record>', () => {
  let fx: RecordFixture;
  let out: string;
  let err: string;
  beforeAll(() => {
    fx = buildRecord();
  });
  beforeEach(() => {
    out = '';
    err = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out += String(s);
      return true;
    });
    jest.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => {
      err += String(s);
      return true;
    });
    process.exitCode = undefined;
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
  });

  const run = (...args: string[]) => buildProgram({ exitOverride: true }).parseAsync(['node', 'hybrid-ballot', 'verify', ...args]);

  it('exits 0 for a valid record, one line per check then the summary', async () => {
    await run(fx.dir, '--workers', '1');
    expect(process.exitCode).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe(`Verifying ${fx.dir} (record directory), election ${fx.uuid}`);
    expect(lines).toContain('✓ channels.disjoint  No credential with a ballot in the .bel had its postal return counted (5)');
    expect(lines.filter((l) => /^[✓✗!] /.test(l)).length).toBeGreaterThan(40);
    expect(out).toMatch(/^Summary: (\d+) of \1 checks passed, 0 failed; 5 ballots \(4 tallied\), 1 superseded, 5 CVRs; [\d.]+ s$/m);
    expect(lines.at(-1)).toBe('OK: the record verifies');
  });

  it('exits 1 when a check fails, marking it ✗ with the offending item', async () => {
    const dir = copyRecord(fx.dir);
    fs.writeFileSync(path.join(dir, 'credentials/voided.txt'), [...fx.voidedCredentials, fx.onlineCredentials[0]].sort().join('\n') + '\n');
    reseal(dir);
    await run(dir);
    expect(process.exitCode).toBe(1);
    expect(out).toMatch(new RegExp(`^✗ voided\\.unused {2}${fx.onlineCredentials[0]}: voided, yet has ballot \\S+ in the \\.bel$`, 'm'));
    expect(out).toMatch(/^FAILED: voided\.unused$/m);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('--json prints the whole report, for a record.zip too', async () => {
    const zip = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hb-cli-')), 'record.zip');
    fs.writeFileSync(zip, zipRecord(fx.dir));
    await run(zip, '--json');
    expect(process.exitCode).toBe(0);
    const report = JSON.parse(out) as { ok: boolean; form: string; checks: { id: string; status: string }[] };
    expect(report).toMatchObject({ ok: true, form: 'zip', cvrs: 5 });
    expect(report.checks.find((c) => c.id === 'result.merged')?.status).toBe('pass');
  });

  it('exits 2 for input that is not a record: no such path, a broken zip, a folder without a record', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-cli-'));
    fs.writeFileSync(path.join(tmp, 'broken.zip'), 'PK\u0003\u0004 not really a zip');
    for (const input of [path.join(tmp, 'absent'), path.join(tmp, 'broken.zip'), tmp]) {
      process.exitCode = undefined;
      await run(input);
      expect(process.exitCode).toBe(2);
    }
    expect(err).toMatch(/cannot read .*absent: ENOENT/);
    expect(err).toMatch(/broken\.zip is not a readable zip/);
    expect(err).toMatch(/is not an election record: it has neither manifest\.json nor election\.json/);
    expect(out).toBe('');
  });

  it('refuses a --workers value that is not a whole number ≥ 1 (exit 2)', async () => {
    await run(fx.dir, '--workers', '0');
    expect(process.exitCode).toBe(2);
    expect(err).toMatch(/--workers must be/);
  });

  it('--help says what is checked and what the exit codes mean', async () => {
    await expect(run('--help')).rejects.toThrow();
    const help = out.replace(/\s+/g, ' ');
    expect(help).toMatch(/record directory, a record\.zip, or a bare \.bel/);
    expect(help).toMatch(/Exit 0 when every check passes, 1 when one fails, 2 when the input is not a record/);
    expect(help).toMatch(/--workers <n>/);
  });
});
