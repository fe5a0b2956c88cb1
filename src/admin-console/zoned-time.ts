// Staff type days in the election's time zone; the event log stores UTC instants.

function offsetMs(instant: number, timeZone: string): number {
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
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second')) - Math.floor(instant / 1000) * 1000;
}

/** The instant a calendar day (YYYY-MM-DD) starts in a time zone; null for a date that is not one. */
export function startOfDay(day: string, timeZone: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(guess).toISOString().slice(0, 10) !== day) return null;
  // Twice: the first offset may be the other side of a daylight-saving change.
  let instant = guess - offsetMs(guess, timeZone);
  instant = guess - offsetMs(instant, timeZone);
  return new Date(instant);
}

/** The instant the next day starts: the end (exclusive) of a day typed as "to". */
export function endOfDay(day: string, timeZone: string): Date | null {
  const start = startOfDay(day, timeZone);
  if (!start) return null;
  const next = new Date(Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)) + 1)).toISOString().slice(0, 10);
  return startOfDay(next, timeZone);
}

/**
 * A UTC instant as the election's wall clock shows it, the value of a datetime-local input
 * ("2027-03-28T09:30"); the editor's script reads it back with localToUtc (assets/election-rules.js).
 */
export function utcToLocalInput(iso: string, timeZone: string): string {
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return '';
  const local = new Date(instant + offsetMs(instant, timeZone));
  return local.toISOString().slice(0, 16);
}
