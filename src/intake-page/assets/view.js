// @ts-check
// What the scanning screen says about a verdict and a session, as plain data: intake.js only
// copies it into the page, so the wording is tested without a browser.
import { frVerdictMessages, translate } from './messages.js';

/** @typedef {import('./api.js').ScanResult} ScanResult */
/** @typedef {import('./api.js').Verdict} Verdict */
/** @typedef {import('./messages.js').MessageKey} MessageKey */

/** @type {Record<Verdict, MessageKey>} */
const VERDICT_WORD = { accept: 'verdict_accept', hold: 'verdict_hold', reject: 'verdict_reject' };

/**
 * @param {string} iso
 * @param {string} lang
 */
export function clockTime(iso, lang) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return d.toLocaleString(lang, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/**
 * Why, in the page's language: the API's own words in English.
 * @param {ScanResult} scan
 * @param {string} lang
 */
export function reasonText(scan, lang) {
  if (lang !== 'fr') return scan.message;
  return frVerdictMessages[scan.reason ?? scan.verdict] ?? scan.message;
}

/**
 * @param {ScanResult} scan
 * @param {string} lang
 */
export function verdictView(scan, lang) {
  const message = reasonText(scan, lang);
  const word = translate(lang, VERDICT_WORD[scan.verdict]);
  const place = translate(lang, 'place', { tray: scan.tray, position: scan.position });
  const first = scan.firstScan
    ? translate(lang, 'firstScan', { tray: scan.firstScan.tray, position: scan.firstScan.position, time: clockTime(scan.firstScan.scannedAt, lang) })
    : '';
  return {
    verdict: scan.verdict,
    word,
    place,
    message,
    first,
    // Screen readers hear everything the sighted operator reads, in the same order.
    announcement: [translate(lang, 'announce', { verdict: word, place, message }), first].filter(Boolean).join(' '),
  };
}

/**
 * @typedef {object} SessionCounts
 * @property {Record<Verdict | 'undone' | 'total', number>} counts scans per verdict (undone ones apart), and all scans
 * @property {Map<string, number>} trays envelopes in each tray of the session
 * @property {boolean} closed
 */

/** @param {unknown} v */
const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
/** @param {unknown} v @returns {Record<string, unknown>} */
const record = (v) => (typeof v === 'object' && v !== null ? /** @type {Record<string, unknown>} */ (v) : {});

/**
 * The running counts of a session as GET …/sessions/:id gives them.
 * @param {unknown} session
 * @returns {SessionCounts}
 */
export function sessionCounts(session) {
  const s = record(session);
  const c = record(s.counts);
  const counts = { accept: num(c.accept), hold: num(c.hold), reject: num(c.reject), undone: num(c.undone), total: 0 };
  counts.total = num(c.total) || counts.accept + counts.hold + counts.reject + counts.undone;
  /** @type {Map<string, number>} */
  const trays = new Map();
  for (const t of Array.isArray(s.trays) ? s.trays : []) trays.set(String(record(t).tray), num(record(t).envelopes));
  return { counts, trays, closed: Boolean(s.closedAt) };
}
