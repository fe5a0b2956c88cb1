// The report's page, type and the y-cursor every part threads (CONVENTIONS.md 14). Millimetres
// from the top-left of an A4 sheet; pdfkit's own margins are 0 so text never flows onto a page
// the parts did not ask for.
import type { PageLanguage } from 'src/intake-page/page-language';
import { type Doc, type Style } from 'src/packs/render/draw';
import { FONT, printableChar } from 'src/packs/render/fonts';
import { printableSpaces } from 'src/packs/render/pack-inputs';
import type { Labels } from 'src/results-page/labels';

export const A4 = { widthMm: 210, heightMm: 297 } as const;
export const MARGIN = { leftMm: 18, rightMm: 18, topMm: 18, bottomMm: 20 } as const;
export const CONTENT_WIDTH_MM = A4.widthMm - MARGIN.leftMm - MARGIN.rightMm;
/** Where content stops; the footer lives below. */
export const CONTENT_BOTTOM_MM = A4.heightMm - MARGIN.bottomMm;
export const FOOTER_Y_MM = A4.heightMm - 12;

export const GAP = { afterHeadingMm: 2, afterParagraphMm: 2.5, betweenSectionsMm: 7, afterTableMm: 3 } as const;

const INK = '#1a1a1a';
const MUTED = '#4a4f55';
const ACCENT = '#1d4ed8';

export const STYLES = {
  kicker: { font: FONT.bold, size: 10, color: MUTED },
  title: { font: FONT.bold, size: 20, color: INK },
  heading: { font: FONT.bold, size: 13.5, color: ACCENT },
  subheading: { font: FONT.bold, size: 10.5, color: INK },
  body: { font: FONT.regular, size: 10, color: INK },
  bodyBold: { font: FONT.bold, size: 10, color: INK },
  bodyItalic: { font: FONT.italic, size: 10, color: INK },
  note: { font: FONT.regular, size: 8.5, color: MUTED },
  tableHead: { font: FONT.bold, size: 8.5, color: MUTED },
  mono: { font: FONT.monoLight, size: 9, color: INK },
  chartLabel: { font: FONT.regular, size: 9, color: INK },
  chartValue: { font: FONT.bold, size: 9, color: INK },
  footer: { font: FONT.regular, size: 8, color: MUTED },
} satisfies Record<string, Style>;

export const RULE = { colour: '#767b82', thinPt: 0.5, thickPt: 1 } as const;

export interface ReportContext {
  doc: Doc;
  lang: PageLanguage;
  t: Labels;
}

/** A fresh page when `needMm` does not fit below `y`; returns where to continue. */
export function ensureSpace(ctx: ReportContext, y: number, needMm: number): number {
  if (y + needMm <= CONTENT_BOTTOM_MM) return y;
  ctx.doc.addPage();
  return MARGIN.topMm;
}

// Titles and answers are typed by an administrator: a character the embedded fonts cannot show
// (or a control, or right-to-left text pdfkit would print backwards) becomes "?" rather than an
// empty box or a crash; the HTML page shows the text as typed.
export function pdfText(s: string): string {
  return [...printableSpaces(s.normalize('NFC'))].map((c) => (c === '\n' || printableChar(c) ? c : '?')).join('');
}
