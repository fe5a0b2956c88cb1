// Everything the record checks look at, parsed once, and the checks' names and titles (the table
// of docs/RECORD.md, in its order).
import type { Reporter } from 'src/crypto/verify/report';
import { readBelFacts, type BelFacts } from 'src/verify/record/bel-facts';
import {
  parseBatches,
  parseCredentialList,
  parseCvrs,
  parseRecordElection,
  parseRecordResult,
  parseSuperseded,
  type Batch,
  type Cvr,
  type Parsed,
  type RecordElection,
  type RecordResult,
  type SupersededBallot,
} from 'src/verify/record/record-format';

export const RECORD_CHECKS = {
  manifest: 'Every listed file exists with its hash and size, no file is unlisted, SHA256SUMS agrees',
  'online.archive': 'The Belenios archive of the online channel verifies',
  'online.election_matches': "The .bel's election (uuid, questions, answers in order) is election.json's",
  'superseded.ballots_valid': 'Every superseded ballot is a valid ballot for this election with a listed credential',
  'superseded.justified': "Each superseded ballot's postal credential was counted; its own credential is that one or voided",
  'superseded.not_tallied': 'No superseded ballot is in the .bel',
  'channels.disjoint': 'No credential with a ballot in the .bel had its postal return counted',
  'voided.unused': 'No voided credential has a ballot in the .bel or a counted postal return',
  'postal.credentials_listed': "Every counted postal credential is in the .bel's public credential list",
  'postal.cvrs_valid': 'Every CVR names a known batch, is well formed for the questions, and no scanned page is behind two CVRs',
  'postal.batches_reconcile': 'Per batch, CVRs = papers = valid + blank + invalid; papers ≠ envelopes only with a reason',
  'postal.envelopes': 'Envelopes opened over all batches = counted postal credentials',
  'result.online': "result.json's online counts are the .bel's Result",
  'result.postal': "result.json's postal counts are the sums of the CVRs",
  'result.merged': 'Every total = online + postal; turnout adds up',
} as const;

export type RecordCheck = keyof typeof RECORD_CHECKS;

export const SUPERSEDED_FILE = 'online/superseded.jsonl';

export interface OnlineChannel {
  path: string;
  bytes: Uint8Array;
  facts: BelFacts;
}

export interface RecordContext {
  files: ReadonlyMap<string, Uint8Array>;
  election: Parsed<RecordElection>;
  /** The .bel, or why there is none: `postal-only` when election.json says the channel is off. */
  online: Parsed<OnlineChannel> | { ok: false; reason: 'postal-only' };
  superseded: Parsed<SupersededBallot[]>;
  counted: Parsed<string[]>;
  voided: Parsed<string[]>;
  cvrs: Parsed<Cvr[]>;
  batches: Parsed<Batch[]>;
  result: Parsed<RecordResult>;
}

function findBel(files: ReadonlyMap<string, Uint8Array>, election: Parsed<RecordElection>): RecordContext['online'] {
  if (election.ok) {
    const path = `online/${election.value.beleniosUuid}.bel`;
    const bytes = files.get(path);
    if (bytes) return { ok: true, value: { path, bytes, facts: readBelFacts(bytes) } };
    if (!election.value.online) return { ok: false, reason: 'postal-only' };
    return { ok: false, reason: `${path} is missing (election.json has the online channel)` };
  }
  const bels = [...files.keys()].filter((p) => /^online\/[^/]+\.bel$/.test(p));
  if (bels.length === 1) return { ok: true, value: { path: bels[0], bytes: files.get(bels[0])!, facts: readBelFacts(files.get(bels[0])!) } };
  return { ok: false, reason: `cannot tell which .bel to check (${bels.length} under online/ and election.json is unusable)` };
}

export function loadRecordContext(files: ReadonlyMap<string, Uint8Array>): RecordContext {
  const election = parseRecordElection(files.get('election.json'));
  const online = findBel(files, election);
  // A postal-only election may leave out online/ altogether: no superseded ballots then.
  const superseded = online.ok === false && online.reason === 'postal-only' && !files.has(SUPERSEDED_FILE) ? { ok: true as const, value: [] } : parseSuperseded(files.get(SUPERSEDED_FILE), SUPERSEDED_FILE);
  return {
    files,
    election,
    online,
    superseded,
    counted: parseCredentialList(files.get('postal/counted-credentials.txt'), 'postal/counted-credentials.txt'),
    voided: parseCredentialList(files.get('credentials/voided.txt'), 'credentials/voided.txt'),
    cvrs: parseCvrs(files.get('postal/cvrs.jsonl')),
    batches: parseBatches(files.get('postal/batches.json')),
    result: parseRecordResult(files.get('result.json')),
  };
}

/**
 * The values a check needs, or undefined after failing the check with the reason each unusable
 * input gives (a missing or malformed file fails every check that reads it).
 */
export function needs<T extends readonly Parsed<unknown>[]>(r: Reporter, id: RecordCheck, ...inputs: T): { [K in keyof T]: T[K] extends Parsed<infer V> ? V : never } | undefined {
  const bad = inputs.filter((p): p is Extract<Parsed<unknown>, { ok: false }> => !p.ok);
  if (bad.length === 0) return inputs.map((p) => (p as { value: unknown }).value) as { [K in keyof T]: T[K] extends Parsed<infer V> ? V : never };
  for (const b of bad) r.fail(id, RECORD_CHECKS[id], 'record', `cannot check: ${b.reason}`);
  return undefined;
}

/** The check passes when `failures` is empty, else lists them (the first few in the report). */
export function conclude(r: Reporter, id: RecordCheck, items: number, failures: readonly { where: string; reason: string }[]): void {
  if (failures.length === 0) {
    r.pass(id, RECORD_CHECKS[id]);
    const c = r.results().find((x) => x.id === id)!;
    c.count = items;
    return;
  }
  for (const f of failures) r.fail(id, RECORD_CHECKS[id], f.where, f.reason);
  const c = r.results().find((x) => x.id === id)!;
  c.count = items;
}
