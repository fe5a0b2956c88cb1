// The acceptance test for reading marks: on a generated corpus of our own ballot papers,
// marked in every way and degraded like real scans, no paper is recorded with a wrong reading
// (each reads correctly or goes to a person), and at most 2 % of clean single-mark papers go to
// a person. SCAN_CORPUS_PAPERS enlarges the corpus (the bench `scan-accuracy` reports a larger one).
import { DEFAULT_THRESHOLDS } from 'src/scan/read';
import { DEFAULT_QUESTIONS, generateCorpus, renderBallotPapers } from 'test/support/scan-corpus';
import { assess, confusionTable, type Confusion } from 'test/support/scan-confusion';

const PAPERS = Number(process.env.SCAN_CORPUS_PAPERS ?? 240);

describe('reading a generated corpus of scanned ballot papers', () => {
  let c: Confusion;
  beforeAll(async () => {
    const items = await generateCorpus({ seed: 20261202, papers: PAPERS, dpis: [200, 300] });
    const { geometry } = await renderBallotPapers({ questions: DEFAULT_QUESTIONS, paperIds: [items[0].paperId], dpi: 200 });
    c = await assess(items, geometry, DEFAULT_QUESTIONS, DEFAULT_THRESHOLDS);
    // The confusion table, for whoever runs this test by hand (the bench prints it too).
    if (process.env.SCAN_CONFUSION) process.stdout.write(`${confusionTable(c)}\n`);
  }, 600_000);

  it('records no paper with a wrong reading', () => {
    expect(c.wrong).toEqual([]);
  });

  it('sends at most 2 % of clean single-mark papers to a person', () => {
    const clean = c.rows.single_mark_clean!;
    expect(clean.papers).toBeGreaterThan(PAPERS * 0.4);
    expect(clean.adjudicated / clean.papers).toBeLessThanOrEqual(0.02);
  });

  it('sends every over-vote to a person, and records blank papers and stray dots without one', () => {
    expect(c.rows.two_marks!.adjudicated).toBe(c.rows.two_marks!.papers);
    expect(c.rows.two_marks!.reasons.over_vote).toBe(c.rows.two_marks!.papers);
    expect(c.rows.none!.recordedCorrectly).toBe(c.rows.none!.papers);
    expect(c.rows.stray_dot!.recordedCorrectly / c.rows.stray_dot!.papers).toBeGreaterThan(0.8);
  });

  it('never takes a faint pencil mark for an empty box', () => {
    const faint = c.rows.faint!;
    expect(faint.recordedCorrectly + faint.adjudicated).toBe(faint.papers);
  });
});
