// What reading a scanned ballot paper produces (issue 7, docs/SCANNING.md). Pure data: no
// database, no paper ID in clear beyond the reading itself (the service keeps only its hash).
import { type BallotGeometry } from 'src/packs/render/ballot-paper';

export type { BallotGeometry };

/** One byte per pixel, row-major, 0 = black, 255 = white. */
export interface GreyImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export type ScanMime = 'image/png' | 'image/jpeg' | 'image/tiff' | 'application/pdf';
export const SCAN_MIMES: readonly ScanMime[] = ['image/png', 'image/jpeg', 'image/tiff', 'application/pdf'];

/** One page of an uploaded file, decoded to the reader's working resolution. */
export interface ScanPage {
  /** 1-based position in the uploaded file (multi-page PDF or TIFF). */
  imagePage: number;
  image: GreyImage;
  /** Pixels per millimetre of `image`, estimated from the file (density or page size). */
  pxPerMm: number;
}

/** 2×3 affine map [a, b, c, d, e, f]: x' = a·x + b·y + c, y' = d·x + e·y + f. */
export type Affine = [number, number, number, number, number, number];
export type Point = { x: number; y: number };

/** 0 = as printed; 180 = upside down; 90/270 = fed sideways (clockwise degrees of the scan). */
export type Orientation = 0 | 90 | 180 | 270;

export interface BoxReading {
  question: number;
  /** Index in the question's answers, or null for the blank option's box. */
  answer: number | null;
  /** Ink in the box's interior, 0 (none) … 1 (solid), after discounting the paper's tone. */
  fill: number;
  /** Share of the interior touched by any mark, however faint (pencil), 0 … 1. */
  trace: number;
  /** The box's four corners in image pixels (for outlining it on the page shown to a person). */
  corners: [Point, Point, Point, Point];
}

export type ReadFailure =
  /** Fewer than four registration marks where they should be, or they do not form the page. */
  | 'registration_not_found'
  /** Registration marks found, but no barcode could be decoded where the geometry puts it. */
  | 'barcode_unreadable'
  /** A barcode was decoded but its text is not a paper ID of ours (`{paperId}` or `{paperId}/{n}`). */
  | 'barcode_not_a_paper_id'
  /** The barcode names a ballot page this election's geometry does not have. */
  | 'ballot_page_unknown';

export interface PageReading {
  /** Null when the page could not be read at all (then `failure` says why). */
  failure: ReadFailure | null;
  orientation: Orientation | null;
  /** mm (geometry frame) → image pixels; null unless the registration marks were found. */
  transform: Affine | null;
  /** Largest distance between a found mark and where the transform puts it, in mm. */
  residualMm: number | null;
  /** Decoded paper ID (canonical, check symbol valid) and ballot page, when read. */
  paperId: string | null;
  ballotPage: number | null;
  boxes: BoxReading[];
  /** Milliseconds spent, for the bench and the log (not stored). */
  ms?: number;
}

/** Administrator-visible, per election (docs/SCANNING.md). Fill fractions between 0 and 1. */
export interface ScanThresholds {
  /** Below this a box is clearly empty (unless a faint mark spreads across it: then marginal). */
  emptyBelow: number;
  /** From this a box is clearly marked; between the two it is marginal and goes to a person. */
  markedFrom: number;
}

export type BoxVerdict = 'marked' | 'empty' | 'marginal';

/** Why a page (or paper) goes to a person instead of becoming a cast-vote record at once. */
export type AdjudicationReason =
  | ReadFailure
  | 'upside_down'
  | 'sideways'
  | 'marginal_mark'
  | 'over_vote'
  | 'under_vote'
  // Decided by the service against the database, not by the reader:
  | 'paper_not_printed'
  | 'paper_already_used'
  | 'ballot_page_already_read';

/** What the machine makes of one paper's pages: its content if certain, and every doubt. */
export interface Interpretation {
  /** Per question, per answer: the verdict of each box (null where a page is missing). */
  verdicts: Array<Array<BoxVerdict | null>>;
  /** The content the machine proposes; null if a page could not be read. */
  proposed: import('src/count/paper-content').PaperContent | null;
  /** Empty: record at once. Otherwise the paper goes to adjudication for these reasons. */
  reasons: AdjudicationReason[];
}
