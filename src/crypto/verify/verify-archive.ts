// Whole-archive verification (specification "Audit"; belenios-protocol.md §13). One pass over
// the entries: data bodies wait (as views, no copies) until the event that references them,
// then are checked and dropped. Every departure from the specification is a failed check; the
// report lists them all instead of stopping at the first.
import { isCryptoError, type CryptoError } from 'src/crypto/errors';
import { decodeUtf8 } from 'src/crypto/encoding/json';
import { readArchive, type ArchiveRecord } from 'src/crypto/archive/archive-reader';
import { parseSetupData, type ArchiveEvent, type EventType } from 'src/crypto/archive/event';
import { BALLOT_CHECKS, verifyBallot, type BallotCheck } from 'src/crypto/ballot/verify-ballot';
import type { Ciphertext } from 'src/crypto/ballot/ciphertext';
import type { PublicCredential } from 'src/crypto/credential/public-credentials';
import { Reporter, type VerificationReport } from 'src/crypto/verify/report';
import { verifySetup, type SetupState } from 'src/crypto/verify/verify-setup';
import { TallyState } from 'src/crypto/verify/verify-tally';

/** Which events may follow which (Setup, Ballot*, EndBallots, EncryptedTally, PartialDecryption*, Result). */
const NEXT: Record<string, readonly EventType[]> = {
  start: ['Setup'],
  Setup: ['Ballot', 'EndBallots'],
  Ballot: ['Ballot', 'EndBallots'],
  EndBallots: ['EncryptedTally'],
  EncryptedTally: ['PartialDecryption'],
  PartialDecryption: ['PartialDecryption', 'Result'],
  Result: [],
};

/** Data entries written immediately before each event, in order (belenios-tool's layout). */
const DATA_BEFORE: Record<EventType, number> = {
  Setup: 4,
  Ballot: 1,
  EndBallots: 0,
  EncryptedTally: 2,
  Shuffle: 2,
  EndShuffles: 0,
  PartialDecryption: 2,
  Result: 1,
};

const BALLOT_TITLES: Record<(typeof BALLOT_CHECKS)[number], string> = {
  well_formed: 'Ballots are well-formed (every point and scalar checked)',
  canonical_serialization: 'Ballots are stored in canonical compact form',
  election_uuid: 'Ballots name this election (uuid)',
  election_hash: 'Ballots carry this election fingerprint',
  credential_known: 'Ballot credentials are public credentials',
  answer_count: 'Ballots answer every question with the right number of choices and proofs',
  signature_hash: 'Ballot signature hash matches the ballot',
  signature_proof: 'Ballot signatures verify',
  ciphertexts_valid: 'Every ballot ciphertext is a valid subgroup point pair',
  individual_proofs: 'Individual 0/1 proofs verify',
  overall_proofs: 'Overall (min/max) proofs verify',
  blank_proofs: 'Blank proofs verify',
};

/** What the archive verifier needs from one ballot's verification (verifyBallot's result). */
export interface BallotOutcome {
  ok: boolean;
  checks: readonly BallotCheck[];
  tracker: string;
  credential?: PublicCredential;
  /** Ciphertexts per answer, when ok (for the tally). */
  choices?: readonly (readonly Ciphertext[])[];
}

/**
 * Supplies the verification of the `ordinal`-th Ballot event (0-based, every Ballot event
 * counted) whose data entry is `name`/`body`, e.g. computed ahead by worker threads. Returning
 * undefined makes the verifier run verifyBallot itself.
 */
export type BallotOutcomeSource = (ordinal: number, name: string, body: Uint8Array, setup: SetupState) => BallotOutcome | undefined;

export class ArchiveVerifier {
  readonly r = new Reporter();
  private timestamp: number | undefined;
  private pending: { hash: string; name: string; body: Uint8Array }[] = [];
  private lastEventHash: string | undefined;
  private lastHeight = -1;
  private stage = 'start';
  private setup: SetupState | undefined;
  private ballots = 0;
  private ballotEvents = 0;
  private readonly trackers = new Set<string>();
  /** Last valid ballot of each credential (revoting): only these are tallied. */
  private readonly lastBallot = new Map<string, { answers: readonly { choices: readonly Ciphertext[] }[]; weight: bigint }>();
  private tally: TallyState | undefined;

  constructor(private readonly outcomes?: BallotOutcomeSource) {}

  record(rec: ArchiveRecord): void {
    const r = this.r;
    if (rec.kind === 'header') {
      this.timestamp = rec.timestamp;
      r.pass('archive.header', 'Archive header (BELENIOS, version 1, timestamp)');
      return;
    }
    r.check('archive.file_hashes', 'Every entry is named by the SHA-256 of its content', rec.hashOk, rec.entry.name, 'content does not match the hash in its name');
    r.check('archive.timestamps', "Entries carry the header timestamp (Belenios' layout)", rec.entry.mtime === this.timestamp, rec.entry.name, `mtime ${rec.entry.mtime} differs from the header timestamp ${this.timestamp}`);
    if (rec.kind === 'data') {
      this.pending.push({ hash: rec.hash, name: rec.entry.name, body: rec.entry.body });
      return;
    }
    this.event(rec.hash, rec.event, rec.entry.name);
  }

  private event(hash: string, e: ArchiveEvent, name: string): void {
    const r = this.r;
    const ordinal = e.type === 'Ballot' ? this.ballotEvents++ : -1;
    r.check('chain.parent', 'Each event links to the previous event', e.parent === this.lastEventHash, name, this.lastEventHash === undefined ? 'the first event must have no parent' : `parent should be ${this.lastEventHash}`);
    r.check('chain.height', 'Event heights increase by one from 0', e.height === this.lastHeight + 1, name, `height ${e.height}, expected ${this.lastHeight + 1}`);
    const allowed = NEXT[this.stage] ?? [];
    r.check('chain.order', 'Events come in the allowed order', allowed.includes(e.type), name, `${e.type} may not follow ${this.stage}`);
    this.lastEventHash = hash;
    this.lastHeight = e.height;
    const data = this.pending;
    this.pending = [];
    const needsPayload = DATA_BEFORE[e.type] > 0;
    const payloadOk = needsPayload ? e.payload !== undefined && data.length > 0 && data[data.length - 1].hash === e.payload : e.payload === undefined;
    r.check('chain.payload', 'Event payloads reference the data written just before them', payloadOk && data.length === DATA_BEFORE[e.type], name, `${e.type} expects ${DATA_BEFORE[e.type]} data entries ending with its payload, found ${data.length}`);
    if (!allowed.includes(e.type) || !payloadOk || data.length !== DATA_BEFORE[e.type]) {
      this.stage = allowed.includes(e.type) ? e.type : this.stage;
      return;
    }
    this.stage = e.type;
    try {
      this.dispatch(e.type, data, name, ordinal);
    } catch (err) {
      if (!isCryptoError(err)) throw err;
      r.fail(`event.${e.type}`, `${e.type} event data is well-formed`, name, `${err.reason}: ${err.message}`);
    }
  }

  private dispatch(type: EventType, data: { hash: string; name: string; body: Uint8Array }[], name: string, ordinal: number): void {
    const r = this.r;
    switch (type) {
      case 'Setup': {
        const sd = parseSetupData(data[3].body);
        const ok = sd.election === data[0].hash && sd.trustees === data[1].hash && sd.credentials === data[2].hash;
        r.check('setup.hashes', 'setup_data names the election, trustees and credentials written before it', ok, name, 'setup_data hashes do not match the preceding entries');
        r.check('setup.data_canonical', 'setup_data is in canonical form', decodeUtf8(data[3].body, 'setup_data') === `{"election":"${sd.election}","trustees":"${sd.trustees}","credentials":"${sd.credentials}"}`, name, 'not the canonical compact serialisation');
        this.setup = verifySetup(r, data[0].body, data[1].body, data[2].body);
        return;
      }
      case 'Ballot':
        return this.ballot(data[0], name, ordinal);
      case 'EndBallots':
        if (this.setup) this.tally = new TallyState(r, this.setup, this.lastBallot);
        return;
      case 'EncryptedTally':
        this.tally?.encryptedTally(data[0], data[1].body, name);
        return;
      case 'PartialDecryption':
        this.tally?.partialDecryption(data[0], data[1].body, name);
        return;
      case 'Result':
        this.tally?.result(data[0].body, name);
        return;
      case 'Shuffle':
      case 'EndShuffles':
        r.fail('chain.order', 'Events come in the allowed order', name, 'shuffles (non-homomorphic questions) are not supported');
        return;
    }
  }

  private ballot(entry: { name: string; body: Uint8Array }, name: string, ordinal: number): void {
    const r = this.r;
    this.ballots += 1;
    if (!this.setup) {
      r.fail('ballot.well_formed', BALLOT_TITLES.well_formed, name, 'no valid setup to check the ballot against');
      return;
    }
    const setup = this.setup;
    const v: BallotOutcome =
      this.outcomes?.(ordinal, entry.name, entry.body, setup) ??
      ((b) => ({ ...b, ...(b.ballot ? { choices: b.ballot.answers.map((a) => a.choices) } : {}) }))(verifyBallot(setup.election, setup.credentials.byHex, entry.body));
    const where = `ballot ${v.tracker}`;
    r.check('ballot.unique', 'No ballot appears twice', !this.trackers.has(v.tracker), where, 'duplicate ballot');
    this.trackers.add(v.tracker);
    for (const c of v.checks) r.check(`ballot.${c.name}`, BALLOT_TITLES[c.name], c.ok, where, c.reason ?? '');
    if (v.ok && v.choices && v.credential) {
      // Re-insert so map order is order of last ballots (as belenios' last(B)).
      this.lastBallot.delete(v.credential.hex);
      this.lastBallot.set(v.credential.hex, { answers: v.choices.map((choices) => ({ choices })), weight: v.credential.weight });
    }
  }

  structureError(e: CryptoError): void {
    this.r.fail('archive.structure', 'Archive structure (tar layout, entry names, events parse)', e.path, `${e.reason}: ${e.message}`);
  }

  finish(): VerificationReport {
    const r = this.r;
    r.check('archive.unreferenced_data', 'Every data entry is referenced by an event', this.pending.length === 0, 'end of archive', `${this.pending.length} data entries after the last event`);
    if (!this.setup) r.fail('setup.present', 'The archive has a valid Setup', 'archive', 'no valid Setup event');
    const stage = this.stage;
    if (stage !== 'Result') r.note('archive.header', 'Archive header (BELENIOS, version 1, timestamp)', `archive ends at stage ${stage}: later checks did not apply`);
    this.tally?.finish(stage);
    const result = this.tally?.resultValue;
    return {
      ok: !r.anyFailed(),
      checks: r.results(),
      ...(this.setup ? { electionUuid: this.setup.election.uuid, fingerprint: this.setup.election.fingerprint } : {}),
      ballots: this.ballots,
      tallied: this.lastBallot.size,
      ...(this.tally?.totalWeight !== undefined ? { totalWeight: this.tally.totalWeight.toString() } : {}),
      ...(result ? { result: result.map((row) => row.map(String)) } : {}),
      stage,
    };
  }
}

/** Verify a whole .bel archive (bytes). Never throws on bad input: failures are in the report. */
export function verifyArchive(bytes: Uint8Array, outcomes?: BallotOutcomeSource): VerificationReport {
  const v = new ArchiveVerifier(outcomes);
  try {
    for (const rec of readArchive(bytes)) v.record(rec);
  } catch (e) {
    if (!isCryptoError(e)) throw e;
    v.structureError(e);
  }
  return v.finish();
}

