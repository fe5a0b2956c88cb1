// The scan reader (issue 7): decode an uploaded file to pages, read each page against the ballot
// geometry saved with the packs, and interpret one paper's pages. No database here.
export * from 'src/scan/read/types';
export { decodeScan, ScanDecodeError, DEFAULT_DECODE_LIMITS, type DecodeLimits } from 'src/scan/read/decode-scan';
export { readBallotPage } from 'src/scan/read/read-page';
export { interpretPaper, boxVerdict, pageDoubts, DEFAULT_THRESHOLDS } from 'src/scan/read/interpret';
