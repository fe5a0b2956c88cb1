// Page 2 of a pack: the return slip (declaration) with the identity barcode (DESIGN.md §5, §7).
// Code 128, not DataMatrix: the mail room reads it with USB hand scanners that type the code
// (DESIGN.md §7), and every 1D laser/CCD scanner reads Code 128 while DataMatrix needs an
// imager; 25 symbols at 0.3 mm modules make a 93 mm symbol, which fits the slip comfortably.
import { type PartContext, say } from 'src/packs/render/context';
import { lineHeightMm, lineMm, textBlock, textLine } from 'src/packs/render/draw';
import { footerLine, letterhead } from 'src/packs/render/letterhead';
import { CONTENT_WIDTH_MM, LETTER, MARGIN, SIZE, SLIP } from 'src/packs/render/layout';
import { TemplateError } from 'src/packs/render/template';
import { barsPathOps, code128Widths, totalModules } from 'src/packs/render/barcodes';
import { mm } from 'src/packs/render/units';
import { type Slot } from 'src/packs/render/letter';

export interface SlipSlots {
  name: Slot;
  barcode: { xMm: number; yMm: number; heightMm: number };
  code: Slot;
}

export interface SlipFields {
  memberName: string;
  identityCode: string;
  identityCodeText: string;
}

export function drawSlipStatic(ctx: PartContext): SlipSlots {
  const { doc, styles, template } = ctx;
  const t = template.text.slip;
  const muted = template.brand.colours.muted;
  letterhead(ctx, MARGIN.topMm);
  let y = textBlock(doc, say(ctx, t.title), MARGIN.leftMm, SLIP.titleTopMm, CONTENT_WIDTH_MM, styles.title) + 1;
  y = textBlock(doc, say(ctx, t.subtitle), MARGIN.leftMm, y, CONTENT_WIDTH_MM, styles.heading) + SLIP.paragraphGapMm;
  y = textBlock(doc, say(ctx, t.declaration), MARGIN.leftMm, y, CONTENT_WIDTH_MM, styles.body, { align: 'justify', lineGapPt: LETTER.lineGapPt }) + SLIP.paragraphGapMm + 2;

  const valueX = MARGIN.leftMm + SLIP.fieldLabelWidthMm;
  textLine(doc, say(ctx, t.nameLabel), MARGIN.leftMm, y, styles.label);
  const name = { xMm: valueX, yMm: y - 0.8, widthMm: CONTENT_WIDTH_MM - SLIP.fieldLabelWidthMm };
  y += SLIP.fieldRowMm;
  textLine(doc, say(ctx, t.signatureLabel), MARGIN.leftMm, y, styles.label);
  lineMm(doc, valueX, y + 3, valueX + SLIP.signatureLineWidthMm, y + 3, muted, 0.6);
  const dateX = valueX + SLIP.signatureLineWidthMm + 8;
  textLine(doc, say(ctx, t.dateLabel), dateX, y, styles.label);
  const dateLineX = dateX + 12;
  lineMm(doc, dateLineX, y + 3, MARGIN.leftMm + CONTENT_WIDTH_MM, y + 3, muted, 0.6);
  y += SLIP.fieldRowMm - 4 + SLIP.barcode.gapBeforeMm;

  textLine(doc, say(ctx, t.codeLabel), MARGIN.leftMm, y, styles.label);
  y += lineHeightMm(doc, styles.label) + 2;
  const barcode = { xMm: MARGIN.leftMm, yMm: y, heightMm: SLIP.barcode.heightMm };
  y += SLIP.barcode.heightMm + SLIP.barcode.textGapMm;
  const code = { xMm: MARGIN.leftMm, yMm: y, widthMm: CONTENT_WIDTH_MM };
  y += lineHeightMm(doc, styles.credential) + SLIP.stepsGapMm;

  lineMm(doc, MARGIN.leftMm, y - SLIP.stepsGapMm / 2, MARGIN.leftMm + CONTENT_WIDTH_MM, y - SLIP.stepsGapMm / 2, muted, 0.4);
  y = textLine(doc, say(ctx, t.returnHeading), MARGIN.leftMm, y, styles.heading) + LETTER.columns.stepGapMm;
  t.returnSteps.forEach((step, i) => {
    textLine(doc, `${i + 1}.`, MARGIN.leftMm, y, styles.bodyBold);
    y = textBlock(doc, say(ctx, step), MARGIN.leftMm + LETTER.columns.stepIndentMm, y, CONTENT_WIDTH_MM - LETTER.columns.stepIndentMm, styles.body, { lineGapPt: LETTER.lineGapPt }) + LETTER.columns.stepGapMm;
  });
  if (y > LETTER.footerTopMm - 2) {
    throw new TemplateError(`return slip text of template "${template.name}" (${template.text.lang}) is too long: it ends at ${y.toFixed(1)} mm`);
  }
  footerLine(doc, ctx, template.brand.returnAddressLine, LETTER.footerTopMm);
  return { name, barcode, code };
}

export function fillSlip(ctx: PartContext, slots: SlipSlots, f: SlipFields): void {
  const { doc, styles } = ctx;
  textLine(doc, f.memberName, slots.name.xMm, slots.name.yMm, { ...styles.bodyBold, size: SIZE.heading });
  const widths = code128Widths(f.identityCode);
  const module = mm(SLIP.barcode.moduleMm);
  const quiet = SLIP.barcode.quietZoneModules * SLIP.barcode.moduleMm;
  doc.addContent('q 0 g');
  doc.addContent(barsPathOps(widths, mm(slots.barcode.xMm + quiet), mm(slots.barcode.yMm), module, mm(slots.barcode.heightMm)));
  doc.addContent('Q');
  const symbolWidthMm = totalModules(widths) * SLIP.barcode.moduleMm + 2 * quiet;
  textLine(doc, f.identityCodeText, slots.code.xMm, slots.code.yMm, styles.credential, { widthMm: symbolWidthMm, align: 'center' });
}
