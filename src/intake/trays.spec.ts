import { EMPTY_TRAYS, TrayCursor, VERDICTS } from 'src/intake/intake.types';
import { nextPlace } from 'src/intake/trays';

describe('tray places', () => {
  it('fills each verdict’s trays in order, position 1 to capacity, then the next tray', () => {
    let cursor: TrayCursor = EMPTY_TRAYS;
    const seen: string[] = [];
    for (let i = 0; i < 7; i++) {
      const r = nextPlace(cursor, 'hold', 3, 'D2');
      cursor = r.cursor;
      seen.push(`${r.place.tray}#${r.place.position}`);
    }
    expect(seen).toEqual(['D2-H01#1', 'D2-H01#2', 'D2-H01#3', 'D2-H02#1', 'D2-H02#2', 'D2-H02#3', 'D2-H03#1']);
    expect(cursor.accept).toEqual({ tray: 0, position: 0 });
  });

  it('never gives two envelopes the same place, whatever the mix of verdicts', () => {
    let cursor: TrayCursor = EMPTY_TRAYS;
    const places = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const r = nextPlace(cursor, VERDICTS[(i * 7) % 3], 40, 'MR1');
      cursor = r.cursor;
      places.add(`${r.place.tray}#${r.place.position}`);
    }
    expect(places.size).toBe(500);
  });

  it('keeps filling a partly used tray when a smaller capacity is set later', () => {
    const r = nextPlace({ ...EMPTY_TRAYS, accept: { tray: 2, position: 150 } }, 'accept', 100, 'D1');
    expect(r.place).toEqual({ tray: 'D1-A03', position: 1 });
  });
});
