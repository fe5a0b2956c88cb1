// Small drawing helpers in millimetres over pdfkit. Part functions take the y-cursor (mm from the
// top of the sheet) and return where the next part may start.
import type PDFDocument from 'pdfkit';
import { type FontName } from 'src/packs/render/fonts';
import { mm, toMm } from 'src/packs/render/units';

export type Doc = InstanceType<typeof PDFDocument>;

export interface Style {
  font: FontName;
  size: number;
  color: string;
}

export interface BlockOptions {
  align?: 'left' | 'right' | 'center' | 'justify';
  lineGapPt?: number;
}

function apply(doc: Doc, s: Style): void {
  doc.font(s.font).fontSize(s.size).fillColor(s.color);
}

/** Wrapped text in a column; returns the y below it. */
export function textBlock(doc: Doc, text: string, xMm: number, yMm: number, widthMm: number, style: Style, o: BlockOptions = {}): number {
  apply(doc, style);
  doc.text(text, mm(xMm), mm(yMm), { width: mm(widthMm), align: o.align ?? 'left', lineGap: o.lineGapPt ?? 0 });
  return toMm(doc.y);
}

/** Height of wrapped text, without drawing. */
export function blockHeightMm(doc: Doc, text: string, widthMm: number, style: Style, o: BlockOptions = {}): number {
  apply(doc, style);
  return toMm(doc.heightOfString(text, { width: mm(widthMm), lineGap: o.lineGapPt ?? 0 }));
}

/** One line (per-pack values, labels); returns the y below it. */
export function textLine(doc: Doc, text: string, xMm: number, yMm: number, style: Style, o: { widthMm?: number; align?: 'left' | 'right' | 'center' } = {}): number {
  apply(doc, style);
  if (o.widthMm === undefined) {
    doc.text(text, mm(xMm), mm(yMm), { lineBreak: false });
    return yMm + lineHeightMm(doc, style);
  }
  // A text that fits is aligned here: pdfkit's `width` option runs its line wrapper (a Unicode
  // line-break pass over the text) on every call, ~8 % of a pack's render time for the two
  // aligned codes a pack prints. Same placement: pdfkit also aligns on the width without
  // trailing spaces. A text wider than `widthMm` (a template's caption) still goes to pdfkit,
  // which wraps it as it always has.
  const free = mm(o.widthMm) - doc.widthOfString(text.replace(/\s+$/, ''));
  if (free >= 0) {
    const shift = o.align === 'right' ? free : o.align === 'center' ? free / 2 : 0;
    doc.text(text, mm(xMm) + shift, mm(yMm), { lineBreak: false });
  } else {
    doc.text(text, mm(xMm), mm(yMm), { lineBreak: false, width: mm(o.widthMm), align: o.align ?? 'left' });
  }
  return yMm + lineHeightMm(doc, style);
}

export function lineHeightMm(doc: Doc, style: Style): number {
  apply(doc, style);
  return toMm(doc.currentLineHeight(true));
}

export function widthMm(doc: Doc, text: string, style: Style): number {
  apply(doc, style);
  return toMm(doc.widthOfString(text));
}

/** The largest size from `style.size` down to `minSize` at which `text` fits in `maxWidthMm`, or null. */
export function fittingSize(doc: Doc, text: string, maxWidthMm: number, style: Style, minSize: number): number | null {
  for (let size = style.size; size >= minSize; size -= 0.5) {
    if (widthMm(doc, text, { ...style, size }) <= maxWidthMm) return size;
  }
  return null;
}

export function rectMm(doc: Doc, xMm: number, yMm: number, wMm: number, hMm: number): Doc {
  return doc.rect(mm(xMm), mm(yMm), mm(wMm), mm(hMm));
}

export function lineMm(doc: Doc, x1: number, y1: number, x2: number, y2: number, color: string, widthPt: number): void {
  doc.save().moveTo(mm(x1), mm(y1)).lineTo(mm(x2), mm(y2)).lineWidth(widthPt).strokeColor(color).stroke().restore();
}
