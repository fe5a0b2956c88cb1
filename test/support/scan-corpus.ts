// Generated scans of ballot papers for the scan reader's tests and bench (issue 7): papers
// rendered from our own packs, marked as people mark them, degraded as scanners degrade them,
// each with the truth a careful person would record. See test/support/scan-corpus/*.
export { Rng } from 'test/support/scan-corpus/prng';
export { DEFAULT_QUESTIONS, mmToPx, renderBallotPapers, type RenderedPaper, type RenderedPapers, type RenderOptions } from 'test/support/scan-corpus/render';
export { DISTRACTORS, drawFoldShadow, drawMarginSmudge, drawMark, drawStrayDot, MARK_STYLES, PEN_STYLES, type Distractor, type MarkStyle, type PenStyle } from 'test/support/scan-corpus/marks';
export { degrade, multiPagePdf, multiPageTiff, SCAN_BORDER_MM, type DegradeOptions, type ScanFile, type ScanFormat } from 'test/support/scan-corpus/degrade';
export { expectedContent, generateCorpus, intendedOf, photocopy, planPaper, randomDegradation, type Plan, type Category, type CorpusItem, type CorpusOptions, type Degradation, type Mark } from 'test/support/scan-corpus/corpus';
