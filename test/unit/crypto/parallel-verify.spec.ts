// Whole-archive verification on worker threads gives exactly the report of the single-threaded
// verifier (same checks, counts, failures and order), for valid vectors and tampered archives;
// and the sodium-native backend gives the same reports as noble.
import * as fs from 'node:fs';
import { verifyArchive } from 'src/crypto/verify/verify-archive';
import { useBackend } from 'src/crypto/native/backend';
import { VerifyPool, verifyArchiveParallel } from 'src/crypto/native/parallel-verify';
import { readArchive } from 'src/crypto/archive/archive-reader';
import { POSITIVE_CASES, belFile } from 'test/support/vectors';
import { rechain } from 'test/support/tamper';

const read = (name: string): Uint8Array => new Uint8Array(fs.readFileSync(belFile(name)));
const ballotBodies = (bytes: Uint8Array): string[] => {
  const out: string[] = [];
  let last = '';
  for (const rec of readArchive(bytes)) {
    if (rec.kind === 'data') last = new TextDecoder().decode(rec.entry.body);
    if (rec.kind === 'event' && rec.event.type === 'Ballot') out.push(last);
  }
  return out;
};

describe('parallel archive verification', () => {
  let pool: VerifyPool;
  beforeAll(() => {
    useBackend('sodium-native');
    pool = new VerifyPool({ workers: 2, block: 1 });
  });
  afterAll(async () => {
    await pool.close();
    useBackend('noble');
  });

  test.each(POSITIVE_CASES.map((c) => [c]))('%s: same report as the single-threaded verifier', async (name) => {
    const bytes = read(name);
    const single = verifyArchive(bytes);
    expect(single.ok).toBe(true);
    expect(await pool.verify(bytes)).toEqual(single);
  });

  test('tampered archives: same failures, same order', async () => {
    const good = read('leader-basic');
    const ballots = ballotBodies(good);
    expect(ballots.length).toBeGreaterThan(2);
    const variants = [
      // a proof response changed (hash chain rebuilt)
      rechain(good, (b) => (b === ballots[1] ? b.replace(/"response":"(\d)/, (_m, d: string) => `"response":"${(Number(d) % 9) + 1}`) : b)),
      // an alpha replaced by the order-2 point
      rechain(good, (b) => (b === ballots[0] ? b.replace(/"alpha":"[0-9a-f]{64}"/, `"alpha":"${'7f' + 'f'.repeat(61) + 'c'}"`) : b)),
      // the identity as alpha (decodes; the proofs then fail)
      rechain(good, (b) => (b === ballots[2] ? b.replace(/"alpha":"[0-9a-f]{64}"/, `"alpha":"${'0'.repeat(63)}1"`) : b)),
      // a ballot removed, another duplicated
      rechain(good, (b) => (b === ballots[0] ? ballots[1] : b)),
      // not JSON
      rechain(good, (b) => (b === ballots[1] ? '{"election_uuid":' : b)),
      // truncated archive (structure error part-way)
      good.subarray(0, Math.floor(good.length * 0.6)),
    ];
    for (const bad of variants) {
      const single = verifyArchive(bad);
      expect(single.ok).toBe(false);
      expect(await pool.verify(bad)).toEqual(single);
    }
  });

  test('sodium-native and noble give the same report', async () => {
    const bytes = read('twoq-blank-threshold');
    const native = await pool.verify(bytes);
    useBackend('noble');
    try {
      expect(verifyArchive(bytes)).toEqual(native);
    } finally {
      useBackend('sodium-native');
    }
  });

  test('verifyArchiveParallel with one worker runs on this thread', async () => {
    const bytes = read('leader-weighted-basic');
    expect(await verifyArchiveParallel(bytes, { workers: 1 })).toEqual(verifyArchive(bytes));
  });
});
