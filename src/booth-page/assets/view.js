// @ts-check
// What the voter pages say, as plain data from the API's answers: the page scripts only copy
// it into the document, so the wording is tested without a browser.
import { translate } from './messages.js';

/** @typedef {import('./messages.js').MessageKey} MessageKey */

/**
 * A date and time in the election's time zone, named, so a voter abroad is not misled.
 * @param {string} iso
 * @param {string} lang
 * @param {string} timeZone
 */
export function formatWhen(iso, lang, timeZone) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const opts = /** @type {const} */ ({ dateStyle: 'long', timeStyle: 'short' });
  try {
    return `${d.toLocaleString(lang, { ...opts, timeZone })} (${timeZone})`;
  } catch {
    // An unknown zone name: UTC, said so.
    return `${d.toLocaleString(lang, { ...opts, timeZone: 'UTC' })} (UTC)`;
  }
}

export const STATES = ['can_vote', 'voted_online', 'postal_counts', 'pack_replaced', 'not_eligible', 'postal_only', 'not_open', 'closed'];

/**
 * @typedef {object} Me what GET …/voter/me gives (docs/ONLINE.md)
 * @property {{ id: string, title: string, description?: string, revoting?: boolean, onlineOpensAt?: string | null, onlineClosesAt?: string | null, timeZone?: string }} election
 * @property {string} state
 * @property {string} [explanation]
 * @property {{ explanation?: string } | null} [castPreview]
 * @property {{ tracker: string, receivedAt: string } | null} [lastBallot]
 * @property {string | null} [opensAt]
 */

/**
 * The heading and plain words for a state in which the member cannot vote now.
 * @param {Me} me
 * @param {string} lang
 * @returns {{ heading: string, text: string, detail: string }}
 */
export function stateView(me, lang) {
  const zone = me.election.timeZone ?? 'UTC';
  const state = STATES.includes(me.state) && me.state !== 'can_vote' ? me.state : null;
  if (!state) return { heading: '', text: me.explanation ?? me.state, detail: '' };
  const key = /** @param {string} part */ (part) => /** @type {MessageKey} */ (`state_${state}_${part}`);
  const opensAt = me.opensAt ?? me.election.onlineOpensAt;
  const text = state === 'not_open' && opensAt ? translate(lang, 'state_not_open_when', { when: formatWhen(opensAt, lang, zone) }) : translate(lang, key('text'));
  const last = me.lastBallot;
  const detail = state === 'voted_online' && last ? translate(lang, 'lastBallot', { tracker: last.tracker, when: formatWhen(last.receivedAt, lang, zone) }) : '';
  return { heading: translate(lang, key('heading')), text, detail };
}

// parseCredential explains in English (src/crypto/credential/credential.ts); these say the same
// in French. A detail no pattern knows keeps the English words.
/** @type {Array<[RegExp, (m: RegExpExecArray) => string]>} */
const FR_CREDENTIAL = [
  [/^expected 4 groups of 5-6-5-6 characters \(XXXXX-XXXXXX-XXXXX-XXXXXX\), got ([\d-]+)$/, (m) => `il faut 4 groupes de 5-6-5-6 caractères (XXXXX-XXXXXX-XXXXX-XXXXXX), et non ${m[1]}`],
  [/^character (\d+) '(.)' is not valid: '0' \(zero\)/, (m) => `le caractère ${m[1]} « 0 » (zéro) n’est pas utilisé : vouliez-vous dire « o » ? Les codes ne contiennent jamais 0, O, I ni l`],
  [/^character (\d+) '(.)' is not valid: 'O'/, (m) => `le caractère ${m[1]} « O » n’est pas utilisé : vouliez-vous dire « o » ou « Q » ? Les codes ne contiennent jamais 0, O, I ni l`],
  [/^character (\d+) '(.)' is not valid: 'I'/, (m) => `le caractère ${m[1]} « I » n’est pas utilisé : vouliez-vous dire « 1 », « i » ou « J » ? Les codes ne contiennent jamais 0, O, I ni l`],
  [/^character (\d+) '(.)' is not valid: 'l'/, (m) => `le caractère ${m[1]} « l » (L minuscule) n’est pas utilisé : vouliez-vous dire « 1 » ou « i » ? Les codes ne contiennent jamais 0, O, I ni l`],
  [/^character (\d+) '(.)' is not valid: allowed characters are (\w+)$/, (m) => `le caractère ${m[1]} « ${m[2]} » n’est pas valable : les caractères permis sont ${m[3]}`],
  [/^a credential has 22 characters, got (\d+)$/, (m) => `un code de vote a 22 caractères, et non ${m[1]}`],
];

/**
 * @param {string} detail what parseCredential said
 * @param {string} lang
 */
export function credentialProblem(detail, lang) {
  if (lang === 'fr') {
    for (const [re, say] of FR_CREDENTIAL) {
      const m = re.exec(detail);
      if (m) return translate(lang, 'credentialInvalid', { detail: say(m) });
    }
  }
  return translate(lang, 'credentialInvalid', { detail });
}

/**
 * The receipt as a small text file to keep.
 * @param {string} lang
 * @param {{ title: string, tracker: string, receivedAt: string, timeZone: string, boardUrl: string }} r
 */
export function receiptText(lang, r) {
  return [
    translate(lang, 'receiptFileTitle'),
    '',
    `${translate(lang, 'election')}: ${r.title}`,
    `${translate(lang, 'tracker')}: ${r.tracker}`,
    `${translate(lang, 'receivedAt')}: ${formatWhen(r.receivedAt, lang, r.timeZone)}`,
    '',
    translate(lang, 'receiptIntro'),
    `${translate(lang, 'findOnBoard')}: ${r.boardUrl}`,
    '',
  ].join('\r\n');
}

/**
 * @param {string} status counts | replaced | superseded
 * @param {string} lang
 */
export function statusWords(status, lang) {
  return ['counts', 'replaced', 'superseded'].includes(status) ? translate(lang, /** @type {MessageKey} */ (`status_${status}`)) : status;
}

/**
 * Minutes to wait after a 429, rounded up, at least 1.
 * @param {number | undefined} seconds
 */
export function waitMinutes(seconds) {
  return Math.max(1, Math.ceil((Number(seconds) || 60) / 60));
}
