import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildProgram } from 'src/cli';
import { parseJson } from 'src/crypto/encoding/json';
import { group } from 'src/crypto/group';
import { parseTrusteePublicKey, verifyTrusteePok } from 'src/crypto/trustees/trustee-key';

describe('hybrid-ballot trustee keygen', () => {
  let dir: string;
  let logs: string[];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-trustee-'));
    logs = [];
    jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
  });
  afterEach(() => jest.restoreAllMocks());

  const run = (...args: string[]) => buildProgram({ exitOverride: true }).parseAsync(['node', 'hybrid-ballot', 'trustee', 'keygen', ...args]);

  it('writes a private key only its owner can read and a public key whose proof verifies and matches it', async () => {
    await run('--out', dir);
    const files = fs.readdirSync(dir).sort();
    expect(files).toHaveLength(2);
    const [privFile, pubFile] = files.map((f) => path.join(dir, f));
    expect(privFile).toMatch(/[0-9a-f]{12}\.privkey$/);
    expect(pubFile).toBe(privFile.replace(/privkey$/, 'pubkey'));
    expect(fs.statSync(privFile).mode & 0o077).toBe(0);

    const secret = BigInt(JSON.parse(fs.readFileSync(privFile, 'utf8')) as string);
    const pub = parseTrusteePublicKey(parseJson(fs.readFileSync(pubFile, 'utf8').trim(), 'pubkey'), 'pubkey');
    expect(verifyTrusteePok(pub)).toBe(true);
    expect(group().equals(group().g.mul(secret), pub.publicKey)).toBe(true);
    // The private key is never printed.
    expect(logs.join('\n')).not.toContain(secret.toString());
  });
});
