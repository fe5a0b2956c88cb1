// @ts-check
// The trustee page (docs/TRUSTEES.md): create a Single key, check it is in the election, and
// decrypt the tally. Every operation on the private key runs here, in trustee-crypto.js; the
// server receives only the public key (copied by the trustee) and the proven partial decryption.
import { call, ApiError } from './api.js';
import { announce, byId, fieldError, say } from './dom.js';
import { checkKey, decryptTally, generateKey } from './trustee-crypto.js';
import { applyTranslations, translate } from './trustee-messages.js';

const lang = document.documentElement.lang;
const electionId = document.body.dataset.election ?? '';
const base = `/elections/${encodeURIComponent(electionId)}`;
/**
 * @param {import('./trustee-messages.js').MessageKey} key
 * @param {Record<string, string | number>} [params]
 */
const t = (key, params) => translate(lang, key, params);

/** Object URLs handed out for downloads, revoked when replaced so no key lingers in memory. */
const urls = new Map();
/**
 * @param {string} linkId
 * @param {string} text
 * @param {string} fileName
 */
function offerDownload(linkId, text, fileName) {
  const link = /** @type {HTMLAnchorElement} */ (byId(linkId));
  if (urls.has(linkId)) URL.revokeObjectURL(urls.get(linkId));
  const url = URL.createObjectURL(new Blob([text], { type: 'application/octet-stream' }));
  urls.set(linkId, url);
  link.href = url;
  link.download = fileName;
}

/** @param {HTMLInputElement} input */
async function chosenFile(input) {
  const file = input.files?.[0];
  return file ? file.text() : null;
}

/** What a failed server call means for the trustee. @param {unknown} e */
function serverProblem(e) {
  if (!(e instanceof ApiError)) return t('networkFailed');
  if (e.status === 401 || e.status === 403) return t('notSignedIn');
  if (e.code === 'tally_not_ready') return t('tallyNotReady');
  const reason = typeof e.details.reason === 'string' ? ` (${e.details.reason})` : '';
  return `${e.message}${reason}`;
}

// --- Account ---------------------------------------------------------------------------

/** @param {{ displayName: string, role: string } | null} me */
function showAccount(me) {
  const signedIn = byId('signed-in');
  say(signedIn, me ? t('signedInAs', { name: me.displayName, role: me.role }) : '');
  byId('sign-in-form').hidden = Boolean(me);
  byId('sign-out').hidden = !me;
}

async function loadAccount() {
  try {
    showAccount(/** @type {{ displayName: string, role: string }} */ (await call('GET', '/auth/me')));
  } catch {
    showAccount(null);
  }
}

/** @param {SubmitEvent} event */
async function signIn(event) {
  event.preventDefault();
  const email = /** @type {HTMLInputElement} */ (byId('email'));
  const password = /** @type {HTMLInputElement} */ (byId('password'));
  const error = byId('sign-in-error');
  if (!email.value.trim() || !password.value) return fieldError(email.value.trim() ? password : email, error, t('signInMissing'));
  const button = /** @type {HTMLButtonElement} */ (byId('sign-in-button'));
  button.disabled = true;
  try {
    const session = /** @type {{ staff: { displayName: string, role: string } }} */ (await call('POST', '/auth/login', { email: email.value.trim(), password: password.value }));
    password.value = '';
    fieldError(email, error, '');
    showAccount(session.staff);
    announce(t('signedInAs', { name: session.staff.displayName, role: session.staff.role }));
  } catch (e) {
    fieldError(password, error, e instanceof ApiError ? t('signInFailed', { message: e.message }) : t('networkFailed'));
  } finally {
    button.disabled = false;
  }
}

async function signOut() {
  await call('POST', '/auth/logout').catch(() => undefined);
  showAccount(null);
  byId('email').focus();
}

// --- 1. Create a key ---------------------------------------------------------------------

function generate() {
  const key = generateKey();
  const privateName = `${key.id}.privkey`;
  offerDownload('download-private', key.privateKeyFile, privateName);
  offerDownload('download-public', `${key.publicKey}\n`, `${key.id}.pubkey`);
  byId('download-private').textContent = t('downloadPrivate', { file: privateName });
  /** @type {HTMLTextAreaElement} */ (byId('public-key')).value = key.publicKey;
  byId('new-key').hidden = false;
  byId('new-key-done').focus();
  announce(t('keyCreated'));
}

async function copyPublicKey() {
  const field = /** @type {HTMLTextAreaElement} */ (byId('public-key'));
  try {
    await navigator.clipboard.writeText(field.value);
    announce(t('copied'));
  } catch {
    field.select();
    announce(t('copyFailed'));
  }
}

// --- 2. Check the key ----------------------------------------------------------------------

/** @param {SubmitEvent} event */
async function check(event) {
  event.preventDefault();
  const input = /** @type {HTMLInputElement} */ (byId('check-key'));
  const error = byId('check-error');
  const result = byId('check-result');
  result.hidden = true;
  const keyText = await chosenFile(input);
  if (keyText === null) return fieldError(input, error, t('keyMissing'));
  const button = /** @type {HTMLButtonElement} */ (byId('check-button'));
  button.disabled = true;
  announce(t('checking'));
  try {
    const outcome = checkKey(keyText, await call('GET', `${base}/trustees`));
    if (!outcome.ok) return fieldError(input, error, outcome.code === 'key_invalid' ? t('keyInvalid', { detail: outcome.detail }) : t('error', { message: outcome.detail }));
    fieldError(input, error, '');
    const text = !outcome.found
      ? t('checkMissing', { publicKey: outcome.publicKey })
      : outcome.group
        ? t('checkFoundShare', { member: outcome.member, name: outcome.name, threshold: outcome.group.threshold, size: outcome.group.size, owner: outcome.owner })
        : t('checkFound', { owner: outcome.owner, name: outcome.name });
    say(result, text);
    result.classList.toggle('missing', !outcome.found);
    result.focus();
    announce(text);
  } catch (e) {
    fieldError(input, error, serverProblem(e));
  } finally {
    button.disabled = false;
  }
}

// --- 3. Decrypt ------------------------------------------------------------------------------

/** @param {string} code @param {string} detail */
function decryptProblem(code, detail) {
  switch (code) {
    case 'key_invalid':
      return t('keyInvalid', { detail });
    case 'not_a_trustee':
      return t('notATrustee');
    case 'election_mismatch':
    case 'record_invalid':
      return t('electionMismatch', { detail });
    case 'self_check_failed':
      return t('selfCheckFailed');
    default:
      return t('error', { message: detail });
  }
}

/** @param {SubmitEvent} event */
async function decrypt(event) {
  event.preventDefault();
  const input = /** @type {HTMLInputElement} */ (byId('decrypt-key'));
  const error = byId('decrypt-error');
  byId('decrypt-result').hidden = true;
  const keyText = await chosenFile(input);
  if (keyText === null) return fieldError(input, error, t('keyMissing'));
  const button = /** @type {HTMLButtonElement} */ (byId('decrypt-button'));
  button.disabled = true;
  announce(t('decrypting'));
  try {
    const res = await fetch(`${base}/tally/for-trustees`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      throw new ApiError(res.status, body?.error?.code ?? `http_${res.status}`, body?.error?.message ?? res.statusText, body?.error ?? {});
    }
    // Give the page a frame to show "Decrypting…" before the computation holds the thread.
    const forTrustees = await res.text();
    await new Promise((r) => setTimeout(r, 30));
    const outcome = decryptTally(forTrustees, keyText);
    if (!outcome.ok) return fieldError(input, error, decryptProblem(outcome.code, outcome.detail));
    fieldError(input, error, '');
    offerDownload('download-partial', `${outcome.upload}\n`, `partial-decryption-${outcome.owner}.json`);
    let text;
    try {
      const answer = /** @type {{ decrypted?: number, needed?: number, resultReady?: boolean, accepted?: boolean }} */ (
        await call('POST', `${base}/tally/partial-decryptions`, JSON.parse(outcome.upload))
      );
      text = answer.resultReady ? t('decryptDoneReady', { owner: outcome.owner }) : answer.decrypted === undefined ? t('decryptAlready', { owner: outcome.owner }) : t('decryptDone', { owner: outcome.owner, decrypted: answer.decrypted, needed: answer.needed ?? '?' });
    } catch (e) {
      text = t('decryptNotUploaded', { owner: outcome.owner, reason: serverProblem(e) });
    }
    say(byId('decrypt-result-text'), text);
    byId('decrypt-result').hidden = false;
    byId('decrypt-result-text').focus();
    announce(text);
  } catch (e) {
    fieldError(input, error, serverProblem(e));
  } finally {
    button.disabled = false;
  }
}

applyTranslations(document, lang);
byId('sign-in-form').addEventListener('submit', (e) => void signIn(e));
byId('sign-out').addEventListener('click', () => void signOut());
byId('generate').addEventListener('click', generate);
byId('copy-public').addEventListener('click', () => void copyPublicKey());
byId('check-form').addEventListener('submit', (e) => void check(e));
byId('decrypt-form').addEventListener('submit', (e) => void decrypt(e));
void loadAccount();
