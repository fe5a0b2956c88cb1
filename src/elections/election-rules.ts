import { ElectionSettings, Question, Timeline } from 'src/elections/election.types';

export const LIMITS = { questions: 20, answers: 100, text: 500, description: 5000 } as const;

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Problems with one question, phrased for the administrator who wrote it. */
export function questionProblems(q: Question, index: number): string[] {
  const where = `Question ${index + 1}`;
  const out: string[] = [];
  if (!q.question.trim()) out.push(`${where} has no text.`);
  if (q.answers.length < 1) out.push(`${where} has no answers.`);
  const seen = new Set<string>();
  q.answers.forEach((a, i) => {
    if (!a.trim()) out.push(`${where}, answer ${i + 1} is empty.`);
    const key = a.trim().toLowerCase();
    if (seen.has(key)) out.push(`${where} lists "${a.trim()}" twice.`);
    seen.add(key);
  });
  if (!Number.isInteger(q.min) || q.min < 0) out.push(`${where}: the minimum must be a whole number ≥ 0.`);
  if (!Number.isInteger(q.max) || q.max < 1) out.push(`${where}: the maximum must be at least 1.`);
  if (q.min > q.max) out.push(`${where}: the minimum (${q.min}) is above the maximum (${q.max}).`);
  if (q.max > q.answers.length) out.push(`${where}: the maximum (${q.max}) is above the number of answers (${q.answers.length}).`);
  return out;
}

export function timelineProblems(t: Timeline, channels: ElectionSettings['channels']): string[] {
  const out: string[] = [];
  if (!isValidTimeZone(t.timeZone)) out.push(`"${t.timeZone}" is not a known time zone.`);
  const at = (s: string | null) => (s === null ? null : Date.parse(s));
  const opens = at(t.onlineOpensAt);
  const closes = at(t.onlineClosesAt);
  const postal = at(t.postalDeadline);
  if (channels.online) {
    if (opens === null) out.push('Online voting has no opening time.');
    if (closes === null) out.push('Online voting has no closing time.');
    if (opens !== null && closes !== null && opens >= closes) out.push('Online voting closes before it opens.');
  }
  if (channels.postal && postal === null) out.push('Postal voting has no receipt deadline.');
  if (channels.postal && postal !== null && opens !== null && postal <= opens) {
    out.push('The postal deadline is before online voting opens.');
  }
  return out;
}

/**
 * Problems a draft may not have even while incomplete (contradictions, not gaps): checked on
 * every edit so the administrator hears about them at once.
 */
export function editProblems(s: ElectionSettings): string[] {
  const gaps = /has no (opening|closing) time|has no receipt deadline/;
  return [
    ...s.questions.flatMap((q, i) => questionProblems(q, i)),
    ...timelineProblems(s.timeline, s.channels).filter((p) => !gaps.test(p)),
  ];
}

/** Everything that must hold before the roll can be frozen (and packs printed from these settings). */
export function settingsProblems(s: ElectionSettings): string[] {
  const out: string[] = [];
  if (!s.title.trim()) out.push('The election has no title.');
  if (s.questions.length === 0) out.push('The election has no questions.');
  s.questions.forEach((q, i) => out.push(...questionProblems(q, i)));
  if (!s.channels.online && !s.channels.postal) out.push('Both channels are off: members could not vote.');
  out.push(...timelineProblems(s.timeline, s.channels));
  return out;
}
