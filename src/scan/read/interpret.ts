import { type Question } from 'src/elections/election.types';
import { type BallotGeometry, type BoxVerdict, type Interpretation, type PageReading, type ScanThresholds } from 'src/scan/read/types';

export const DEFAULT_THRESHOLDS: ScanThresholds = { emptyBelow: 0.05, markedFrom: 0.12 };

export function boxVerdict(fill: number, t: ScanThresholds): BoxVerdict {
  if (fill < t.emptyBelow) return 'empty';
  return fill >= t.markedFrom ? 'marked' : 'marginal';
}

/**
 * CONTRACT STUB (replaced by the real interpretation). `readings` are the paper's pages in ballot
 * page order, one per page of `geometry` (missing pages: the caller waits for them first).
 */
export function interpretPaper(_questions: Question[], _geometry: BallotGeometry, _t: ScanThresholds, _readings: PageReading[]): Interpretation {
  throw new Error('interpretPaper: not implemented yet');
}
