// Ballot paper pages (DESIGN.md §5, §7): every answer of every question in published order, a box
// per answer (and for blank where allowed), registration marks in the four corners, the paper
// barcode. The layout depends only on the questions and the template, so it is computed once per
// election; its geometry (mm, relative to the top-left mark centre) is what the count reads.
//
// Long ballots flow: when the next answer row does not fit above the footer, the question goes on
// to a new ballot page under a "(continued)" heading. Boxes and row pitch never shrink (the
// scanner's fill threshold must not depend on the layout); only over-long answer texts shrink, down
// to BALLOT.answerMinSizePt, below which the layout is refused with the answer named.
import { type PartContext, say } from 'src/packs/render/context';
import { blockHeightMm, fittingSize, lineHeightMm, rectMm, textBlock, textLine } from 'src/packs/render/draw';
import { BALLOT, CONTENT_WIDTH_MM, MARGIN, PAGE } from 'src/packs/render/layout';
import { TemplateError } from 'src/packs/render/template';
import { dataMatrix, matrixPathOps } from 'src/packs/render/barcodes';
import { capMiddleEm, FONT } from 'src/packs/render/fonts';
import { mm, round2, toMm } from 'src/packs/render/units';
import { type Question } from 'src/elections/election.types';

export interface BallotHeading {
  question: number;
  text: string;
  instruction: string;
  yMm: number;
}

export interface BallotRow {
  question: number;
  /** Index in the question's published answers, or null for the blank option. */
  answer: number | null;
  label: string;
  sizePt: number;
  yMm: number;
}

export interface BallotPageLayout {
  headings: BallotHeading[];
  rows: BallotRow[];
}

export interface RectMm {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What the postal count needs to read a scanned ballot paper (issue: scanning). */
export interface BallotGeometry {
  version: 1;
  unit: 'mm';
  frame: string;
  page: { width: number; height: number; topLeftMarkCentre: { x: number; y: number } };
  markSize: number;
  pages: Array<{
    ballotPage: number;
    /** What the page's DataMatrix encodes; {paperId} is the paper's 14-symbol ID. */
    barcodeText: string;
    marks: { topLeft: Point; topRight: Point; bottomLeft: Point; bottomRight: Point };
    barcode: RectMm;
    boxes: Array<RectMm & { question: number; answer: number | null }>;
  }>;
}

type Point = { x: number; y: number };

const markCentres = {
  topLeft: { x: BALLOT.mark.insetMm, y: BALLOT.mark.insetMm },
  topRight: { x: PAGE.widthMm - BALLOT.mark.insetMm, y: BALLOT.mark.insetMm },
  bottomLeft: { x: BALLOT.mark.insetMm, y: PAGE.heightMm - BALLOT.mark.insetMm },
  bottomRight: { x: PAGE.widthMm - BALLOT.mark.insetMm, y: PAGE.heightMm - BALLOT.mark.insetMm },
};

const barcodeRect: RectMm = {
  x: PAGE.widthMm - MARGIN.rightMm - BALLOT.barcode.sizeMm,
  y: BALLOT.barcode.topMm,
  width: BALLOT.barcode.sizeMm,
  height: BALLOT.barcode.sizeMm,
};

function instructionFor(ctx: PartContext, q: Question): string {
  const t = ctx.template.text.ballot;
  if (q.min === q.max) return q.max === 1 ? say(ctx, t.chooseOne) : say(ctx, t.chooseExactly, { max: q.max });
  if (q.min === 0) return say(ctx, t.chooseUpTo, { max: q.max });
  return say(ctx, t.chooseRange, { min: q.min, max: q.max });
}

function boxTop(row: BallotRow): number {
  return row.yMm + (BALLOT.rowPitchMm - BALLOT.box.sizeMm) / 2;
}

const answerWidthMm = PAGE.widthMm - MARGIN.rightMm - BALLOT.answerLeftMm;
const questionWidthMm = CONTENT_WIDTH_MM - (BALLOT.box.leftMm - MARGIN.leftMm);

/** Places headings and rows on as many ballot pages as needed. Uses ctx.doc only to measure text. */
export function layoutBallot(ctx: PartContext, questions: Question[]): BallotPageLayout[] {
  const { doc, styles } = ctx;
  const t = ctx.template.text.ballot;
  const pages: BallotPageLayout[] = [{ headings: [], rows: [] }];
  let y: number = BALLOT.bodyTopMm;
  const headingHeight = (text: string): number =>
    blockHeightMm(doc, text, questionWidthMm, styles.question) + BALLOT.instructionGapMm + lineHeightMm(doc, styles.instruction) + BALLOT.firstRowGapMm;
  const newPage = (): void => {
    pages.push({ headings: [], rows: [] });
    y = BALLOT.bodyTopMm;
  };
  questions.forEach((q, qi) => {
    const instruction = instructionFor(ctx, q);
    const entries: Array<{ answer: number | null; label: string; style: typeof styles.answer }> = q.answers.map((a, ai) => ({ answer: ai, label: a, style: styles.answer }));
    if (q.blank) entries.push({ answer: null, label: say(ctx, t.blankLabel), style: styles.answerBlank });
    if (y + headingHeight(q.question) + BALLOT.rowPitchMm > BALLOT.bodyBottomMm) newPage();
    const page = (): BallotPageLayout => pages[pages.length - 1];
    page().headings.push({ question: qi, text: q.question, instruction, yMm: y });
    y += headingHeight(q.question);
    for (const e of entries) {
      if (y + BALLOT.rowPitchMm > BALLOT.bodyBottomMm) {
        newPage();
        const text = `${q.question} ${say(ctx, t.continued)}`;
        page().headings.push({ question: qi, text, instruction, yMm: y });
        y += headingHeight(text);
      }
      const size = fittingSize(doc, e.label, answerWidthMm, e.style, BALLOT.answerMinSizePt);
      if (size === null) throw new TemplateError(`answer ${(e.answer ?? q.answers.length) + 1} of question ${qi + 1} is too long for the ballot paper: ${JSON.stringify(e.label)}`);
      page().rows.push({ question: qi, answer: e.answer, label: e.label, sizePt: size, yMm: y });
      y += BALLOT.rowPitchMm;
    }
    y += BALLOT.questionGapMm;
  });
  return pages;
}

export function barcodeTextFor(paperId: string, ballotPage: number): string {
  return ballotPage === 1 ? paperId : `${paperId}/${ballotPage}`;
}

export function ballotGeometry(pages: BallotPageLayout[]): BallotGeometry {
  const o = markCentres.topLeft;
  const rel = (p: Point): Point => ({ x: round2(p.x - o.x), y: round2(p.y - o.y) });
  const relRect = (r: RectMm): RectMm => ({ ...rel(r), width: round2(r.width), height: round2(r.height) });
  return {
    version: 1,
    unit: 'mm',
    frame: 'origin at the centre of the top-left registration mark; x to the right, y down, as printed on A4',
    page: { width: PAGE.widthMm, height: PAGE.heightMm, topLeftMarkCentre: { ...o } },
    markSize: BALLOT.mark.sizeMm,
    pages: pages.map((p, i) => ({
      ballotPage: i + 1,
      barcodeText: barcodeTextFor('{paperId}', i + 1),
      marks: { topLeft: rel(markCentres.topLeft), topRight: rel(markCentres.topRight), bottomLeft: rel(markCentres.bottomLeft), bottomRight: rel(markCentres.bottomRight) },
      barcode: relRect(barcodeRect),
      boxes: p.rows.map((r) => ({
        question: r.question,
        answer: r.answer,
        ...relRect({ x: BALLOT.box.leftMm, y: boxTop(r), width: BALLOT.box.sizeMm, height: BALLOT.box.sizeMm }),
      })),
    })),
  };
}

/** Static content of one ballot page: marks, header, questions, boxes, footer. */
export function drawBallotStatic(ctx: PartContext, page: BallotPageLayout, index: number, count: number, electionTitle: string): void {
  const { doc, styles, template } = ctx;
  const t = template.text.ballot;
  doc.save().fillColor('#000000');
  for (const c of Object.values(markCentres)) rectMm(doc, c.x - BALLOT.mark.sizeMm / 2, c.y - BALLOT.mark.sizeMm / 2, BALLOT.mark.sizeMm, BALLOT.mark.sizeMm).fill();
  doc.restore();
  let y = textBlock(doc, say(ctx, t.title), MARGIN.leftMm, BALLOT.headerTopMm, BALLOT.headerWidthMm, styles.title) + 0.5;
  y = textBlock(doc, electionTitle, MARGIN.leftMm, y, BALLOT.headerWidthMm, styles.heading) + 1.5;
  y = textBlock(doc, say(ctx, t.markInstruction), MARGIN.leftMm, y, BALLOT.headerWidthMm, styles.instruction);
  if (count > 1) y = textLine(doc, say(ctx, t.pageOf, { page: index + 1, pages: count }), MARGIN.leftMm, y + 1, styles.label);
  if (y > BALLOT.bodyTopMm - 2) throw new TemplateError(`ballot header of template "${template.name}" (${template.text.lang}) is too long: it ends at ${y.toFixed(1)} mm`);
  for (const h of page.headings) {
    const hy = textBlock(doc, h.text, BALLOT.box.leftMm, h.yMm, questionWidthMm, styles.question) + BALLOT.instructionGapMm;
    textLine(doc, h.instruction, BALLOT.box.leftMm, hy, styles.instruction);
  }
  doc.save().lineWidth(BALLOT.box.strokePt).strokeColor('#000000');
  for (const r of page.rows) rectMm(doc, BALLOT.box.leftMm, boxTop(r), BALLOT.box.sizeMm, BALLOT.box.sizeMm).stroke();
  doc.restore();
  for (const r of page.rows) {
    const style = r.answer === null ? styles.answerBlank : styles.answer;
    const centre = boxTop(r) + BALLOT.box.sizeMm / 2;
    // Centre capitals on the box: the line's top is that far above the middle of a capital.
    textLine(doc, r.label, BALLOT.answerLeftMm, centre - toMm(capMiddleEm(style.font) * r.sizePt), { ...style, size: r.sizePt });
  }
  textBlock(doc, say(ctx, t.footer), MARGIN.leftMm, BALLOT.footerTopMm, CONTENT_WIDTH_MM, styles.note, { align: 'center' });
}

/** Per-pack part of a ballot page: the paper barcode and its human-readable form. */
export function fillBallot(ctx: PartContext, ballotPage: number, paperId: string, paperIdText: string): void {
  const { doc, styles } = ctx;
  const m = dataMatrix(barcodeTextFor(paperId, ballotPage));
  const module = mm(barcodeRect.width) / m.cols;
  doc.addContent('q 0 g');
  doc.addContent(matrixPathOps(m, mm(barcodeRect.x), mm(barcodeRect.y), module));
  doc.addContent('Q');
  const label = ballotPage === 1 ? paperIdText : `${paperIdText}/${ballotPage}`;
  const w = 40;
  textLine(doc, label, barcodeRect.x + barcodeRect.width - w, barcodeRect.y + barcodeRect.height + BALLOT.barcode.textGapMm, { ...styles.small, font: FONT.monoLight, color: '#000000' }, { widthMm: w, align: 'right' });
}
