import { decodeScan, interpretPaper, readBallotPage } from 'src/scan/read';

/**
 * The reader as the services see it: one provider, so the services name what they use and the
 * reader's pure functions stay free of Nest.
 */
export interface ScanReader {
  decodeScan: typeof decodeScan;
  readBallotPage: typeof readBallotPage;
  interpretPaper: typeof interpretPaper;
}

export const SCAN_READER = Symbol('SCAN_READER');

export const scanReader: ScanReader = { decodeScan, readBallotPage, interpretPaper };
