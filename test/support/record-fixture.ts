// An election record built the way docs/RECORD.md describes it, independently of the server's
// record builder and of the verifier: the .bel comes from the pure crypto module (demoSetup /
// demoArchive), and every count in result.json is computed here from the plaintext votes, so a
// record that verifies also confirms the archive decrypts to what the voters chose.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipSync } from 'fflate';
import { createBallot } from 'src/crypto/ballot/create-ballot';
import type { Question } from 'src/crypto/election/question';
import { COMMITTEE_BLANK, LEADER, demoArchive, demoSetup, type DemoSetup } from 'src/crypto/testing/demo-election';

export interface RecordFixtureOptions {
  /** Members whose online ballot counts (default 4; the first revotes once). */
  online?: number;
  /** Members whose postal return counts (default 5: valid, blank and invalid papers). */
  postal?: number;
  /** Of the postal members, how many had voted online first: their ballots are superseded (default 1). */
  superseded?: number;
  /** Voided credentials (reissued packs; default 1). */
  voided?: number;
  /** Credentials issued and never used (default 1). */
  spare?: number;
  /** Add a second question that allows blank (min 1, max 2). */
  blank?: boolean;
  /** Trustees: a Pedersen 2-of-3 group whose member 2 never decrypts, instead of one Single key. */
  pedersen?: boolean;
  /** Members on the roll (default: every credential but the spares). */
  eligible?: number;
  /** Directory to write into (default: a new temporary one). */
  dir?: string;
}

export interface RecordFixture {
  dir: string;
  setup: DemoSetup;
  electionId: string;
  uuid: string;
  belPath: string;
  /** Raw ballots in the .bel, in order. */
  ballots: string[];
  onlineCredentials: string[];
  postalCredentials: string[];
  voidedCredentials: string[];
  /** Indices into setup.privateCreds of credentials nobody used. */
  spareIndices: number[];
  superseded: { raw: string; tracker: string; credential: string }[];
}

const sha256 = (b: Uint8Array | string): string => createHash('sha256').update(b).digest('hex');

/** A member's plaintext vote (Belenios form: blank flag first where blank is allowed). */
function onlineVote(questions: Question[], i: number): number[][] {
  return questions.map((q) => {
    if (!q.blank) return q.answers.map((_, j) => (j === i % 3 % q.answers.length ? 1 : 0));
    const patterns = [
      [0, 1, 0, 0],
      [0, 0, 1, 1],
      [1, 0, 0, 0],
      [0, 1, 0, 1],
    ];
    return patterns[i % patterns.length];
  });
}

type Paper = { kind: 'valid'; choices: number[][] } | { kind: 'blank' } | { kind: 'invalid'; reason: string };

/** The paper in the k-th postal envelope: mostly valid, some blank, some invalid. */
function postalPaper(questions: Question[], k: number): Paper {
  if (k % 5 === 3) return { kind: 'blank' };
  if (k % 5 === 4) return { kind: 'invalid', reason: k % 2 === 0 ? 'over_vote' : 'unclear_intent' };
  return {
    kind: 'valid',
    choices: questions.map((q) => {
      if (!q.blank) return q.answers.map((_, j) => (j === (k + 1) % q.answers.length ? 1 : 0));
      return k % 3 === 2 ? q.answers.map(() => 0) : q.answers.map((_, j) => (j === k % q.answers.length ? 1 : 0));
    }),
  };
}

const jsonl = (rows: unknown[]): string => rows.map((r) => JSON.stringify(r) + '\n').join('');

export function buildRecord(opts: RecordFixtureOptions = {}): RecordFixture {
  const nOnline = opts.online ?? 4;
  const nPostal = opts.postal ?? 5;
  const nSuperseded = opts.superseded ?? 1;
  const nVoided = opts.voided ?? 1;
  const nSpare = opts.spare ?? 1;
  if (nSuperseded > nPostal) throw new Error('superseded ballots come from postal members');
  const questions = opts.blank ? [LEADER, COMMITTEE_BLANK] : [LEADER];
  const setup = demoSetup({
    questions,
    voters: nOnline + nPostal + nVoided + nSpare,
    ...(opts.pedersen ? { singles: 0, threshold: { n: 3, k: 2, decryptors: [1, 3] } } : {}),
  });
  const uuid = setup.election.uuid;
  // The setup's list is in the order of privateCreds.
  const hexOf = (i: number): string => setup.credentials.list[i].hex;
  const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);
  const onlineIdx = range(0, nOnline);
  const postalIdx = range(nOnline, nPostal);
  const voidedIdx = range(nOnline + nPostal, nVoided);
  const spareIndices = range(nOnline + nPostal + nVoided, nSpare);

  // Online: one ballot each, the first member revotes (both stay in the .bel; the last counts).
  const ballots: string[] = [];
  const counted = new Map<number, number[][]>();
  const cast = (i: number, vote: number[][]): void => {
    ballots.push(createBallot(setup.election, setup.privateCreds[i], vote).raw);
    counted.set(i, vote);
  };
  if (nOnline > 0) cast(onlineIdx[0], onlineVote(questions, 1));
  for (const i of onlineIdx) cast(i, onlineVote(questions, i));
  const superseded = postalIdx.slice(0, nSuperseded).map((i) => {
    const b = createBallot(setup.election, setup.privateCreds[i], onlineVote(questions, i));
    return { raw: b.raw, tracker: b.tracker, credential: hexOf(i) };
  });
  const bel = demoArchive(setup, ballots).bytes;

  // Postal: one envelope per member, the papers in two batches, CVRs in an order unrelated to
  // intake (sorted by a random id that is not published).
  const papers = postalIdx.map((_, k) => postalPaper(questions, k));
  const half = Math.ceil(papers.length / 2);
  const batches = [
    { id: randomUUID(), label: 'Tray A', from: 0, to: half },
    { id: randomUUID(), label: 'Tray B', from: half, to: papers.length },
  ];
  const cvrs = papers
    // Every other paper was scanned: its record names the scan's SHA-256 and page (issue 7).
    .map((p, k) => ({
      sortKey: randomBytes(8).toString('hex'),
      row: { batch: batches.find((b) => k >= b.from && k < b.to)!.id, ...p, ...(k % 2 === 0 ? { image_sha256: randomBytes(32).toString('hex'), image_page: 1 + (k % 3) } : {}) },
    }))
    .sort((a, b) => (a.sortKey < b.sortKey ? -1 : 1))
    .map((c) => c.row);
  const batchRows = batches.map((b) => {
    const ps = papers.slice(b.from, b.to);
    const n = (kind: Paper['kind']) => ps.filter((p) => p.kind === kind).length;
    return { id: b.id, label: b.label, envelopes_opened: ps.length, papers: ps.length, valid: n('valid'), blank: n('blank'), invalid: n('invalid'), mismatch_reason: null };
  });

  // The merged result, from the plaintexts.
  const resultQuestions = questions.map((q, qi) => {
    const off = q.blank ? 1 : 0;
    const online = q.answers.map((_, j) => [...counted.values()].reduce((n, v) => n + v[qi][j + off], 0));
    const onlineBlank = [...counted.values()].reduce((n, v) => n + (q.blank ? v[qi][0] : 0), 0);
    const postal = q.answers.map((_, j) => papers.reduce((n, p) => n + (p.kind === 'valid' ? p.choices[qi][j] : 0), 0));
    const postalBlank = papers.reduce((n, p) => n + ((p.kind === 'blank' || (p.kind === 'valid' && p.choices[qi].every((x) => x === 0))) && q.blank ? 1 : 0), 0);
    return {
      question: q.question,
      answers: q.answers.map((answer, j) => ({ answer, online: online[j], postal: postal[j], total: online[j] + postal[j] })),
      ...(q.blank ? { blank: { online: onlineBlank, postal: postalBlank, total: onlineBlank + postalBlank } } : {}),
    };
  });
  const invalidByReason: Record<string, number> = {};
  for (const p of papers) if (p.kind === 'invalid') invalidByReason[p.reason] = (invalidByReason[p.reason] ?? 0) + 1;
  const electionId = randomUUID();
  const eligible = opts.eligible ?? nOnline + nPostal + nVoided;
  const result = {
    election: electionId,
    questions: resultQuestions,
    online: { ballots: counted.size, weight: counted.size },
    postal: { papers: papers.length, valid: papers.filter((p) => p.kind === 'valid').length, blank: papers.filter((p) => p.kind === 'blank').length, invalid: papers.filter((p) => p.kind === 'invalid').length, invalid_by_reason: invalidByReason },
    turnout: { eligible, online: counted.size, postal: papers.length, total: counted.size + papers.length },
    returns_rejected: { late: 1, duplicate: 0 },
  };

  const election = {
    id: electionId,
    uuid,
    title: 'Leadership ballot',
    description: 'Demo election',
    questions: questions.map((q) => ({ question: q.question, answers: q.answers, min: q.min, max: q.max, blank: q.blank })),
    channels: { online: true, postal: true },
    precedence_policy: 'postal-overrides-online',
    online_revoting: true,
    timeline: { online_opens_at: '2026-11-01T08:00:00.000Z', online_closes_at: '2026-11-20T18:00:00.000Z', postal_deadline: '2026-11-22T12:00:00.000Z', time_zone: 'Europe/Paris' },
  };
  const precedence = { policy: 'postal-overrides-online', attempts: { online: ballots.length + superseded.length, postal: nPostal + 1 }, refused: { postal: { late: 1 } }, overridden: 0, superseded: superseded.length, revoted: nOnline > 0 ? 1 : 0, released: 0 };
  const sortedHex = (idx: number[]): string => idx.map(hexOf).sort().map((h) => h + '\n').join('');

  const dir = opts.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hb-record-'));
  const belPath = `online/${uuid}.bel`;
  writeRecordFiles(
    dir,
    new Map<string, Uint8Array | string>([
      ['election.json', JSON.stringify(election, null, 2) + '\n'],
      [belPath, bel],
      ['online/superseded.jsonl', jsonl(superseded.map((s) => ({ tracker: s.tracker, credential: s.credential, postal_credential: s.credential, ballot: s.raw })))],
      ['postal/cvrs.jsonl', jsonl(cvrs)],
      ['postal/batches.json', JSON.stringify(batchRows, null, 2) + '\n'],
      ['postal/counted-credentials.txt', sortedHex(postalIdx)],
      ['credentials/voided.txt', sortedHex(voidedIdx)],
      ['result.json', JSON.stringify(result, null, 2) + '\n'],
      ['precedence.json', JSON.stringify(precedence, null, 2) + '\n'],
    ]),
    electionId,
  );
  return { dir, setup, electionId, uuid, belPath, ballots, onlineCredentials: onlineIdx.map(hexOf), postalCredentials: postalIdx.map(hexOf), voidedCredentials: voidedIdx.map(hexOf), spareIndices, superseded };
}

/** Every file of a record directory except the manifest and SHA256SUMS, by '/'-path. */
function recordFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((d) => {
    const rel = prefix ? `${prefix}/${d.name}` : d.name;
    if (d.isDirectory()) return recordFiles(dir, rel);
    return rel === 'manifest.json' || rel === 'SHA256SUMS' ? [] : [rel];
  });
}

/** Write (or overwrite) the given files, then reseal. */
export function writeRecordFiles(dir: string, files: ReadonlyMap<string, Uint8Array | string>, electionId?: string): void {
  for (const [p, body] of files) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), body);
  }
  reseal(dir, electionId);
}

/** Rewrite manifest.json and SHA256SUMS for the files now in `dir` (what a forger would do). */
export function reseal(dir: string, electionId?: string): void {
  const manifestFile = path.join(dir, 'manifest.json');
  const id = electionId ?? (JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { election: string }).election;
  const files = recordFiles(dir)
    .sort()
    .map((p) => {
      const body = fs.readFileSync(path.join(dir, p));
      return { path: p, sha256: sha256(body), bytes: body.length };
    });
  fs.writeFileSync(manifestFile, JSON.stringify({ format: 'hybrid-ballot-record/1', election: id, files }, null, 2) + '\n');
  fs.writeFileSync(path.join(dir, 'SHA256SUMS'), files.map((f) => `${f.sha256}  ${f.path}\n`).join(''));
}

/** The record directory as record.zip bytes (files at the root). */
export function zipRecord(dir: string): Uint8Array {
  const all = [...recordFiles(dir), 'manifest.json', 'SHA256SUMS'].sort();
  return zipSync(Object.fromEntries(all.map((p) => [p, new Uint8Array(fs.readFileSync(path.join(dir, p)))])));
}

/** A copy of a record directory, to tamper with. */
export function copyRecord(dir: string): string {
  const to = fs.mkdtempSync(path.join(os.tmpdir(), 'hb-record-copy-'));
  fs.cpSync(dir, to, { recursive: true });
  return to;
}
