// Parsers for the record's own files (docs/RECORD.md). Each gives the value or the reason the
// file cannot be used, naming the file and the line or field, so every check that needs it can
// fail with that reason instead of crashing.

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

class FormatError extends Error {}

type Obj = Record<string, unknown>;

const fail = (where: string, what: string): never => {
  throw new FormatError(`${where}: ${what}`);
};

function obj(v: unknown, where: string): Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : fail(where, 'expected an object');
}
function arr(v: unknown, where: string): unknown[] {
  return Array.isArray(v) ? v : fail(where, 'expected an array');
}
function str(v: unknown, where: string): string {
  return typeof v === 'string' ? v : fail(where, 'expected a string');
}
function bool(v: unknown, where: string): boolean {
  return typeof v === 'boolean' ? v : fail(where, 'expected true or false');
}
export function count(v: unknown, where: string): number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : fail(where, 'expected a non-negative integer');
}
function onlyFields(o: Obj, where: string, required: readonly string[], optional: readonly string[] = []): void {
  for (const k of required) if (!(k in o)) fail(where, `missing field "${k}"`);
  for (const k of Object.keys(o)) if (!required.includes(k) && !optional.includes(k)) fail(where, `unexpected field "${k}"`);
}

function text(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail(file, 'not valid UTF-8');
  }
}

function json(bytes: Uint8Array, file: string): unknown {
  try {
    return JSON.parse(text(bytes, file)) as unknown;
  } catch (e) {
    if (e instanceof FormatError) throw e;
    return fail(file, `not valid JSON (${(e as Error).message})`);
  }
}

/** One compact JSON object per line, every line ending with a newline. */
function jsonLines(bytes: Uint8Array, file: string): { line: number; value: Obj }[] {
  const t = text(bytes, file);
  if (t.length === 0) return [];
  if (!t.endsWith('\n')) fail(file, 'the last line does not end with a newline');
  return t
    .slice(0, -1)
    .split('\n')
    .map((l, i) => {
      const where = `${file} line ${i + 1}`;
      let v: unknown;
      try {
        v = JSON.parse(l);
      } catch {
        return fail(where, 'not valid JSON');
      }
      return { line: i + 1, value: obj(v, where) };
    });
}

function parse<T>(bytes: Uint8Array | undefined, file: string, f: (b: Uint8Array) => T): Parsed<T> {
  if (bytes === undefined) return { ok: false, reason: `${file} is missing` };
  try {
    return { ok: true, value: f(bytes) };
  } catch (e) {
    if (e instanceof FormatError) return { ok: false, reason: e.message };
    throw e;
  }
}

// ---- election.json ----

export interface RecordQuestion {
  question: string;
  answers: string[];
  min: number;
  max: number;
  blank: boolean;
}

export interface RecordElection {
  id: string;
  beleniosUuid: string;
  online: boolean;
  questions: RecordQuestion[];
}

export function parseRecordElection(bytes: Uint8Array | undefined, file = 'election.json'): Parsed<RecordElection> {
  return parse(bytes, file, (b) => {
    const o = obj(json(b, file), file);
    const channels = obj(o.channels, `${file} channels`);
    const questions = arr(o.questions, `${file} questions`).map((q, i) => {
      const where = `${file} questions[${i}]`;
      const qo = obj(q, where);
      const answers = arr(qo.answers, `${where}.answers`).map((a, j) => str(a, `${where}.answers[${j}]`));
      const question: RecordQuestion = { question: str(qo.question, `${where}.question`), answers, min: count(qo.min, `${where}.min`), max: count(qo.max, `${where}.max`), blank: qo.blank === undefined ? false : bool(qo.blank, `${where}.blank`) };
      if (answers.length === 0 || question.min > question.max || question.max > answers.length) fail(where, 'needs answers and 0 ≤ min ≤ max ≤ number of answers');
      return question;
    });
    if (questions.length === 0) fail(`${file} questions`, 'no question');
    return { id: str(o.id, `${file} id`), beleniosUuid: str(o.uuid, `${file} uuid`), online: bool(channels.online, `${file} channels.online`), questions };
  });
}

// ---- manifest.json ----

export interface ManifestEntry {
  path: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  election: string;
  files: ManifestEntry[];
}

export const RECORD_FORMAT = 'hybrid-ballot-record/1';

export function parseManifest(bytes: Uint8Array | undefined, file = 'manifest.json'): Parsed<Manifest> {
  return parse(bytes, file, (b) => {
    const o = obj(json(b, file), file);
    onlyFields(o, file, ['format', 'election', 'files']);
    if (o.format !== RECORD_FORMAT) fail(`${file} format`, `expected "${RECORD_FORMAT}", got ${JSON.stringify(o.format)}`);
    const files = arr(o.files, `${file} files`).map((f, i) => {
      const where = `${file} files[${i}]`;
      const fo = obj(f, where);
      onlyFields(fo, where, ['path', 'sha256', 'bytes']);
      const sha256 = str(fo.sha256, `${where}.sha256`);
      if (!/^[0-9a-f]{64}$/.test(sha256)) fail(`${where}.sha256`, 'expected 64 lowercase hex digits');
      return { path: str(fo.path, `${where}.path`), sha256, bytes: count(fo.bytes, `${where}.bytes`) };
    });
    return { election: str(o.election, `${file} election`), files };
  });
}

/** SHA256SUMS: `<hex>  <path>` lines, in `sha256sum -c` form. */
export function parseSha256Sums(bytes: Uint8Array | undefined, file = 'SHA256SUMS'): Parsed<{ path: string; sha256: string }[]> {
  return parse(bytes, file, (b) => {
    const t = text(b, file);
    if (t.length > 0 && !t.endsWith('\n')) fail(file, 'the last line does not end with a newline');
    return t
      .split('\n')
      .slice(0, -1)
      .map((l, i) => {
        const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(l);
        return m ? { sha256: m[1], path: m[2] } : fail(`${file} line ${i + 1}`, 'expected "<64 hex>  <path>"');
      });
  });
}

// ---- credential lists ----

/** One lowercase 64-hex public credential per line, sorted, no repeats. */
export function parseCredentialList(bytes: Uint8Array | undefined, file: string): Parsed<string[]> {
  return parse(bytes, file, (b) => {
    const t = text(b, file);
    if (t.length === 0) return [];
    if (!t.endsWith('\n')) fail(file, 'the last line does not end with a newline');
    const lines = t.slice(0, -1).split('\n');
    lines.forEach((l, i) => {
      if (!/^[0-9a-f]{64}$/.test(l)) fail(`${file} line ${i + 1}`, 'expected a public credential (64 lowercase hex digits)');
      if (i > 0 && lines[i - 1] >= l) fail(`${file} line ${i + 1}`, lines[i - 1] === l ? `credential ${l} is listed twice` : 'lines are not sorted');
    });
    return lines;
  });
}

// ---- postal ----

/** `image`: the scan a paper was read from (sha256 hex and page in the file); absent for a keyed paper. */
export type Cvr = { line: number; batch: string; image?: { sha256: string; page: number } } & ({ kind: 'valid'; choices: unknown } | { kind: 'blank' } | { kind: 'invalid'; reason: string });

const IMAGE_FIELDS = ['image_sha256', 'image_page'];

function imageOf(o: Record<string, unknown>, where: string): { image?: { sha256: string; page: number } } {
  if (o.image_sha256 === undefined && o.image_page === undefined) return {};
  if (typeof o.image_sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(o.image_sha256)) return fail(`${where} image_sha256`, 'expected 64 lowercase hex digits, with image_page');
  if (typeof o.image_page !== 'number' || !Number.isInteger(o.image_page) || o.image_page < 1) return fail(`${where} image_page`, 'expected a page number ≥ 1, with image_sha256');
  return { image: { sha256: o.image_sha256, page: o.image_page } };
}

/** Shape only (fields and kinds); whether choices fit the questions is postal.cvrs_valid's business. */
export function parseCvrs(bytes: Uint8Array | undefined, file = 'postal/cvrs.jsonl'): Parsed<Cvr[]> {
  return parse(bytes, file, (b) =>
    jsonLines(b, file).map(({ line, value: o }): Cvr => {
      const where = `${file} line ${line}`;
      const batch = str(o.batch, `${where} batch`);
      switch (o.kind) {
        case 'valid':
          onlyFields(o, where, ['batch', 'kind', 'choices'], IMAGE_FIELDS);
          return { line, batch, kind: 'valid', choices: o.choices, ...imageOf(o, where) };
        case 'blank':
          onlyFields(o, where, ['batch', 'kind'], IMAGE_FIELDS);
          return { line, batch, kind: 'blank', ...imageOf(o, where) };
        case 'invalid':
          onlyFields(o, where, ['batch', 'kind', 'reason'], IMAGE_FIELDS);
          return { line, batch, kind: 'invalid', reason: str(o.reason, `${where} reason`), ...imageOf(o, where) };
        default:
          return fail(`${where} kind`, `expected "valid", "blank" or "invalid", got ${JSON.stringify(o.kind)}`);
      }
    }),
  );
}

export interface Batch {
  id: string;
  label: string;
  envelopesOpened: number;
  papers: number;
  valid: number;
  blank: number;
  invalid: number;
  mismatchReason: string | null;
}

export function parseBatches(bytes: Uint8Array | undefined, file = 'postal/batches.json'): Parsed<Batch[]> {
  return parse(bytes, file, (b) => {
    const seen = new Set<string>();
    return arr(json(b, file), file).map((v, i) => {
      const where = `${file} [${i}]`;
      const o = obj(v, where);
      onlyFields(o, where, ['id', 'label', 'envelopes_opened', 'papers', 'valid', 'blank', 'invalid', 'mismatch_reason']);
      const id = str(o.id, `${where}.id`);
      if (seen.has(id)) fail(`${where}.id`, `batch ${id} is listed twice`);
      seen.add(id);
      return {
        id,
        label: str(o.label, `${where}.label`),
        envelopesOpened: count(o.envelopes_opened, `${where}.envelopes_opened`),
        papers: count(o.papers, `${where}.papers`),
        valid: count(o.valid, `${where}.valid`),
        blank: count(o.blank, `${where}.blank`),
        invalid: count(o.invalid, `${where}.invalid`),
        mismatchReason: o.mismatch_reason === null ? null : str(o.mismatch_reason, `${where}.mismatch_reason`),
      };
    });
  });
}

// ---- online/superseded.jsonl ----

export interface SupersededBallot {
  line: number;
  tracker: string;
  credential: string;
  postalCredential: string;
  /** The ballot's bytes as received (a JSON string in the file; an object is taken as its compact form). */
  ballot: string;
}

export function parseSuperseded(bytes: Uint8Array | undefined, file: string): Parsed<SupersededBallot[]> {
  return parse(bytes, file, (b) =>
    jsonLines(b, file).map(({ line, value: o }) => {
      const where = `${file} line ${line}`;
      onlyFields(o, where, ['tracker', 'credential', 'postal_credential', 'ballot']);
      const ballot = typeof o.ballot === 'string' ? o.ballot : JSON.stringify(obj(o.ballot, `${where} ballot`));
      return { line, tracker: str(o.tracker, `${where} tracker`), credential: str(o.credential, `${where} credential`), postalCredential: str(o.postal_credential, `${where} postal_credential`), ballot };
    }),
  );
}

// ---- result.json ----

export interface ChannelCounts {
  online: number;
  postal: number;
  total: number;
}

export interface ResultQuestion {
  question: string;
  answers: ({ answer: string } & ChannelCounts)[];
  blank?: ChannelCounts;
}

export interface RecordResult {
  election: string;
  questions: ResultQuestion[];
  online: { ballots: number; weight: number };
  postal: { papers: number; valid: number; blank: number; invalid: number; invalidByReason: Record<string, number> };
  turnout: { eligible: number; online: number; postal: number; total: number };
}

function channelCounts(v: unknown, where: string, extra: readonly string[] = []): ChannelCounts {
  const o = obj(v, where);
  onlyFields(o, where, [...extra, 'online', 'postal', 'total']);
  return { online: count(o.online, `${where}.online`), postal: count(o.postal, `${where}.postal`), total: count(o.total, `${where}.total`) };
}

function countsByKey(v: unknown, where: string): Record<string, number> {
  const o = obj(v, where);
  return Object.fromEntries(Object.entries(o).map(([k, n]) => [k, count(n, `${where}.${k}`)]));
}

export function parseRecordResult(bytes: Uint8Array | undefined, file = 'result.json'): Parsed<RecordResult> {
  return parse(bytes, file, (b) => {
    const o = obj(json(b, file), file);
    onlyFields(o, file, ['election', 'questions', 'online', 'postal', 'turnout'], ['returns_rejected']);
    const questions = arr(o.questions, `${file} questions`).map((q, i) => {
      const where = `${file} questions[${i}]`;
      const qo = obj(q, where);
      onlyFields(qo, where, ['question', 'answers'], ['blank']);
      return {
        question: str(qo.question, `${where}.question`),
        answers: arr(qo.answers, `${where}.answers`).map((a, j) => ({ answer: str(obj(a, `${where}.answers[${j}]`).answer, `${where}.answers[${j}].answer`), ...channelCounts(a, `${where}.answers[${j}]`, ['answer']) })),
        ...(qo.blank === undefined ? {} : { blank: channelCounts(qo.blank, `${where}.blank`) }),
      };
    });
    const online = obj(o.online, `${file} online`);
    onlyFields(online, `${file} online`, ['ballots', 'weight']);
    const postal = obj(o.postal, `${file} postal`);
    onlyFields(postal, `${file} postal`, ['papers', 'valid', 'blank', 'invalid', 'invalid_by_reason']);
    const turnout = obj(o.turnout, `${file} turnout`);
    onlyFields(turnout, `${file} turnout`, ['eligible', 'online', 'postal', 'total']);
    if (o.returns_rejected !== undefined) countsByKey(o.returns_rejected, `${file} returns_rejected`);
    return {
      election: str(o.election, `${file} election`),
      questions,
      online: { ballots: count(online.ballots, `${file} online.ballots`), weight: count(online.weight, `${file} online.weight`) },
      postal: {
        papers: count(postal.papers, `${file} postal.papers`),
        valid: count(postal.valid, `${file} postal.valid`),
        blank: count(postal.blank, `${file} postal.blank`),
        invalid: count(postal.invalid, `${file} postal.invalid`),
        invalidByReason: countsByKey(postal.invalid_by_reason, `${file} postal.invalid_by_reason`),
      },
      turnout: { eligible: count(turnout.eligible, `${file} turnout.eligible`), online: count(turnout.online, `${file} turnout.online`), postal: count(turnout.postal, `${file} turnout.postal`), total: count(turnout.total, `${file} turnout.total`) },
    };
  });
}
