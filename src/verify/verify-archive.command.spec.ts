import { Command } from 'commander';
import * as fs from 'node:fs';
import { registerVerifyCommand, formatReport } from 'src/verify/verify-archive.command';
import { verifyArchive } from 'src/crypto/verify/verify-archive';
import { belFile } from 'test/support/vectors';

describe(registerVerifyCommand.name, () => {
  let out = '';
  beforeEach(() => {
    out = '';
    jest.spyOn(process.stdout, 'write').mockImplementation((s: string | Uint8Array) => {
      out += String(s);
      return true;
    });
    process.exitCode = undefined;
  });
  afterEach(() => {
    jest.restoreAllMocks();
    process.exitCode = undefined;
  });

  const run = async (...args: string[]) => {
    const program = new Command().exitOverride();
    registerVerifyCommand(program);
    await program.parseAsync(['node', 'hb', 'verify', ...args]);
  };

  test('a valid archive exits 0 and prints each check and the result', async () => {
    await run(belFile('leader-basic'));
    expect(process.exitCode).toBe(0);
    expect(out).toMatch(/PASS {2}Ballot signatures verify/);
    expect(out).toMatch(/result \[\[4,1\]\]/);
  });

  test('a tampered archive exits 1 naming the failed check; --json is machine readable', async () => {
    await run(belFile('tampered/leader-basic-resigned'), '--json');
    expect(process.exitCode).toBe(1);
    const report = JSON.parse(out);
    expect(report.ok).toBe(false);
    expect(report.checks.find((c: { id: string }) => c.id === 'ballot.individual_proofs').status).toBe('fail');
  });

  test('formatReport lists failures', () => {
    const text = formatReport('x.bel', verifyArchive(fs.readFileSync(belFile('tampered/leader-basic-raw'))));
    expect(text).toMatch(/FAIL {2}Every entry is named by the SHA-256/);
    expect(text).toMatch(/FAILED: \d+ of \d+ checks failed/);
  });
});
