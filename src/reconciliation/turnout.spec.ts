import { MAX_TURNOUT_POINTS, turnoutSeries } from 'src/reconciliation/turnout';

const at = (iso: string) => new Date(iso);

describe(turnoutSeries.name, () => {
  it('counts each channel cumulatively at the end of each UTC hour, from the opening to now', () => {
    const s = turnoutSeries(
      { online: [at('2026-12-01T09:10:00Z'), at('2026-12-01T09:59:59.999Z'), at('2026-12-01T11:00:00Z')], postal: [at('2026-12-01T10:30:00Z')] },
      { from: at('2026-12-01T08:30:00Z'), to: at('2026-12-01T11:20:00Z') },
    );
    expect(s).toEqual({
      bucket: 'hour',
      points: [
        { at: '2026-12-01T09:00:00.000Z', online: 0, postal: 0 },
        { at: '2026-12-01T10:00:00.000Z', online: 2, postal: 0 },
        // A vote exactly on the hour belongs to the hour it starts.
        { at: '2026-12-01T11:00:00.000Z', online: 2, postal: 1 },
        { at: '2026-12-01T12:00:00.000Z', online: 3, postal: 1 },
      ],
    });
  });

  it('starts at the first vote when a postal return arrived before online voting opened', () => {
    const s = turnoutSeries({ online: [], postal: [at('2026-12-01T06:15:00Z')] }, { from: at('2026-12-01T08:00:00Z'), to: at('2026-12-01T08:30:00Z') });
    expect(s.points.map((p) => [p.at, p.postal])).toEqual([
      ['2026-12-01T07:00:00.000Z', 1],
      ['2026-12-01T08:00:00.000Z', 1],
      ['2026-12-01T09:00:00.000Z', 1],
    ]);
  });

  it('takes the times in any order', () => {
    const s = turnoutSeries({ online: [at('2026-12-01T10:05:00Z'), at('2026-12-01T09:05:00Z')], postal: [] }, { from: null, to: at('2026-12-01T10:10:00Z') });
    expect(s.points.map((p) => p.online)).toEqual([1, 2]);
  });

  it('uses hours up to three days of polling and days beyond', () => {
    const from = at('2026-12-01T00:00:00Z');
    const threeDays = turnoutSeries({ online: [], postal: [] }, { from, to: at('2026-12-03T23:59:00Z') });
    expect(threeDays.bucket).toBe('hour');
    expect(threeDays.points).toHaveLength(72);
    const fourDays = turnoutSeries({ online: [at('2026-12-04T12:00:00Z')], postal: [] }, { from, to: at('2026-12-04T13:00:00Z') });
    expect(fourDays.bucket).toBe('day');
    expect(fourDays.points).toEqual([
      { at: '2026-12-02T00:00:00.000Z', online: 0, postal: 0 },
      { at: '2026-12-03T00:00:00.000Z', online: 0, postal: 0 },
      { at: '2026-12-04T00:00:00.000Z', online: 0, postal: 0 },
      { at: '2026-12-05T00:00:00.000Z', online: 1, postal: 0 },
    ]);
  });

  it('keeps the most recent points of a very long poll, still counting every earlier vote', () => {
    const s = turnoutSeries({ online: [at('2026-01-02T00:00:00Z')], postal: [at('2026-12-30T12:00:00Z')] }, { from: at('2026-01-01T00:00:00Z'), to: at('2026-12-30T23:00:00Z') });
    expect(s.bucket).toBe('day');
    expect(s.points).toHaveLength(MAX_TURNOUT_POINTS);
    expect(s.points[0]).toMatchObject({ online: 1, postal: 0 });
    expect(s.points.at(-1)).toEqual({ at: '2026-12-31T00:00:00.000Z', online: 1, postal: 1 });
  });

  it('has no points before voting opened and nobody voted, nor when nothing says when it opens', () => {
    expect(turnoutSeries({ online: [], postal: [] }, { from: at('2026-12-10T00:00:00Z'), to: at('2026-12-01T00:00:00Z') })).toEqual({ bucket: 'hour', points: [] });
    expect(turnoutSeries({ online: [], postal: [] }, { from: null, to: at('2026-12-01T00:00:00Z') })).toEqual({ bucket: 'hour', points: [] });
  });
});
