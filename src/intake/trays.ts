// Where the next envelope of each verdict goes at a station: trays fill in order, positions
// count from 1, and a full tray is followed by the next one (D2-A01, D2-A02, …).
import { TRAY_LETTER, TrayCursor, TrayPlace, Verdict } from 'src/intake/intake.types';

export function trayLabel(station: string, verdict: Verdict, tray: number): string {
  return `${station}-${TRAY_LETTER[verdict]}${String(tray).padStart(2, '0')}`;
}

export function nextPlace(cursor: TrayCursor, verdict: Verdict, capacity: number, station: string): { cursor: TrayCursor; place: TrayPlace } {
  const last = cursor[verdict];
  const full = last.tray === 0 || last.position >= capacity;
  const next = full ? { tray: last.tray + 1, position: 1 } : { tray: last.tray, position: last.position + 1 };
  return { cursor: { ...cursor, [verdict]: next }, place: { tray: trayLabel(station, verdict, next.tray), position: next.position } };
}
