import { type Draft, draftProblems, LIMITS as BROWSER_LIMITS, localToUtc } from 'src/admin-console/assets/election-rules.js';
import { EDITOR_SCRIPT_TEXTS, MESSAGES } from 'src/admin-console/messages';
import { utcToLocalInput } from 'src/admin-console/zoned-time';
import { editProblems, LIMITS } from 'src/elections/election-rules';
import { DEFAULT_SETTINGS } from 'src/elections/election.types';
import { CreateElectionDto } from 'src/elections/elections.dto';
import { createValidationPipe } from 'src/platform/http/validation';

// The editor's script checks a draft in the browser with assets/election-rules.js; the server
// checks it with the DTO's validation and editProblems. Each draft below goes through both, and
// the verdicts must agree: the page neither blocks what the server takes nor lets through what
// it refuses.

const good: Draft = {
  title: 'Leadership ballot 2027',
  description: 'Choose the next leader.',
  questions: [{ question: 'Who should lead?', answers: ['Alice', 'Bob', 'Chloé'], min: 1, max: 1, blank: true }],
  channels: { online: true, postal: true },
  precedencePolicy: 'online-overrides-postal',
  onlineRevoting: true,
  secondFactor: 'date-of-birth',
  timeline: { onlineOpensAt: '2027-03-01T09:00:00.000Z', onlineClosesAt: '2027-03-21T17:00:00.000Z', postalDeadline: '2027-03-22T12:00:00.000Z', timeZone: 'Europe/Paris' },
};
const q0 = good.questions[0];
const withQuestion = (patch: Partial<Draft['questions'][number]>): Draft => ({ ...good, questions: [{ ...q0, ...patch }] });
const withTimeline = (patch: Partial<Draft['timeline']>, channels = good.channels): Draft => ({ ...good, channels, timeline: { ...good.timeline, ...patch } });

const CASES: Array<[string, Draft]> = [
  ['a complete draft', good],
  ['a draft with no question yet', { ...good, questions: [] }],
  ['a draft with no times yet', withTimeline({ onlineOpensAt: null, onlineClosesAt: null, postalDeadline: null })],
  ['both channels off (the checklist asks, the draft may)', { ...good, channels: { online: false, postal: false } }],
  ['an empty title', { ...good, title: '' }],
  ['a title one character too long', { ...good, title: 'x'.repeat(LIMITS.text + 1) }],
  ['a title exactly at the limit', { ...good, title: 'x'.repeat(LIMITS.text) }],
  ['a description too long', { ...good, description: 'x'.repeat(LIMITS.description + 1) }],
  ['too many questions', { ...good, questions: Array.from({ length: LIMITS.questions + 1 }, () => q0) }],
  ['as many questions as allowed', { ...good, questions: Array.from({ length: LIMITS.questions }, () => q0) }],
  ['a question of spaces', withQuestion({ question: '   ' })],
  ['a question too long', withQuestion({ question: 'q'.repeat(LIMITS.text + 1) })],
  ['no answers', withQuestion({ answers: [], min: 0, max: 1 })],
  ['too many answers', withQuestion({ answers: Array.from({ length: LIMITS.answers + 1 }, (_, i) => `A${i}`) })],
  ['an empty answer', withQuestion({ answers: ['Alice', ' '] })],
  ['an answer too long', withQuestion({ answers: ['Alice', 'b'.repeat(LIMITS.text + 1)] })],
  ['the same answer twice, in other case', withQuestion({ answers: ['Alice', 'alice '] })],
  ['min above max', withQuestion({ min: 2, max: 1 })],
  ['max above the number of answers', withQuestion({ max: 4 })],
  ['max equal to the number of answers', withQuestion({ min: 0, max: 3 })],
  ['a negative min', withQuestion({ min: -1 })],
  ['a max of 0', withQuestion({ min: 0, max: 0 })],
  ['a fractional max', withQuestion({ max: 1.5 })],
  ['a min left empty', withQuestion({ min: NaN })],
  ['an unknown time zone', withTimeline({ timeZone: 'Mars/Olympus_Mons' })],
  ['online closing before it opens', withTimeline({ onlineClosesAt: '2027-02-01T09:00:00.000Z' })],
  ['online closing when it opens', withTimeline({ onlineClosesAt: good.timeline.onlineOpensAt })],
  ['closing before opening with online off', withTimeline({ onlineClosesAt: '2027-02-01T09:00:00.000Z' }, { online: false, postal: true })],
  ['the postal deadline before online opens', withTimeline({ postalDeadline: '2027-02-01T09:00:00.000Z' })],
  ['the postal deadline before online opens, postal off', withTimeline({ postalDeadline: '2027-02-01T09:00:00.000Z' }, { online: true, postal: false })],
];

async function serverRefuses(d: Draft): Promise<boolean> {
  // The body as the page sends it, through the API's own validation pipe, then the service's rule.
  const body = JSON.parse(JSON.stringify(d)) as Record<string, unknown>;
  try {
    const dto = (await createValidationPipe().transform(body, { type: 'body', metatype: CreateElectionDto })) as CreateElectionDto;
    return editProblems({ ...DEFAULT_SETTINGS, ...dto, title: dto.title.trim() }).length > 0;
  } catch {
    return true;
  }
}

describe('the election editor’s rules, in the browser and on the server', () => {
  it('uses the server’s limits', () => {
    expect(BROWSER_LIMITS).toMatchObject(LIMITS);
  });

  it.each(CASES)('gives the server’s verdict on %s', async (_, draft) => {
    const browser = draftProblems(draft);
    expect({ refused: browser.length > 0, problems: browser }).toMatchObject({ refused: await serverRefuses(draft) });
  });

  it('is stricter than the server on a title of spaces only, which would be saved as no title', async () => {
    expect(await serverRefuses({ ...good, title: '   ' })).toBe(false);
    expect(draftProblems({ ...good, title: '   ' })).toEqual([{ field: 'title', code: 'titleEmpty', values: {} }]);
  });

  it('puts each problem on the field the API names, in words in both languages', () => {
    expect(draftProblems(withQuestion({ max: 4 }))).toEqual([{ field: 'questions.0.max', code: 'maxAboveAnswers', values: { q: 1, max: 4, answers: 3 } }]);
    expect(draftProblems(withQuestion({ answers: ['Alice', 'Bob', ''] }))[0].field).toBe('questions.0.answers.2');
    const codes = new Set(CASES.flatMap(([, d]) => draftProblems(d).map((p) => p.code)));
    codes.add('timeInvalid');
    for (const code of codes) {
      expect(EDITOR_SCRIPT_TEXTS).toContain(code);
      for (const lang of ['en', 'fr'] as const) expect(MESSAGES[lang][code as keyof typeof MESSAGES.en]).toBeTruthy();
    }
  });
});

describe('times typed in the election’s time zone', () => {
  it('reads a wall-clock time in the zone, summer and winter time', () => {
    expect(localToUtc('2027-01-15T09:00', 'Europe/Paris')).toBe('2027-01-15T08:00:00.000Z');
    expect(localToUtc('2027-07-15T09:00', 'Europe/Paris')).toBe('2027-07-15T07:00:00.000Z');
    expect(localToUtc('2027-03-10T09:00', 'America/New_York')).toBe('2027-03-10T14:00:00.000Z');
    expect(localToUtc('2027-03-15T09:00', 'America/New_York')).toBe('2027-03-15T13:00:00.000Z');
    expect(localToUtc('2027-03-15T09:00', 'UTC')).toBe('2027-03-15T09:00:00.000Z');
    expect(localToUtc('2027-01-01T00:30', 'Asia/Kolkata')).toBe('2026-12-31T19:00:00.000Z');
  });

  it('refuses a time the clocks skip, and what is not a time', () => {
    expect(localToUtc('2027-03-28T02:30', 'Europe/Paris')).toBeNull();
    for (const bad of ['', '2027-02-30T10:00', '2027-03-28 10:00', '2027-03-28T25:00']) expect(localToUtc(bad, 'Europe/Paris')).toBeNull();
    expect(localToUtc('2027-03-28T10:00', 'Nowhere/Else')).toBeNull();
  });

  it('shows the server’s instants as the same wall-clock time the script reads back, across the changes', () => {
    const zones = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC'];
    for (const tz of zones) {
      for (let hour = 0; hour < 24 * 400; hour += 7) {
        const iso = new Date(Date.UTC(2027, 0, 1) + hour * 3600_000).toISOString();
        const local = utcToLocalInput(iso, tz);
        const back = localToUtc(local, tz);
        // In the hour repeated when clocks go back, the wall clock names two instants; either is that time.
        expect(back === iso || utcToLocalInput(back!, tz) === local).toBe(true);
      }
    }
  });
});
