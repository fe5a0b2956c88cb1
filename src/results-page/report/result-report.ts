// The PDF report of a published result (docs/TALLY.md): the page's content on A4, for filing
// and printing. Pure: a PublishedResult in, PDF bytes out.
import PDFDocument from 'pdfkit';
import type { PageLanguage } from 'src/intake-page/page-language';
import { textLine } from 'src/packs/render/draw';
import { registerPackFonts } from 'src/packs/render/fonts';
import { mm } from 'src/packs/render/units';
import { formatInstant } from 'src/results-page/figures';
import { LABELS } from 'src/results-page/labels';
import type { PublishedResult } from 'src/results-page/published-result';
import { postal, precedence, questions, record, titleBlock, turnout } from 'src/results-page/report/report-parts';
import { A4, CONTENT_WIDTH_MM, FOOTER_Y_MM, MARGIN, pdfText, type ReportContext, STYLES } from 'src/results-page/report/report-context';

export interface ReportOptions {
  /** Printed in the footer and the PDF's metadata. */
  generatedAt?: Date;
}

const PARTS = [questions, turnout, postal, precedence, record] as const;

export async function renderResultReport(r: PublishedResult, lang: PageLanguage, options: ReportOptions = {}): Promise<Buffer> {
  const generatedAt = options.generatedAt ?? new Date();
  const t = LABELS[lang];
  // bufferPages: the footer says "page i of n", known only once every part is drawn.
  const doc = new PDFDocument({
    size: [mm(A4.widthMm), mm(A4.heightMm)],
    margin: 0,
    bufferPages: true,
    lang,
    displayTitle: true,
    info: { Title: pdfText(`${t.pageTitle} — ${r.title}`), Subject: r.electionId, CreationDate: generatedAt, ModDate: generatedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerPackFonts(doc);
  const ctx: ReportContext = { doc, lang, t };
  const top = titleBlock(ctx, MARGIN.topMm, r);
  PARTS.reduce((y, part) => part(ctx, y, r), top);
  footers(ctx, r, generatedAt);
  doc.end();
  return done;
}

function footers(ctx: ReportContext, r: PublishedResult, generatedAt: Date): void {
  const { start, count } = ctx.doc.bufferedPageRange();
  const generated = `${ctx.t.generated} ${formatInstant(generatedAt.toISOString(), ctx.lang, r.timeZone)}`;
  for (let i = start; i < start + count; i++) {
    ctx.doc.switchToPage(i);
    textLine(ctx.doc, pdfText(generated), MARGIN.leftMm, FOOTER_Y_MM, STYLES.footer, { widthMm: CONTENT_WIDTH_MM * 0.7 });
    textLine(ctx.doc, `${ctx.t.page} ${i + 1} ${ctx.t.of} ${count}`, MARGIN.leftMm, FOOTER_Y_MM, STYLES.footer, { widthMm: CONTENT_WIDTH_MM, align: 'right' });
  }
  ctx.doc.flushPages();
}
