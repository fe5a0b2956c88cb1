import { textBlock, textLine, type Doc } from 'src/packs/render/draw';
import { type PartContext } from 'src/packs/render/context';
import { CONTENT_WIDTH_MM, HEADER, MARGIN, PAGE } from 'src/packs/render/layout';
import { mm } from 'src/packs/render/units';

/** Logo and organisation name on the left, sender lines on the right; returns the y below. */
export function letterhead(ctx: PartContext, yMm: number): number {
  const { doc, template, styles } = ctx;
  doc.image(template.logoPath, mm(MARGIN.leftMm), mm(yMm), { width: mm(HEADER.logoSizeMm), height: mm(HEADER.logoSizeMm) });
  const nameX = MARGIN.leftMm + HEADER.logoSizeMm + HEADER.orgNameGapMm;
  const nameY = yMm + HEADER.logoSizeMm / 2 - 3;
  textLine(doc, template.brand.organisationName, nameX, nameY, styles.orgName);
  let y = yMm;
  for (const line of template.brand.senderLines) {
    textLine(doc, line, MARGIN.leftMm, y, styles.small, { widthMm: CONTENT_WIDTH_MM, align: 'right' });
    y += HEADER.senderLineMm;
  }
  return Math.max(yMm + HEADER.logoSizeMm, y);
}

/** A small organisation line at the foot of the page. */
export function footerLine(doc: Doc, ctx: PartContext, text: string, yMm: number): void {
  textBlock(doc, text, MARGIN.leftMm, yMm, PAGE.widthMm - MARGIN.leftMm - MARGIN.rightMm, ctx.styles.small, { align: 'center' });
}
