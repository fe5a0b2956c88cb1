// Page 1 of a pack: the letter (DESIGN.md §5). Static parts are drawn once per PDF into a form
// XObject; `fillLetter` draws only what differs per member into the recorded slots.
import { type PartContext, say } from 'src/packs/render/context';
import { fittingSize, lineHeightMm, lineMm, rectMm, textBlock, textLine, type Doc, type Style } from 'src/packs/render/draw';
import { footerLine, letterhead } from 'src/packs/render/letterhead';
import { CONTENT_WIDTH_MM, LETTER, MARGIN, PAGE, SIZE } from 'src/packs/render/layout';
import { TemplateError } from 'src/packs/render/template';
import { matrixPathOps, qrMatrix } from 'src/packs/render/barcodes';
import { mm } from 'src/packs/render/units';

export interface Slot {
  xMm: number;
  yMm: number;
  widthMm: number;
}

export interface LetterSlots {
  address: Slot;
  reference: Slot;
  salutation: Slot;
  votingId: Slot;
  credential: Slot;
  qr: { xMm: number; yMm: number; sizeMm: number };
}

export interface LetterFields {
  salutation: string;
  addressLines: string[];
  reference: string;
  votingId: string;
  credential: string;
  qrText: string;
}

function foldMarks(ctx: PartContext): void {
  for (const y of LETTER.foldMarksMm) lineMm(ctx.doc, LETTER.foldMarkXMm, y, LETTER.foldMarkXMm + LETTER.foldMarkLengthMm, y, ctx.template.brand.colours.muted, 0.5);
}

function addressField(ctx: PartContext): { address: Slot; reference: Slot } {
  const w = ctx.template.brand.addressWindow;
  const { doc, styles } = ctx;
  const returnY = w.topMm + w.returnZoneMm - LETTER.returnLineGapMm - lineHeightMm(doc, styles.small);
  textLine(doc, ctx.template.brand.returnAddressLine, w.leftMm, returnY, styles.small, { widthMm: w.widthMm });
  lineMm(doc, w.leftMm, w.topMm + w.returnZoneMm - LETTER.returnLineGapMm / 2, w.leftMm + w.widthMm, w.topMm + w.returnZoneMm - LETTER.returnLineGapMm / 2, ctx.template.brand.colours.muted, 0.3);
  const refX = Math.max(LETTER.referenceLeftMm, w.leftMm + w.widthMm + 5);
  const refW = PAGE.widthMm - MARGIN.rightMm - refX;
  const y = textLine(doc, ctx.template.text.letter.referenceLabel, refX, LETTER.referenceTopMm, styles.label);
  return {
    address: { xMm: w.leftMm, yMm: w.topMm + w.returnZoneMm, widthMm: w.widthMm },
    reference: { xMm: refX, yMm: y, widthMm: refW },
  };
}

function codesPanel(ctx: PartContext, yMm: number): { y: number; votingId: Slot; credential: Slot; qr: LetterSlots['qr'] } {
  const { doc, styles, template } = ctx;
  const t = template.text.letter;
  const c = LETTER.codes;
  const top = yMm + c.gapBeforeMm;
  doc.save();
  rectMm(doc, MARGIN.leftMm, top, CONTENT_WIDTH_MM, c.heightMm).fillColor(template.brand.colours.panel).fill();
  rectMm(doc, MARGIN.leftMm, top, 1.2, c.heightMm).fillColor(template.brand.colours.primary).fill();
  doc.restore();
  const x = MARGIN.leftMm + c.paddingMm + 1.2;
  const qrX = MARGIN.leftMm + CONTENT_WIDTH_MM - c.paddingMm - c.qrSizeMm;
  const textW = qrX - c.paddingMm - x;
  let y = textLine(doc, say(ctx, t.codesHeading), x, top + c.paddingMm, styles.heading) + c.fieldGapMm - 1;
  y = textLine(doc, say(ctx, t.votingIdLabel), x, y, styles.label) + c.labelGapMm;
  const votingId = { xMm: x, yMm: y, widthMm: textW };
  y += lineHeightMm(doc, styles.votingId) + c.fieldGapMm - 1;
  y = textLine(doc, say(ctx, t.credentialLabel), x, y, styles.label) + c.labelGapMm;
  const credential = { xMm: x, yMm: y, widthMm: textW };
  y += lineHeightMm(doc, styles.credential) + c.fieldGapMm - 1;
  textBlock(doc, say(ctx, t.codesNote), x, y, textW, styles.note);
  const qr = { xMm: qrX, yMm: top + c.paddingMm - 1, sizeMm: c.qrSizeMm };
  textLine(doc, say(ctx, t.qrCaption), qrX - 5, qr.yMm + c.qrSizeMm + 0.8, styles.small, { widthMm: c.qrSizeMm + 10, align: 'center' });
  return { y: top + c.heightMm, votingId, credential, qr };
}

function steps(ctx: PartContext, heading: string, items: string[], xMm: number, yMm: number, widthMm: number): number {
  const { doc, styles } = ctx;
  const s = LETTER.columns;
  let y = textLine(doc, say(ctx, heading), xMm, yMm, styles.heading) + s.stepGapMm;
  items.forEach((item, i) => {
    textLine(doc, `${i + 1}.`, xMm, y, styles.bodyBold);
    y = textBlock(doc, say(ctx, item), xMm + s.stepIndentMm, y, widthMm - s.stepIndentMm, styles.body, { lineGapPt: LETTER.lineGapPt }) + s.stepGapMm;
  });
  return y;
}

/** Draws everything identical across the election's letters; returns where the per-pack fields go. */
export function drawLetterStatic(ctx: PartContext): LetterSlots {
  const { doc, styles, template } = ctx;
  const t = template.text.letter;
  letterhead(ctx, MARGIN.topMm);
  foldMarks(ctx);
  const { address, reference } = addressField(ctx);
  let y = textBlock(doc, say(ctx, t.subject), MARGIN.leftMm, LETTER.subjectTopMm, CONTENT_WIDTH_MM, styles.subject) + LETTER.paragraphGapMm;
  const salutation = { xMm: MARGIN.leftMm, yMm: y, widthMm: CONTENT_WIDTH_MM };
  y += lineHeightMm(doc, styles.body) + LETTER.paragraphGapMm - 1;
  y = textBlock(doc, say(ctx, t.intro), MARGIN.leftMm, y, CONTENT_WIDTH_MM, styles.body, { align: 'justify', lineGapPt: LETTER.lineGapPt });
  const panel = codesPanel(ctx, y);
  y = panel.y + LETTER.paragraphGapMm + 2;
  const colW = (CONTENT_WIDTH_MM - LETTER.columns.gapMm) / 2;
  const yOnline = steps(ctx, t.onlineHeading, t.onlineSteps, MARGIN.leftMm, y, colW);
  const yPostal = steps(ctx, t.postalHeading, t.postalSteps, MARGIN.leftMm + colW + LETTER.columns.gapMm, y, colW);
  y = Math.max(yOnline, yPostal) + LETTER.paragraphGapMm - 2;
  y = textBlock(doc, say(ctx, t.closing), MARGIN.leftMm, y, CONTENT_WIDTH_MM, styles.body) + LETTER.paragraphGapMm;
  y = textBlock(doc, say(ctx, t.signature), MARGIN.leftMm, y, CONTENT_WIDTH_MM, styles.bodyBold);
  if (y > LETTER.footerTopMm - 2) {
    throw new TemplateError(`letter text of template "${template.name}" (${template.text.lang}) is too long: it ends at ${y.toFixed(1)} mm, the footer starts at ${LETTER.footerTopMm} mm`);
  }
  footerLine(doc, ctx, template.brand.returnAddressLine, LETTER.footerTopMm);
  return { address, reference, salutation, votingId: panel.votingId, credential: panel.credential, qr: panel.qr };
}

function fitLine(doc: Doc, text: string, slot: Slot, style: Style, minSize: number, what: string): void {
  const size = fittingSize(doc, text, slot.widthMm, style, minSize);
  if (size === null) throw new RangeError(`${what} is too long to print: ${JSON.stringify(text)}`);
  textLine(doc, text, slot.xMm, slot.yMm, { ...style, size });
}

/** Per-pack fields of the letter. Inputs were validated by the caller. */
export function fillLetter(ctx: PartContext, slots: LetterSlots, f: LetterFields): void {
  const { doc, styles } = ctx;
  let y = slots.address.yMm;
  for (const line of f.addressLines) {
    fitLine(doc, line, { ...slots.address, yMm: y }, styles.address, SIZE.small, 'address line');
    y += LETTER.addressLineMm;
  }
  textLine(doc, f.reference, slots.reference.xMm, slots.reference.yMm, styles.body);
  fitLine(doc, f.salutation, slots.salutation, styles.body, SIZE.note, 'salutation');
  textLine(doc, f.votingId, slots.votingId.xMm, slots.votingId.yMm, styles.votingId);
  textLine(doc, f.credential, slots.credential.xMm, slots.credential.yMm, styles.credential);
  const m = qrMatrix(f.qrText);
  const module = mm(slots.qr.sizeMm) / m.cols;
  doc.addContent('q 0 g');
  doc.addContent(matrixPathOps(m, mm(slots.qr.xMm), mm(slots.qr.yMm), module));
  doc.addContent('Q');
}
