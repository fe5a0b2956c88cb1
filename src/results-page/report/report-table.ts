// A table that breaks across pages: each row is as tall as its tallest wrapped cell, and the
// header row is repeated at the top of a new page.
import { blockHeightMm, lineMm, type Style, textBlock } from 'src/packs/render/draw';
import { ensureSpace, GAP, MARGIN, pdfText, type ReportContext, RULE, STYLES } from 'src/results-page/report/report-context';

export interface Column {
  header: string;
  widthMm: number;
  align: 'left' | 'right';
}

export interface Row {
  cells: string[];
  /** Bold for totals, italic for the blank vote. */
  emphasis?: 'bold' | 'italic';
}

const PAD_MM = 1.2;
const ROW_PAD_MM = 1.4;

function cellStyle(row: Row, column: number): Style {
  if (row.emphasis === 'bold') return STYLES.bodyBold;
  if (row.emphasis === 'italic' && column === 0) return STYLES.bodyItalic;
  return STYLES.body;
}

function rowHeight(ctx: ReportContext, cells: string[], columns: Column[], style: (i: number) => Style): number {
  return Math.max(...cells.map((c, i) => blockHeightMm(ctx.doc, pdfText(c), columns[i].widthMm - 2 * PAD_MM, style(i)))) + 2 * ROW_PAD_MM;
}

function drawRow(ctx: ReportContext, cells: string[], columns: Column[], y: number, style: (i: number) => Style, rulePt: number): number {
  const h = rowHeight(ctx, cells, columns, style);
  let x = MARGIN.leftMm;
  cells.forEach((c, i) => {
    const col = columns[i];
    textBlock(ctx.doc, pdfText(c), x + PAD_MM, y + ROW_PAD_MM, col.widthMm - 2 * PAD_MM, style(i), { align: col.align });
    x += col.widthMm;
  });
  const width = columns.reduce((s, c) => s + c.widthMm, 0);
  lineMm(ctx.doc, MARGIN.leftMm, y + h, MARGIN.leftMm + width, y + h, RULE.colour, rulePt);
  return y + h;
}

/** Draws the table from `y` (header row only if the columns have headers); returns the y below it. */
export function drawTable(ctx: ReportContext, y: number, columns: Column[], rows: Row[]): number {
  const hasHeader = columns.some((c) => c.header !== '');
  const header = (at: number) => (hasHeader ? drawRow(ctx, columns.map((c) => c.header), columns, at, () => STYLES.tableHead, RULE.thickPt) : at);
  const headerHeight = hasHeader ? rowHeight(ctx, columns.map((c) => c.header), columns, () => STYLES.tableHead) : 0;
  // The header never stands alone at the foot of a page.
  const first = rows[0] ? rowHeight(ctx, rows[0].cells, columns, (i) => cellStyle(rows[0], i)) : 0;
  let cursor = header(ensureSpace(ctx, y, headerHeight + first));
  for (const row of rows) {
    const h = rowHeight(ctx, row.cells, columns, (i) => cellStyle(row, i));
    const next = ensureSpace(ctx, cursor, h);
    if (next !== cursor) cursor = header(next);
    cursor = drawRow(ctx, row.cells, columns, cursor, (i) => cellStyle(row, i), RULE.thinPt);
  }
  return cursor + GAP.afterTableMm;
}

/** A label column taking what the number columns leave. */
export function columnsWithLabel(label: string, numbers: Array<{ header: string; widthMm: number }>, totalMm: number): Column[] {
  const used = numbers.reduce((s, c) => s + c.widthMm, 0);
  return [{ header: label, widthMm: totalMm - used, align: 'left' }, ...numbers.map((c) => ({ ...c, align: 'right' as const }))];
}
