// @ts-check
// A question's rules as the voter reads them and as the ballot proves them (Belenios: between
// min and max answers, or blank when allowed), checked before the ballot is built so the voter
// is told in words, not by a failed proof.

/** @typedef {{ question: string, answers: string[], min: number, max: number, blank: boolean }} Question */
/** @typedef {{ blank: boolean, selected: number[] }} Selection answer indexes chosen, and the blank box */
/** @typedef {{ key: import('./messages.js').MessageKey, params?: Record<string, string | number> }} Words */

/**
 * Radio buttons when exactly one answer is chosen (the browser then enforces it), check boxes
 * otherwise — including "one or none", which a radio group cannot undo.
 * @param {Question} q
 * @returns {'radio' | 'checkbox'}
 */
export function inputKind(q) {
  return q.min === 1 && q.max === 1 ? 'radio' : 'checkbox';
}

/**
 * The rule in words: one sentence for the count, one more when blank is allowed.
 * @param {Question} q
 * @returns {Words[]}
 */
export function ruleWords(q) {
  /** @type {Words} */
  let count;
  if (q.min === 1 && q.max === 1) count = { key: 'ruleOne' };
  else if (q.min === 0 && q.max === 1) count = { key: 'ruleOneOrNone' };
  else if (q.min === q.max) count = { key: 'ruleExactly', params: { n: q.min } };
  else if (q.min === 0) count = { key: 'ruleUpTo', params: { max: q.max } };
  else count = { key: 'ruleBetween', params: { min: q.min, max: q.max } };
  return q.blank ? [count, { key: 'ruleBlank' }] : [count];
}

/**
 * Why a selection breaks the question's rule, or null when it is a valid vote.
 * @param {Question} q
 * @param {Selection} s
 * @returns {Words | null}
 */
export function selectionError(q, s) {
  const count = s.selected.length;
  if (s.blank) return count === 0 ? null : { key: 'errorBlankMixed' };
  if (count > q.max) return { key: 'errorTooMany', params: { count, max: q.max } };
  if (count < q.min) {
    const orBlank = q.blank ? 'orBlank' : '';
    if (q.max === 1) return { key: 'errorChooseOne', params: { orBlank } };
    return { key: 'errorTooFew', params: { count, min: q.min, orBlank } };
  }
  return null;
}

/**
 * The 0/1 vector createBallot takes for this question: the blank flag first when blank is
 * allowed, then one value per answer in the published order.
 * @param {Question} q
 * @param {Selection} s
 * @returns {number[]}
 */
export function plaintext(q, s) {
  if (selectionError(q, s)) throw new Error('the selection breaks the question’s rule');
  const answers = q.answers.map((_, i) => (!s.blank && s.selected.includes(i) ? 1 : 0));
  return q.blank ? [s.blank ? 1 : 0, ...answers] : answers;
}
