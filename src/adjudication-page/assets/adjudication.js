// @ts-check
// The adjudication page (docs/SCANNING.md, "The adjudication page"): sign in, choose the
// election and batch, then decide the pages the machine could not record, one at a time.
import { api, ApiError, ADJUDICATION_STATUSES } from './api.js';
import { invalidReasonLabels, translate } from './messages.js';
import { boxRows, decisionBody, initialDecision, needsPaperId, proposalText, questionLegend, reasonTexts, refusalText, splitQueue, thresholdsText } from './view.js';

/** @typedef {import('./api.js').Staff} Staff */
/** @typedef {import('./api.js').Election} Election */
/** @typedef {import('./api.js').ScanPage} ScanPage */
/** @typedef {import('./messages.js').MessageKey} MessageKey */
/** @typedef {import('./view.js').Outcome} Outcome */

const lang = document.documentElement.lang === 'fr' ? 'fr' : 'en';
/** @param {MessageKey} key @param {Record<string, string | number>} [params] */
const t = (key, params) => translate(lang, key, params);

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} type
 * @returns {T}
 */
function byId(id, type) {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`#${id} is missing from adjudication.html`);
  return el;
}

const el = {
  loading: byId('loading', HTMLElement),
  notice: byId('notice', HTMLElement),
  who: byId('who', HTMLElement),
  signOut: byId('sign-out', HTMLButtonElement),
  signin: byId('signin', HTMLElement),
  signinForm: byId('signin-form', HTMLFormElement),
  email: byId('email', HTMLInputElement),
  password: byId('password', HTMLInputElement),
  signinError: byId('signin-error', HTMLElement),
  choose: byId('choose', HTMLElement),
  chooseForm: byId('choose-form', HTMLFormElement),
  election: byId('election', HTMLSelectElement),
  noElection: byId('no-election', HTMLElement),
  batch: byId('batch', HTMLSelectElement),
  chooseError: byId('choose-error', HTMLElement),
  queue: byId('queue', HTMLElement),
  queueLine: byId('queue-line', HTMLElement),
  changeQueue: byId('change-queue', HTMLButtonElement),
  queueCounts: byId('queue-counts', HTMLElement),
  queueEmpty: byId('queue-empty', HTMLElement),
  refresh: byId('refresh', HTMLButtonElement),
  current: byId('current', HTMLElement),
  position: byId('position', HTMLElement),
  zoomFit: byId('zoom-fit', HTMLButtonElement),
  zoomFull: byId('zoom-full', HTMLButtonElement),
  imageFrame: byId('image-frame', HTMLElement),
  image: byId('scan-image', HTMLImageElement),
  imageError: byId('image-error', HTMLElement),
  reasons: byId('reasons', HTMLUListElement),
  boxes: byId('boxes', HTMLTableElement),
  boxRows: byId('box-rows', HTMLTableSectionElement),
  noBoxes: byId('no-boxes', HTMLElement),
  thresholds: byId('thresholds', HTMLElement),
  proposal: byId('proposal', HTMLElement),
  decisionForm: byId('decision-form', HTMLFormElement),
  questions: byId('questions', HTMLElement),
  invalidReason: byId('invalid-reason', HTMLSelectElement),
  paperIdField: byId('paper-id-field', HTMLElement),
  paperId: byId('paper-id', HTMLInputElement),
  note: byId('note', HTMLInputElement),
  decisionError: byId('decision-error', HTMLElement),
  supervisorOnly: byId('supervisor-only', HTMLElement),
  submit: byId('submit', HTMLButtonElement),
  skip: byId('skip', HTMLButtonElement),
  discardDialog: byId('discard-dialog', HTMLDialogElement),
  discardForm: byId('discard-form', HTMLFormElement),
};

/** @type {Staff | null} */
let me = null;
/** @type {Election[]} */
let elections = [];
/** @type {{ election: Election, batchId: string, batchLabel: string } | null} */
let chosen = null;
/** @type {ScanPage[]} */
let toDecide = [];
let index = 0;
let sending = false;

// ---- small helpers ------------------------------------------------------------------------

/** @param {HTMLElement} node @param {string} text */
function showText(node, text) {
  node.textContent = text;
  node.hidden = !text;
}

/** @param {unknown} e */
const messageOf = (e) => (e instanceof Error ? e.message : String(e));

/** @param {'signin' | 'choose' | 'queue'} screen */
function showScreen(screen) {
  el.loading.hidden = true;
  el.signin.hidden = screen !== 'signin';
  el.choose.hidden = screen !== 'choose';
  el.queue.hidden = screen !== 'queue';
  el.who.hidden = el.signOut.hidden = screen === 'signin';
}

const isSupervisor = () => me?.role === 'count_supervisor';

/** A 401 anywhere means the session ended: sign in again, keeping the place in the queue. */
function signedOut(/** @type {unknown} */ e) {
  if (e instanceof ApiError && e.status === 401) {
    showText(el.notice, t('signedOutAgain'));
    showSignIn();
    return true;
  }
  return false;
}

// ---- signing in ---------------------------------------------------------------------------

async function start() {
  for (const node of Array.from(document.querySelectorAll('[data-i18n]'))) {
    node.textContent = t(/** @type {MessageKey} */ (node.getAttribute('data-i18n')));
  }
  document.title = t('title');
  el.image.alt = t('imageAlt');
  for (const [code, label] of Object.entries(invalidReasonLabels[lang])) el.invalidReason.append(new Option(label, code));
  try {
    me = await api.me();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return showSignIn();
    showText(el.notice, t('error', { message: messageOf(e) }));
    return;
  }
  await afterSignIn();
}

function showSignIn() {
  showScreen('signin');
  el.password.value = '';
  (el.email.value ? el.password : el.email).focus();
}

el.signinForm.addEventListener('submit', (event) => {
  event.preventDefault();
  showText(el.signinError, '');
  void (async () => {
    try {
      me = (await api.login(el.email.value.trim(), el.password.value)).staff;
    } catch (e) {
      showText(el.signinError, e instanceof ApiError ? e.message : t('signInFailed'));
      el.password.select();
      return;
    }
    el.password.value = '';
    await afterSignIn();
  })();
});

el.signOut.addEventListener('click', () => {
  void api.logout().finally(() => {
    me = null;
    chosen = null;
    showText(el.notice, '');
    showSignIn();
  });
});

async function afterSignIn() {
  if (!me) return;
  showText(el.who, t('signedInAs', { name: me.displayName || me.email, role: me.role }));
  el.submit.disabled = !isSupervisor();
  el.supervisorOnly.hidden = isSupervisor();
  if (isSupervisor()) el.submit.removeAttribute('aria-describedby');
  else el.submit.setAttribute('aria-describedby', 'supervisor-only');
  if (chosen) {
    // Signed in again in the middle of the queue: go on where it stopped.
    await loadQueue();
    return;
  }
  await showChoose();
}

// ---- choosing the queue -------------------------------------------------------------------

async function showChoose() {
  showScreen('choose');
  try {
    elections = (await api.elections()).filter((e) => ADJUDICATION_STATUSES.includes(e.status));
  } catch (e) {
    if (!signedOut(e)) showText(el.chooseError, t('error', { message: messageOf(e) }));
    return;
  }
  el.election.replaceChildren(...elections.map((e) => new Option(e.title, e.id)));
  el.noElection.hidden = elections.length > 0;
  if (chosen) el.election.value = chosen.election.id;
  await fillBatches();
  el.election.focus();
}

async function fillBatches() {
  const electionId = el.election.value;
  el.batch.replaceChildren(new Option(t('allBatches'), ''));
  if (!electionId) return;
  try {
    const batches = await api.batches(electionId);
    for (const b of batches) el.batch.append(new Option(t('batchOption', { label: b.label, count: b.scan.inAdjudication }), b.id));
  } catch (e) {
    if (!signedOut(e)) showText(el.chooseError, t('error', { message: messageOf(e) }));
  }
  if (chosen?.election.id === electionId) el.batch.value = chosen.batchId;
}

el.election.addEventListener('change', () => void fillBatches());
// Enter on a list chooses, as it does in a text field: the keyboard never has to hunt for the button.
el.chooseForm.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && event.target instanceof HTMLSelectElement) {
    event.preventDefault();
    el.chooseForm.requestSubmit();
  }
});

el.chooseForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const election = elections.find((e) => e.id === el.election.value);
  if (!election) return;
  const option = el.batch.selectedOptions[0];
  chosen = { election, batchId: el.batch.value, batchLabel: el.batch.value && option ? option.text.replace(/ \(.*\)$/, '') : t('allBatches') };
  index = 0;
  showText(el.notice, '');
  void loadQueue();
});

el.changeQueue.addEventListener('click', () => {
  showText(el.notice, '');
  void showChoose();
});

// ---- the queue ----------------------------------------------------------------------------

/** Reloads the queue from the server and shows the page at `index` (or the first). */
async function loadQueue() {
  if (!chosen) return;
  showScreen('queue');
  showText(el.queueLine, t('queueLine', { election: chosen.election.title, batch: chosen.batchLabel }));
  let pages;
  try {
    pages = await api.queue(chosen.election.id, chosen.batchId);
  } catch (e) {
    if (!signedOut(e)) showText(el.notice, t('error', { message: messageOf(e) }));
    return;
  }
  const split = splitQueue(pages);
  toDecide = split.toDecide;
  el.queueCounts.textContent = [t('inAdjudication', { count: toDecide.length }), split.waiting > 0 ? t('waitingForPages', { count: split.waiting }) : ''].filter(Boolean).join(' · ');
  if (index >= toDecide.length) index = 0;
  showCurrent();
}

function showCurrent() {
  const page = toDecide[index];
  el.queueEmpty.hidden = page !== undefined;
  el.current.hidden = page === undefined;
  if (!page || !chosen) {
    el.refresh.focus();
    return;
  }
  const questions = chosen.election.questions;
  el.position.textContent = t('position', { n: index + 1, count: toDecide.length });

  el.imageError.hidden = true;
  // Hidden until the new image has arrived: the last page's scan must never sit beside this page's reading.
  el.image.hidden = true;
  el.image.src = api.imageUrl(chosen.election.id, page.pageId);

  el.reasons.replaceChildren(...reasonTexts(page.reasons, lang).map((text) => Object.assign(document.createElement('li'), { textContent: text })));

  const rows = boxRows(page, questions, lang);
  /** @type {HTMLTableRowElement[]} */
  const trs = [];
  rows.forEach((r, i) => {
    // One heading row per question rather than the question repeated on every answer.
    if (i === 0 || rows[i - 1].question !== r.question) {
      const head = document.createElement('tr');
      head.className = 'group';
      const th = Object.assign(document.createElement('th'), { colSpan: 4, textContent: r.question });
      th.setAttribute('scope', 'colgroup');
      head.append(th);
      trs.push(head);
    }
    const tr = document.createElement('tr');
    tr.className = `verdict-${r.verdict}`;
    [r.answer, r.fill, r.trace, r.verdictText].forEach((text, c) => {
      const cell = document.createElement(c === 0 ? 'th' : 'td');
      if (c === 0) cell.setAttribute('scope', 'row');
      if (c === 1 || c === 2) cell.className = 'num';
      cell.textContent = text;
      tr.append(cell);
    });
    trs.push(tr);
  });
  el.boxRows.replaceChildren(...trs);
  el.boxes.hidden = rows.length === 0;
  el.noBoxes.hidden = rows.length > 0;
  el.thresholds.textContent = thresholdsText(page.thresholds, lang);
  el.proposal.textContent = proposalText(page.proposed, questions, lang);

  fillDecisionForm(page, questions);
}

/**
 * @param {ScanPage} page
 * @param {import('./api.js').Question[]} questions
 */
function fillDecisionForm(page, questions) {
  const draft = initialDecision(page, questions);
  el.questions.replaceChildren(
    ...questions.map((q, qi) => {
      const fieldset = document.createElement('fieldset');
      fieldset.className = 'question';
      const legend = document.createElement('legend');
      legend.textContent = questionLegend(q, lang);
      fieldset.append(legend);
      q.answers.forEach((answer, ai) => {
        const id = `answer-${qi}-${ai}`;
        const row = document.createElement('div');
        row.className = 'choice';
        const box = Object.assign(document.createElement('input'), { type: 'checkbox', id, checked: draft.choices[qi]?.[ai] === 1 });
        box.dataset.question = String(qi);
        box.dataset.answer = String(ai);
        // Ticking an answer means "count these answers".
        box.addEventListener('change', () => setOutcome('choices'));
        const label = Object.assign(document.createElement('label'), { htmlFor: id, textContent: answer });
        row.append(box, label);
        fieldset.append(row);
      });
      return fieldset;
    }),
  );
  setOutcome(draft.outcome);
  if (draft.reason) el.invalidReason.value = draft.reason;
  el.paperIdField.hidden = !needsPaperId(page);
  el.paperId.value = '';
  el.note.value = '';
  showText(el.decisionError, '');
}

/** @param {Outcome} outcome */
function setOutcome(outcome) {
  const radio = document.getElementById(`outcome-${outcome}`);
  if (radio instanceof HTMLInputElement) radio.checked = true;
}

/** @returns {Outcome} */
function currentOutcome() {
  const checked = el.decisionForm.querySelector('input[name="outcome"]:checked');
  return /** @type {Outcome} */ (checked instanceof HTMLInputElement ? checked.value : 'choices');
}

function formChoices() {
  if (!chosen) return [];
  return chosen.election.questions.map((q, qi) =>
    q.answers.map((_, ai) => {
      const box = document.getElementById(`answer-${qi}-${ai}`);
      return box instanceof HTMLInputElement && box.checked ? 1 : 0;
    }),
  );
}

// ---- zoom ---------------------------------------------------------------------------------

/** @param {'fit' | 'full'} mode */
function zoom(mode) {
  el.imageFrame.classList.toggle('fit', mode === 'fit');
  el.zoomFit.setAttribute('aria-pressed', String(mode === 'fit'));
  el.zoomFull.setAttribute('aria-pressed', String(mode === 'full'));
}
el.zoomFit.addEventListener('click', () => zoom('fit'));
el.zoomFull.addEventListener('click', () => zoom('full'));
el.image.addEventListener('load', () => (el.image.hidden = false));
el.image.addEventListener('error', () => {
  if (el.image.getAttribute('src')) el.imageError.hidden = false;
});

// ---- deciding -----------------------------------------------------------------------------

// Choosing a reason means "invalid"; any change of mind clears the last refusal. On `input`,
// not `change`: `change` fires as the field loses focus to a click on the button, and the
// refusal vanishing then moves the button from under the pointer.
el.invalidReason.addEventListener('change', () => setOutcome('invalid'));
el.decisionForm.addEventListener('input', () => showText(el.decisionError, ''));

el.decisionForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!isSupervisor() || sending) return;
  if (currentOutcome() === 'discard') {
    el.discardDialog.showModal();
    return;
  }
  void send();
});

el.discardForm.addEventListener('submit', () => {
  // method="dialog" closes it; the decision is sent once the supervisor confirmed.
  void send();
});
for (const button of Array.from(el.discardDialog.querySelectorAll('[data-close]'))) {
  button.addEventListener('click', () => el.discardDialog.close());
}

async function send() {
  const page = toDecide[index];
  if (!page || !chosen) return;
  const built = decisionBody(
    { outcome: currentOutcome(), choices: formChoices(), reason: el.invalidReason.value, note: el.note.value, paperId: el.paperId.value },
    needsPaperId(page),
  );
  if ('problem' in built) {
    showText(el.decisionError, t(built.problem));
    el.note.focus();
    return;
  }
  showText(el.decisionError, '');
  sending = true;
  el.submit.disabled = true;
  try {
    const result = await api.decide(chosen.election.id, page.pageId, built.body);
    showText(el.notice, result.status === 'discarded' ? t('discardedNotice') : t('recordedNotice', { kind: t(/** @type {MessageKey} */ (`kind_${result.kind ?? 'valid'}`)) }));
    // The next page takes this one's place in the reloaded queue.
    await loadQueue();
    focusDecision();
  } catch (e) {
    if (signedOut(e)) return;
    if (e instanceof ApiError) {
      const refusal = refusalText(e, lang);
      if (refusal.reload) {
        showText(el.notice, refusal.text);
        await loadQueue();
        focusDecision();
      } else {
        showText(el.decisionError, refusal.text);
        el.note.focus();
      }
    } else {
      showText(el.decisionError, t('error', { message: messageOf(e) }));
    }
  } finally {
    sending = false;
    el.submit.disabled = !isSupervisor();
  }
}

/** After a decision, the keyboard goes on from the top of the next page's form. */
function focusDecision() {
  if (el.current.hidden) return;
  const first = el.decisionForm.querySelector('input[name="outcome"]:checked');
  if (first instanceof HTMLElement) first.focus();
}

el.skip.addEventListener('click', () => {
  if (toDecide.length === 0) return;
  index = (index + 1) % toDecide.length;
  showText(el.notice, '');
  showCurrent();
});

el.refresh.addEventListener('click', () => void loadQueue());

// Shortcut keys, never while typing in a field (F, Z and N are letters of a note or a paper ID).
document.addEventListener('keydown', (event) => {
  if (el.queue.hidden || el.current.hidden || el.discardDialog.open) return;
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    el.decisionForm.requestSubmit();
    return;
  }
  const target = event.target;
  // Enter submits from a tick box or an outcome too, as it does from the note.
  if (event.key === 'Enter' && target instanceof HTMLInputElement && (target.type === 'checkbox' || target.type === 'radio')) {
    event.preventDefault();
    el.decisionForm.requestSubmit();
    return;
  }
  if (target instanceof HTMLInputElement && target.type !== 'checkbox' && target.type !== 'radio') return;
  if (target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement) return;
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  const key = event.key.toLowerCase();
  if (key === 'f') zoom('fit');
  else if (key === 'z') zoom('full');
  else if (key === 'n') el.skip.click();
});

void start();
