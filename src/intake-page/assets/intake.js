// @ts-check
// The scan page (docs/INTAKE.md, "The scan page"): sign in, choose the election and station,
// then scan. Everything the operator must act on is on one screen; the code field keeps the
// focus so a USB scanner (which types the code and Enter) never types into the void.
import { api, ApiError, SCANNABLE_STATUSES } from './api.js';
import { KeystrokeClock } from './entry-kind.js';
import { drawIcon } from './icons.js';
import { translate } from './messages.js';
import { ScanQueue } from './scan-queue.js';
import { newScanId } from './scan-id.js';
import { playVerdict, unlockAudio } from './sound.js';
import { clockTime, sessionCounts, verdictView } from './view.js';

/** @typedef {import('./api.js').ScanResult} ScanResult */
/** @typedef {import('./api.js').Staff} Staff */
/** @typedef {import('./messages.js').MessageKey} MessageKey */
/** @typedef {{ electionId: string, electionTitle: string, sessionId: string, station: string }} CurrentSession */
/** @typedef {{ scan: ScanResult, code: string, entry: 'barcode' | 'keyed' }} HistoryItem */

const lang = document.documentElement.lang === 'fr' ? 'fr' : 'en';
/** @param {MessageKey} key @param {Record<string, string | number>} [params] */
const t = (key, params) => translate(lang, key, params);
const HISTORY_LENGTH = 10;
// Survives a reload of the tab (F5, a crash), not the closing of the browser.
const STORAGE_KEY = 'hb-intake-session';

/**
 * @template {HTMLElement} T
 * @param {string} id
 * @param {new () => T} type
 * @returns {T}
 */
function byId(id, type) {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`#${id} is missing from intake.html`);
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
  setup: byId('setup', HTMLElement),
  setupForm: byId('setup-form', HTMLFormElement),
  election: byId('election', HTMLSelectElement),
  noElection: byId('no-election', HTMLElement),
  station: byId('station', HTMLInputElement),
  setupError: byId('setup-error', HTMLElement),
  scan: byId('scan', HTMLElement),
  sessionLine: byId('session-line', HTMLElement),
  scanForm: byId('scan-form', HTMLFormElement),
  code: byId('code', HTMLInputElement),
  verdict: byId('verdict', HTMLElement),
  verdictWord: byId('verdict-word', HTMLElement),
  verdictPlace: byId('verdict-place', HTMLElement),
  verdictMessage: byId('verdict-message', HTMLElement),
  verdictFirst: byId('verdict-first', HTMLElement),
  progress: byId('progress', HTMLElement),
  live: byId('live', HTMLElement),
  counts: {
    accept: byId('count-accept', HTMLElement),
    hold: byId('count-hold', HTMLElement),
    reject: byId('count-reject', HTMLElement),
    undone: byId('count-undone', HTMLElement),
    total: byId('count-total', HTMLElement),
  },
  trayCount: byId('tray-count', HTMLElement),
  history: byId('history', HTMLOListElement),
  historyEmpty: byId('history-empty', HTMLElement),
  undo: byId('undo', HTMLButtonElement),
  askSupervisor: byId('ask-supervisor', HTMLElement),
  closeSession: byId('close-session', HTMLButtonElement),
  undoDialog: byId('undo-dialog', HTMLDialogElement),
  undoForm: byId('undo-form', HTMLFormElement),
  undoReason: byId('undo-reason', HTMLTextAreaElement),
  undoError: byId('undo-error', HTMLElement),
  closeDialog: byId('close-dialog', HTMLDialogElement),
  closeForm: byId('close-form', HTMLFormElement),
  closeError: byId('close-error', HTMLElement),
};
const icon = /** @type {SVGSVGElement} */ (/** @type {unknown} */ (document.getElementById('verdict-icon')));

/** @type {Staff | null} */
let me = null;
/** @type {CurrentSession | null} */
let current = null;
/** @type {HistoryItem[]} */
let history = [];
/** The tray of the last verdict: its count is shown under the session's. */
let currentTray = '';
const clock = new KeystrokeClock();

// ---- small helpers ------------------------------------------------------------------------

/** @param {HTMLElement} node @param {string} text */
function showText(node, text) {
  node.textContent = text;
  node.hidden = !text;
}

/** @param {unknown} e */
const messageOf = (e) => (e instanceof Error ? e.message : String(e));

/** @param {'signin' | 'setup' | 'scan'} screen */
function showScreen(screen) {
  el.loading.hidden = true;
  el.signin.hidden = screen !== 'signin';
  el.setup.hidden = screen !== 'setup';
  el.scan.hidden = screen !== 'scan';
  el.who.hidden = el.signOut.hidden = screen === 'signin';
}

/** @param {string} text */
function announce(text) {
  // Emptied first so that the same verdict twice in a row is read out twice.
  el.live.textContent = '';
  setTimeout(() => (el.live.textContent = text), 50);
}

function scanningVisible() {
  return !el.scan.hidden && !el.undoDialog.open && !el.closeDialog.open;
}

function refocus() {
  if (scanningVisible()) el.code.focus();
}

// ---- signing in ---------------------------------------------------------------------------

async function start() {
  for (const node of Array.from(document.querySelectorAll('[data-i18n]'))) {
    node.textContent = t(/** @type {MessageKey} */ (node.getAttribute('data-i18n')));
  }
  document.title = t('title');
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
  unlockAudio();
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

async function afterSignIn() {
  if (!me) return;
  showText(el.who, t('signedInAs', { name: me.displayName || me.email, role: me.role }));
  const isSupervisor = me.role === 'count_supervisor';
  el.undo.hidden = !isSupervisor;
  el.askSupervisor.hidden = isSupervisor;
  if (current) {
    // Signed in again in the middle of a session: go on where the queue stopped.
    showNotice('');
    showScreen('scan');
    queue.resume();
    refocus();
    return;
  }
  const saved = savedSession();
  if (saved) {
    try {
      const counts = sessionCounts(await api.session(saved.electionId, saved.sessionId));
      if (!counts.closed) return enterSession(saved);
    } catch {
      // Gone, closed or not ours: start a new one.
    }
    sessionStorage.removeItem(STORAGE_KEY);
  }
  await showSetup();
}

el.signOut.addEventListener('click', () => {
  void (async () => {
    try {
      await api.logout();
    } catch {
      // Signed out already.
    }
    me = null;
    current = null;
    sessionStorage.removeItem(STORAGE_KEY);
    showSignIn();
  })();
});

// ---- choosing the election and station ----------------------------------------------------

async function showSetup() {
  showScreen('setup');
  showText(el.setupError, '');
  let elections;
  try {
    elections = (await api.elections()).filter((e) => SCANNABLE_STATUSES.includes(e.status));
  } catch (e) {
    showText(el.setupError, t('error', { message: messageOf(e) }));
    return;
  }
  el.election.replaceChildren(
    ...elections.map((e) => {
      const option = document.createElement('option');
      option.value = e.id;
      option.textContent = e.title;
      return option;
    }),
  );
  el.noElection.hidden = elections.length > 0;
  el.election.disabled = elections.length === 0;
  (elections.length > 1 ? el.election : el.station).focus();
}

el.station.addEventListener('input', () => {
  el.station.value = el.station.value.toUpperCase();
});

el.setupForm.addEventListener('submit', (event) => {
  event.preventDefault();
  unlockAudio();
  const station = el.station.value.trim().toUpperCase();
  const option = el.election.selectedOptions[0];
  if (!option || !/^[A-Z0-9]{1,8}$/.test(station)) {
    showText(el.setupError, t('stationHint'));
    (option ? el.station : el.election).focus();
    return;
  }
  showText(el.setupError, '');
  void (async () => {
    try {
      // One open session per station: a supervisor called to the desk, or the same person on
      // another computer, joins it rather than being refused.
      const open = (await api.sessions(option.value)).find((s) => s.station === station && !s.closedAt);
      const session = open ?? (await api.openSession(option.value, station));
      enterSession({ electionId: option.value, electionTitle: option.textContent ?? '', sessionId: session.id, station: session.station });
      if (open) showNotice(t('joinedSession', { station, time: clockTime(open.openedAt, lang) }));
    } catch (e) {
      showText(el.setupError, messageOf(e));
      el.station.focus();
    }
  })();
});

/** @returns {CurrentSession | null} */
function savedSession() {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? /** @type {CurrentSession} */ (JSON.parse(raw)) : null;
  } catch {
    return null;
  }
}

/** @param {CurrentSession} session */
function enterSession(session) {
  showNotice('');
  current = session;
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  history = [];
  currentTray = '';
  renderHistory();
  showVerdictIdle();
  showText(el.sessionLine, t('sessionLine', { election: session.electionTitle, station: session.station }));
  showScreen('scan');
  void refreshCounts();
  el.code.focus();
}

// ---- scanning -----------------------------------------------------------------------------

const queue = new ScanQueue({
  send: async (scan) => {
    if (!current) return { kind: 'refused', status: 0, code: 'no_session', message: '' };
    try {
      const body = await api.scan(current.electionId, { scanId: scan.scanId, sessionId: current.sessionId, code: scan.code, entry: scan.entry });
      return { kind: 'verdict', body };
    } catch (e) {
      if (!(e instanceof ApiError)) return { kind: 'retry', why: messageOf(e) };
      if (e.status === 401) return { kind: 'signed_out' };
      if (e.status >= 500 || e.status === 408 || e.status === 429) return { kind: 'retry', why: e.message };
      return { kind: 'refused', status: e.status, code: e.code, message: e.message };
    }
  },
  onVerdict: (pending, scan) => {
    showVerdict(scan);
    history = [{ scan, code: pending.code, entry: pending.entry }, ...history].slice(0, HISTORY_LENGTH);
    renderHistory();
    currentTray = scan.tray;
    void refreshCounts();
    showProgress();
  },
  onRefused: (_pending, refusal) => {
    showNotRecorded(refusal.message);
    showProgress();
    if (refusal.code === 'session_closed') leaveSession();
  },
  onRetrying: (_pending, _why, waiting) => {
    el.progress.className = 'progress progress-retrying';
    showText(el.progress, t('retrying', { count: waiting }));
  },
  onSignedOut: () => {
    showNotice(t('signedOutAgain'));
    showSignIn();
  },
  onIdle: () => showProgress(),
});

function showProgress() {
  el.progress.className = 'progress';
  const waiting = queue.waiting;
  showText(el.progress, waiting === 0 ? '' : waiting === 1 ? t('sending') : t('queued', { count: waiting }));
}

el.code.addEventListener('keydown', (event) => {
  if (event.key === 'Enter') {
    event.preventDefault();
    submitCode();
  } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
    clock.key(event.timeStamp);
  } else if (event.key === 'Backspace' || event.key === 'Delete') {
    clock.edit();
  }
});
el.code.addEventListener('input', (event) => {
  // Pasting or an input method's correction: not a scanner, whatever the timing.
  if (event instanceof InputEvent && event.inputType !== 'insertText') clock.edit();
});
el.scanForm.addEventListener('submit', (event) => {
  event.preventDefault();
  submitCode();
});

function submitCode() {
  const code = el.code.value.trim();
  const entry = clock.finish();
  el.code.value = '';
  if (!code || !current) return;
  unlockAudio();
  queue.push({ scanId: newScanId(), code, entry });
  showProgress();
}

// The field keeps the focus, except when the operator moves it to a button or a dialog on
// purpose (keyboard users must be able to reach them).
el.code.addEventListener('blur', () => {
  setTimeout(() => {
    const active = document.activeElement;
    if (!active || active === document.body || active === el.verdict) refocus();
  }, 0);
});
document.addEventListener('click', (event) => {
  if (!(event.target instanceof Element) || !event.target.closest('button, a, input, select, textarea, dialog, label')) refocus();
});
window.addEventListener('focus', () => refocus());

function showVerdictIdle() {
  el.verdict.className = 'verdict verdict-idle';
  drawIcon(icon, 'idle');
  showText(el.verdictWord, '');
  showText(el.verdictPlace, '');
  showText(el.verdictMessage, t('waiting'));
  showText(el.verdictFirst, '');
}

/** @param {ScanResult} scan */
function showVerdict(scan) {
  const view = verdictView(scan, lang);
  el.verdict.className = `verdict verdict-${view.verdict}`;
  // Restart the flash so two equal verdicts in a row still look like two events.
  void el.verdict.offsetWidth;
  el.verdict.classList.add('verdict-new');
  drawIcon(icon, view.verdict);
  showText(el.verdictWord, view.word);
  showText(el.verdictPlace, view.place);
  showText(el.verdictMessage, view.message);
  showText(el.verdictFirst, view.first);
  playVerdict(view.verdict);
  announce(view.announcement);
  refocus();
}

/** @param {string} message */
function showNotRecorded(message) {
  el.verdict.className = 'verdict verdict-not-recorded';
  drawIcon(icon, 'not_recorded');
  showText(el.verdictWord, t('notRecorded'));
  showText(el.verdictPlace, '');
  showText(el.verdictMessage, message);
  showText(el.verdictFirst, t('notRecordedHint'));
  playVerdict('reject');
  announce(`${t('notRecorded')}. ${message} ${t('notRecordedHint')}`);
  refocus();
}

function renderHistory() {
  el.historyEmpty.hidden = history.length > 0;
  el.history.replaceChildren(
    ...history.map(({ scan, code, entry }) => {
      const view = verdictView(scan, lang);
      const li = document.createElement('li');
      li.className = `history-item history-${scan.verdict}${scan.undone ? ' history-undone' : ''}`;
      const word = document.createElement('strong');
      word.textContent = view.word;
      const place = document.createElement('span');
      place.textContent = view.place;
      const detail = document.createElement('span');
      detail.className = 'history-detail';
      detail.textContent = [clockTime(scan.scannedAt, lang), t(entry === 'barcode' ? 'entry_barcode' : 'entry_keyed'), code.length > 32 ? `${code.slice(0, 32)}…` : code, scan.undone ? t('undone') : '']
        .filter(Boolean)
        .join(' · ');
      li.append(word, ' ', place, detail);
      return li;
    }),
  );
}

// Several verdicts may arrive while one refresh is on its way: one more refresh then suffices.
let refreshing = false;
/** The session's total at the last refresh, for the notice when it is closed. */
let lastTotal = 0;
let refreshAgain = false;
async function refreshCounts() {
  if (!current) return;
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = true;
  try {
    const { counts, trays } = sessionCounts(await api.session(current.electionId, current.sessionId));
    lastTotal = counts.total;
    for (const key of /** @type {const} */ (['accept', 'hold', 'reject', 'undone', 'total'])) el.counts[key].textContent = String(counts[key]);
    const inTray = currentTray ? trays.get(currentTray) : undefined;
    showText(el.trayCount, inTray === undefined ? '' : t('trayCount', { tray: currentTray, count: inTray }));
  } catch {
    // The counts catch up at the next verdict; the verdict itself is what matters now.
  } finally {
    refreshing = false;
  }
  if (refreshAgain) {
    refreshAgain = false;
    await refreshCounts();
  }
}

/** @param {string} text */
function showNotice(text) {
  showText(el.notice, text);
}

function leaveSession() {
  current = null;
  sessionStorage.removeItem(STORAGE_KEY);
  void showSetup();
}

// ---- undo and close (dialogs) -------------------------------------------------------------

for (const dialog of [el.undoDialog, el.closeDialog]) {
  dialog.addEventListener('close', () => refocus());
  for (const button of Array.from(dialog.querySelectorAll('[data-close]'))) button.addEventListener('click', () => dialog.close());
}

el.undo.addEventListener('click', () => {
  el.undoReason.value = '';
  showText(el.undoError, '');
  el.undoDialog.showModal();
  el.undoReason.focus();
});

el.undoForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const reason = el.undoReason.value.trim();
  if (reason.length < 3 || !current) {
    showText(el.undoError, t('undoReason'));
    el.undoReason.focus();
    return;
  }
  const session = current;
  void (async () => {
    try {
      const { undone } = await api.undo(session.electionId, session.sessionId, reason);
      history = history.map((h) => (h.scan.scanId === undone.scanId ? { ...h, scan: { ...h.scan, undone: true } } : h));
      renderHistory();
      el.undoDialog.close();
      showNotice(t('undoneNotice', { tray: undone.tray, position: undone.position }));
      announce(t('undoneNotice', { tray: undone.tray, position: undone.position }));
      await refreshCounts();
    } catch (e) {
      showText(el.undoError, messageOf(e));
    }
  })();
});

el.closeSession.addEventListener('click', () => {
  showText(el.closeError, '');
  el.closeDialog.showModal();
});

el.closeForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const session = current;
  if (!session) return;
  void (async () => {
    try {
      await queue.drained();
      await api.closeSession(session.electionId, session.sessionId);
      await refreshCounts();
      el.closeDialog.close();
      showNotice(t('closedNotice', { station: session.station, total: lastTotal }));
      leaveSession();
    } catch (e) {
      showText(el.closeError, messageOf(e));
    }
  })();
});

void start();
