// Ballot papers rendered from our own packs (src/packs/render), rasterised the way a printer's
// RIP would: one batch PDF, one pack per paper ID, and only its ballot pages rasterised by
// pdftoppm as PGM (no PNG encoding to pay for; a PGM is a header and the raw grey bytes).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { generateVotingId, makeIdentityCode } from 'src/packs/codes';
import { loadTemplate, PackRenderer, type ElectionPrintInfo, type PackPrintInput } from 'src/packs/render';
import { type Question } from 'src/elections/election.types';
import { type BallotGeometry, type GreyImage } from 'src/scan/read/types';
import { Rng } from 'test/support/scan-corpus/prng';

const run = promisify(execFile);

export interface RenderOptions {
  questions: Question[];
  paperIds: string[];
  dpi: number;
  template?: 'en' | 'fr';
}

export interface RenderedPaper {
  paperId: string;
  /** One grey image per ballot page, in ballot-page order (0 = black). */
  pages: GreyImage[];
}

export interface RenderedPapers {
  geometry: BallotGeometry;
  papers: RenderedPaper[];
}

export const DEFAULT_QUESTIONS: Question[] = [
  { question: 'Who should lead the party?', answers: ['Alice Martin', 'Bertrand Okafor', 'Chloé Dubois', 'Dmitri Novak'], min: 1, max: 1, blank: true },
];

const MAC_KEY = new Uint8Array(32).fill(7);

export function printInfo(questions: Question[]): ElectionPrintInfo {
  return {
    electionId: 'ScanCorpus2027',
    title: 'Leadership election 2027',
    publicUrl: 'https://vote.example.org',
    questions,
    onlineClosesAt: '2027-03-14T17:00:00Z',
    postalDeadline: '2027-03-12T17:00:00Z',
    timeZone: 'Europe/Paris',
  };
}

/** Millimetres in the geometry's frame → pixels of a page rasterised at `dpi`. */
export function mmToPx(geometry: BallotGeometry, dpi: number, xMm: number, yMm: number): { x: number; y: number } {
  const o = geometry.page.topLeftMarkCentre;
  return { x: ((xMm + o.x) * dpi) / 25.4, y: ((yMm + o.y) * dpi) / 25.4 };
}

/** The packs' member details do not matter to the count; they only need to be valid. */
function packsFor(paperIds: string[]): PackPrintInput[] {
  const rng = new Rng(1);
  return paperIds.map((paperId, i) => ({
    packSerial: i + 1,
    memberName: 'Jeanne Dupont',
    addressLines: ['17 rue des Lilas', '69003 Lyon'],
    votingId: generateVotingId(rng.randomSource()),
    credential: '3Kq7ZbW9xT2mPfR8sNvL4c',
    identityCode: makeIdentityCode({ electionCode: 'SC01', packSerial: i + 1 }, MAC_KEY),
    paperId,
  }));
}

/** A scratch directory in memory where there is one: a 300-dpi page is 8.7 MB of PGM. */
function scratchDir(): string {
  const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
  return fs.mkdtempSync(path.join(base, 'scan-corpus-'));
}

/**
 * Keeps only the pages listed (1-based) by appending an incremental update that replaces the page
 * tree's /Kids: pdftoppm can then rasterise every ballot page, and nothing else, in one run.
 * pdfkit writes its objects uncompressed, one key per line, which this relies on.
 */
export function keepPages(pdf: Buffer, pages: number[]): Buffer {
  const text = pdf.toString('latin1');
  const root = /\/Root (\d+) 0 R/.exec(text.slice(text.lastIndexOf('trailer')));
  const size = /\/Size (\d+)/.exec(text.slice(text.lastIndexOf('trailer')));
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text);
  if (!root || !size || !startxref) throw new Error('keepPages: not a pdfkit PDF (trailer)');
  const catalog = new RegExp(`\\n${root[1]} 0 obj\\s*<<[^]*?/Pages (\\d+) 0 R`).exec(text);
  if (!catalog) throw new Error('keepPages: no page tree in the catalog');
  const pagesObj = catalog[1];
  const tree = new RegExp(`\\n${pagesObj} 0 obj\\s*<<[^]*?/Kids \\[([^\\]]*)\\]`).exec(text);
  if (!tree) throw new Error('keepPages: no /Kids in the page tree');
  const kids = tree[1].trim().split(/\s+0 R\s*/).filter(Boolean);
  const kept = pages.map((p) => {
    if (!kids[p - 1]) throw new Error(`keepPages: the PDF has no page ${p}`);
    return `${kids[p - 1]} 0 R`;
  });
  const offset = pdf.length;
  const obj = `${pagesObj} 0 obj\n<<\n/Type /Pages\n/Count ${kept.length}\n/Kids [${kept.join(' ')}]\n>>\nendobj\n`;
  const xref = offset + Buffer.byteLength(obj, 'latin1');
  const update =
    obj +
    `xref\n0 1\n0000000000 65535 f \n${pagesObj} 1\n${String(offset).padStart(10, '0')} 00000 n \n` +
    `trailer\n<<\n/Size ${size[1]}\n/Root ${root[1]} 0 R\n/Prev ${startxref[1]}\n>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.concat([pdf, Buffer.from(update, 'latin1')]);
}

export function parsePgm(bytes: Buffer): GreyImage {
  // P5 <w> <h> <maxval> then one whitespace byte and the pixels (pdftoppm writes no comments).
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(bytes.subarray(0, 64).toString('latin1'));
  if (!header || header[3] !== '255') throw new Error('parsePgm: not an 8-bit binary PGM');
  const width = Number(header[1]);
  const height = Number(header[2]);
  const start = header[0].length;
  if (bytes.length - start !== width * height) throw new Error('parsePgm: truncated');
  return { width, height, data: new Uint8Array(bytes.buffer, bytes.byteOffset + start, width * height).slice() };
}

/**
 * The papers' ballot pages as one PDF (pack order; each pack contributes `ballotPages` pages) and
 * the renderer, whose geometry the count reads.
 */
export async function ballotPdf(opts: RenderOptions): Promise<{ renderer: PackRenderer; pdf: Buffer; ballotPages: number }> {
  const renderer = PackRenderer.create(printInfo(opts.questions), loadTemplate('default', opts.template ?? 'en'));
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => sink.on('end', resolve));
  await renderer.renderBatch(packsFor(opts.paperIds), sink);
  await done;
  const per = renderer.pagesPerPack;
  const ballotPages = per - 2;
  const pages = opts.paperIds.flatMap((_, i) => Array.from({ length: ballotPages }, (__, k) => i * per + 3 + k));
  return { renderer, pdf: keepPages(Buffer.concat(chunks), pages), ballotPages };
}

/**
 * Rasterises papers `chunk` at a time, so a corpus of hundreds of pages never holds more than a
 * chunk of raw pages in memory.
 */
export async function* rasterisePapers(opts: RenderOptions, chunk = 20): AsyncGenerator<RenderedPaper & { geometry: BallotGeometry }> {
  const { renderer, pdf, ballotPages } = await ballotPdf(opts);
  const dir = scratchDir();
  try {
    const file = path.join(dir, 'ballots.pdf');
    fs.writeFileSync(file, pdf);
    for (let first = 0; first < opts.paperIds.length; first += chunk) {
      const last = Math.min(opts.paperIds.length, first + chunk);
      const prefix = path.join(dir, `p${first}`);
      await run('pdftoppm', ['-r', String(opts.dpi), '-gray', '-f', String(first * ballotPages + 1), '-l', String(last * ballotPages), file, prefix]);
      // pdftoppm pads page numbers to the width of the document's last page number.
      const files = fs.readdirSync(dir).filter((f) => f.startsWith(`p${first}-`) && f.endsWith('.pgm')).sort();
      if (files.length !== (last - first) * ballotPages) throw new Error(`pdftoppm wrote ${files.length} pages, expected ${(last - first) * ballotPages}`);
      for (let i = first; i < last; i++) {
        const pages = files.splice(0, ballotPages).map((f) => {
          const full = path.join(dir, f);
          const img = parsePgm(fs.readFileSync(full));
          fs.rmSync(full);
          return img;
        });
        yield { paperId: opts.paperIds[i], pages, geometry: renderer.geometry };
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const cache = new Map<string, Promise<RenderedPapers>>();

/**
 * Real ballot papers for these paper IDs at `dpi`. Cached within the process: the images are
 * shared, so treat them as read-only (the marking functions draw on copies).
 */
export function renderBallotPapers(opts: RenderOptions): Promise<RenderedPapers> {
  const key = JSON.stringify([opts.questions, opts.paperIds, opts.dpi, opts.template ?? 'en']);
  let hit = cache.get(key);
  if (!hit) {
    hit = (async () => {
      let geometry: BallotGeometry | null = null;
      const papers: RenderedPaper[] = [];
      for await (const p of rasterisePapers(opts, opts.paperIds.length)) {
        geometry = p.geometry;
        papers.push({ paperId: p.paperId, pages: p.pages });
      }
      if (!geometry) throw new Error('renderBallotPapers: no paper IDs given');
      return { geometry, papers };
    })();
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}
