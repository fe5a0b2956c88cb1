// @ts-check
// The rules the server enforces on a draft's settings (src/elections/elections.dto.ts and
// editProblems in election-rules.ts), written again for the browser so the editor can say what is
// wrong as the administrator types. No DOM here: src/admin-console/editor-rules.spec.ts runs the
// same table of drafts through this module and through the server's own checks and expects the
// same verdict, so the two cannot drift apart unnoticed.

/** Mirrors LIMITS in src/elections/election-rules.ts (the unit test compares them). */
export const LIMITS = Object.freeze({ questions: 20, answers: 100, text: 500, description: 5000, timeZone: 64 });

/**
 * @typedef {{ question: string, answers: string[], min: number, max: number, blank: boolean }} DraftQuestion
 * @typedef {{ onlineOpensAt: string | null, onlineClosesAt: string | null, postalDeadline: string | null, timeZone: string }} DraftTimeline
 * @typedef {{ title: string, description: string, questions: DraftQuestion[], channels: { online: boolean, postal: boolean },
 *   precedencePolicy: string, onlineRevoting: boolean, secondFactor: string, timeline: DraftTimeline }} Draft
 * @typedef {{ field: string, code: string, values: Record<string, string | number> }} Problem
 *   field: the API's own path of the value (as in a 400's error.fields), code: a message key.
 */

/** @param {string} tz */
export function isValidTimeZone(tz) {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** @param {unknown} n @param {number} lo @param {number} hi */
const wholeIn = (n, lo, hi) => typeof n === 'number' && Number.isInteger(n) && n >= lo && n <= hi;

/**
 * @param {DraftQuestion} q
 * @param {number} i
 * @returns {Problem[]}
 */
function questionProblems(q, i) {
  /** @type {Problem[]} */
  const out = [];
  const at = `questions.${i}`;
  const n = i + 1;
  if (!q.question.trim()) out.push({ field: `${at}.question`, code: 'questionEmpty', values: { q: n } });
  else if (q.question.length > LIMITS.text) out.push({ field: `${at}.question`, code: 'questionLong', values: { q: n, max: LIMITS.text } });
  if (q.answers.length === 0) out.push({ field: `${at}.answers`, code: 'noAnswers', values: { q: n } });
  if (q.answers.length > LIMITS.answers) out.push({ field: `${at}.answers`, code: 'tooManyAnswers', values: { q: n, max: LIMITS.answers } });
  const seen = new Set();
  q.answers.forEach((a, j) => {
    const field = `${at}.answers.${j}`;
    const key = a.trim().toLowerCase();
    if (!key) out.push({ field, code: 'answerEmpty', values: { q: n, a: j + 1 } });
    else if (a.length > LIMITS.text) out.push({ field, code: 'answerLong', values: { q: n, a: j + 1, max: LIMITS.text } });
    else if (seen.has(key)) out.push({ field, code: 'answerTwice', values: { q: n, answer: a.trim() } });
    seen.add(key);
  });
  const minOk = wholeIn(q.min, 0, LIMITS.answers);
  const maxOk = wholeIn(q.max, 1, LIMITS.answers);
  if (!minOk) out.push({ field: `${at}.min`, code: 'minInvalid', values: { q: n, max: LIMITS.answers } });
  if (!maxOk) out.push({ field: `${at}.max`, code: 'maxInvalid', values: { q: n, max: LIMITS.answers } });
  if (minOk && maxOk && q.min > q.max) out.push({ field: `${at}.min`, code: 'minAboveMax', values: { q: n, min: q.min, max: q.max } });
  if (maxOk && q.answers.length > 0 && q.max > q.answers.length) {
    out.push({ field: `${at}.max`, code: 'maxAboveAnswers', values: { q: n, max: q.max, answers: q.answers.length } });
  }
  return out;
}

/**
 * @param {DraftTimeline} t
 * @param {{ online: boolean, postal: boolean }} channels
 * @returns {Problem[]}
 */
function timelineProblems(t, channels) {
  /** @type {Problem[]} */
  const out = [];
  if (t.timeZone.length > LIMITS.timeZone || !isValidTimeZone(t.timeZone)) out.push({ field: 'timeline.timeZone', code: 'timeZoneUnknown', values: { zone: t.timeZone } });
  const at = (/** @type {string | null} */ s) => (s === null ? null : Date.parse(s));
  const opens = at(t.onlineOpensAt);
  const closes = at(t.onlineClosesAt);
  const postal = at(t.postalDeadline);
  // Gaps are allowed in a draft (the pre-launch checklist asks for them); contradictions are not.
  if (channels.online && opens !== null && closes !== null && opens >= closes) out.push({ field: 'timeline.onlineClosesAt', code: 'closesBeforeOpens', values: {} });
  if (channels.postal && postal !== null && opens !== null && postal <= opens) out.push({ field: 'timeline.postalDeadline', code: 'postalBeforeOpens', values: {} });
  return out;
}

/**
 * Everything the server would refuse in this draft (POST /elections or PATCH /elections/:id),
 * plus a title of spaces only, which the server would store as an empty title.
 * @param {Draft} d
 * @returns {Problem[]}
 */
export function draftProblems(d) {
  /** @type {Problem[]} */
  const out = [];
  if (!d.title.trim()) out.push({ field: 'title', code: 'titleEmpty', values: {} });
  else if (d.title.length > LIMITS.text) out.push({ field: 'title', code: 'titleLong', values: { max: LIMITS.text } });
  if (d.description.length > LIMITS.description) out.push({ field: 'description', code: 'descriptionLong', values: { max: LIMITS.description } });
  if (d.questions.length > LIMITS.questions) out.push({ field: 'questions', code: 'tooManyQuestions', values: { max: LIMITS.questions } });
  d.questions.forEach((q, i) => out.push(...questionProblems(q, i)));
  out.push(...timelineProblems(d.timeline, d.channels));
  return out;
}

/**
 * How far a time zone is ahead of UTC at an instant, in milliseconds.
 * @param {number} instant
 * @param {string} timeZone
 */
function offsetMs(instant, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const n = (/** @type {string} */ type) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(instant / 1000) * 1000;
}

/**
 * A datetime-local value ("2027-03-28T09:30") read in a time zone, as a UTC ISO instant; null when
 * it is not a time, or is a wall-clock time that zone skips when its clocks go forward.
 * @param {string} local
 * @param {string} timeZone
 * @returns {string | null}
 */
export function localToUtc(local, timeZone) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!m || !isValidTimeZone(timeZone)) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  if (new Date(wall).toISOString().slice(0, 16) !== local) return null;
  // Twice: the first guess may sit on the other side of a daylight-saving change.
  let instant = wall - offsetMs(wall, timeZone);
  instant = wall - offsetMs(instant, timeZone);
  return instant + offsetMs(instant, timeZone) === wall ? new Date(instant).toISOString() : null;
}
