// @ts-check
// The election editor's script (docs/CONSOLE.md): adds, removes and reorders questions and
// answers, checks the draft against the server's rules as the administrator types (each problem
// beside its field and in a summary at the top), and saves by calling the API itself
// (POST /elections or PATCH /elections/:id with the version loaded). Nothing is sent while a
// problem stands; the server's own refusals are shown the same way.
import { confirmWithDialog } from './confirm-dialog.js';
import { draftProblems, localToUtc } from './election-rules.js';

const form = /** @type {HTMLFormElement | null} */ (document.getElementById('election-editor'));
const textsEl = document.getElementById('editor-texts');
/** @type {Record<string, string>} */
const texts = textsEl ? JSON.parse(textsEl.textContent ?? '{}') : {};

/** @param {string} key @param {Record<string, string | number>} [values] */
const say = (key, values = {}) => (texts[key] ?? key).replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));

/**
 * @typedef {{ field: string, text: string }} Shown
 */

/** @type {Set<string>} fields the administrator has touched: their problems show as they type. */
const touched = new Set();
let triedToSave = false;
/** @type {Shown[]} the server's refusals, until the field they name is edited. */
let serverProblems = [];
/** @type {string[]} what the server said that belongs to no field (stale version, …). */
let general = [];

if (form) start(form);

/** @param {HTMLFormElement} f */
function start(f) {
  const questions = /** @type {HTMLOListElement} */ (f.querySelector('#questions'));
  const summary = /** @type {HTMLElement} */ (f.querySelector('#problem-summary'));
  const initialZone = f.dataset.timeZone ?? '';

  /** @param {string} sel */
  const input = (sel) => /** @type {HTMLInputElement} */ (f.querySelector(sel));
  /** @param {Element} el @param {string} part */
  const partOf = (el, part) => /** @type {HTMLInputElement} */ (el.querySelector(`[data-part="${part}"]`));

  /** Ids, labels, button names and field paths follow each question's and answer's position. */
  function renumber() {
    Array.from(questions.children).forEach((li, i) => {
      const n = i + 1;
      const legend = li.querySelector('legend');
      if (legend) legend.textContent = say('question', { n });
      nameTools(li.querySelector(':scope > fieldset > .row-tools'), 'Question', n);
      for (const part of ['text', 'min', 'max', 'blank']) {
        const el = partOf(li, part);
        const path = part === 'text' ? 'question' : part;
        relabel(el, `q${i}-${part}`, `questions.${i}.${path}`);
      }
      const answers = /** @type {HTMLElement} */ (li.querySelector('.answers'));
      answers.dataset.field = `questions.${i}.answers`;
      Array.from(answers.children).forEach((ali, j) => {
        const el = partOf(ali, 'answer');
        relabel(el, `q${i}-a${j}`, `questions.${i}.answers.${j}`);
        const label = ali.querySelector('label');
        if (label) label.textContent = say('answer', { n: j + 1 });
        nameTools(ali.querySelector('.row-tools'), 'Answer', j + 1);
      });
    });
    const none = document.getElementById('no-questions');
    if (none) none.hidden = questions.children.length > 0;
  }

  /**
   * Found by place, not by `for`: while renumbering, or in a copy of the template, two inputs may
   * briefly share an id, and the browser would tie their labels to the first.
   * @param {HTMLInputElement} el @param {string} id @param {string} path
   */
  function relabel(el, id, path) {
    const label = el.closest('.answer, .field, .check')?.querySelector('label');
    el.id = id;
    el.dataset.field = path;
    if (label) label.htmlFor = id;
  }

  /** @param {Element | null} tools @param {'Question' | 'Answer'} kind @param {number} n */
  function nameTools(tools, kind, n) {
    if (!tools) return;
    const names = { up: `move${kind}Up`, down: `move${kind}Down`, remove: `remove${kind}` };
    for (const b of Array.from(tools.querySelectorAll('button[data-action]'))) {
      const key = names[/** @type {'up' | 'down' | 'remove'} */ (/** @type {HTMLElement} */ (b).dataset.action)];
      if (key) b.setAttribute('aria-label', say(key, { n }));
    }
  }

  /** @param {string} id @returns {HTMLElement} */
  function fromTemplate(id) {
    const t = /** @type {HTMLTemplateElement} */ (document.getElementById(id));
    return /** @type {HTMLElement} */ (t.content.firstElementChild?.cloneNode(true));
  }

  /** The form as the API body; problems of times that cannot be read in the zone. */
  function collect() {
    const zone = input('#time-zone').value;
    /** @type {import('./election-rules.js').Problem[]} */
    const timeProblems = [];
    /** @param {string} id */
    const time = (id) => {
      const el = input(`#${id}`);
      if (!el.value) return null;
      // Left as loaded: the stored instant, which may have seconds the input cannot show.
      if (el.value === el.defaultValue && el.dataset.utc && zone === initialZone) return el.dataset.utc;
      const utc = localToUtc(el.value, zone);
      if (!utc) timeProblems.push({ field: `timeline.${id}`, code: 'timeInvalid', values: { zone } });
      return utc;
    };
    /** @param {HTMLInputElement} el */
    const number = (el) => (el.value.trim() === '' ? NaN : Number(el.value));
    const body = {
      title: input('#title').value,
      description: /** @type {HTMLTextAreaElement} */ (f.querySelector('#description')).value,
      questions: Array.from(questions.children).map((li) => ({
        question: partOf(li, 'text').value,
        answers: Array.from(li.querySelectorAll('[data-part="answer"]')).map((a) => /** @type {HTMLInputElement} */ (a).value),
        min: number(partOf(li, 'min')),
        max: number(partOf(li, 'max')),
        blank: partOf(li, 'blank').checked,
      })),
      channels: { online: input('#channel-online').checked, postal: input('#channel-postal').checked },
      precedencePolicy: /** @type {HTMLInputElement | null} */ (f.querySelector('input[name="precedencePolicy"]:checked'))?.value ?? '',
      onlineRevoting: input('#revoting').checked,
      secondFactor: /** @type {HTMLSelectElement} */ (f.querySelector('#second-factor')).value,
      timeline: { onlineOpensAt: time('onlineOpensAt'), onlineClosesAt: time('onlineClosesAt'), postalDeadline: time('postalDeadline'), timeZone: zone },
    };
    return { body, problems: [...draftProblems(body), ...timeProblems] };
  }

  /**
   * The element a problem belongs beside: the field with that API path, or the nearest enclosing
   * one (a 400 may name "questions.0.answers" for a rule about the whole list).
   * @param {string} path
   * @returns {HTMLElement | null}
   */
  function fieldFor(path) {
    for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
      const el = /** @type {HTMLElement | null} */ (f.querySelector(`[data-field="${CSS.escape(p)}"]`));
      if (el) return el;
    }
    return null;
  }

  /** @param {HTMLElement} el the input, or a list, whose first input takes the focus */
  const focusable = (el) => (el.matches('input, select, textarea') ? el : /** @type {HTMLElement | null} */ (el.querySelector('input, select, textarea')) ?? el);

  /** Shows the problems: each beside its field (aria-invalid, aria-describedby) and all in the summary. */
  function show() {
    const { problems } = collect();
    const local = problems.filter((p) => triedToSave || touched.has(p.field)).map((p) => ({ field: p.field, text: say(p.code, p.values) }));
    const all = [...local, ...serverProblems];
    for (const err of Array.from(f.querySelectorAll('.field-error[data-for]'))) err.remove();
    for (const el of Array.from(f.querySelectorAll('[aria-invalid]'))) {
      el.removeAttribute('aria-invalid');
      const kept = (el.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && !id.endsWith('-error'));
      if (kept.length) el.setAttribute('aria-describedby', kept.join(' '));
      else el.removeAttribute('aria-describedby');
    }
    /** @type {Map<HTMLElement, string[]>} */
    const byField = new Map();
    for (const p of all) {
      const el = fieldFor(p.field);
      if (el) byField.set(el, [...(byField.get(el) ?? []), p.text]);
    }
    for (const [el, list] of byField) {
      const target = focusable(el);
      const errId = `${target.id || 'field'}-error`;
      const err = document.createElement('p');
      err.className = 'field-error';
      err.id = errId;
      err.dataset.for = target.id;
      err.textContent = list.join(' ');
      const place = target.closest('.answer-row') ?? target.closest('.field, .check') ?? target;
      place.after(err);
      target.setAttribute('aria-invalid', 'true');
      const described = (target.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
      target.setAttribute('aria-describedby', [...described, errId].join(' '));
    }
    const count = all.length + general.length;
    summary.hidden = count === 0;
    const heading = /** @type {HTMLElement} */ (summary.querySelector('h2'));
    heading.textContent = say('problemsFound', { n: count });
    const ul = /** @type {HTMLUListElement} */ (summary.querySelector('ul'));
    ul.replaceChildren(
      ...general.map((g) => {
        const li = document.createElement('li');
        li.textContent = g;
        if (g === say('staleVersion')) {
          const a = document.createElement('a');
          a.href = location.href;
          a.textContent = say('reload');
          li.append(' ', a);
        }
        return li;
      }),
      ...all.map((p) => {
        const li = document.createElement('li');
        const el = fieldFor(p.field);
        const target = el ? focusable(el) : null;
        if (target?.id) {
          const a = document.createElement('a');
          a.href = `#${target.id}`;
          a.textContent = p.text;
          li.append(a);
        } else li.textContent = p.text;
        return li;
      }),
    );
    return problems.length;
  }

  /** @param {Response} res */
  async function refusal(res) {
    /** @type {{ error?: { code?: string, message?: string, fields?: Record<string, string[]>, problems?: string[] } }} */
    let json = {};
    try {
      json = await res.json();
    } catch {
      // Not JSON (a proxy's page): the status line below says what happened.
    }
    const error = json.error ?? {};
    serverProblems = Object.entries(error.fields ?? {}).map(([field, list]) => ({ field, text: [].concat(/** @type {never} */ (list)).join(' ') }));
    if (error.code === 'stale_version') general = [say('staleVersion')];
    else if (error.code === 'election_not_editable') general = [say('notEditableNow')];
    else if (serverProblems.length === 0) general = [...(Array.isArray(error.problems) ? error.problems : [error.message ?? `${res.status} ${res.statusText}`])];
    else general = [];
  }

  async function save() {
    triedToSave = true;
    serverProblems = [];
    general = [];
    if (show() > 0) {
      summary.focus();
      return;
    }
    const button = /** @type {HTMLButtonElement} */ (f.querySelector('#save'));
    const label = button.textContent;
    button.disabled = true;
    button.textContent = say('saving');
    const { body } = collect();
    const version = f.dataset.version ? Number(f.dataset.version) : undefined;
    try {
      const res = await fetch(f.dataset.path ?? '/elections', {
        method: f.dataset.method ?? 'POST',
        credentials: 'same-origin',
        headers: { accept: 'application/json', 'content-type': 'application/json' },
        body: JSON.stringify(version === undefined ? body : { ...body, version }),
      });
      if (res.ok) {
        const saved = await res.json();
        location.assign(`/admin/elections/${encodeURIComponent(saved.id)}?lang=${f.dataset.lang ?? 'en'}`);
        return;
      }
      await refusal(res);
    } catch {
      general = [say('networkDown')];
    } finally {
      button.disabled = false;
      button.textContent = label;
    }
    show();
    summary.focus();
  }

  /** @param {HTMLElement} button */
  async function act(button) {
    const action = button.dataset.action;
    const question = /** @type {HTMLElement | null} */ (button.closest('.question'));
    const item = /** @type {HTMLElement | null} */ (button.closest('.answer')) ?? question;
    if (action === 'add-question') {
      const q = fromTemplate('question-template');
      questions.append(q);
      renumber();
      partOf(q, 'text').focus();
    } else if (action === 'add-answer' && question) {
      const list = /** @type {HTMLElement} */ (question.querySelector('.answers'));
      const a = fromTemplate('answer-template');
      list.append(a);
      renumber();
      partOf(a, 'answer').focus();
    } else if (item && (action === 'up' || action === 'down')) {
      const other = action === 'up' ? item.previousElementSibling : item.nextElementSibling;
      if (!other) return;
      if (action === 'up') other.before(item);
      else other.after(item);
      renumber();
      button.focus();
    } else if (item && action === 'remove') {
      const n = Array.from(/** @type {HTMLElement} */ (item.parentElement).children).indexOf(item) + 1;
      if (item === question && !(await confirmWithDialog(say('confirmRemoveQuestion', { n })))) return;
      const next = /** @type {HTMLElement | null} */ (item.nextElementSibling ?? item.previousElementSibling);
      const parent = /** @type {HTMLElement} */ (item.parentElement);
      item.remove();
      renumber();
      // Focus stays nearby: the next item's field, else the list's add button.
      const focusTo = next?.querySelector('input') ?? parent.parentElement?.querySelector('button[data-action^="add"]');
      /** @type {HTMLElement | null | undefined} */ (focusTo)?.focus();
    } else return;
    show();
  }

  f.addEventListener('click', (event) => {
    const button = /** @type {Element} */ (event.target).closest('button[data-action]');
    if (button instanceof HTMLElement && f.contains(button)) {
      event.preventDefault();
      void act(button);
    }
  });
  /** @param {Event} event */
  const edited = (event) => {
    const el = /** @type {HTMLElement} */ (event.target);
    const field = el.dataset?.field;
    if (!field) return;
    touched.add(field);
    serverProblems = serverProblems.filter((p) => p.field !== field && !p.field.startsWith(`${field}.`) && !field.startsWith(`${p.field}.`));
    // A rule between two fields (min and max, opening and closing): touching one shows both.
    if (/^(questions\.\d+\.)(min|max)$/.test(field)) for (const k of ['min', 'max']) touched.add(field.replace(/(min|max)$/, k));
    if (field.startsWith('timeline.')) for (const k of ['onlineOpensAt', 'onlineClosesAt', 'postalDeadline', 'timeZone']) touched.add(`timeline.${k}`);
    show();
  };
  f.addEventListener('input', edited);
  f.addEventListener('change', edited);
  f.addEventListener('submit', (event) => {
    event.preventDefault();
    void save();
  });
  show();
}
