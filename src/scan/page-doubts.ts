import { type AdjudicationReason, boxVerdict, type PageReading, type ScanThresholds } from 'src/scan/read';
import { type StoredReading } from 'src/scan/scan.entities';

/**
 * What one page of a multi-page paper shows wrong on its own, before the paper's other pages
 * are read (over- and under-votes need the whole paper: interpretPaper decides those).
 */
export function pageDoubts(reading: PageReading, t: ScanThresholds): AdjudicationReason[] {
  const reasons: AdjudicationReason[] = [];
  if (reading.failure) reasons.push(reading.failure);
  if (reading.orientation === 180) reasons.push('upside_down');
  if (reading.orientation === 90 || reading.orientation === 270) reasons.push('sideways');
  if (reading.boxes.some((b) => boxVerdict(b.fill, t, b.trace) === 'marginal')) reasons.push('marginal_mark');
  return reasons;
}

/** The reading as kept: everything but the paper ID (and the timing, which is not evidence). */
export function storedReading(r: PageReading): StoredReading {
  return { failure: r.failure, orientation: r.orientation, residualMm: r.residualMm, transform: r.transform, boxes: r.boxes };
}

/**
 * A stored page of a paper read again for the whole paper: its paper ID is the one of the page
 * in hand (they share its hash), since only the hash was kept.
 */
export function readingOf(stored: StoredReading, paperId: string, ballotPage: number | null): PageReading {
  return { ...stored, paperId, ballotPage };
}
