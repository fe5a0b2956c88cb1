// From box fills to what the paper says, or to a person. The machine records a paper only when
// every box is clearly marked or clearly empty, the page was upright and the marks obey each
// question's rules; anything else goes to adjudication with every reason that applies, and the
// machine's proposal beside it.
import { type PaperContent } from 'src/count/paper-content';
import { type Question } from 'src/elections/election.types';
import { type AdjudicationReason, type BallotGeometry, type BoxVerdict, type Interpretation, type PageReading, type ScanThresholds } from 'src/scan/read/types';

/**
 * Calibrated on the generated corpus (docs/SCANNING.md): pen ticks, crosses, circles and fills
 * read from ~0.06 up, unmarked boxes (stray dots, fold shadows, noise) at most ~0.016; in
 * between a person decides.
 */
export const DEFAULT_THRESHOLDS: ScanThresholds = { emptyBelow: 0.02, markedFrom: 0.05 };

/**
 * A box with little ink is empty only if no faint line spreads across it either: a pencil tick
 * has as little ink as a stray dot but touches several times more of the box.
 */
export const TRACE_MARGINAL_FROM = 0.06;

export function boxVerdict(fill: number, t: ScanThresholds, trace = 0): BoxVerdict {
  if (fill >= t.markedFrom) return 'marked';
  return fill < t.emptyBelow && trace < TRACE_MARGINAL_FROM ? 'empty' : 'marginal';
}

/**
 * `readings` are the paper's pages in ballot page order, one per page of `geometry`. The
 * verdicts list, per question, one verdict per answer in published order and, where the
 * question offers it, the blank box's last.
 */
export function interpretPaper(questions: Question[], geometry: BallotGeometry, t: ScanThresholds, readings: PageReading[]): Interpretation {
  const verdicts: Array<Array<BoxVerdict | null>> = questions.map((q) => new Array<BoxVerdict | null>(q.answers.length + (q.blank ? 1 : 0)).fill(null));
  const reasons = new Set<AdjudicationReason>();
  if (readings.length !== geometry.pages.length) throw new Error(`a paper has ${geometry.pages.length} ballot page(s); ${readings.length} reading(s) given`);
  for (const r of readings) {
    for (const reason of pageDoubts(r, t)) reasons.add(reason);
    for (const b of r.boxes) {
      const q = questions[b.question];
      if (!q) continue;
      verdicts[b.question][b.answer ?? q.answers.length] = boxVerdict(b.fill, t, b.trace);
    }
  }
  if (readings.some((r) => r.failure)) return { verdicts, proposed: null, reasons: [...reasons] };

  if (verdicts.every((v) => v.every((x) => x === 'empty'))) return { verdicts, proposed: { kind: 'blank' }, reasons: [...reasons] };
  let rule: 'over_vote' | 'under_vote' | null = null;
  const choices = questions.map((q, qi) => {
    const marks = verdicts[qi].slice(0, q.answers.length).map((v) => (v === 'marked' ? 1 : 0));
    const chosen = marks.reduce((a: number, b) => a + b, 0);
    const blankMarked = q.blank && verdicts[qi][q.answers.length] === 'marked';
    if (chosen > q.max || (blankMarked && chosen > 0)) rule = 'over_vote';
    else if (chosen === 0 && (blankMarked || q.blank)) return marks;
    else if (chosen < q.min) rule ??= 'under_vote';
    return marks;
  });
  let proposed: PaperContent = { kind: 'valid', choices };
  if (rule) {
    reasons.add(rule);
    proposed = { kind: 'invalid', reason: rule };
  }
  return { verdicts, proposed, reasons: [...reasons] };
}

/**
 * What one page shows wrong on its own: a read failure, a page fed turned, a marginal box. A
 * multi-page paper's pages are checked with this as they arrive; over- and under-votes need the
 * whole paper (interpretPaper).
 */
export function pageDoubts(reading: PageReading, t: ScanThresholds): AdjudicationReason[] {
  const reasons: AdjudicationReason[] = [];
  if (reading.failure) reasons.push(reading.failure);
  if (reading.orientation === 180) reasons.push('upside_down');
  if (reading.orientation === 90 || reading.orientation === 270) reasons.push('sideways');
  if (reading.boxes.some((b) => boxVerdict(b.fill, t, b.trace) === 'marginal')) reasons.push('marginal_mark');
  return reasons;
}
