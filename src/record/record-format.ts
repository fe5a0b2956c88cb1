// The files of the election record as bytes (docs/RECORD.md), from plain data. Pure: no
// database, no file system, so the format is tested on its own and the builder only gathers.
import { createHash } from 'node:crypto';
import { InvalidReason, PaperKind } from 'src/count/paper-content';
import { Channels, PrecedencePolicy, Question, Timeline } from 'src/elections/election.types';
import { SupersededBallot } from 'src/record/tally-outcome';

export const RECORD_FORMAT = 'hybrid-ballot-record/1';
export const MANIFEST_PATH = 'manifest.json';
export const SUMS_PATH = 'SHA256SUMS';

/** Paths of the record, fixed by RECORD.md; the `.bel` is named after the Belenios uuid. */
export const RECORD_PATHS = {
  election: 'election.json',
  superseded: 'online/superseded.jsonl',
  cvrs: 'postal/cvrs.jsonl',
  batches: 'postal/batches.json',
  countedCredentials: 'postal/counted-credentials.txt',
  voided: 'credentials/voided.txt',
  result: 'result.json',
  precedence: 'precedence.json',
} as const;

export function archivePath(beleniosUuid: string): string {
  return `online/${beleniosUuid}.bel`;
}

export interface RecordFile {
  path: string;
  sha256: string;
  bytes: number;
}

export interface PublishedElection {
  id: string;
  beleniosUuid: string;
  title: string;
  description: string;
  questions: Question[];
  channels: Channels;
  precedencePolicy: PrecedencePolicy;
  onlineRevoting: boolean;
  timeline: Timeline;
}

export interface CvrRow {
  batchId: string;
  kind: PaperKind;
  choices: number[][] | null;
  invalidReason: InvalidReason | null;
  /** The scan the paper was read from (issue 7); null for a keyed paper. */
  imageSha256?: string | null;
  imagePage?: number | null;
}

export interface BatchFigures {
  id: string;
  label: string;
  envelopesOpened: number | null;
  valid: number;
  blank: number;
  invalid: number;
  mismatchReason: string | null;
}

const encoder = new TextEncoder();

/** A JSON document: two-space indented, UTF-8, ending with a newline. */
export function jsonFile(value: unknown): Uint8Array {
  return encoder.encode(`${JSON.stringify(value, null, 2)}\n`);
}

/** One line of a `.jsonl` file: compact, newline-terminated. */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value)}\n`;
}

/**
 * The election as published. Only what voters were told and what the record's checks need:
 * no roll, no second factor (that is how members sign in, not how the vote is counted).
 */
export function electionJson(e: PublishedElection): Uint8Array {
  return jsonFile({
    id: e.id,
    uuid: e.beleniosUuid,
    title: e.title,
    description: e.description,
    questions: e.questions.map((q) => ({ question: q.question, answers: q.answers, min: q.min, max: q.max, blank: q.blank })),
    channels: { online: e.channels.online, postal: e.channels.postal },
    precedence_policy: e.precedencePolicy,
    online_revoting: e.onlineRevoting,
    timeline: {
      online_opens_at: e.timeline.onlineOpensAt,
      online_closes_at: e.timeline.onlineClosesAt,
      postal_deadline: e.timeline.postalDeadline,
      time_zone: e.timeline.timeZone,
    },
  });
}

export function supersededLine(s: SupersededBallot): string {
  return jsonLine({ tracker: s.tracker, credential: s.credential.toLowerCase(), postal_credential: s.postalCredential?.toLowerCase() ?? null, ballot: s.ballot });
}

/**
 * A CVR as published: its batch, what the paper says and, for a scanned paper, the SHA-256 of
 * the scan and its page in that file (the images stay with the count, for audit); never its id
 * (DESIGN.md §9).
 */
export function cvrLine(c: CvrRow): string {
  const image = c.imageSha256 ? { image_sha256: c.imageSha256, image_page: c.imagePage ?? 1 } : {};
  switch (c.kind) {
    case 'valid':
      if (!c.choices) throw new Error('A valid cast-vote record has no choices');
      return jsonLine({ batch: c.batchId, kind: 'valid', choices: c.choices, ...image });
    case 'blank':
      return jsonLine({ batch: c.batchId, kind: 'blank', ...image });
    case 'invalid':
      if (!c.invalidReason) throw new Error('An invalid cast-vote record has no reason');
      return jsonLine({ batch: c.batchId, kind: 'invalid', reason: c.invalidReason, ...image });
    default: {
      const never: never = c.kind;
      return never;
    }
  }
}

export function batchesJson(batches: BatchFigures[]): Uint8Array {
  return jsonFile(
    batches.map((b) => ({
      id: b.id,
      label: b.label,
      envelopes_opened: b.envelopesOpened,
      papers: b.valid + b.blank + b.invalid,
      valid: b.valid,
      blank: b.blank,
      invalid: b.invalid,
      mismatch_reason: b.mismatchReason,
    })),
  );
}

/** Credentials one per line, lowercase, sorted and without repeats, as RECORD.md lists them. */
export function credentialList(credentials: Iterable<string>): Uint8Array {
  const sorted = [...new Set([...credentials].map((c) => c.toLowerCase()))].sort(byCodePoint);
  return encoder.encode(sorted.map((c) => `${c}\n`).join(''));
}

export function sortFiles(files: RecordFile[]): RecordFile[] {
  return [...files].sort((a, b) => byCodePoint(a.path, b.path));
}

export function manifestJson(electionId: string, files: RecordFile[]): Uint8Array {
  return jsonFile({ format: RECORD_FORMAT, election: electionId, files: sortFiles(files).map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.bytes })) });
}

/** `sha256sum -c` input: two spaces between hash and path (text mode). */
export function sha256Sums(files: RecordFile[]): Uint8Array {
  return encoder.encode(sortFiles(files).map((f) => `${f.sha256}  ${f.path}\n`).join(''));
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
