import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseBallot } from 'src/crypto/ballot/ballot';
import { group } from 'src/crypto/group';
import { computeEncryptedTally, serializeEncryptedTally } from 'src/crypto/tally/encrypted-tally';
import { parsePartialDecryption, verifyPartialDecryption, type PartialDecryption } from 'src/crypto/tally/partial-decryption';
import { combineFactors, computeResult } from 'src/crypto/tally/result';
import { castAll, demoSetup } from 'src/crypto/testing/demo-election';
import { serializeThresholdParameters } from 'src/crypto/trustees/pedersen';
import { parseTrusteePublicKey, serializeTrusteePublicKey, verifyTrusteePok } from 'src/crypto/trustees/trustee-key';
import { serializeShareFile } from 'src/crypto/trustees/trustee-secret';
import { ownerSlots } from 'src/crypto/trustees/trustees';
import { parseJson } from 'src/crypto/encoding/json';
import { checkKey, decryptTally, generateKey } from 'src/trustee-page/browser/trustee-crypto';

// A Single trustee (owner 1) and a 2-of-3 Pedersen group (owners 2–4); Alice 2, Bob 1.
const setup = demoSetup({ singles: 1, threshold: { n: 3, k: 2, decryptors: [2, 3] }, voters: 3 });
const parsed = castAll(setup, [[[1, 0]], [[0, 1]], [[1, 0]]]).map((raw) => {
  const b = parseBallot(raw, 'ballot');
  return { credentialHex: group().encode(b.credential), answers: b.answers, weight: 1n };
});
const { tally } = computeEncryptedTally(setup.election, parsed);
const forTrustees = JSON.stringify({ electionId: '6f1c1a52-0d6c-4c51-9d0e-2f9f1b6b7a10', uuid: setup.election.uuid, election: setup.election.raw, trustees: setup.trusteesRaw, encryptedTally: serializeEncryptedTally(tally), numTallied: 3, totalWeight: '3' });
const slots = ownerSlots(setup.trustees);
const keyText = (owner: number): string =>
  owner === 1
    ? `${JSON.stringify(setup.secrets[0].toString())}\n`
    : serializeShareFile({ member: owner - 1, size: 3, threshold: 2, share: setup.secrets[owner - 1], seed: 'seed', verificationKey: group().encode(slots[owner - 1].key), parametersSha256: '0'.repeat(64) });
const rows = setup.trustees.map((t, i) =>
  t.kind === 'Single' ? { position: i + 1, kind: 'single', name: 'Returning officer', publicKey: serializeTrusteePublicKey(t.key) } : { position: i + 1, kind: 'pedersen', name: 'Board', parameters: serializeThresholdParameters(t.parameters) },
);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildBooth } = require('../../../scripts/build-booth.js') as {
  buildBooth: (o: { quiet: boolean }) => Promise<{ trustee: { file: string; bytes: number; inputs: string[] } }>;
};

describe('trustee page crypto (browser bundle)', () => {
  it('is bundled from src/crypto on @noble/* only, and decrypts as the module does when run on its own', async () => {
    const { trustee: built } = await buildBooth({ quiet: true });
    expect(built.inputs.filter((i) => !/^(src\/crypto\/|src\/trustee-page\/browser\/|node_modules\/@noble\/)/.test(i))).toEqual([]);
    expect(built.inputs.filter((i) => i.includes('/native/'))).toEqual([]);
    const script = `
      const b = await import(${JSON.stringify(pathToFileURL(built.file).href)});
      console.log(JSON.stringify(b.decryptTally(process.env.FOR_TRUSTEES, process.env.KEY)));`;
    const out = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH, FOR_TRUSTEES: forTrustees, KEY: keyText(1) }, cwd: path.dirname(built.file) }).toString(),
    ) as { ok: boolean; owner: number; upload: string };
    expect(out).toMatchObject({ ok: true, owner: 1 });
    const partial = parsePartialDecryption(JSON.stringify((JSON.parse(out.upload) as { partialDecryption: unknown }).partialDecryption));
    expect(verifyPartialDecryption(setup.election.fingerprint, tally, slots[0].key, partial).invalid).toEqual([]);
  }, 30_000);

  it('generates a key whose private file matches the public key shown, with a valid proof', () => {
    const k = generateKey();
    const secret = BigInt(JSON.parse(k.privateKeyFile) as string);
    const pub = parseTrusteePublicKey(parseJson(k.publicKey, 'pub'), 'pub');
    expect(verifyTrusteePok(pub)).toBe(true);
    expect(group().equals(group().g.mul(secret), pub.publicKey)).toBe(true);
    expect(k.id).toMatch(/^[0-9a-f]{12}$/);
  });

  it("finds a Single key and a share among the election's trustees, and says when a key is not there", () => {
    expect(checkKey(keyText(1), rows)).toMatchObject({ ok: true, found: true, owner: 1, name: 'Returning officer', member: 1 });
    expect(checkKey(keyText(3), rows)).toMatchObject({ ok: true, found: true, owner: 3, name: 'Board', member: 2, group: { size: 3, threshold: 2 } });
    expect(checkKey(generateKey().privateKeyFile, rows)).toMatchObject({ ok: true, found: false });
  });

  it('decrypts with a Single key and two shares: each partial verifies and together they give the result', () => {
    const byOwner = new Map<number, PartialDecryption>();
    for (const owner of [1, 3, 4]) {
      const d = decryptTally(forTrustees, keyText(owner));
      if (!d.ok) throw new Error(d.detail);
      expect(d.owner).toBe(owner);
      const body = JSON.parse(d.upload) as { owner: number; partialDecryption: unknown };
      expect(body.owner).toBe(owner);
      const partial = parsePartialDecryption(JSON.stringify(body.partialDecryption));
      expect(verifyPartialDecryption(setup.election.fingerprint, tally, slots[owner - 1].key, partial).invalid).toEqual([]);
      byOwner.set(owner, partial);
    }
    expect(computeResult(tally, combineFactors(setup.trustees, tally, byOwner), 3n)).toEqual([[2n, 1n]]);
  });

  it("refuses another election's key and a file that is not a key, without repeating the file", () => {
    expect(decryptTally(forTrustees, generateKey().privateKeyFile)).toMatchObject({ ok: false, code: 'not_a_trustee' });
    const notAKey = decryptTally(forTrustees, '"12345678901234567890x"');
    expect(notAKey).toMatchObject({ ok: false, code: 'key_invalid' });
    expect(JSON.stringify(notAKey)).not.toContain('12345678901234567890');
    expect(decryptTally('{"election": 1}', keyText(1))).toMatchObject({ ok: false, code: 'record_invalid' });
  });
});
