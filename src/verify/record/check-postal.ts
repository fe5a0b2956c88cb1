// The postal count (DESIGN.md §7): every cast-vote record is well formed for the questions and
// belongs to a batch (`postal.cvrs_valid`), each batch's figures agree with its CVRs
// (`postal.batches_reconcile`), and as many envelopes were opened as postal returns counted
// (`postal.envelopes`).
import type { Reporter } from 'src/crypto/verify/report';
import { conclude, needs, type RecordContext } from 'src/verify/record/record-context';
import type { Cvr, RecordQuestion } from 'src/verify/record/record-format';

type Failure = { where: string; reason: string };

/** Why a valid paper's choices break the questions' rules (Belenios' min/max/blank), or null. */
export function choicesProblem(questions: readonly RecordQuestion[], choices: unknown): string | null {
  if (!Array.isArray(choices) || choices.length !== questions.length) return `choices must be one array per question (${questions.length})`;
  for (let i = 0; i < questions.length; i++) {
    const q = questions[i];
    const row: unknown = choices[i];
    if (!Array.isArray(row) || row.length !== q.answers.length || !row.every((x) => x === 0 || x === 1)) return `question ${i + 1}: ${q.answers.length} values, each 0 or 1`;
    const chosen = (row as number[]).reduce((a, b) => a + b, 0);
    if (chosen === 0 && q.blank) continue;
    if (chosen < q.min || chosen > q.max) return `question ${i + 1}: ${chosen} answers chosen, allowed ${q.min}–${q.max}${q.blank ? ' or none (blank)' : ''}`;
  }
  return null;
}

export function checkCvrsValid(r: Reporter, ctx: RecordContext): void {
  const id = 'postal.cvrs_valid';
  const got = needs(r, id, ctx.cvrs, ctx.batches, ctx.election);
  if (!got) return;
  const [cvrs, batches, election] = got;
  const known = new Set(batches.map((b) => b.id));
  const images = new Map<string, number>();
  const failures: Failure[] = [];
  for (const c of cvrs) {
    const where = `postal/cvrs.jsonl line ${c.line}`;
    if (!known.has(c.batch)) failures.push({ where, reason: `batch ${c.batch} is not in postal/batches.json` });
    if (c.image) {
      // One scanned page is one paper: the same image behind two records counts a paper twice.
      const key = `${c.image.sha256}#${c.image.page}`;
      const first = images.get(key);
      if (first !== undefined) failures.push({ where, reason: `the same scanned page (${key}) is behind the record on line ${first}` });
      else images.set(key, c.line);
    }
    if (c.kind === 'valid') {
      const problem = choicesProblem(election.questions, c.choices);
      if (problem) failures.push({ where, reason: problem });
    }
    if (c.kind === 'invalid' && c.reason.length === 0) failures.push({ where, reason: 'an invalid paper needs a reason' });
  }
  conclude(r, id, cvrs.length, failures);
}

function kindsByBatch(cvrs: readonly Cvr[]): Map<string, Record<Cvr['kind'], number>> {
  const by = new Map<string, Record<Cvr['kind'], number>>();
  for (const c of cvrs) {
    const k = by.get(c.batch) ?? { valid: 0, blank: 0, invalid: 0 };
    k[c.kind] += 1;
    by.set(c.batch, k);
  }
  return by;
}

export function checkBatchesReconcile(r: Reporter, ctx: RecordContext): void {
  const id = 'postal.batches_reconcile';
  const got = needs(r, id, ctx.cvrs, ctx.batches);
  if (!got) return;
  const [cvrs, batches] = got;
  const kinds = kindsByBatch(cvrs);
  const failures: Failure[] = [];
  for (const b of batches) {
    const where = `batch ${b.id} (${b.label})`;
    const k = kinds.get(b.id) ?? { valid: 0, blank: 0, invalid: 0 };
    const recorded = k.valid + k.blank + k.invalid;
    if (recorded !== b.papers) failures.push({ where, reason: `${recorded} CVRs, the batch says ${b.papers} papers` });
    if (b.valid + b.blank + b.invalid !== b.papers) failures.push({ where, reason: `valid ${b.valid} + blank ${b.blank} + invalid ${b.invalid} ≠ papers ${b.papers}` });
    if (k.valid !== b.valid || k.blank !== b.blank || k.invalid !== b.invalid) failures.push({ where, reason: `CVRs are ${k.valid} valid, ${k.blank} blank, ${k.invalid} invalid; the batch says ${b.valid}, ${b.blank}, ${b.invalid}` });
    if (b.papers !== b.envelopesOpened && !b.mismatchReason) failures.push({ where, reason: `${b.papers} papers from ${b.envelopesOpened} envelopes and no mismatch_reason` });
  }
  conclude(r, id, batches.length, failures);
}

export function checkEnvelopes(r: Reporter, ctx: RecordContext): void {
  const id = 'postal.envelopes';
  const got = needs(r, id, ctx.batches, ctx.counted);
  if (!got) return;
  const [batches, counted] = got;
  const opened = batches.reduce((n, b) => n + b.envelopesOpened, 0);
  conclude(r, id, batches.length, opened === counted.length ? [] : [{ where: 'postal/batches.json', reason: `${opened} envelopes opened, ${counted.length} postal credentials counted` }]);
}
