import { endOfDay, startOfDay } from 'src/admin-console/zoned-time';

describe('days in an election’s time zone', () => {
  it('starts a day at local midnight, summer time included', () => {
    expect(startOfDay('2026-01-15', 'Europe/London')?.toISOString()).toBe('2026-01-15T00:00:00.000Z');
    expect(startOfDay('2026-07-01', 'Europe/London')?.toISOString()).toBe('2026-06-30T23:00:00.000Z');
    expect(startOfDay('2026-07-01', 'America/New_York')?.toISOString()).toBe('2026-07-01T04:00:00.000Z');
    expect(startOfDay('2026-01-01', 'Pacific/Kiritimati')?.toISOString()).toBe('2025-12-31T10:00:00.000Z');
  });

  it('ends a day where the next one starts, across a daylight-saving change (a 23-hour day)', () => {
    const start = startOfDay('2026-03-29', 'Europe/Paris')!;
    const end = endOfDay('2026-03-29', 'Europe/Paris')!;
    expect(start.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(end.getTime() - start.getTime()).toBe(23 * 3600_000);
  });

  it('refuses what is not a calendar day', () => {
    for (const bad of ['2026-02-30', '2026-13-01', '26-01-01', '', '2026-01-01T00:00']) expect(startOfDay(bad, 'UTC')).toBeNull();
  });
});
