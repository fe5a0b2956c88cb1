// The report's parts, in reading order; each takes the y-cursor and returns where the next may
// start (CONVENTIONS.md 14). Same content as the page (results-page.ts), same figures (figures.ts).
import { lineMm, textBlock } from 'src/packs/render/draw';
import { byReason, formatBytes, formatCount, formatInstant, formatShare, precedenceRows, questionFigures, turnoutRows, type QuestionFigures } from 'src/results-page/figures';
import { policyExplanation, reasonLabel } from 'src/results-page/labels';
import { belFile, SIRONA_COMMAND, VERIFY_COMMAND } from 'src/results-page/links';
import type { PublishedResult } from 'src/results-page/published-result';
import { drawChart } from 'src/results-page/report/report-chart';
import { CONTENT_WIDTH_MM, ensureSpace, GAP, MARGIN, pdfText, type ReportContext, RULE, STYLES } from 'src/results-page/report/report-context';
import { columnsWithLabel, drawTable, type Row } from 'src/results-page/report/report-table';
import type { Style } from 'src/packs/render/draw';

const NUMBER_COL_MM = 24;
const WIDE_NUMBER_COL_MM = 34;
/** Headings are kept with at least this much of what follows them. */
const KEEP_WITH_NEXT_MM = 22;

function paragraph(ctx: ReportContext, y: number, text: string, style: Style = STYLES.body, gapMm: number = GAP.afterParagraphMm): number {
  return textBlock(ctx.doc, pdfText(text), MARGIN.leftMm, y, CONTENT_WIDTH_MM, style) + gapMm;
}

function heading(ctx: ReportContext, y: number, text: string, style: Style = STYLES.heading): number {
  const top = ensureSpace(ctx, y, KEEP_WITH_NEXT_MM);
  return textBlock(ctx.doc, pdfText(text), MARGIN.leftMm, top, CONTENT_WIDTH_MM, style) + GAP.afterHeadingMm;
}

const count = (ctx: ReportContext, n: number) => formatCount(n, ctx.lang);

export function titleBlock(ctx: ReportContext, y: number, r: PublishedResult): number {
  let cursor = paragraph(ctx, y, ctx.t.resultOf, STYLES.kicker, 1);
  cursor = paragraph(ctx, cursor, r.title, STYLES.title, 2);
  if (r.description) cursor = paragraph(ctx, cursor, r.description);
  cursor = paragraph(ctx, cursor, `${ctx.t.published} ${formatInstant(r.publishedAt, ctx.lang, r.timeZone)}`, STYLES.note, 0.5);
  cursor = paragraph(ctx, cursor, `${ctx.t.tallied} ${formatInstant(r.talliedAt, ctx.lang, r.timeZone)}`, STYLES.note, 2);
  lineMm(ctx.doc, MARGIN.leftMm, cursor, MARGIN.leftMm + CONTENT_WIDTH_MM, cursor, RULE.colour, RULE.thickPt);
  return cursor + GAP.betweenSectionsMm - 2;
}

function question(ctx: ReportContext, y: number, q: QuestionFigures, r: PublishedResult): number {
  const channels = (['online', 'postal'] as const).filter((c) => r.channels[c]);
  const columns = columnsWithLabel(
    ctx.t.answer,
    [...channels.map((c) => ({ header: ctx.t[c], widthMm: c === 'postal' && ctx.lang === 'fr' ? WIDE_NUMBER_COL_MM : NUMBER_COL_MM })), { header: ctx.t.total, widthMm: NUMBER_COL_MM }, { header: ctx.t.share, widthMm: NUMBER_COL_MM }],
    CONTENT_WIDTH_MM,
  );
  const rows: Row[] = q.answers.map((a) => ({ cells: [a.answer, ...channels.map((c) => count(ctx, a[c])), count(ctx, a.total), formatShare(a.share, ctx.lang)] }));
  if (q.blank) rows.push({ cells: [ctx.t.blank, ...channels.map((c) => count(ctx, q.blank![c])), count(ctx, q.blank.total), '—'], emphasis: 'italic' });
  let cursor = heading(ctx, y, q.question);
  cursor = drawTable(ctx, cursor, columns, rows);
  cursor = paragraph(ctx, cursor, ctx.t.shareNote, STYLES.note, 3);
  return drawChart(ctx, cursor, q, r.channels) + GAP.betweenSectionsMm - GAP.afterTableMm;
}

export function questions(ctx: ReportContext, y: number, r: PublishedResult): number {
  return questionFigures(r).reduce((cursor, q) => question(ctx, cursor, q, r), y);
}

export function turnout(ctx: ReportContext, y: number, r: PublishedResult): number {
  let cursor = heading(ctx, y, ctx.t.turnout);
  cursor = paragraph(ctx, cursor, `${ctx.t.eligible}: ${count(ctx, r.result.turnout.eligible)}`, STYLES.bodyBold);
  const columns = columnsWithLabel(ctx.t.channel, [{ header: ctx.t.voters, widthMm: NUMBER_COL_MM }, { header: ctx.t.ofEligible, widthMm: WIDE_NUMBER_COL_MM + 6 }], CONTENT_WIDTH_MM);
  const rows: Row[] = turnoutRows(r).map((row) => ({ cells: [ctx.t[row.channel], count(ctx, row.voters), formatShare(row.rate, ctx.lang)], ...(row.channel === 'total' ? { emphasis: 'bold' as const } : {}) }));
  cursor = drawTable(ctx, cursor, columns, rows);
  return paragraph(ctx, cursor, ctx.t.turnoutNote, STYLES.note) + GAP.betweenSectionsMm;
}

function reasons(ctx: ReportContext, y: number, counts: Record<string, number>, caption: string): number {
  const rows = byReason(counts);
  if (rows.length === 0) return y;
  const cursor = heading(ctx, y, caption, STYLES.subheading);
  return drawTable(ctx, cursor, columnsWithLabel(ctx.t.reason, [{ header: ctx.t.count, widthMm: NUMBER_COL_MM }], CONTENT_WIDTH_MM), rows.map(([code, n]) => ({ cells: [reasonLabel(code, ctx.lang), count(ctx, n)] })));
}

export function postal(ctx: ReportContext, y: number, r: PublishedResult): number {
  if (!r.channels.postal) return y;
  const p = r.result.postal;
  let cursor = heading(ctx, y, ctx.t.postalPapers);
  const rows: Row[] = [
    { cells: [ctx.t.papers, count(ctx, p.papers)], emphasis: 'bold' },
    { cells: [ctx.t.valid, count(ctx, p.valid)] },
    { cells: [ctx.t.blankPapers, count(ctx, p.blank)] },
    { cells: [ctx.t.invalid, count(ctx, p.invalid)] },
  ];
  cursor = drawTable(ctx, cursor, columnsWithLabel('', [{ header: '', widthMm: NUMBER_COL_MM }], CONTENT_WIDTH_MM), rows);
  cursor = reasons(ctx, cursor, p.invalid_by_reason, ctx.t.invalidByReason);
  if (byReason(r.result.returns_rejected).length === 0) {
    cursor = heading(ctx, cursor, ctx.t.returnsRejected, STYLES.subheading);
    cursor = paragraph(ctx, cursor, ctx.t.returnsRejectedNone);
  } else {
    cursor = reasons(ctx, cursor, r.result.returns_rejected, ctx.t.returnsRejected);
  }
  return cursor + GAP.betweenSectionsMm;
}

export function precedence(ctx: ReportContext, y: number, r: PublishedResult): number {
  let cursor = heading(ctx, y, ctx.t.precedence);
  cursor = paragraph(ctx, cursor, `${ctx.t.rule}: ${policyExplanation(r.precedencePolicy, ctx.lang)}`);
  if (r.channels.online) cursor = paragraph(ctx, cursor, r.onlineRevoting ? ctx.t.revotingOn : ctx.t.revotingOff);
  cursor = drawTable(ctx, cursor, columnsWithLabel('', [{ header: '', widthMm: NUMBER_COL_MM }], CONTENT_WIDTH_MM), precedenceRows(r, ctx.t).map(([label, n]) => ({ cells: [label, count(ctx, n)] })));
  // Postal refusals by reason are the intake table above (which also has the invalid codes).
  cursor = reasons(ctx, cursor, r.precedence.refused.online, ctx.t.refusedOnline);
  return cursor + GAP.betweenSectionsMm;
}

export function record(ctx: ReportContext, y: number, r: PublishedResult): number {
  let cursor = heading(ctx, y, ctx.t.record);
  cursor = paragraph(ctx, cursor, ctx.t.recordIntro);
  cursor = heading(ctx, cursor, ctx.t.manifest, STYLES.subheading);
  cursor = paragraph(ctx, cursor, r.record.manifestSha256, { ...STYLES.mono, size: 10 }, 1);
  cursor = paragraph(ctx, cursor, ctx.t.manifestNote, STYLES.note);
  cursor = paragraph(ctx, cursor, `record.zip: ${formatBytes(r.record.zipBytes, ctx.lang)}`);
  cursor = heading(ctx, cursor, ctx.t.files, STYLES.subheading);
  const columns = columnsWithLabel(ctx.t.file, [{ header: ctx.t.size, widthMm: NUMBER_COL_MM }], CONTENT_WIDTH_MM);
  cursor = drawTable(ctx, cursor, columns, r.record.files.map((f) => ({ cells: [f.path, formatBytes(f.bytes, ctx.lang)] })));
  cursor = heading(ctx, cursor + GAP.betweenSectionsMm - GAP.afterTableMm, ctx.t.verify);
  cursor = paragraph(ctx, cursor, ctx.t.verifyIntro);
  cursor = paragraph(ctx, cursor, VERIFY_COMMAND, STYLES.mono);
  const bel = belFile(r.record.files);
  if (bel) {
    cursor = paragraph(ctx, cursor, ctx.t.verifyBel.replace('{file}', bel));
    cursor = paragraph(ctx, cursor, SIRONA_COMMAND, STYLES.mono);
  }
  return cursor;
}
