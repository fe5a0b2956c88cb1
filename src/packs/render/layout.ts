// Every position on a pack page, in millimetres from the top-left corner of an A4 sheet.
// Drawing code reads these names; it never carries its own numbers.

export const PAGE = { widthMm: 210, heightMm: 297 } as const;

/** Text column shared by all pages (DIN 5008: 25 mm left margin, 20 mm right). */
export const MARGIN = { leftMm: 25, rightMm: 20, topMm: 15, bottomMm: 15 } as const;
export const CONTENT_WIDTH_MM = PAGE.widthMm - MARGIN.leftMm - MARGIN.rightMm;

export const SIZE = {
  small: 7.5,
  note: 8.5,
  body: 10,
  address: 10,
  heading: 11,
  subject: 13,
  title: 18,
  orgName: 14,
  votingId: 17,
  credential: 12.5,
  answer: 12,
  question: 12.5,
} as const;

/** Letterhead on every page kind. */
export const HEADER = { logoSizeMm: 16, orgNameGapMm: 4, senderLineMm: 3.6 } as const;

/**
 * Letter (page 1), DIN 5008 form B, for C5/6 and DL windowed envelopes (DIN 680 window 90 × 45 mm,
 * 20 mm from the left edge, 15 mm from the bottom of a DL envelope): the address field is
 * 85 × 45 mm, 20 mm from the left and 45 mm from the top of the sheet; its top 17.7 mm hold the
 * return-address line and postal notes, the address itself starts 62.7 mm from the top (six lines
 * in 27.3 mm). Fold marks at 105 and 210 mm fold the sheet in three for DL. The field's position
 * comes from brand.json "addressWindow" (these are its defaults) so a French right-window envelope
 * needs no code change. Everything secret sits below the first fold, never behind the window.
 */
export const LETTER = {
  foldMarksMm: [105, 210],
  foldMarkXMm: 4,
  foldMarkLengthMm: 5,
  addressLineMm: 4.3,
  addressMaxLines: 6,
  returnLineGapMm: 2,
  referenceLeftMm: 125,
  referenceTopMm: 62.7,
  subjectTopMm: 98.5,
  paragraphGapMm: 4,
  lineGapPt: 1.5,
  codes: {
    gapBeforeMm: 3,
    heightMm: 46,
    paddingMm: 5,
    qrSizeMm: 32,
    labelGapMm: 1.2,
    fieldGapMm: 3.5,
  },
  columns: { gapMm: 10, stepIndentMm: 5, stepGapMm: 1.5 },
  footerTopMm: 282,
} as const;

/** Return slip (page 2): declaration, identity barcode (Code 128) and return instructions. */
export const SLIP = {
  titleTopMm: 42,
  paragraphGapMm: 5,
  fieldRowMm: 14,
  fieldLabelWidthMm: 28,
  signatureLineWidthMm: 80,
  dateLineWidthMm: 45,
  barcode: {
    gapBeforeMm: 6,
    moduleMm: 0.3, // 12 mil: read by every 1D or 2D USB scanner at arm's length
    heightMm: 16,
    quietZoneModules: 10,
    textGapMm: 2,
  },
  stepsGapMm: 10,
} as const;

/**
 * Ballot paper (page 3 and, if the questions do not fit, 4…). Registration marks are solid
 * squares whose centres are the geometry's reference frame; answer boxes keep one size on every
 * election so the scanner's fill threshold does not depend on the layout. Questions that do not
 * fit flow to another ballot page (boxes never shrink); each page has its own marks and barcode.
 */
export const BALLOT = {
  mark: { sizeMm: 6, insetMm: 12 }, // centre 12 mm from both edges: inside every printer's margin
  barcode: { sizeMm: 18, topMm: 20, textGapMm: 1.5 },
  headerTopMm: 20,
  headerWidthMm: 130,
  bodyTopMm: 52,
  bodyBottomMm: 262,
  questionGapMm: 7,
  instructionGapMm: 1.5,
  firstRowGapMm: 3,
  rowPitchMm: 11,
  box: { sizeMm: 7, leftMm: 30, strokePt: 1.2 },
  answerLeftMm: 42,
  answerMinSizePt: 8,
  footerTopMm: 266,
} as const;
