import { TurnoutPoint } from 'src/reconciliation/reconciliation.types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Hourly points while the poll so far fits in three days (72 points at most), daily after. */
const HOURLY_SPAN = 3 * DAY;
/** A chart wider than this says nothing more; a longer poll shows its most recent days. */
export const MAX_TURNOUT_POINTS = 200;

export interface TurnoutSeries {
  bucket: 'hour' | 'day';
  points: TurnoutPoint[];
}

/**
 * Cumulative turnout per channel at the end of each UTC hour (or day) from the start of the
 * poll to `to`. `from` is when voting opened, if known: the chart starts there even before
 * the first vote, or at the first vote if that came earlier (postal returns can arrive first).
 */
export function turnoutSeries(times: { online: readonly Date[]; postal: readonly Date[] }, window: { from: Date | null; to: Date }): TurnoutSeries {
  const online = times.online.map((d) => d.getTime()).sort((a, b) => a - b);
  const postal = times.postal.map((d) => d.getTime()).sort((a, b) => a - b);
  const starts = [online[0], postal[0], window.from?.getTime()].filter((t): t is number => t !== undefined && Number.isFinite(t));
  const noVotes = online.length === 0 && postal.length === 0;
  // Nothing to draw before anyone voted and before voting opened.
  if (starts.length === 0 || (noVotes && starts[0] > window.to.getTime())) return { bucket: 'hour', points: [] };
  const lastEvent = Math.max(online.at(-1) ?? -Infinity, postal.at(-1) ?? -Infinity);
  const from = Math.min(...starts);
  const to = Math.max(window.to.getTime(), lastEvent);
  const size = to - from <= HOURLY_SPAN ? HOUR : DAY;
  const first = Math.floor(from / size) * size;
  const buckets = Math.max(1, Math.ceil((to - first) / size) + (to % size === 0 ? 1 : 0));
  const skip = Math.max(0, buckets - MAX_TURNOUT_POINTS);
  const points: TurnoutPoint[] = [];
  let o = 0;
  let p = 0;
  for (let k = skip; k < buckets; k++) {
    const end = first + (k + 1) * size;
    while (o < online.length && online[o] < end) o++;
    while (p < postal.length && postal[p] < end) p++;
    points.push({ at: new Date(end).toISOString(), online: o, postal: p });
  }
  return { bucket: size === HOUR ? 'hour' : 'day', points };
}
