// The merged result recomputed from scratch: online counts from the .bel's Result (blank column
// first when blank is allowed), postal counts summed from the CVRs, totals and turnout added up.
// Nothing is taken from result.json except to compare it.
import type { Reporter } from 'src/crypto/verify/report';
import { RECORD_CHECKS, conclude, needs, type RecordContext } from 'src/verify/record/record-context';
import { choicesProblem } from 'src/verify/record/check-postal';
import type { Cvr, Parsed, RecordElection, RecordResult } from 'src/verify/record/record-format';

type Failure = { where: string; reason: string };

/** result.json must have election.json's questions and answers, in order, with `blank` where allowed. */
function sameShape(election: RecordElection, result: RecordResult): Parsed<RecordResult> {
  const bad = (reason: string): Parsed<RecordResult> => ({ ok: false, reason: `result.json ${reason}` });
  if (result.election !== election.id) return bad(`is for election ${result.election}, election.json is ${election.id}`);
  if (result.questions.length !== election.questions.length) return bad(`has ${result.questions.length} questions, election.json ${election.questions.length}`);
  for (const [i, q] of election.questions.entries()) {
    const rq = result.questions[i];
    if (rq.question !== q.question) return bad(`questions[${i}] is ${JSON.stringify(rq.question)}, election.json has ${JSON.stringify(q.question)}`);
    if (JSON.stringify(rq.answers.map((a) => a.answer)) !== JSON.stringify(q.answers)) return bad(`questions[${i}] answers differ from election.json's (names or order)`);
    if ((rq.blank !== undefined) !== q.blank) return bad(`questions[${i}] ${q.blank ? 'lacks' : 'has'} blank counts, and the question ${q.blank ? 'allows' : 'does not allow'} blank`);
  }
  return { ok: true, value: result };
}

function shapedResult(ctx: RecordContext): Parsed<RecordResult> {
  if (!ctx.election.ok) return ctx.election;
  if (!ctx.result.ok) return ctx.result;
  return sameShape(ctx.election.value, ctx.result.value);
}

function compare(failures: Failure[], where: string, stated: number, computed: bigint | number, source: string): void {
  if (BigInt(stated) !== BigInt(computed)) failures.push({ where, reason: `result.json says ${stated}, ${source} gives ${computed}` });
}

export function checkResultOnline(r: Reporter, ctx: RecordContext): void {
  const id = 'result.online';
  const got = needs(r, id, shapedResult(ctx));
  if (!got) return;
  const [result] = got;
  const failures: Failure[] = [];
  if (!ctx.online.ok && ctx.online.reason === 'postal-only') {
    for (const [i, q] of result.questions.entries()) {
      for (const a of q.answers) compare(failures, `${q.question} / ${a.answer} online`, a.online, 0, 'a postal-only election');
      if (q.blank) compare(failures, `${q.question} / blank online`, q.blank.online, 0, `a postal-only election (question ${i + 1})`);
    }
    compare(failures, 'online.ballots', result.online.ballots, 0, 'a postal-only election');
    compare(failures, 'online.weight', result.online.weight, 0, 'a postal-only election');
    return conclude(r, id, result.questions.length, failures);
  }
  if (!ctx.online.ok) return void needs(r, id, ctx.online);
  const facts = ctx.online.value.facts;
  if (!facts.result || facts.numTallied === undefined || facts.totalWeight === undefined) {
    return void r.fail(id, RECORD_CHECKS[id], ctx.online.value.path, `the .bel has no ${facts.result ? 'encrypted tally' : 'Result'}${facts.problem ? ` (${facts.problem})` : ''}`);
  }
  const belResult = facts.result;
  result.questions.forEach((q, i) => {
    const row = belResult[i];
    const offset = q.blank ? 1 : 0;
    if (!row || row.length !== q.answers.length + offset) return void failures.push({ where: q.question, reason: `the .bel's Result has ${row?.length ?? 0} counts for this question, expected ${q.answers.length + offset}` });
    if (q.blank) compare(failures, `${q.question} / blank online`, q.blank.online, row[0], "the .bel's Result");
    q.answers.forEach((a, j) => compare(failures, `${q.question} / ${a.answer} online`, a.online, row[j + offset], "the .bel's Result"));
  });
  if (belResult.length !== result.questions.length) failures.push({ where: 'questions', reason: `the .bel's Result has ${belResult.length} questions, result.json ${result.questions.length}` });
  compare(failures, 'online.ballots', result.online.ballots, facts.numTallied, "the .bel's num_tallied");
  compare(failures, 'online.weight', result.online.weight, facts.totalWeight, "the .bel's total_weight");
  conclude(r, id, result.questions.length, failures);
}

/** Postal counts from the CVRs (malformed ones, which postal.cvrs_valid reports, are left out). */
export function postalSums(election: RecordElection, cvrs: readonly Cvr[]) {
  const answers = election.questions.map((q) => q.answers.map(() => 0));
  const blankPerQuestion = election.questions.map(() => 0);
  const kinds = { valid: 0, blank: 0, invalid: 0 };
  const invalidByReason: Record<string, number> = {};
  for (const c of cvrs) {
    kinds[c.kind] += 1;
    if (c.kind === 'invalid') invalidByReason[c.reason] = (invalidByReason[c.reason] ?? 0) + 1;
    if (c.kind === 'blank') election.questions.forEach((q, i) => void (q.blank && (blankPerQuestion[i] += 1)));
    if (c.kind !== 'valid' || choicesProblem(election.questions, c.choices) !== null) continue;
    const choices = c.choices as number[][];
    election.questions.forEach((q, i) => {
      if (choices[i].every((x) => x === 0)) blankPerQuestion[i] += 1;
      choices[i].forEach((x, j) => (answers[i][j] += x));
    });
  }
  return { answers, blankPerQuestion, papers: cvrs.length, ...kinds, invalidByReason };
}

export function checkResultPostal(r: Reporter, ctx: RecordContext): void {
  const id = 'result.postal';
  const got = needs(r, id, shapedResult(ctx), ctx.cvrs, ctx.election);
  if (!got) return;
  const [result, cvrs, election] = got;
  const sums = postalSums(election, cvrs);
  const failures: Failure[] = [];
  result.questions.forEach((q, i) => {
    q.answers.forEach((a, j) => compare(failures, `${q.question} / ${a.answer} postal`, a.postal, sums.answers[i][j], 'the CVRs'));
    if (q.blank) compare(failures, `${q.question} / blank postal`, q.blank.postal, sums.blankPerQuestion[i], 'the CVRs');
  });
  for (const k of ['papers', 'valid', 'blank', 'invalid'] as const) compare(failures, `postal.${k}`, result.postal[k], sums[k], 'the CVRs');
  const reasons = new Set([...Object.keys(sums.invalidByReason), ...Object.keys(result.postal.invalidByReason)]);
  for (const reason of reasons) compare(failures, `postal.invalid_by_reason.${reason}`, result.postal.invalidByReason[reason] ?? 0, sums.invalidByReason[reason] ?? 0, 'the CVRs');
  conclude(r, id, cvrs.length, failures);
}

export function checkResultMerged(r: Reporter, ctx: RecordContext): void {
  const id = 'result.merged';
  const got = needs(r, id, shapedResult(ctx), ctx.batches);
  if (!got) return;
  const [result, batches] = got;
  const failures: Failure[] = [];
  const sum = (where: string, c: { online: number; postal: number; total: number }) => compare(failures, where, c.total, BigInt(c.online) + BigInt(c.postal), `online ${c.online} + postal ${c.postal}`);
  for (const q of result.questions) {
    for (const a of q.answers) sum(`${q.question} / ${a.answer} total`, a);
    if (q.blank) sum(`${q.question} / blank total`, q.blank);
  }
  const t = result.turnout;
  compare(failures, 'turnout.online', t.online, result.online.ballots, 'online.ballots (ballots tallied)');
  compare(failures, 'turnout.postal', t.postal, batches.reduce((n, b) => n + b.envelopesOpened, 0), 'the envelopes opened over all batches');
  compare(failures, 'turnout.total', t.total, t.online + t.postal, `online ${t.online} + postal ${t.postal}`);
  if (t.total > t.eligible) failures.push({ where: 'turnout.eligible', reason: `${t.total} voted out of ${t.eligible} eligible` });
  conclude(r, id, result.questions.reduce((n, q) => n + q.answers.length + (q.blank ? 1 : 0), 0), failures);
}
