// The bar chart as vectors: per answer its label, then one bar split online | postal, then the
// total and share after it. Same colours and proportions as the page's SVG (chart-svg.ts).
import { lineHeightMm, lineMm, rectMm, textLine, widthMm } from 'src/packs/render/draw';
import { CHART_COLOURS } from 'src/results-page/chart-svg';
import { formatCount, formatShare, type QuestionFigures } from 'src/results-page/figures';
import { CONTENT_WIDTH_MM, ensureSpace, GAP, MARGIN, pdfText, type ReportContext, STYLES } from 'src/results-page/report/report-context';

const BAR_HEIGHT_MM = 4.2;
const ROW_GAP_MM = 2.2;
const LEGEND_MM = 6;
/** The longest bar; the rest of the width holds its number. */
const BAR_MAX_MM = CONTENT_WIDTH_MM * 0.72;
const KEY_MM = 3.2;
/** Longer labels are cut in the chart; the table above prints them whole. */
const LABEL_CHARS = 90;
const cut = (s: string) => (s.length > LABEL_CHARS ? `${s.slice(0, LABEL_CHARS - 1)}…` : s);

function legend(ctx: ReportContext, y: number, channels: { online: boolean; postal: boolean }): number {
  let x = MARGIN.leftMm;
  for (const c of ['online', 'postal'] as const) {
    if (!channels[c]) continue;
    rectMm(ctx.doc, x, y + 0.4, KEY_MM, KEY_MM).fill(CHART_COLOURS[c]);
    textLine(ctx.doc, pdfText(ctx.t[c]), x + KEY_MM + 1.5, y, STYLES.chartLabel);
    x += KEY_MM + 1.5 + widthMm(ctx.doc, pdfText(ctx.t[c]), STYLES.chartLabel) + 6;
  }
  return y + LEGEND_MM;
}

export function drawChart(ctx: ReportContext, y: number, q: QuestionFigures, channels: { online: boolean; postal: boolean }): number {
  const labelMm = lineHeightMm(ctx.doc, STYLES.chartLabel);
  const rowMm = labelMm + BAR_HEIGHT_MM + ROW_GAP_MM;
  // Small enough to keep whole: a chart split over two pages is hard to read.
  let cursor = legend(ctx, ensureSpace(ctx, y, LEGEND_MM + rowMm * q.answers.length), channels);
  const scale = q.maxTotal > 0 ? BAR_MAX_MM / q.maxTotal : 0;
  for (const a of q.answers) {
    cursor = ensureSpace(ctx, cursor, rowMm);
    textLine(ctx.doc, pdfText(cut(a.answer)), MARGIN.leftMm, cursor, STYLES.chartLabel);
    const barY = cursor + labelMm;
    lineMm(ctx.doc, MARGIN.leftMm, barY, MARGIN.leftMm, barY + BAR_HEIGHT_MM, CHART_COLOURS.axis, 0.8);
    const onlineMm = a.online * scale;
    const postalMm = a.postal * scale;
    if (onlineMm > 0) rectMm(ctx.doc, MARGIN.leftMm, barY, onlineMm, BAR_HEIGHT_MM).fill(CHART_COLOURS.online);
    if (postalMm > 0) rectMm(ctx.doc, MARGIN.leftMm + onlineMm, barY, postalMm, BAR_HEIGHT_MM).fill(CHART_COLOURS.postal);
    const value = `${formatCount(a.total, ctx.lang)} (${formatShare(a.share, ctx.lang)})`;
    textLine(ctx.doc, pdfText(value), MARGIN.leftMm + onlineMm + postalMm + 2, barY + 0.3, STYLES.chartValue);
    cursor = barY + BAR_HEIGHT_MM + ROW_GAP_MM;
  }
  return cursor + GAP.afterTableMm;
}
