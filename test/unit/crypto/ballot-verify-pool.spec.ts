// The cast-path verifier on worker threads gives, for every kind of ballot, the verdict of
// verifyBallot run in this process (noble, the reference) against the election and only the
// signed-in member's credential; it stays correct under concurrency, refuses work at once when
// its queue is full, and survives workers dying mid-job without ever accepting a ballot it could
// not verify.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { verifyBallot, NOT_RUN } from 'src/crypto/ballot/verify-ballot';
import { ballotTracker } from 'src/crypto/ballot/ballot';
import { createBallot } from 'src/crypto/ballot/create-ballot';
import { parseElection, type Election } from 'src/crypto/election/election';
import { InProcessBallotVerifier, type BallotVerdict } from 'src/crypto/ballot/verify-cast';
import { publicCredentialHex } from 'src/crypto/credential/credential';
import type { PublicCredential } from 'src/crypto/credential/public-credentials';
import { COMMITTEE_BLANK, LEADER, demoSetup } from 'src/crypto/testing/demo-election';
import { BallotVerifyPool, PoolBusyError, PoolClosedError, VerificationFailedError } from 'src/crypto/native/ballot-verify-pool';
import { readBallotLines, vectorDir } from 'test/support/vectors';

// (0, −1): y = p − 1, big-endian hex as Belenios writes points.
// A replacement worker compiles its TypeScript with @swc/core as it starts (~1 s, several under
// a full parallel jest run): the crash tests start two or three.
jest.setTimeout(30_000);

const ORDER_2_POINT = '7f' + 'f'.repeat(60) + 'ec';
const Y_ABOVE_P = '7f' + 'f'.repeat(61) + 'c';
const CRASH = 'crash-this-worker';

/** The reference: verifyBallot in this process with a one-entry credential lookup. */
function reference(election: Election, credentialHex: string, raw: string): BallotVerdict {
  const only = { hex: credentialHex } as PublicCredential;
  const v = verifyBallot(election, { get: (h) => (h === credentialHex ? only : undefined) }, raw);
  const failed = v.checks.filter((c) => !c.ok && c.reason !== NOT_RUN).map((c) => c.name);
  return v.ballot === undefined ? { ok: false, failed, tracker: null, reason: expect.any(String) as string } : { ok: v.ok, failed, tracker: v.tracker };
}

/** Change the first digit of the first `"response":"…"` after `after` (a valid scalar stays one). */
function bumpResponse(raw: string, after: string): string {
  const at = raw.indexOf('"response":"', raw.indexOf(after)) + '"response":"'.length;
  const d = Number(raw[at]);
  return raw.slice(0, at) + String(d === 1 ? 2 : 1) + raw.slice(at + 1);
}

interface Case {
  name: string;
  electionRaw: string;
  credential: string;
  ballot: string;
}

describe('ballot verification pool (cast path)', () => {
  const vectorElection = fs.readFileSync(path.join(vectorDir('leader-basic'), 'setup', 'election.json'), 'utf8').trim();
  const vectorBallot = readBallotLines('leader-basic')[0];
  const vectorCredential = (JSON.parse(vectorBallot) as { credential: string }).credential;
  const demo = demoSetup({ questions: [LEADER, COMMITTEE_BLANK], voters: 3 });
  const demoRaw = demo.election.raw;
  const demoCred = (i: number): string => publicCredentialHex(demo.election.uuid, demo.privateCreds[i]);
  const demoBallot = createBallot(demo.election, demo.privateCreds[0], [[0, 1], [0, 1, 1, 0]]).raw;
  const otherElection = demoSetup({ voters: 1 });
  const otherBallot = createBallot(otherElection.election, otherElection.privateCreds[0], [[1, 0]]).raw;

  const cases: Case[] = [
    { name: 'valid (belenios-tool 2.5.1 vector)', electionRaw: vectorElection, credential: vectorCredential, ballot: vectorBallot },
    { name: 'valid (two questions, blank)', electionRaw: demoRaw, credential: demoCred(0), ballot: demoBallot },
    { name: 'tampered signature', electionRaw: demoRaw, credential: demoCred(0), ballot: bumpResponse(demoBallot, '"signature"') },
    { name: 'tampered individual proof', electionRaw: demoRaw, credential: demoCred(0), ballot: bumpResponse(demoBallot, '"individual_proofs"') },
    { name: 'tampered overall proof', electionRaw: vectorElection, credential: vectorCredential, ballot: bumpResponse(vectorBallot, '"overall_proof"') },
    { name: 'credential of another member', electionRaw: demoRaw, credential: demoCred(1), ballot: demoBallot },
    { name: 'ballot of another election', electionRaw: demoRaw, credential: demoCred(0), ballot: otherBallot },
    { name: 'invalid point (order 2)', electionRaw: demoRaw, credential: demoCred(0), ballot: demoBallot.replace(/"alpha":"[0-9a-f]{64}"/, `"alpha":"${ORDER_2_POINT}"`) },
    { name: 'non-canonical point (y ≥ p)', electionRaw: demoRaw, credential: demoCred(0), ballot: demoBallot.replace(/"credential":"[0-9a-f]{64}"/, `"credential":"${Y_ABOVE_P}"`) },
    { name: 'point off the curve', electionRaw: vectorElection, credential: vectorCredential, ballot: vectorBallot.replace(/"beta":"[0-9a-f]{64}"/, `"beta":"${'0'.repeat(62)}02"`) },
    { name: 'malformed JSON', electionRaw: demoRaw, credential: demoCred(0), ballot: demoBallot.slice(0, 300) },
    { name: 'JSON but not a ballot', electionRaw: demoRaw, credential: demoCred(0), ballot: '{"election_uuid":"x"}' },
    { name: 'non-canonical bytes', electionRaw: demoRaw, credential: demoCred(0), ballot: demoBallot.replace('{"election_uuid"', '{ "election_uuid"') },
  ];
  const expected = new Map(cases.map((c) => [c.name, reference(parseElection(c.electionRaw), c.credential, c.ballot)]));

  let pool: BallotVerifyPool;
  beforeAll(async () => {
    pool = new BallotVerifyPool({ workers: 2, maxQueue: 1000, crashMarker: CRASH });
    // The workers run the fastest backend while this thread's reference runs noble.
    expect(await pool.ready()).toEqual(['sodium-native', 'sodium-native']);
  });
  afterAll(() => pool.close());

  test.each(cases.map((c) => [c.name, c]))('%s: same verdict as verifyBallot in-process', async (_name, c) => {
    expect(await pool.verify(c.electionRaw, c.credential, c.ballot)).toEqual(expected.get(c.name));
  });

  test('the verdicts say what is wrong', async () => {
    const v = async (name: string) => {
      const c = cases.find((x) => x.name === name)!;
      return pool.verify(c.electionRaw, c.credential, c.ballot);
    };
    expect(await v('valid (belenios-tool 2.5.1 vector)')).toEqual({ ok: true, failed: [], tracker: ballotTracker(vectorBallot) });
    expect(await v('valid (two questions, blank)')).toEqual({ ok: true, failed: [], tracker: ballotTracker(demoBallot) });
    expect(await v('tampered signature')).toMatchObject({ ok: false, failed: ['signature_proof'] });
    // The signature hash covers the proofs, so changing one breaks both.
    expect(await v('tampered individual proof')).toMatchObject({ ok: false, failed: ['signature_hash', 'individual_proofs'] });
    expect(await v('tampered overall proof')).toMatchObject({ ok: false, failed: ['signature_hash', 'overall_proofs'] });
    const wrongCred = await v('credential of another member');
    expect(wrongCred).toEqual({ ok: false, failed: ['credential_known'], tracker: ballotTracker(demoBallot) });
    expect(await v('ballot of another election')).toMatchObject({ ok: false, failed: ['election_uuid', 'election_hash', 'credential_known', 'answer_count'] });
    const badPoint = await v('invalid point (order 2)');
    expect(badPoint).toMatchObject({ ok: false, failed: ['ciphertexts_valid'], tracker: null });
    expect(badPoint.reason).toMatch(/^point_not_in_subgroup: ballot\.answers\[0\]\.choices\[0\]\.alpha: /);
    expect((await v('non-canonical point (y ≥ p)')).reason).toMatch(/^non_canonical_point: ballot\.credential: /);
    expect((await v('point off the curve')).reason).toMatch(/^point_not_on_curve: ballot\.answers\[0\]\.choices\[0\]\.beta: /);
    const malformed = await v('malformed JSON');
    expect(malformed).toMatchObject({ ok: false, failed: ['well_formed'], tracker: null });
    expect(malformed.reason).toMatch(/^invalid_json: ballot: /);
    expect((await v('JSON but not a ballot')).reason).toMatch(/^invalid_structure: ballot/);
    expect(await v('non-canonical bytes')).toMatchObject({ ok: false, failed: ['canonical_serialization'] });
  });

  test('the in-process verifier gives the same verdicts', async () => {
    const inProcess = new InProcessBallotVerifier();
    for (const c of cases) expect(await inProcess.verify(c.electionRaw, c.credential, c.ballot)).toEqual(expected.get(c.name));
    await inProcess.close();
  });

  test('many concurrent verifications give the sequential answers', async () => {
    const jobs = Array.from({ length: 240 }, (_, i) => cases[(i * 7) % cases.length]);
    const sequential = jobs.map((c) => expected.get(c.name));
    const concurrent = await Promise.all(jobs.map((c) => pool.verify(c.electionRaw, c.credential, c.ballot)));
    expect(concurrent).toEqual(sequential);
    expect(pool.stats()).toMatchObject({ queued: 0, inFlight: 0 });
  });

  test('an election that does not parse is an error, not a verdict on the ballot', async () => {
    await expect(pool.verify('{"version":1}', demoCred(0), demoBallot)).rejects.toThrow(/ballot verification failed: election/);
  });

  test('a worker that dies mid-job is replaced; its jobs are retried once, a ballot that kills two workers fails', async () => {
    const before = pool.stats().crashes;
    const poison = `${demoBallot.slice(0, -1)},"${CRASH}":1}`;
    const valid = cases[1];
    const jobs = Array.from({ length: 30 }, () => pool.verify(valid.electionRaw, valid.credential, valid.ballot));
    const killed = pool.verify(demoRaw, demoCred(0), poison);
    jobs.push(...Array.from({ length: 30 }, () => pool.verify(valid.electionRaw, valid.credential, valid.ballot)));
    await expect(killed).rejects.toBeInstanceOf(VerificationFailedError);
    await expect(killed).rejects.toThrow(/exit code 70\) twice/);
    for (const v of await Promise.all(jobs)) expect(v).toEqual(expected.get(valid.name));
    expect(pool.stats()).toMatchObject({ workers: 2, crashes: before + 2, queued: 0, inFlight: 0 });
    expect(await pool.ready()).toEqual(['sodium-native', 'sodium-native']);
    expect(await pool.verify(valid.electionRaw, valid.credential, valid.ballot)).toEqual(expected.get(valid.name));
  });

  test('jobs a dying worker held but had not started are retried without being charged', async () => {
    // One worker holding three jobs: it answers the first, dies on the second (twice, on its
    // replacement too); the third waited behind it both times and is still verified.
    const one = new BallotVerifyPool({ workers: 1, inFlightPerWorker: 3, crashMarker: CRASH });
    try {
      await one.ready();
      const c = cases[1];
      const poison = `${demoBallot.slice(0, -1)},"${CRASH}":1}`;
      const first = one.verify(c.electionRaw, c.credential, c.ballot);
      const killed = one.verify(demoRaw, demoCred(0), poison).catch((e: unknown) => e);
      const third = one.verify(c.electionRaw, c.credential, c.ballot);
      expect(one.stats()).toMatchObject({ queued: 0, inFlight: 3 });
      expect(await first).toEqual(expected.get(c.name));
      expect(await killed).toBeInstanceOf(VerificationFailedError);
      expect(await third).toEqual(expected.get(c.name));
      expect(one.stats()).toMatchObject({ workers: 1, crashes: 2, queued: 0, inFlight: 0 });
    } finally {
      await one.close();
    }
  });

  test('a full queue refuses at once with PoolBusyError', async () => {
    const small = new BallotVerifyPool({ workers: 1, maxQueue: 3, inFlightPerWorker: 1 });
    try {
      await small.ready();
      const c = cases[0];
      const accepted = Array.from({ length: 4 }, () => small.verify(c.electionRaw, c.credential, c.ballot));
      expect(small.stats()).toMatchObject({ queued: 3, inFlight: 1 });
      const refused = small.verify(c.electionRaw, c.credential, c.ballot);
      await expect(refused).rejects.toBeInstanceOf(PoolBusyError);
      await expect(refused).rejects.toMatchObject({ queued: 3, retryAfterSeconds: 1 });
      for (const v of await Promise.all(accepted)) expect(v.ok).toBe(true);
      // Room again once the queue drains.
      expect((await small.verify(c.electionRaw, c.credential, c.ballot)).ok).toBe(true);
    } finally {
      await small.close();
    }
  });

  test('close() rejects what is pending and refuses new work', async () => {
    const p = new BallotVerifyPool({ workers: 1 });
    const c = cases[0];
    const pending = Array.from({ length: 5 }, () => p.verify(c.electionRaw, c.credential, c.ballot).catch((e: unknown) => e));
    await p.close();
    for (const v of await Promise.all(pending)) expect(v).toBeInstanceOf(PoolClosedError);
    await expect(p.verify(c.electionRaw, c.credential, c.ballot)).rejects.toBeInstanceOf(PoolClosedError);
  });

  test('the noble backend in the workers gives the same verdicts', async () => {
    const p = new BallotVerifyPool({ workers: 1, backend: 'noble' });
    try {
      expect(await p.ready()).toEqual(['noble']);
      for (const c of cases.slice(0, 4)) expect(await p.verify(c.electionRaw, c.credential, c.ballot)).toEqual(expected.get(c.name));
    } finally {
      await p.close();
    }
  });
});
