// The numbers the page and the report derive from result.json, computed once for both so the
// table, the chart and the PDF always agree.
import type { PageLanguage } from 'src/intake-page/page-language';
import type { Labels } from 'src/results-page/labels';
import type { ChannelCounts, PublishedResult } from 'src/results-page/published-result';

export interface AnswerFigures extends ChannelCounts {
  answer: string;
  /** Of the votes cast for an answer of this question (blank excluded); null when there are none. */
  share: number | null;
}

export interface QuestionFigures {
  question: string;
  answers: AnswerFigures[];
  /** Only when the question allows a blank vote. */
  blank: ChannelCounts | null;
  /** The largest answer total, the chart's full bar. */
  maxTotal: number;
}

/**
 * Per question, the answers with their share. The question text and answers come from the
 * election as published (the order the voters saw); counts from result.json by position.
 */
export function questionFigures(r: Pick<PublishedResult, 'result' | 'questions'>): QuestionFigures[] {
  return r.result.questions.map((q, qi) => {
    const published = r.questions[qi];
    const answerVotes = q.answers.reduce((sum, a) => sum + a.total, 0);
    const answers = q.answers.map((a, ai) => ({
      answer: published?.answers[ai] ?? a.answer,
      online: a.online,
      postal: a.postal,
      total: a.total,
      share: answerVotes > 0 ? a.total / answerVotes : null,
    }));
    const allowsBlank = published ? published.blank : q.blank !== undefined;
    return {
      question: published?.question ?? q.question,
      answers,
      blank: allowsBlank ? (q.blank ?? { online: 0, postal: 0, total: 0 }) : null,
      maxTotal: Math.max(0, ...answers.map((a) => a.total)),
    };
  });
}

export interface TurnoutRow {
  channel: 'online' | 'postal' | 'total';
  voters: number;
  /** Of the eligible members; null when none were eligible. */
  rate: number | null;
}

/** Turnout per channel the election used, then the total, each against the eligible members. */
export function turnoutRows(r: Pick<PublishedResult, 'result' | 'channels'>): TurnoutRow[] {
  const t = r.result.turnout;
  const rate = (n: number) => (t.eligible > 0 ? n / t.eligible : null);
  const rows: TurnoutRow[] = [];
  if (r.channels.online) rows.push({ channel: 'online', voters: t.online, rate: rate(t.online) });
  if (r.channels.postal) rows.push({ channel: 'postal', voters: t.postal, rate: rate(t.postal) });
  rows.push({ channel: 'total', voters: t.total, rate: rate(t.total) });
  return rows;
}

/** Non-zero counts by reason, largest first, then by code so the order is stable. */
export function byReason(counts: Record<string, number>): Array<[string, number]> {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
}

export function formatCount(n: number, lang: PageLanguage): string {
  return new Intl.NumberFormat(lang).format(n);
}

/** One decimal: 56.7 % / 56,7 %; an em dash when there is nothing to divide. */
export function formatShare(share: number | null, lang: PageLanguage): string {
  if (share === null) return '—';
  return new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
}

export function formatBytes(n: number, lang: PageLanguage): string {
  const units = lang === 'fr' ? ['o', 'ko', 'Mo', 'Go'] : ['B', 'kB', 'MB', 'GB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${new Intl.NumberFormat(lang, { maximumFractionDigits: u === 0 ? 0 : 1 }).format(v)} ${units[u]}`;
}

/** A published instant in the election's time zone, with the zone named. */
export function formatInstant(iso: string, lang: PageLanguage, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(d)} (${timeZone})`;
}

/** The counts of what the rule did, only those that can happen with the channels used. */
export function precedenceRows(r: PublishedResult, t: Labels): Array<[string, number]> {
  const s = r.precedence;
  const total = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
  const rows: Array<[string, number]> = [];
  if (r.channels.online) rows.push([`${t.attempts} — ${t.online}`, s.attempts.online], [t.refusedOnline, total(s.refused.online)]);
  if (r.channels.postal) rows.push([`${t.attempts} — ${t.postal}`, s.attempts.postal], [t.refusedPostal, total(s.refused.postal)]);
  if (r.channels.online && r.channels.postal) rows.push([t.overridden, s.postalOverriddenByOnline], [t.superseded, s.onlineSupersededByPostal], [t.released, s.releasedAtOnlineClose]);
  if (r.channels.online) rows.push([t.revoted, s.onlineReplacedByRevote]);
  return rows;
}

