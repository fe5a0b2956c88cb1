// @ts-check
// The booth (docs/ONLINE.md): sign in, see the member's state, choose, review, sign with the
// credential, cast, keep the receipt. The ballot is built here; only its JSON is posted.
import { api, ApiError } from './api.js';
import { buildBallot, checkCredential, readElection } from './booth-crypto.js';
import { plaintext } from './choices.js';
import { announce, byId, fieldError, pageLink, say, showSection } from './dom.js';
import { parseFragment } from './fragment.js';
import { applyTranslations, translate } from './messages.js';
import { readSelections, renderQuestions, renderReview, showSelectionErrors } from './questions.js';
import { credentialProblem, formatWhen, receiptText, stateView, waitMinutes } from './view.js';

/** @typedef {import('./view.js').Me} Me */
/** @typedef {import('./booth-crypto.js').BoothElection} BoothElection */

const SECTIONS = ['signin', 'state', 'booth', 'review', 'sign', 'receipt'];
const lang = document.documentElement.lang;
const body = document.body;
const electionId = body.dataset.election ?? '';
const timeZone = body.dataset.timeZone || 'UTC';
const factor = body.dataset.secondFactor === 'postcode' ? 'postcode' : 'dateOfBirth';
/**
 * @param {import('./messages.js').MessageKey} key
 * @param {Record<string, string | number>} [params]
 */
const t = (key, params) => translate(lang, key, params);
const boardPath = `/board/${encodeURIComponent(electionId)}`;

/** From the letter's QR code: held here, in memory only, until the ballot is signed. */
let qrCredential = '';
/** @type {Me | null} */
let me = null;
/** @type {BoothElection | null} */
let election = null;
/** @type {import('./choices.js').Selection[]} */
let selections = [];

const input = /** @param {string} id */ (id) => /** @type {HTMLInputElement} */ (byId(id));
const button = /** @param {string} id */ (id) => /** @type {HTMLButtonElement} */ (byId(id));

function setUp() {
  applyTranslations(document, lang);
  byId('second-factor-label').textContent = t(`factor_${factor}`);
  byId('second-factor-hint').textContent = t(`factorHint_${factor}`);
  const second = input('second-factor');
  second.setAttribute('autocomplete', factor === 'postcode' ? 'postal-code' : 'bday');
  if (factor === 'postcode') second.autocapitalize = 'characters';
  byId('board-link').setAttribute('href', pageLink(boardPath, lang));
  byId('check-link').setAttribute('href', pageLink(`/vote/${encodeURIComponent(electionId)}/check`, lang));

  const fragment = parseFragment(location.hash);
  if (fragment.votingId || fragment.credential) {
    input('voting-id').value = fragment.votingId;
    qrCredential = fragment.credential;
    byId('from-qr').hidden = !fragment.credential;
    // Out of the address bar, the history and any bookmark: the credential stays in memory.
    history.replaceState(null, '', location.pathname + location.search);
  }
}

/** @param {unknown} e */
function networkOr(e) {
  return e instanceof ApiError ? t('error', { message: e.message }) : t('networkFailed');
}

async function start() {
  setUp();
  try {
    await enter(await api.me(electionId));
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) say(byId('signin-error'), networkOr(e));
    showSection(SECTIONS, 'signin');
    if (!input('voting-id').value) input('voting-id').focus();
    else input('second-factor').focus();
  }
}

/** @param {SubmitEvent} event */
async function signIn(event) {
  event.preventDefault();
  const votingId = input('voting-id');
  const second = input('second-factor');
  const error = byId('signin-error');
  const factorName = t(`factor_${factor}`).toLowerCase();
  if (!votingId.value.trim() || !second.value.trim()) {
    fieldError(!votingId.value.trim() ? votingId : second, error, t('signInMissing', { factor: factorName }));
    return;
  }
  const submit = button('signin-button');
  submit.disabled = true;
  submit.textContent = t('signingIn');
  try {
    await api.signIn(electionId, votingId.value, second.value);
    say(error, '');
    await enter(await api.me(electionId));
  } catch (e) {
    let text = networkOr(e);
    if (e instanceof ApiError && e.status === 401) text = t('signInFailed', { factor: factorName });
    if (e instanceof ApiError && e.status === 429) text = t('rateLimited', { minutes: waitMinutes(Number(e.details.retryAfterSeconds)) });
    fieldError(second, error, text);
  } finally {
    submit.disabled = false;
    submit.textContent = t('signIn');
  }
}

/** After sign-in: the member's state decides the first thing shown. @param {Me} answer */
async function enter(answer) {
  me = answer;
  byId('sign-out').hidden = false;
  if (me.state !== 'can_vote') return showState(me);
  election = readElection(await api.electionJson(electionId));
  renderQuestions(byId('questions'), election.questions, lang);
  say(byId('cast-preview'), me.castPreview?.explanation ?? '');
  say(byId('closes-at'), me.election.onlineClosesAt ? t('closesAt', { when: formatWhen(me.election.onlineClosesAt, lang, timeZone) }) : '');
  showSection(SECTIONS, 'booth');
}

/** @param {Me} state */
function showState(state) {
  const view = stateView(state, lang);
  byId('state-heading').textContent = view.heading || t('signInHeading');
  say(byId('state-text'), view.text);
  say(byId('state-detail'), view.detail);
  const tracker = state.lastBallot?.tracker;
  byId('state-board-line').hidden = !tracker;
  if (tracker) byId('state-board').setAttribute('href', pageLink(boardPath, lang, { tracker }));
  showSection(SECTIONS, 'state');
}

/** @param {SubmitEvent} event */
function review(event) {
  event.preventDefault();
  if (!election) return;
  const container = byId('questions');
  selections = readSelections(container, election.questions.length);
  const errors = showSelectionErrors(container, election.questions, selections, lang);
  say(byId('booth-errors'), errors.length ? t(errors.length === 1 ? 'errorsFoundOne' : 'errorsFoundMany', { count: errors.length }) : '');
  if (errors.length) {
    errors[0].focus();
    return;
  }
  renderReview(byId('review-list'), election.questions, selections, lang);
  say(byId('review-preview'), me?.castPreview?.explanation ?? '');
  showSection(SECTIONS, 'review');
}

function toCredential() {
  const field = input('credential');
  if (!field.value && qrCredential) field.value = qrCredential;
  byId('credential-qr').hidden = !qrCredential || field.value !== qrCredential;
  showSection(SECTIONS, 'sign');
}

/** @param {string} text */
function progress(text) {
  say(byId('cast-progress'), text);
  announce(text);
}

/** Lets the browser paint the progress line before the (synchronous) ballot computation. */
const nextFrame = () => new Promise((resolve) => setTimeout(resolve, 30));

/** @param {SubmitEvent} event */
async function cast(event) {
  event.preventDefault();
  if (!election || !me) return;
  const field = input('credential');
  const fieldErr = byId('credential-error');
  const castErr = byId('cast-error');
  say(castErr, '');
  if (!field.value.trim()) return fieldError(field, fieldErr, t('credentialMissing'));
  const check = checkCredential(field.value);
  if (!check.ok) return fieldError(field, fieldErr, credentialProblem(check.detail, lang));
  fieldError(field, fieldErr, '');
  const submit = button('cast');
  submit.disabled = true;
  try {
    progress(t('encrypting'));
    await nextFrame();
    const questions = election.questions;
    const built = buildBallot(election, check.credential, questions.map((q, i) => plaintext(q, selections[i])));
    progress(t('sending'));
    const emailMe = input('email-me').checked;
    const receipt = await send(built, emailMe);
    // Signed and cast: nothing here needs the credential any more.
    qrCredential = '';
    field.value = '';
    showReceipt(receipt.tracker, receipt.receivedAt, emailMe);
  } catch (e) {
    await castFailed(e, field, fieldErr, castErr);
  } finally {
    submit.disabled = false;
    say(byId('cast-progress'), '');
  }
}

/**
 * Posts the ballot; a lost answer is sent once more. The box then answers ballot_replayed with
 * the tracker: when it is the one just built, the first post went in, which is success.
 * @param {{ ballot: string, tracker: string }} built
 * @param {boolean} emailMe
 */
async function send(built, emailMe) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await api.cast(electionId, built.ballot, emailMe);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ballot_replayed' && e.details.tracker === built.tracker) {
        return { tracker: built.tracker, receivedAt: new Date().toISOString() };
      }
      if (!(e instanceof TypeError) || attempt >= 2) throw e;
    }
  }
}

/**
 * @param {unknown} e
 * @param {HTMLInputElement} field
 * @param {HTMLElement} fieldErr
 * @param {HTMLElement} castErr
 */
async function castFailed(e, field, fieldErr, castErr) {
  if (!(e instanceof ApiError)) {
    say(castErr, e instanceof TypeError ? t('networkFailed') : t('error', { message: String(e) }));
    castErr.focus();
    return;
  }
  if (e.status === 401) {
    showSection(SECTIONS, 'signin');
    fieldError(input('second-factor'), byId('signin-error'), t('sessionEnded'));
    return;
  }
  if (e.code === 'credential_not_yours') return fieldError(field, fieldErr, t('credentialNotYours'));
  if (e.code === 'credential_voided' || e.code === 'precedence_refused') {
    // The member's situation changed (a postal vote counted, voting closed, a new pack): the
    // state page says it plainly; the API's own words when the state has not caught up.
    const now = await api.me(electionId).catch(() => null);
    if (now && now.state !== 'can_vote') return showState(now);
    say(castErr, e.message);
  } else if (e.code === 'busy') {
    say(castErr, t('busy'));
  } else {
    say(castErr, t('rejected', { code: e.code }));
  }
  castErr.focus();
}

/**
 * @param {string} tracker
 * @param {string} receivedAt
 * @param {boolean} emailMe
 */
function showReceipt(tracker, receivedAt, emailMe) {
  byId('receipt-tracker').textContent = tracker;
  byId('receipt-when').textContent = formatWhen(receivedAt, lang, timeZone);
  byId('receipt-email').hidden = !emailMe;
  const boardUrl = new URL(pageLink(boardPath, lang, { tracker }), location.origin).href;
  byId('receipt-board').setAttribute('href', boardUrl);
  const title = document.title;
  const file = new Blob([receiptText(lang, { title, tracker, receivedAt, timeZone, boardUrl })], { type: 'text/plain;charset=utf-8' });
  const download = byId('download');
  download.setAttribute('href', URL.createObjectURL(file));
  download.setAttribute('download', `receipt-${tracker.replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}.txt`);
  showSection(SECTIONS, 'receipt');
  announce(t('receiptHeading'));
}

async function signOut() {
  await api.signOut(electionId).catch(() => undefined);
  location.assign(location.pathname + location.search);
}

byId('signin-form').addEventListener('submit', (e) => void signIn(e));
byId('booth-form').addEventListener('submit', review);
byId('review-change').addEventListener('click', () => showSection(SECTIONS, 'booth'));
byId('review-confirm').addEventListener('click', toCredential);
byId('sign-form').addEventListener('submit', (e) => void cast(e));
byId('sign-back').addEventListener('click', () => showSection(SECTIONS, 'review'));
byId('credential').addEventListener('input', () => (byId('credential-qr').hidden = !qrCredential || input('credential').value !== qrCredential));
byId('print').addEventListener('click', () => window.print());
byId('sign-out').addEventListener('click', () => void signOut());
void start();
