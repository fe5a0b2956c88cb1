import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildProgram } from 'src/cli';
import { useFastestBackend } from 'src/crypto/native/backend';
import { serializeThresholdParameters } from 'src/crypto/trustees/pedersen';
import { serializeTrusteePublicKey } from 'src/crypto/trustees/trustee-key';
import { demoSetup, type DemoSetup } from 'src/crypto/testing/demo-election';
import { group } from 'src/crypto/group';
import { sha256Hex } from 'src/crypto/encoding/sha256';
import { serializeShareFile } from 'src/crypto/trustees/trustee-secret';

const ELECTION_ID = '6f1c1a52-0d6c-4c51-9d0e-2f9f1b6b7a10';

interface Seen {
  method: string;
  url: string;
  authorization?: string;
  body: string;
}

/** A stand-in for the server: answers from `routes` ("GET /path" → [status, body]) and records requests. */
async function stubServer(routes: Record<string, [number, unknown]>): Promise<{ url: string; seen: Seen[]; close: () => Promise<void> }> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, body });
      const [status, answer] = routes[`${req.method} ${req.url}`] ?? [404, { error: { code: 'not_found', message: 'No such route.' } }];
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, close: () => new Promise((r) => server.close(() => r())) };
}

/** GET /elections/:id/trustees rows for the demo's trustees (a Single, then a Pedersen group). */
function trusteeRows(setup: DemoSetup) {
  return setup.trustees.map((t, i) =>
    t.kind === 'Single'
      ? { position: i + 1, kind: 'single', name: `Single ${i + 1}`, publicKey: serializeTrusteePublicKey(t.key), addedAt: '2026-11-30T10:00:00.000Z' }
      : { position: i + 1, kind: 'pedersen', name: 'Board', parameters: JSON.parse(serializeThresholdParameters(t.parameters)) as unknown, addedAt: '2026-11-30T10:00:00.000Z' },
  );
}

describe('hybrid-ballot trustee check and upload', () => {
  let dir: string;
  let logs: string[];
  let setup: DemoSetup;
  const env = process.env.HB_TOKEN;

  beforeAll(() => {
    useFastestBackend();
    setup = demoSetup({ singles: 1, threshold: { n: 3, k: 2, decryptors: [1, 2] } });
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-check-'));
    logs = [];
    jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
    process.env.HB_TOKEN = 'staff-session-token';
  });
  afterEach(() => {
    jest.restoreAllMocks();
    if (env === undefined) delete process.env.HB_TOKEN;
    else process.env.HB_TOKEN = env;
  });

  const run = (...args: string[]) => buildProgram({ exitOverride: true }).parseAsync(['node', 'hybrid-ballot', 'trustee', ...args]);
  const keyFile = (secret: bigint) => {
    const f = path.join(dir, 'mine.privkey');
    fs.writeFileSync(f, JSON.stringify(secret.toString()));
    return f;
  };

  describe('check', () => {
    it('finds a Single key before the election opens and says to check again once it is open', async () => {
      const stub = await stubServer({ [`GET /elections/${ELECTION_ID}/trustees`]: [200, trusteeRows(setup)] });
      try {
        await run('check', '--server', stub.url, '--election', ELECTION_ID, '--key', keyFile(setup.secrets[0]));
      } finally {
        await stub.close();
      }
      expect(logs.join('\n')).toMatch(/your key is trustee 1 \("Single 1"\)/);
      expect(logs.join('\n')).toMatch(/not open yet/);
      expect(stub.seen[0].authorization).toBe('Bearer staff-session-token');
      // Only the public part is compared: the key is never sent.
      expect(stub.seen.map((s) => s.url + s.body).join('')).not.toContain(setup.secrets[0].toString());
    });

    it("finds a share in its group and confirms the published election's key is made from the trustees", async () => {
      const params = setup.trustees[1].kind === 'Pedersen' ? setup.trustees[1].parameters : undefined;
      const share = path.join(dir, 'member-2.share');
      fs.writeFileSync(share, serializeShareFile({ member: 2, size: 3, threshold: 2, share: setup.secrets[2], seed: 'x', verificationKey: group().encode(params!.verificationKeys[1].publicKey), parametersSha256: sha256Hex(serializeThresholdParameters(params!)) }));
      const stub = await stubServer({
        [`GET /elections/${ELECTION_ID}/trustees`]: [200, trusteeRows(setup)],
        [`GET /elections/${ELECTION_ID}/ballot-box/election`]: [200, JSON.parse(setup.election.raw)],
      });
      try {
        await run('check', '--server', stub.url, '--election', ELECTION_ID, '--key', share);
      } finally {
        await stub.close();
      }
      const out = logs.join('\n');
      expect(out).toMatch(/member 2 of the 2-of-3 group "Board" \(trustee 3\)/);
      expect(out).not.toMatch(/parameters differ/);
      expect(out).toMatch(/encrypted to a key made from the trustees' keys/);
    });

    it('says plainly when the key is not among the trustees', async () => {
      const stub = await stubServer({ [`GET /elections/${ELECTION_ID}/trustees`]: [200, trusteeRows(setup)] });
      try {
        await expect(run('check', '--server', stub.url, '--election', ELECTION_ID, '--key', keyFile(demoSetup().secrets[0]))).rejects.toMatchObject({ code: 'not_a_trustee' });
      } finally {
        await stub.close();
      }
    });

    it("refuses when the published election's key is not made from the listed trustees", async () => {
      const stub = await stubServer({
        [`GET /elections/${ELECTION_ID}/trustees`]: [200, trusteeRows(setup)],
        [`GET /elections/${ELECTION_ID}/ballot-box/election`]: [200, JSON.parse(demoSetup().election.raw)],
      });
      try {
        await expect(run('check', '--server', stub.url, '--election', ELECTION_ID, '--key', keyFile(setup.secrets[0]))).rejects.toMatchObject({ code: 'election_mismatch' });
      } finally {
        await stub.close();
      }
    });
  });

  describe('upload', () => {
    const upload = path.join(os.tmpdir(), `hb-upload-${process.pid}.json`);
    const body = '{"owner":1,"partialDecryption":{"decryption_factors":[],"decryption_proofs":[]}}';
    const route = `POST /elections/${ELECTION_ID}/tally/partial-decryptions`;
    beforeEach(() => fs.writeFileSync(upload, `${body}\n`));
    afterAll(() => fs.rmSync(upload, { force: true }));

    async function uploadAgainst(answer: [number, unknown]): Promise<{ seen: Seen[]; error?: Error & { code?: string } }> {
      const stub = await stubServer({ [route]: answer });
      try {
        await run('upload', '--server', stub.url, '--election', ELECTION_ID, '--file', upload);
        return { seen: stub.seen };
      } catch (e) {
        return { seen: stub.seen, error: e as Error };
      } finally {
        await stub.close();
      }
    }

    it('posts the file with the staff token and prints how many decryptions are in', async () => {
      const { seen, error } = await uploadAgainst([201, { owner: 1, accepted: true, decrypted: 2, needed: 3, resultReady: false }]);
      expect(error).toBeUndefined();
      expect(seen).toEqual([{ method: 'POST', url: `/elections/${ELECTION_ID}/tally/partial-decryptions`, authorization: 'Bearer staff-session-token', body }]);
      expect(logs.join('\n')).toMatch(/Accepted: trustee 1's partial decryption verifies/);
      expect(logs.join('\n')).toMatch(/2 of 3 needed/);
    });

    it('explains a 401, a 409 and a 422 with the server’s reason', async () => {
      const e401 = await uploadAgainst([401, { error: { code: 'session_expired', message: 'Your session has expired.' } }]);
      expect(e401.error?.message).toMatch(/HB_TOKEN is missing, expired or wrong/);
      const e409 = await uploadAgainst([409, { error: { code: 'already_decrypted', message: 'Trustee 1 has already decrypted the tally.' } }]);
      expect(e409.error?.message).toBe('Trustee 1 has already decrypted the tally. (already_decrypted)');
      const e422 = await uploadAgainst([422, { error: { code: 'partial_decryption_invalid', message: 'The partial decryption does not verify.', reason: 'proof_invalid', invalid: [[0, 1]] } }]);
      expect(e422.error?.message).toMatch(/\(proof_invalid\): The partial decryption does not verify\. \(partial_decryption_invalid\) — failing factors \[question, answer\]: \[\[0,1\]\]/);
    });

    it('refuses to send without HB_TOKEN, or a file that is not a partial decryption', async () => {
      delete process.env.HB_TOKEN;
      const noToken = await uploadAgainst([201, {}]);
      expect(noToken.error).toMatchObject({ code: 'token_missing' });
      expect(noToken.seen).toEqual([]);
      process.env.HB_TOKEN = 'staff-session-token';
      fs.writeFileSync(upload, '"123456"');
      const wrongFile = await uploadAgainst([201, {}]);
      expect(wrongFile.error).toMatchObject({ code: 'file_invalid' });
      expect(wrongFile.seen).toEqual([]);
    });
  });
});
