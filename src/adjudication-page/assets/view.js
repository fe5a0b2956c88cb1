// @ts-check
// What the adjudication page says about a scanned page, and the decision it sends, as plain
// data: adjudication.js only copies it into the page, so the rules are tested without a browser.
import { invalidReasonLabels, reasonSentences, translate } from './messages.js';

/** @typedef {import('./api.js').ScanPage} ScanPage */
/** @typedef {import('./api.js').Question} Question */
/** @typedef {import('./api.js').PaperContent} PaperContent */
/** @typedef {import('./api.js').DecisionBody} DecisionBody */
/** @typedef {import('./messages.js').MessageKey} MessageKey */
/** @typedef {'choices' | 'blank' | 'invalid' | 'discard'} Outcome */
/** @typedef {{ outcome: Outcome, choices: number[][], reason: string }} DecisionDraft */

/** @param {string} lang */
const langOf = (lang) => (lang === 'fr' ? 'fr' : 'en');

/**
 * A fraction as a percentage a person reads at a glance: one decimal below 10 %, where the
 * thresholds live (2 %, 5 %), whole numbers above.
 * @param {number} x
 * @param {string} lang
 */
export function percent(x, lang) {
  const p = Math.max(0, x) * 100;
  const digits = p < 10 ? 1 : 0;
  return `${p.toLocaleString(langOf(lang) === 'fr' ? 'fr-FR' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits })} %`;
}

/**
 * One sentence per reason; a code this page does not know yet is shown as it is rather than hidden.
 * @param {string[]} reasons
 * @param {string} lang
 */
export function reasonTexts(reasons, lang) {
  /** @type {Record<string, string>} */
  const table = reasonSentences[langOf(lang)];
  return reasons.map((r) => table[r] ?? r);
}

/** @param {string} reason @param {string} lang */
export function invalidReasonText(reason, lang) {
  /** @type {Record<string, string>} */
  const table = invalidReasonLabels[langOf(lang)];
  return table[reason] ?? reason;
}

/**
 * The measured boxes as table rows, in the paper's order (question, then answer, blank last).
 * @param {ScanPage} page
 * @param {Question[]} questions
 * @param {string} lang
 */
export function boxRows(page, questions, lang) {
  return [...page.boxes]
    .sort((a, b) => a.question - b.question || (a.answer ?? Infinity) - (b.answer ?? Infinity))
    .map((b) => ({
      question: questions[b.question]?.question ?? String(b.question + 1),
      answer: b.answer === null ? translate(lang, 'blankBox') : (questions[b.question]?.answers[b.answer] ?? b.label),
      fill: percent(b.fill, lang),
      trace: percent(b.trace, lang),
      verdict: b.verdict,
      verdictText: translate(lang, /** @type {MessageKey} */ (`verdict_${b.verdict}`)),
    }));
}

/**
 * The heading of a question's tick boxes: how many answers it takes, as a person says it.
 * @param {Question} q
 * @param {string} lang
 */
export function questionLegend(q, lang) {
  const min = q.blank ? 0 : q.min;
  if (min === 0) return translate(lang, 'questionUpTo', { question: q.question, max: q.max });
  if (min === q.max) return translate(lang, 'questionExactly', { question: q.question, max: q.max });
  return translate(lang, 'questionLegend', { question: q.question, min, max: q.max });
}

/**
 * @param {ScanPage['thresholds']} t
 * @param {string} lang
 */
export function thresholdsText(t, lang) {
  return translate(lang, 'thresholds', { empty: percent(t.emptyBelow, lang), marked: percent(t.markedFrom, lang) });
}

/**
 * The machine's proposal in words: the answers it would count, per question.
 * @param {PaperContent | null} proposed
 * @param {Question[]} questions
 * @param {string} lang
 */
export function proposalText(proposed, questions, lang) {
  if (!proposed) return translate(lang, 'proposal', { proposal: translate(lang, 'proposal_none') });
  switch (proposed.kind) {
    case 'blank':
      return translate(lang, 'proposal', { proposal: translate(lang, 'proposal_blank') });
    case 'invalid':
      return translate(lang, 'proposal', { proposal: translate(lang, 'proposal_invalid', { reason: invalidReasonText(proposed.reason, lang) }) });
    case 'valid': {
      const parts = proposed.choices.map((c, qi) => {
        const q = questions[qi];
        const chosen = c.flatMap((x, ai) => (x === 1 ? [q?.answers[ai] ?? String(ai + 1)] : []));
        const answers = chosen.length > 0 ? chosen.join(', ') : translate(lang, 'noAnswer');
        return questions.length > 1 ? `${q?.question ?? qi + 1}: ${answers}` : answers;
      });
      return translate(lang, 'proposal', { proposal: parts.join(' · ') });
    }
    default:
      return translate(lang, 'proposal', { proposal: translate(lang, 'proposal_none') });
  }
}

/**
 * The form as the machine would fill it: its proposal; the ticks are its proposal's choices or,
 * failing that, the boxes it found marked, so correcting an over-vote is one untick away.
 * @param {ScanPage} page
 * @param {Question[]} questions
 * @returns {DecisionDraft}
 */
export function initialDecision(page, questions) {
  const marked = questions.map((q, qi) =>
    q.answers.map((_, ai) => (page.boxes.some((b) => b.question === qi && b.answer === ai && b.verdict === 'marked') ? 1 : 0)),
  );
  const p = page.proposed;
  if (p?.kind === 'valid') return { outcome: 'choices', choices: p.choices.map((c) => [...c]), reason: '' };
  if (p?.kind === 'blank') return { outcome: 'blank', choices: marked, reason: '' };
  if (p?.kind === 'invalid') return { outcome: 'invalid', choices: marked, reason: p.reason };
  return { outcome: 'choices', choices: marked, reason: '' };
}

/**
 * Whether the supervisor must type the printed paper ID: the machine never read it.
 * @param {ScanPage} page
 */
export function needsPaperId(page) {
  return page.reading.failure !== null;
}

/** Invalid reasons recorded without a paper ID (PAPERLESS_REASONS, src/count/paper-content.ts). */
export const PAPERLESS_REASONS = ['not_genuine', 'paper_missing_barcode', 'no_ballot_paper'];

/**
 * The body of POST …/decision, or the message key of what is missing. A paper ID is sent only
 * where the API takes one (never for a discard or a paper recorded without its ID).
 * @param {DecisionDraft & { note: string, paperId: string }} form
 * @param {boolean} paperIdAsked
 * @returns {{ body: DecisionBody } | { problem: MessageKey }}
 */
export function decisionBody(form, paperIdAsked) {
  const note = form.note.trim();
  if (note.length < 3) return { problem: 'noteMissing' };
  const paperId = form.paperId.trim().toUpperCase();
  const withId = paperIdAsked && paperId !== '' ? { paperId } : {};
  switch (form.outcome) {
    case 'discard':
      return { body: { discard: true, note } };
    case 'blank':
      return { body: { blank: true, note, ...withId } };
    case 'invalid':
      return { body: { invalid: true, reason: form.reason, note, ...(PAPERLESS_REASONS.includes(form.reason) ? {} : withId) } };
    case 'choices':
      return { body: { choices: form.choices.map((c) => [...c]), note, ...withId } };
    default:
      return { problem: 'noteMissing' };
  }
}

/**
 * What to tell the supervisor when the API refuses a decision, and whether the queue must be
 * reloaded because the page is no longer what it was.
 * @param {{ status: number, code: string, message: string }} error
 * @param {string} lang
 * @returns {{ text: string, reload: boolean }}
 */
export function refusalText(error, lang) {
  /** @type {Record<string, MessageKey>} */
  const known = {
    paper_already_used: 'err_paper_already_used',
    paper_not_printed: 'err_paper_not_printed',
    paper_id_required: 'err_paper_id_required',
    paper_id_invalid: 'err_paper_id_invalid',
    paper_id_not_expected: 'err_paper_id_not_expected',
    paper_in_dispute: 'err_paper_in_dispute',
    paper_awaiting_other_batch: 'err_paper_awaiting_other_batch',
    scan_page_settled: 'err_scan_page_settled',
    scan_page_not_found: 'err_scan_page_not_found',
    batch_closed: 'err_batch_closed',
    election_not_counting: 'err_election_not_counting',
  };
  const key = known[error.code];
  if (key) return { text: translate(lang, key), reload: error.code === 'scan_page_settled' || error.code === 'scan_page_not_found' };
  if (error.status === 403) return { text: translate(lang, 'err_forbidden'), reload: false };
  if (error.status === 400) return { text: translate(lang, 'err_validation', { message: error.message }), reload: false };
  return { text: translate(lang, 'error', { message: error.message }), reload: false };
}

/**
 * The pages a person must decide (not the clean pages waiting for the rest of their paper).
 * @param {ScanPage[]} pages
 */
export function splitQueue(pages) {
  return { toDecide: pages.filter((p) => p.status === 'adjudication'), waiting: pages.filter((p) => p.status === 'waiting_for_pages').length };
}
