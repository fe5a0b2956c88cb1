// @ts-check
// A postal voter checks that no online ballot used their credential. The public credential is
// derived here; the server is asked only for the used ones sharing its first 4 hex digits, so
// it never learns which credential was checked, and the credential never leaves the device.
import { api, ApiError } from './api.js';
import { checkCredential, publicCredential, readElection } from './booth-crypto.js';
import { announce, byId, fieldError, pageLink, say } from './dom.js';
import { applyTranslations, translate } from './messages.js';
import { credentialProblem } from './view.js';

const lang = document.documentElement.lang;
const electionId = document.body.dataset.election ?? '';
/**
 * @param {import('./messages.js').MessageKey} key
 * @param {Record<string, string | number>} [params]
 */
const t = (key, params) => translate(lang, key, params);

/** @type {import('./booth-crypto.js').BoothElection | null} */
let election = null;

/** @param {SubmitEvent} event */
async function check(event) {
  event.preventDefault();
  const field = /** @type {HTMLInputElement} */ (byId('credential'));
  const error = byId('credential-error');
  byId('result').hidden = true;
  if (!field.value.trim()) return fieldError(field, error, t('credentialMissing'));
  const parsed = checkCredential(field.value);
  if (!parsed.ok) return fieldError(field, error, credentialProblem(parsed.detail, lang));
  fieldError(field, error, '');
  const submit = /** @type {HTMLButtonElement} */ (byId('check-button'));
  submit.disabled = true;
  announce(t('checking'));
  try {
    election ??= readElection(await api.electionJson(electionId));
    const mine = publicCredential(election, parsed.credential);
    const { credentials } = await api.credentials(electionId, mine.slice(0, 4));
    const used = credentials.includes(mine);
    say(byId('result-text'), t(used ? 'checkUsed' : 'checkUnused'));
    say(byId('result-help'), used ? t('checkUsedHelp') : '');
    byId('result').hidden = false;
    announce(t(used ? 'checkUsed' : 'checkUnused'));
  } catch (e) {
    const text = e instanceof ApiError ? (e.code === 'not_open' ? t('notOpenYet') : t('error', { message: e.message })) : t('networkFailed');
    fieldError(field, error, text);
  } finally {
    submit.disabled = false;
  }
}

applyTranslations(document, lang);
byId('vote-link').setAttribute('href', pageLink(`/vote/${encodeURIComponent(electionId)}`, lang));
byId('board-link').setAttribute('href', pageLink(`/board/${encodeURIComponent(electionId)}`, lang));
byId('check-form').addEventListener('submit', (e) => void check(e));
