import { Command } from 'commander';
import { registerVerifyCommand } from 'src/verify/verify.command';
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

  test('a valid bare archive exits 0 and prints each archive check on one line', async () => {
    await run(belFile('leader-basic'));
    expect(process.exitCode).toBe(0);
    expect(out).toMatch(/^✓ ballot\.signature_proof {2}Ballot signatures verify \(\d+\)$/m);
    expect(out).toMatch(/^Summary: (\d+) of \1 checks passed, 0 failed; \d+ ballots/m);
  });

  test('a tampered archive exits 1 naming the failed check; --json is machine readable', async () => {
    await run(belFile('tampered/leader-basic-resigned'), '--json');
    expect(process.exitCode).toBe(1);
    const report = JSON.parse(out);
    expect(report.ok).toBe(false);
    expect(report.checks.find((c: { id: string }) => c.id === 'ballot.individual_proofs').status).toBe('fail');
  });

  test('a re-packed archive lists the failed check with the offending entry', async () => {
    await run(belFile('tampered/leader-basic-raw'));
    expect(process.exitCode).toBe(1);
    expect(out).toMatch(/^✗ archive\.file_hashes {2}\S+: content does not match the hash in its name$/m);
    expect(out).toMatch(/^FAILED: .*archive\.file_hashes/m);
  });
});
