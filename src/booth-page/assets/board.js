// @ts-check
// The public ballot board: trackers in order, a page at a time (?after=), and a search for one
// tracker (?tracker=, which the receipt's link fills in).
import { api, ApiError } from './api.js';
import { announce, byId, fieldError, pageLink, say } from './dom.js';
import { applyTranslations, translate } from './messages.js';
import { statusWords } from './view.js';

export const PAGE_SIZE = 50;
const lang = document.documentElement.lang;
const electionId = document.body.dataset.election ?? '';
const boardPath = `/board/${encodeURIComponent(electionId)}`;
const query = new URLSearchParams(location.search);
/**
 * @param {import('./messages.js').MessageKey} key
 * @param {Record<string, string | number>} [params]
 */
const t = (key, params) => translate(lang, key, params);

// ?limit= (1 to 200) is for a reader who wants longer or shorter pages; links keep it.
const asked = Math.trunc(Number(query.get('limit')));
const limit = asked >= 1 && asked <= 200 ? asked : PAGE_SIZE;
/** @type {Record<string, string>} */
const keep = limit === PAGE_SIZE ? {} : { limit: String(limit) };

async function showPage() {
  const after = query.get('after') ?? '';
  try {
    const page = await api.trackers(electionId, after, limit);
    const rows = page.trackers.map((row) => {
      const tr = document.createElement('tr');
      const tracker = document.createElement('td');
      tracker.className = 'mono';
      tracker.textContent = row.tracker;
      const status = document.createElement('td');
      status.textContent = statusWords(row.status, lang);
      tr.append(tracker, status);
      return tr;
    });
    byId('board-rows').replaceChildren(...rows);
    byId('board').hidden = rows.length === 0;
    byId('board-empty').hidden = rows.length > 0 || Boolean(after);
    const next = byId('next-page');
    next.hidden = !page.next;
    if (page.next) next.setAttribute('href', pageLink(boardPath, lang, { ...keep, after: page.next }));
    const first = byId('first-page');
    first.hidden = !after;
    first.setAttribute('href', pageLink(boardPath, lang, keep));
  } catch (e) {
    say(byId('board-error'), e instanceof ApiError ? (e.status === 404 ? t('notOpenYet') : t('error', { message: e.message })) : t('networkFailed'));
  } finally {
    byId('loading').hidden = true;
  }
}

/** @param {SubmitEvent} [event] */
async function find(event) {
  event?.preventDefault();
  const field = /** @type {HTMLInputElement} */ (byId('find-tracker'));
  const error = byId('find-error');
  const result = byId('find-result');
  result.hidden = true;
  const tracker = field.value.trim();
  if (!tracker) return fieldError(field, error, t('findMissing'));
  fieldError(field, error, '');
  try {
    const found = await api.tracker(electionId, tracker);
    result.className = 'found';
    say(result, t('found', { status: statusWords(found.status, lang) }));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      result.className = 'error';
      say(result, t('notFound'));
    } else {
      return fieldError(field, error, e instanceof ApiError ? t('error', { message: e.message }) : t('networkFailed'));
    }
  }
  announce(result.textContent ?? '');
}

applyTranslations(document, lang);
byId('vote-link').setAttribute('href', pageLink(`/vote/${encodeURIComponent(electionId)}`, lang));
byId('check-link').setAttribute('href', pageLink(`/vote/${encodeURIComponent(electionId)}/check`, lang));
byId('find-form').addEventListener('submit', (e) => void find(e));
const wanted = query.get('tracker');
if (wanted) {
  /** @type {HTMLInputElement} */ (byId('find-tracker')).value = wanted;
  void find();
}
void showPage();
