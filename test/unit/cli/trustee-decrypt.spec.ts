import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildProgram } from 'src/cli';
import { ArchiveWriter } from 'src/crypto/archive/archive-writer';
import { writeElectionArchive } from 'src/crypto/archive/write-archive';
import { parseBallot } from 'src/crypto/ballot/ballot';
import { group } from 'src/crypto/group';
import { useFastestBackend } from 'src/crypto/native/backend';
import { parsePartialDecryption, verifyPartialDecryption, type PartialDecryption } from 'src/crypto/tally/partial-decryption';
import { combineFactors, computeResult } from 'src/crypto/tally/result';
import { readTallyFromArchive } from 'src/crypto/tally/tally-for-trustees';
import { computeEncryptedTally, parseEncryptedTally, serializeEncryptedTally, serializeSizedEncryptedTally } from 'src/crypto/tally/encrypted-tally';
import { serializeShareFile } from 'src/crypto/trustees/trustee-secret';
import { ownerSlots } from 'src/crypto/trustees/trustees';
import { castAll, demoSetup, type DemoSetup } from 'src/crypto/testing/demo-election';

// One Single trustee (owner 1) and a 2-of-3 Pedersen group (owners 2–4); 3 votes for Alice, 1 for Bob.
function election(): { setup: DemoSetup; bel: Uint8Array } {
  const setup = demoSetup({ singles: 1, threshold: { n: 3, k: 2, decryptors: [1, 3] }, voters: 4 });
  const ballots = castAll(setup, [[[1, 0]], [[1, 0]], [[0, 1]], [[1, 0]]]);
  return { setup, bel: archiveAwaitingDecryption(setup, ballots) };
}

/** The archive as it stands when trustees decrypt: setup, ballots, EndBallots, EncryptedTally. */
function archiveAwaitingDecryption(setup: DemoSetup, ballots: string[]): Uint8Array {
  const w = new ArchiveWriter(1795344879);
  w.addSetup(setup.election.raw, setup.trusteesRaw, setup.credentialsRaw);
  const parsed = ballots.map((raw) => {
    const b = parseBallot(raw, 'ballot');
    w.addBallot(raw);
    return { credentialHex: group().encode(b.credential), answers: b.answers, weight: 1n };
  });
  w.addEvent('EndBallots');
  const { tally, numTallied, totalWeight } = computeEncryptedTally(setup.election, parsed);
  w.addEncryptedTally(serializeEncryptedTally(tally), (h) => serializeSizedEncryptedTally({ numTallied, totalWeight, encryptedTally: h }));
  return w.bytes();
}

function writeKeys(dir: string, setup: DemoSetup): string[] {
  const slots = ownerSlots(setup.trustees);
  return setup.secrets.map((secret, i) => {
    const owner = i + 1;
    if (owner === 1) {
      const f = path.join(dir, 'single.privkey');
      fs.writeFileSync(f, `${JSON.stringify(secret.toString())}\n`, { mode: 0o600 });
      return f;
    }
    const f = path.join(dir, `member-${owner - 1}.share`);
    const share = { member: owner - 1, size: 3, threshold: 2, share: secret, seed: 'not-used-by-decrypt', verificationKey: group().encode(slots[i].key), parametersSha256: '0'.repeat(64) };
    fs.writeFileSync(f, serializeShareFile(share), { mode: 0o600 });
    return f;
  });
}

describe('hybrid-ballot trustee decrypt', () => {
  let dir: string;
  let logs: string[];
  let setup: DemoSetup;
  let bel: Uint8Array;
  let keys: string[];
  let belFile: string;
  let jsonFile: string;

  beforeAll(() => {
    // The command installs the fastest backend; elements must come from the one in use.
    useFastestBackend();
    ({ setup, bel } = election());
  });
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-decrypt-'));
    logs = [];
    jest.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void logs.push(a.join(' ')));
    keys = writeKeys(dir, setup);
    belFile = path.join(dir, 'tally.bel');
    fs.writeFileSync(belFile, bel);
    const parts = readTallyFromArchive(bel);
    jsonFile = path.join(dir, 'for-trustees.json');
    fs.writeFileSync(jsonFile, JSON.stringify({ electionId: '6f1c1a52-0d6c-4c51-9d0e-2f9f1b6b7a10', uuid: setup.election.uuid, ...parts, numTallied: 4, totalWeight: '4' }));
  });
  afterEach(() => jest.restoreAllMocks());

  const run = (...args: string[]) => buildProgram({ exitOverride: true }).parseAsync(['node', 'hybrid-ballot', 'trustee', 'decrypt', ...args]);

  async function decrypt(record: string, key: string): Promise<{ owner: number; partial: PartialDecryption }> {
    const out = path.join(dir, `out-${path.basename(key)}-${path.basename(record)}.json`);
    await run('--record', record, '--key', key, '--out', out);
    const o = JSON.parse(fs.readFileSync(out, 'utf8')) as { owner: number; partialDecryption: unknown };
    return { owner: o.owner, partial: parsePartialDecryption(JSON.stringify(o.partialDecryption)) };
  }

  it('decrypts from a .bel with a Single key and two of three Pedersen shares, giving the election result', async () => {
    const tally = parseEncryptedTally(readTallyFromArchive(bel).encryptedTally);
    const slots = ownerSlots(setup.trustees);
    const byOwner = new Map<number, PartialDecryption>();
    for (const key of [keys[0], keys[1], keys[3]]) {
      const { owner, partial } = await decrypt(belFile, key);
      expect(verifyPartialDecryption(setup.election.fingerprint, tally, slots[owner - 1].key, partial).invalid).toEqual([]);
      byOwner.set(owner, partial);
    }
    expect([...byOwner.keys()]).toEqual([1, 2, 4]);
    expect(computeResult(tally, combineFactors(setup.trustees, tally, byOwner), 4n)).toEqual([[3n, 1n]]);
  });

  it('decrypts from the for-trustees JSON the same way', async () => {
    const tally = parseEncryptedTally(readTallyFromArchive(bel).encryptedTally);
    const byOwner = new Map<number, PartialDecryption>();
    for (const key of [keys[0], keys[2], keys[3]]) {
      const { owner, partial } = await decrypt(jsonFile, key);
      byOwner.set(owner, partial);
    }
    expect(computeResult(tally, combineFactors(setup.trustees, tally, byOwner), 4n)).toEqual([[3n, 1n]]);
    const out = logs.join('\n');
    expect(out).toContain('its proofs verify');
    for (const s of setup.secrets) expect(out).not.toContain(s.toString());
  });

  it("refuses a key that is not one of this election's trustees, writing nothing", async () => {
    const other = demoSetup({ singles: 1 });
    const stranger = path.join(dir, 'stranger.privkey');
    fs.writeFileSync(stranger, JSON.stringify(other.secrets[0].toString()));
    const out = path.join(dir, 'never.json');
    await expect(run('--record', belFile, '--key', stranger, '--out', out)).rejects.toMatchObject({ code: 'not_a_trustee' });
    expect(fs.existsSync(out)).toBe(false);
  });

  it('refuses a file whose uuid is not the election it holds, or whose trustees are from another election', async () => {
    const parts = readTallyFromArchive(bel);
    const wrongUuid = path.join(dir, 'wrong-uuid.json');
    fs.writeFileSync(wrongUuid, JSON.stringify({ ...parts, uuid: demoSetup().election.uuid }));
    await expect(run('--record', wrongUuid, '--key', keys[0])).rejects.toMatchObject({ code: 'election_mismatch' });

    const mixed = path.join(dir, 'mixed.json');
    fs.writeFileSync(mixed, JSON.stringify({ ...parts, trustees: demoSetup({ singles: 1 }).trusteesRaw }));
    await expect(run('--record', mixed, '--key', keys[0])).rejects.toMatchObject({ code: 'election_mismatch' });
  });

  it('refuses a .bel whose tally has not been computed, and a damaged key file, without printing the key', async () => {
    const early = path.join(dir, 'early.bel');
    const { bytes } = writeElectionArchive({ timestamp: 1795344879, election: setup.election, trustees: setup.trustees, trusteesRaw: setup.trusteesRaw, credentials: setup.credentials, credentialsRaw: setup.credentialsRaw, ballots: [] });
    fs.writeFileSync(early, bytes);
    await expect(run('--record', early, '--key', keys[0])).rejects.toThrow(/no EncryptedTally event/);

    const damaged = path.join(dir, 'damaged.share');
    const text = fs.readFileSync(keys[1], 'utf8').replace(/"share":"(\d+)"/, (_, d: string) => `"share":"${BigInt(d) + 1n}"`);
    fs.writeFileSync(damaged, text);
    const err = (await run('--record', belFile, '--key', damaged).catch((e: unknown) => e)) as Error & { code: string };
    expect(err.code).toBe('file_invalid');
    expect(err.message).toMatch(/does not match the share/);
    expect(err.message).not.toContain((setup.secrets[1] + 1n).toString());
  });
});
