// @ts-check
// The booth form: every question as a fieldset with its legend, its rule in words and all its
// answers in the published order, then the voter's selections read back.
import { inputKind, ruleWords, selectionError } from './choices.js';
import { translate } from './messages.js';

/** @typedef {import('./choices.js').Question} Question */
/** @typedef {import('./choices.js').Selection} Selection */

/**
 * @param {string} tag
 * @param {Record<string, string>} attrs
 * @param {string} [text]
 */
function el(tag, attrs = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * @param {HTMLElement} container
 * @param {Question[]} questions
 * @param {string} lang
 */
export function renderQuestions(container, questions, lang) {
  container.replaceChildren(
    ...questions.map((q, i) => {
      const kind = inputKind(q);
      const fieldset = el('fieldset', { class: 'question', id: `question-${i}`, 'aria-describedby': `rule-${i}` });
      fieldset.append(el('legend', {}, q.question));
      fieldset.append(el('p', { class: 'rule', id: `rule-${i}` }, ruleWords(q).map((w) => translate(lang, w.key, w.params)).join(' ')));
      const error = el('p', { class: 'error', id: `error-${i}`, tabindex: '-1' });
      error.hidden = true;
      fieldset.append(error);
      const list = el('div', { class: 'answers' });
      q.answers.forEach((answer, j) => {
        const row = el('div', { class: 'option' });
        row.append(el('input', { type: kind, name: `q${i}`, value: String(j), id: `q${i}-a${j}` }), el('label', { for: `q${i}-a${j}` }, answer));
        list.append(row);
      });
      if (q.blank) {
        // For radios the blank vote is one more choice of the group; for check boxes it is a box
        // of its own that clears the answers (and an answer clears it).
        const row = el('div', { class: 'option blank-option' });
        row.append(el('input', { type: kind, name: kind === 'radio' ? `q${i}` : `q${i}-blank`, value: 'blank', id: `q${i}-blank` }), el('label', { for: `q${i}-blank` }, translate(lang, 'blankOption')));
        list.append(row);
        if (kind === 'checkbox') {
          list.addEventListener('change', (e) => {
            const target = /** @type {HTMLInputElement} */ (e.target);
            if (!target.checked) return;
            for (const box of Array.from(list.querySelectorAll('input'))) if ((box.value === 'blank') !== (target.value === 'blank')) box.checked = false;
          });
        }
      }
      fieldset.append(list);
      return fieldset;
    }),
  );
}

/**
 * @param {HTMLElement} container
 * @param {number} count
 * @returns {Selection[]}
 */
export function readSelections(container, count) {
  return Array.from({ length: count }, (_, i) => {
    const checked = Array.from(container.querySelectorAll(`#question-${i} input:checked`)).map((e) => /** @type {HTMLInputElement} */ (e).value);
    return { blank: checked.includes('blank'), selected: checked.filter((v) => v !== 'blank').map(Number) };
  });
}

/**
 * Shows each question's problem beside it; returns the error elements shown, first first.
 * @param {HTMLElement} container
 * @param {Question[]} questions
 * @param {Selection[]} selections
 * @param {string} lang
 * @returns {HTMLElement[]}
 */
export function showSelectionErrors(container, questions, selections, lang) {
  /** @type {HTMLElement[]} */
  const shown = [];
  questions.forEach((q, i) => {
    const problem = selectionError(q, selections[i]);
    const error = /** @type {HTMLElement} */ (container.querySelector(`#error-${i}`));
    const fieldset = /** @type {HTMLElement} */ (container.querySelector(`#question-${i}`));
    error.textContent = problem ? translate(lang, problem.key, { ...problem.params, orBlank: problem.params?.orBlank ? translate(lang, 'orBlank') : '' }) : '';
    error.hidden = !problem;
    fieldset.setAttribute('aria-describedby', problem ? `rule-${i} error-${i}` : `rule-${i}`);
    fieldset.classList.toggle('invalid', Boolean(problem));
    if (problem) shown.push(error);
  });
  return shown;
}

/**
 * The review list: each question and what was chosen, in words.
 * @param {HTMLElement} list a <dl>
 * @param {Question[]} questions
 * @param {Selection[]} selections
 * @param {string} lang
 */
export function renderReview(list, questions, selections, lang) {
  list.replaceChildren(
    ...questions.map((q, i) => {
      const s = selections[i];
      const group = el('div', { class: 'review-item' });
      group.append(el('dt', {}, q.question));
      if (s.blank) group.append(el('dd', { class: 'blank' }, translate(lang, 'reviewBlank')));
      else if (s.selected.length === 0) group.append(el('dd', { class: 'blank' }, translate(lang, 'reviewNone')));
      else for (const j of [...s.selected].sort((a, b) => a - b)) group.append(el('dd', {}, q.answers[j]));
      return group;
    }),
  );
}
