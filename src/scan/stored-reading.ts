import { type PageReading } from 'src/scan/read';
import { type StoredReading } from 'src/scan/scan.entities';

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
