import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildProgram } from 'src/cli';
import { sha256Hex } from 'src/crypto/encoding/sha256';
import { parseJson } from 'src/crypto/encoding/json';
import { group } from 'src/crypto/group';
import { parseThresholdParameters, verifyThresholdParameters } from 'src/crypto/trustees/pedersen';
import { parseTrusteeSecret } from 'src/crypto/trustees/trustee-secret';

describe('hybrid-ballot trustee threshold-keygen', () => {
  let dir: string;
  let logs: string[];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-threshold-'));
    logs = [];
    jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
  });
  afterEach(() => jest.restoreAllMocks());

  const run = (...args: string[]) => buildProgram({ exitOverride: true }).parseAsync(['node', 'hybrid-ballot', 'trustee', 'threshold-keygen', ...args]);

  it('writes verifiable parameters and one owner-only share per member, each matching its verification key', async () => {
    await run('--trustees', '3', '--threshold', '2', '--out', dir);
    expect(fs.readdirSync(dir).sort()).toEqual(['member-1.share', 'member-2.share', 'member-3.share', 'parameters.json']);

    const paramsText = fs.readFileSync(path.join(dir, 'parameters.json'), 'utf8').trim();
    const params = parseThresholdParameters(parseJson(paramsText, 'p'), 'p');
    expect(params.threshold).toBe(2);
    expect(verifyThresholdParameters(params, 'p').filter((c) => !c.ok)).toEqual([]);

    const secrets: string[] = [];
    for (const i of [1, 2, 3]) {
      const file = path.join(dir, `member-${i}.share`);
      expect(fs.statSync(file).mode & 0o077).toBe(0);
      const s = parseTrusteeSecret(fs.readFileSync(file, 'utf8'));
      if (s.kind !== 'share') throw new Error('expected a share');
      expect(s).toMatchObject({ member: i, size: 3, threshold: 2, parametersSha256: sha256Hex(paramsText) });
      expect(group().equals(group().g.mul(s.share), params.verificationKeys[i - 1].publicKey)).toBe(true);
      secrets.push(s.share.toString(), s.seed);
    }
    const out = logs.join('\n');
    expect(out).toContain('one machine');
    expect(out).toContain('member-2.share');
    for (const secret of secrets) expect(out).not.toContain(secret);
  });

  it('never overwrites an earlier ceremony, and writes nothing when it refuses', async () => {
    fs.writeFileSync(path.join(dir, 'member-2.share'), 'an earlier share');
    await expect(run('--trustees', '3', '--threshold', '2', '--out', dir)).rejects.toMatchObject({ code: 'file_exists' });
    expect(fs.readdirSync(dir)).toEqual(['member-2.share']);
    expect(fs.readFileSync(path.join(dir, 'member-2.share'), 'utf8')).toBe('an earlier share');
  });

  it('refuses a threshold above the number of members', async () => {
    await expect(run('--trustees', '2', '--threshold', '3', '--out', dir)).rejects.toThrow(/--threshold 3 is more than --trustees 2/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('says in its help that the ceremony runs in one sitting on one offline machine', () => {
    const program = buildProgram({ exitOverride: true });
    const cmd = program.commands.find((c) => c.name() === 'trustee')!.commands.find((c) => c.name() === 'threshold-keygen')!;
    let help = '';
    cmd.configureOutput({ writeOut: (s) => void (help += s) });
    cmd.outputHelp();
    expect(help).toMatch(/one sitting/);
    expect(help).toMatch(/offline machine/);
  });
});
