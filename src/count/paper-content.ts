// What one ballot paper says, as the count records it (DESIGN.md §7): the choices per question
// in Belenios' form — one 0/1 per answer — or a blank paper, or an invalid one with the reason.
import { Question } from 'src/elections/election.types';
import { FieldErrors } from 'src/platform/errors/domain-error';

export const INVALID_REASONS = [
  'over_vote',
  'under_vote',
  'identifying_marks',
  'unclear_intent',
  'not_genuine',
  'paper_missing_barcode',
  'no_ballot_paper',
] as const;
export type InvalidReason = (typeof INVALID_REASONS)[number];

/**
 * Reasons recorded without a paper ID: there is no paper, its barcode is missing, or the
 * barcode is not one we printed. Every other paper is matched against the printed set.
 */
export const PAPERLESS_REASONS: ReadonlySet<InvalidReason> = new Set(['not_genuine', 'paper_missing_barcode', 'no_ballot_paper']);

export type PaperContent = { kind: 'valid'; choices: number[][] } | { kind: 'blank' } | { kind: 'invalid'; reason: InvalidReason };
export type PaperKind = PaperContent['kind'];

/** The fields of an entry as they arrive, before we know which of the three it is. */
export interface ContentInput {
  choices?: unknown;
  blank?: boolean;
  invalid?: boolean;
  reason?: string;
}

/**
 * The content of an entry, or the field-keyed problems that refuse it. Marks that break a
 * question's rules are refused rather than stored: the operator records such a paper as
 * `invalid` with the reason (`over_vote`, `under_vote`), which is what the law counts.
 */
export function parseContent(questions: Question[], input: ContentInput): { content: PaperContent } | { fields: FieldErrors } {
  const given = (['choices', 'blank', 'invalid'] as const).filter((k) => input[k] !== undefined && input[k] !== false);
  if (given.length !== 1) {
    return { fields: { choices: ['give exactly one of choices, blank: true, or invalid: true with a reason'] } };
  }
  if (input.reason !== undefined && given[0] !== 'invalid') return { fields: { reason: ['a reason is given only for an invalid paper'] } };
  switch (given[0]) {
    case 'blank':
      return { content: { kind: 'blank' } };
    case 'invalid': {
      const reason = INVALID_REASONS.find((r) => r === input.reason);
      return reason ? { content: { kind: 'invalid', reason } } : { fields: { reason: [`one of ${INVALID_REASONS.join(', ')}`] } };
    }
    case 'choices': {
      const fields = choiceProblems(questions, input.choices);
      return Object.keys(fields).length > 0 ? { fields } : { content: { kind: 'valid', choices: input.choices as number[][] } };
    }
    default: {
      const never: never = given[0];
      return never;
    }
  }
}

/**
 * Belenios' rules for a homomorphic question: between `min` and `max` answers chosen, or none
 * at all where the question allows a blank vote.
 */
export function choiceProblems(questions: Question[], choices: unknown): FieldErrors {
  if (!Array.isArray(choices) || choices.length !== questions.length) {
    return { choices: [`one array per question (${questions.length})`] };
  }
  const out: FieldErrors = {};
  questions.forEach((q, i) => {
    const field = `choices.${i}`;
    const c: unknown = choices[i];
    if (!Array.isArray(c) || c.length !== q.answers.length || !c.every((x) => x === 0 || x === 1)) {
      out[field] = [`${q.answers.length} values, each 0 or 1`];
      return;
    }
    const chosen = (c as number[]).reduce((a, b) => a + b, 0);
    if (chosen === 0 && q.blank) return;
    if (chosen > q.max) out[field] = [`at most ${q.max} answer(s) may be chosen; ${chosen} were (record the paper as invalid: over_vote)`];
    else if (chosen < q.min) out[field] = [`at least ${q.min} answer(s) must be chosen; ${chosen} were (record the paper as invalid: under_vote)`];
  });
  return out;
}

/** Two entries of one paper agree when they say the same thing (double keying). */
export function sameContent(a: PaperContent, b: PaperContent): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(c: PaperContent): unknown[] {
  switch (c.kind) {
    case 'valid':
      return [c.kind, c.choices];
    case 'blank':
      return [c.kind];
    case 'invalid':
      return [c.kind, c.reason];
    default: {
      const never: never = c;
      return never;
    }
  }
}
