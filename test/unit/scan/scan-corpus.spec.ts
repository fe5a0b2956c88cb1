import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { readBarcodes } from 'zxing-wasm/reader';
import { prepareZxing } from 'src/scan/read/zxing';
import { type Question } from 'src/elections/election.types';
import { type GreyImage } from 'src/scan/read/types';
import {
  DEFAULT_QUESTIONS,
  degrade,
  drawFoldShadow,
  drawMarginSmudge,
  drawMark,
  drawStrayDot,
  expectedContent,
  generateCorpus,
  MARK_STYLES,
  mmToPx,
  multiPagePdf,
  multiPageTiff,
  photocopy,
  planPaper,
  renderBallotPapers,
  Rng,
  type RenderedPapers,
} from 'test/support/scan-corpus';

const PAPER_IDS = ['RDDZ5JWZSHPREV', '44KQVCC27K7QP0'].map((id) => id);
const DPI = 200;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-corpus-spec-'));

type Rect = { x: number; y: number; width: number; height: number };
// Module constants in the pixel loops: a global look-up (Math.…) is slow inside jest's VM context.
const { max, min, floor, ceil } = Math;

/** Ink added to `after` over `before` in a rectangle (mm, geometry frame): Σ darkening / 255 / pixels. */
function ink(before: GreyImage, after: GreyImage, r: RenderedPapers, rect: Rect): number {
  const a = mmToPx(r.geometry, DPI, rect.x, rect.y);
  const b = mmToPx(r.geometry, DPI, rect.x + rect.width, rect.y + rect.height);
  let sum = 0;
  let n = 0;
  for (let y = max(0, floor(a.y)); y < min(before.height, ceil(b.y)); y++) {
    for (let x = max(0, floor(a.x)); x < min(before.width, ceil(b.x)); x++) {
      sum += max(0, before.data[y * before.width + x] - after.data[y * after.width + x]) / 255;
      n++;
    }
  }
  return n ? sum / n : 0;
}

const inset = (r: Rect, d: number): Rect => ({ x: r.x + d, y: r.y + d, width: r.width - 2 * d, height: r.height - 2 * d });
const copy = (img: GreyImage): GreyImage => ({ ...img, data: img.data.slice() });
const wholePage = (r: RenderedPapers): Rect => ({ x: -12, y: -12, width: r.geometry.page.width, height: r.geometry.page.height });

async function decodeDataMatrix(bytes: Buffer): Promise<Array<{ text: string; x: number; y: number }>> {
  const png = await sharp(bytes).png({ compressionLevel: 1 }).toBuffer();
  const results = await readBarcodes(new Uint8Array(png), { formats: ['DataMatrix'], tryHarder: true, maxNumberOfSymbols: 1 });
  return results.filter((x) => x.isValid).map((x) => ({ text: x.text, x: x.position.topLeft.x, y: x.position.topLeft.y }));
}

/** The scan's grey pixels, whatever the format sharp reads. */
async function grey(bytes: Buffer): Promise<GreyImage> {
  const { data, info } = await sharp(bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

beforeAll(prepareZxing);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('scan corpus', () => {
  let r: RenderedPapers;
  let page: GreyImage;
  beforeAll(async () => {
    r = await renderBallotPapers({ questions: DEFAULT_QUESTIONS, paperIds: PAPER_IDS, dpi: DPI });
    page = r.papers[0].pages[0];
  });

  it('renders each paper ID as an A4 ballot page from our packs, marks where the geometry puts them', () => {
    expect(r.papers.map((p) => p.paperId)).toEqual(PAPER_IDS);
    expect(page.width).toBe(Math.round((210 * DPI) / 25.4));
    expect(page.height).toBe(Math.round((297 * DPI) / 25.4));
    const g = r.geometry.pages[0];
    for (const m of Object.values(g.marks)) {
      const p = mmToPx(r.geometry, DPI, m.x, m.y);
      expect(page.data[Math.floor(p.y) * page.width + Math.floor(p.x)]).toBeLessThan(60);
    }
    for (const b of g.boxes) {
      const c = mmToPx(r.geometry, DPI, b.x + b.width / 2, b.y + b.height / 2);
      expect(page.data[Math.floor(c.y) * page.width + Math.floor(c.x)]).toBeGreaterThan(230);
    }
  });

  describe.each(MARK_STYLES)('a %s mark', (style) => {
    it('lands in its box and nowhere else', () => {
      const boxes = r.geometry.pages[0].boxes;
      for (const [k, target] of [boxes[1], boxes[3]].entries()) {
        const img = copy(page);
        drawMark(img, r.geometry, DPI, target, style, new Rng(100 + k));
        const inside = ink(page, img, r, inset(target, 0.3));
        const near = ink(page, img, r, inset(target, -1.8)) * (target.width + 3.6) ** 2;
        const total = ink(page, img, r, wholePage(r)) * r.geometry.page.width * r.geometry.page.height;
        // Faint pencil is faint, but a person sees it; a filled box is mostly ink.
        expect(inside).toBeGreaterThan(style === 'faint_pencil' ? 0.01 : style === 'filled' ? 0.5 : 0.03);
        expect(near / total).toBeGreaterThan(0.95);
        for (const other of boxes.filter((b) => b !== target)) expect(ink(page, img, r, inset(other, 0.3))).toBe(0);
      }
    });
  });

  it('draws distractors that a person would not take for a vote', () => {
    const boxes = r.geometry.pages[0].boxes;
    const g = r.geometry.pages[0];
    for (let k = 0; k < 5; k++) {
      const dot = copy(page);
      drawStrayDot(dot, r.geometry, DPI, boxes[k], new Rng(k));
      expect(ink(page, dot, r, inset(boxes[k], -0.6))).toBeGreaterThan(0);
      expect(ink(page, dot, r, inset(boxes[k], -0.6))).toBeLessThan(0.02);

      const fold = copy(page);
      drawFoldShadow(fold, r.geometry, DPI, g, new Rng(k));
      let darkest = 0;
      // Measured on paper: on ink, rounding a few grey levels is a large fraction.
      for (let i = 0; i < page.data.length; i++) if (page.data[i] > 200) darkest = max(darkest, (page.data[i] - fold.data[i]) / page.data[i]);
      expect(darkest).toBeGreaterThan(0.03);
      expect(darkest).toBeLessThanOrEqual(0.1 + 1 / 200);

      const smudge = copy(page);
      drawMarginSmudge(smudge, r.geometry, DPI, g, new Rng(k));
      expect(ink(page, smudge, r, wholePage(r))).toBeGreaterThan(0);
      for (const b of boxes) expect(ink(page, smudge, r, inset(b, -2))).toBe(0);
      expect(ink(page, smudge, r, inset(g.barcode, -3))).toBe(0);
      for (const m of Object.values(g.marks)) expect(ink(page, smudge, r, { x: m.x - 8, y: m.y - 8, width: 16, height: 16 })).toBe(0);
    }
  });

  it('keeps the whole page inside the scan at the worst skew, scale and offset, on the scanner lid', async () => {
    for (const [rotationDeg, scale, ox, oy] of [
      [3, 1.02, 4, 4],
      [-3, 1.02, -4, -4],
    ]) {
      const file = await degrade(page, DPI, { rotationDeg, scale, offsetMm: { x: ox, y: oy }, background: 220, format: 'png' });
      const img = await grey(file.bytes);
      const px = DPI / 25.4;
      // The outermost millimetre is lid only: no page (white) and no ink there.
      for (let y = 0; y < img.height; y++) {
        for (let x = 0; x < img.width; x++) {
          if (x >= px && y >= px && x < img.width - px && y < img.height - px) continue;
          const v = img.data[y * img.width + x];
          if (v < 217 || v > 223) throw new Error(`scan pixel (${x}, ${y}) is ${v}, not the lid`);
        }
      }
      // Each registration mark is where the transform puts it: page centre + offset + s·R·(p − c).
      const t = (rotationDeg * Math.PI) / 180;
      for (const m of Object.values(r.geometry.pages[0].marks)) {
        const p = mmToPx(r.geometry, DPI, m.x, m.y);
        const dx = p.x - page.width / 2;
        const dy = p.y - page.height / 2;
        const x = img.width / 2 + ox * px + scale * (dx * Math.cos(t) - dy * Math.sin(t));
        const y = img.height / 2 + oy * px + scale * (dx * Math.sin(t) + dy * Math.cos(t));
        expect(img.data[Math.round(y) * img.width + Math.round(x)]).toBeLessThan(60);
      }
    }
  });

  it('writes PNG, JPEG and TIFF with the scan resolution, colour as RGB, and a PDF at the physical size', async () => {
    for (const format of ['png', 'jpeg', 'tiff'] as const) {
      const f = await degrade(page, DPI, { format, colour: format === 'jpeg', quality: 60 });
      expect(f.mime).toBe(`image/${format}`);
      const meta = await sharp(f.bytes).metadata();
      expect({ format, density: meta.density, channels: meta.channels }).toEqual({ format, density: DPI, channels: format === 'jpeg' ? 3 : 1 });
    }
    const pdf = await degrade(page, DPI, { format: 'pdf', quality: 70 });
    expect(pdf.mime).toBe('application/pdf');
    const file = path.join(tmp, 'one.pdf');
    fs.writeFileSync(file, pdf.bytes);
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [file]).toString());
    // A4 plus a few millimetres of lid: 595 × 842 pt and a little more.
    expect(Number(size?.[1])).toBeGreaterThan(595);
    expect(Number(size?.[1])).toBeLessThan(595 + 30);
    expect(Number(size?.[2])).toBeGreaterThan(842);
    expect(Number(size?.[2])).toBeLessThan(842 + 30);
  });

  it('writes several pages as one PDF and as one multi-page TIFF', async () => {
    const pages = r.papers.map((p) => ({ image: p.pages[0], dpi: DPI }));
    const file = path.join(tmp, 'two.pdf');
    fs.writeFileSync(file, await multiPagePdf(pages, { rotationDeg: 1, quality: 60 }));
    expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Pages:\s+2\b/);
    expect((await sharp(await multiPageTiff(pages, { noise: 3 })).metadata()).pages).toBe(2);
  });

  it('leaves the paper barcode of a hard 200-dpi scan readable, and puts it bottom-left when fed upside down', async () => {
    const hard = await degrade(page, DPI, { rotationDeg: -2.5, scale: 0.985, offsetMm: { x: 3, y: -3 }, blurSigma: 1.2, noise: 10, format: 'jpeg', quality: 50, seed: 3 });
    const upright = await decodeDataMatrix(hard.bytes);
    expect(upright.map((d) => d.text)).toEqual([PAPER_IDS[0]]);
    const flipped = await degrade(page, DPI, { orientation: 180, format: 'jpeg', quality: 80 });
    const meta = await sharp(flipped.bytes).metadata();
    const [found] = await decodeDataMatrix(flipped.bytes);
    expect(found.text).toBe(PAPER_IDS[0]);
    expect(found.x).toBeLessThan(meta.width / 2);
    expect(found.y).toBeGreaterThan(meta.height / 2);
  });
});

describe(expectedContent.name, () => {
  const two: Question[] = [...DEFAULT_QUESTIONS, { question: 'Which two policies?', answers: ['P', 'Q', 'R'], min: 1, max: 2, blank: false }];

  it('records what a careful person would', () => {
    expect(expectedContent(DEFAULT_QUESTIONS, [{ question: 0, answer: 2, style: 'tick' }])).toEqual({ kind: 'valid', choices: [[0, 0, 1, 0]] });
    expect(expectedContent(DEFAULT_QUESTIONS, [])).toEqual({ kind: 'blank' });
    expect(expectedContent(DEFAULT_QUESTIONS, [{ question: 0, answer: null, style: 'cross' }])).toEqual({ kind: 'valid', choices: [[0, 0, 0, 0]] });
    expect(expectedContent(DEFAULT_QUESTIONS, [{ question: 0, answer: null, style: 'cross' }, { question: 0, answer: 1, style: 'tick' }])).toEqual({ kind: 'invalid', reason: 'over_vote' });
    expect(expectedContent(DEFAULT_QUESTIONS, [0, 1].map((answer) => ({ question: 0, answer, style: 'cross' as const })))).toEqual({ kind: 'invalid', reason: 'over_vote' });
    const both = [{ question: 0, answer: 1, style: 'tick' as const }, ...[0, 2].map((answer) => ({ question: 1, answer, style: 'cross' as const }))];
    expect(expectedContent(two, both)).toEqual({ kind: 'valid', choices: [[0, 1, 0, 0], [1, 0, 1]] });
    expect(expectedContent(two, [{ question: 0, answer: 1, style: 'tick' }])).toEqual({ kind: 'invalid', reason: 'under_vote' });
  });
});

describe(generateCorpus.name, () => {
  it('mixes categories, formats and distractors in the proportions of the issue', async () => {
    const { geometry } = await renderBallotPapers({ questions: DEFAULT_QUESTIONS, paperIds: PAPER_IDS, dpi: DPI });
    const plans = Array.from({ length: 2000 }, (_, i) => planPaper(11, i, DEFAULT_QUESTIONS, geometry));
    const share = (f: (p: (typeof plans)[number]) => boolean): number => plans.filter(f).length / plans.length;
    expect(share((p) => p.category === 'single_mark_clean')).toBeCloseTo(0.55, 1);
    expect(share((p) => p.category === 'two_marks')).toBeCloseTo(0.08, 1);
    expect(share((p) => p.distractors.includes('fold_shadow'))).toBeCloseTo(0.15, 1);
    expect(share((p) => p.degradation.format === 'jpeg')).toBeCloseTo(0.5, 1);
    expect(share((p) => p.degradation.format === 'pdf')).toBeCloseTo(0.1, 1);
    for (const p of plans) {
      expect(Math.abs(p.degradation.rotationDeg)).toBeLessThanOrEqual(3);
      const marks = p.category === 'two_marks' ? 2 : p.category === 'none' || p.category === 'stray_dot' ? 0 : 1;
      expect({ category: p.category, marks: p.marks.length, dot: p.distractors.includes('stray_dot') }).toEqual({ category: p.category, marks, dot: p.category === 'stray_dot' || p.category === 'other' });
    }
  });

  it('gives the same bytes for the same seed, distinct paper IDs, and a photocopy that differs but for its paper ID', async () => {
    const a = await generateCorpus({ seed: 5, papers: 3, dpis: [200] });
    const b = await generateCorpus({ seed: 5, papers: 3, dpis: [200] });
    expect(a.map((x) => x.bytes.equals(b[a.indexOf(x)].bytes))).toEqual([true, true, true]);
    expect(new Set(a.map((x) => x.paperId)).size).toBe(3);
    const c = await generateCorpus({ seed: 6, papers: 1, dpis: [200] });
    expect(c[0].paperId).not.toBe(a[0].paperId);
    for (const item of a) {
      expect(item.id).toMatch(/^c000\d-[a-z_+]+-200dpi-(png|jpeg|tiff|pdf)$/);
      expect(item.expected).toEqual(expectedContent(DEFAULT_QUESTIONS, item.marks));
    }
    const copy = await photocopy(a[0], 9);
    expect(copy.paperId).toBe(a[0].paperId);
    expect(copy.marks).not.toEqual(a[0].marks);
    expect(copy.degradation).not.toEqual(a[0].degradation);
    expect(copy.bytes.equals(a[0].bytes)).toBe(false);
  });
});
