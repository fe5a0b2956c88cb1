// The pack renderer: one election + one template → print-ready PDFs (DESIGN.md §5).
//
// Speed (bench/packs.ts, docs/BENCHMARKS.md): everything identical across the election's packs is
// drawn once per PDF into a form XObject per page kind ("stamp"); each pack page paints its stamp
// with one `Do` operator and adds only its own text and barcodes. Layout (and so the ballot
// geometry) is computed once per election, before any page.
//
// Byte stability: fixed CreationDate/ModDate and a file ID derived from them (pdfkit hashes the
// info dictionary), no timestamps anywhere else, so the same inputs give the same bytes and a
// batch re-rendered after a crash has the same checksum.
import { once } from 'node:events';
import { deflateSync } from 'node:zlib';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import PDFDocument from 'pdfkit';
import { formatIdentityCode, formatPaperId, formatVotingId } from 'src/packs/codes';
import { ballotGeometry, drawBallotStatic, fillBallot, layoutBallot, type BallotGeometry, type BallotPageLayout } from 'src/packs/render/ballot-paper';
import { type PartContext, stylesFor } from 'src/packs/render/context';
import { type Doc } from 'src/packs/render/draw';
import { drawLetterStatic, fillLetter, type LetterSlots } from 'src/packs/render/letter';
import { describeChars, PackInputError, unprintable, validatePackInput, type PackPrintInput } from 'src/packs/render/pack-inputs';
import { drawSlipStatic, fillSlip, type SlipSlots } from 'src/packs/render/return-slip';
import { electionValues, type ElectionPrintInfo, votingLink, votingPageUrl } from 'src/packs/render/election-values';
import { registerPackFonts } from 'src/packs/render/fonts';
import { fill, TemplateError, type PackTemplate } from 'src/packs/render/template';
import { PAGE } from 'src/packs/render/layout';
import { mm } from 'src/packs/render/units';

export { type PackPrintInput } from 'src/packs/render/pack-inputs';

export { type ElectionPrintInfo } from 'src/packs/render/election-values';

export interface RenderOptions {
  /** Document date written into the PDF metadata; fixed so output is byte-stable. */
  documentDate?: Date;
  /** Deflate content streams (default true). */
  compress?: boolean;
}

export interface PackPageRange {
  packSerial: number;
  /** 1-based, inclusive page numbers within the batch PDF. */
  firstPage: number;
  lastPage: number;
}

export interface BatchResult {
  pages: number;
  packs: PackPageRange[];
}

const FIXED_DATE = new Date('2000-01-01T00:00:00Z');
const PAGE_OPTIONS = { size: [mm(PAGE.widthMm), mm(PAGE.heightMm)] as [number, number], margin: 0 };
const YIELD_EVERY = 25;

interface Stamp {
  name: string;
  form: PDFKit.PDFKitReference;
}

interface DocState {
  doc: Doc;
  ctx: PartContext;
  letter: Stamp;
  slip: Stamp;
  ballots: Stamp[];
}

/** Internal pdfkit page fields swapped while recording a stamp (public API has no form XObjects). */
interface PageInternals {
  content: PDFKit.PDFKitReference;
  resources: PDFKit.PDFKitReference;
  xobjects: Record<string, PDFKit.PDFKitReference>;
}

/** Internal fields of a pdfkit stream object, for compressing a page's content ourselves. */
interface RefInternals {
  compress: boolean;
  buffer: Uint8Array[];
  data: Record<string, unknown>;
  finalize(): void;
}

// Each pack page's content stream is deflated at level 1 instead of pdfkit's fixed default (6):
// ~0.2 ms less per pack (~7 % of its render time; each page is a fresh zlib stream of ~4 KB) for
// ~10 % more bytes per pack. Stamps and fonts, once per PDF, keep pdfkit's compression.
const PAGE_DEFLATE_LEVEL = 1;

function addPackPage(doc: Doc): void {
  doc.addPage(PAGE_OPTIONS);
  const ref = (doc.page as unknown as PageInternals).content as unknown as RefInternals;
  if (!ref.compress) return;
  ref.compress = false;
  const finalize = ref.finalize.bind(ref);
  ref.finalize = () => {
    if (ref.buffer.length) {
      ref.buffer = [deflateSync(Buffer.concat(ref.buffer), { level: PAGE_DEFLATE_LEVEL })];
      ref.data.Filter = 'FlateDecode';
    }
    finalize();
  };
}

export class PackRenderer {
  readonly geometry: BallotGeometry;
  readonly pagesPerPack: number;
  readonly votingUrl: string;
  private readonly values: Record<string, string>;
  private readonly ballotPages: BallotPageLayout[];
  private readonly letterSlots: LetterSlots;
  private readonly slipSlots: SlipSlots;

  private constructor(
    readonly election: ElectionPrintInfo,
    readonly template: PackTemplate,
    private readonly options: Required<RenderOptions>,
  ) {
    if (!/^https?:\/\/[^\s/#?]+(\/[^\s#?]*[^\s#?/])?$/.test(election.publicUrl)) {
      throw new TemplateError(`publicUrl must be an http(s) URL without a trailing slash, query or fragment: ${JSON.stringify(election.publicUrl)}`);
    }
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(election.electionId)) throw new TemplateError(`electionId is not a Belenios UUID: ${JSON.stringify(election.electionId)}`);
    if (!election.questions.length) throw new TemplateError('the election has no questions to print');
    const lang = template.text.lang;
    this.votingUrl = votingPageUrl(election);
    this.values = electionValues(election, template);
    const texts = [JSON.stringify(template.text), JSON.stringify(template.brand), ...Object.values(this.values), ...election.questions.flatMap((q) => [q.question, ...q.answers])];
    const bad = unprintable(texts.join(''));
    if (bad.length) throw new TemplateError(`template "${template.name}" (${lang}) or the election's texts use characters the pack fonts cannot print: ${describeChars(bad)} (the fonts cover Latin, Greek and Cyrillic)`);

    // Lay out once on a scratch document; drawing each PDF's stamps replays the same layout.
    const scratch = this.newDoc();
    scratch.addPage(PAGE_OPTIONS);
    const ctx = this.context(scratch);
    this.ballotPages = layoutBallot(ctx, election.questions);
    this.geometry = ballotGeometry(this.ballotPages);
    this.letterSlots = drawLetterStatic(ctx);
    scratch.addPage(PAGE_OPTIONS);
    this.slipSlots = drawSlipStatic(ctx);
    this.ballotPages.forEach((p, i) => {
      scratch.addPage(PAGE_OPTIONS);
      drawBallotStatic(ctx, p, i, this.ballotPages.length, election.title);
    });
    scratch.end();
    this.pagesPerPack = 2 + this.ballotPages.length;
  }

  /** Validates the election's texts against the template and lays the pack out. Throws TemplateError. */
  static create(election: ElectionPrintInfo, template: PackTemplate, options: RenderOptions = {}): PackRenderer {
    return new PackRenderer(election, template, { documentDate: options.documentDate ?? FIXED_DATE, compress: options.compress ?? true });
  }

  /** The QR code's text: the voting page with the codes in the fragment, which browsers never send. */
  qrText(p: Pick<PackPrintInput, 'votingId' | 'credential'>): string {
    return votingLink(this.votingUrl, p.votingId, p.credential);
  }

  /**
   * Renders the packs, in order, as one PDF streamed to `out` (which is ended). All inputs are
   * validated before the first byte is written. Returns each pack's page range for the manifest.
   */
  async renderBatch(packs: readonly PackPrintInput[], out: Writable): Promise<BatchResult> {
    let valid: PackPrintInput[];
    try {
      valid = packs.map(validatePackInput);
      const seen = new Set<number>();
      for (const p of valid) {
        if (seen.has(p.packSerial)) throw new PackInputError(p.packSerial, 'packSerial', 'appears twice in the batch');
        seen.add(p.packSerial);
      }
    } catch (e) {
      out.destroy(); // nothing was written; close the caller's file rather than leave it open
      throw e;
    }
    const doc = this.newDoc();
    doc.pipe(out);
    const state = this.startDocument(doc);
    const ranges: PackPageRange[] = [];
    let page = 0;
    for (let i = 0; i < valid.length; i++) {
      this.drawPack(state, valid[i], i === 0);
      ranges.push({ packSerial: valid[i].packSerial, firstPage: page + 1, lastPage: page + this.pagesPerPack });
      page += this.pagesPerPack;
      if (i % YIELD_EVERY === YIELD_EVERY - 1) {
        // Let the pipe move bytes to the file, and wait if the file is slower than us: memory stays flat.
        await new Promise<void>((resolve) => setImmediate(resolve));
        while (out.writableNeedDrain) await once(out, 'drain');
      }
    }
    doc.end();
    await finished(out);
    return { pages: page, packs: ranges };
  }

  /** One pack as a PDF of its own (reissues, previews). */
  async renderPack(pack: PackPrintInput): Promise<Buffer> {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    await this.renderBatch([pack], sink);
    return Buffer.concat(chunks);
  }

  private newDoc(): Doc {
    const d = this.options.documentDate;
    const doc = new PDFDocument({
      autoFirstPage: false,
      compress: this.options.compress,
      lang: this.template.text.lang,
      info: {
        Title: `${this.template.brand.organisationName}: ${this.election.title}`,
        Author: this.template.brand.organisationName,
        Creator: 'hybrid-ballot',
        Producer: 'hybrid-ballot (pdfkit)',
        CreationDate: d,
        ModDate: d,
      },
    });
    registerPackFonts(doc);
    return doc;
  }

  private context(doc: Doc): PartContext {
    return { doc, template: this.template, styles: stylesFor(this.template), values: this.values };
  }

  private startDocument(doc: Doc): DocState {
    const ctx = this.context(doc);
    // Stamps are recorded while the first page exists (pdfkit needs a page to draw on); they are
    // complete objects in the file before any pack page refers to them.
    addPackPage(doc);
    const letter = this.recordStamp(doc, 'PkLetter', () => drawLetterStatic(ctx));
    const slip = this.recordStamp(doc, 'PkSlip', () => drawSlipStatic(ctx));
    const ballots = this.ballotPages.map((p, i) => this.recordStamp(doc, `PkBallot${i + 1}`, () => drawBallotStatic(ctx, p, i, this.ballotPages.length, this.election.title)));
    return { doc, ctx, letter, slip, ballots };
  }

  private recordStamp(doc: Doc, name: string, draw: () => unknown): Stamp {
    const page = doc.page as unknown as PageInternals;
    const saved = { content: page.content, resources: page.resources };
    const resources = doc.ref({ ProcSet: ['PDF', 'Text', 'ImageB', 'ImageC', 'ImageI'] });
    const form = doc.ref({ Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: [0, 0, mm(PAGE.widthMm), mm(PAGE.heightMm)], Resources: resources });
    page.content = form;
    page.resources = resources;
    try {
      doc.save();
      draw();
      doc.restore();
    } finally {
      page.content = saved.content;
      page.resources = saved.resources;
    }
    (resources as unknown as { end(): void }).end();
    (form as unknown as { end(): void }).end();
    return { name, form };
  }

  private paint(doc: Doc, stamp: Stamp): void {
    (doc.page as unknown as PageInternals).xobjects[stamp.name] = stamp.form;
    doc.addContent(`/${stamp.name} Do`);
  }

  private drawPack(s: DocState, p: PackPrintInput, firstPageExists: boolean): void {
    const { doc, ctx } = s;
    if (!firstPageExists) addPackPage(doc);
    this.paint(doc, s.letter);
    fillLetter(ctx, this.letterSlots, {
      salutation: fill(ctx.template.text.letter.salutation, { ...this.values, memberName: p.memberName }),
      addressLines: [p.memberName, ...p.addressLines],
      reference: String(p.packSerial).padStart(7, '0'),
      votingId: formatVotingId(p.votingId),
      credential: p.credential,
      qrText: this.qrText(p),
    });
    addPackPage(doc);
    this.paint(doc, s.slip);
    fillSlip(ctx, this.slipSlots, { memberName: p.memberName, identityCode: p.identityCode, identityCodeText: formatIdentityCode(p.identityCode) });
    const paperIdText = formatPaperId(p.paperId);
    s.ballots.forEach((stamp, i) => {
      addPackPage(doc);
      this.paint(doc, stamp);
      fillBallot(ctx, i + 1, p.paperId, paperIdText);
    });
  }
}
