// A page as a document scanner returns it: a little turned, scaled and shifted on the platen,
// against the scanner's lid (white or light grey), softened by the optics, with sensor noise,
// encoded as the scanner's file (PNG, JPEG, TIFF, or a PDF wrapping a JPEG) with its resolution
// written in the file. sharp does the resampling, blur and encoding; noise and the paper's tint
// are a pass over the raw bytes.
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { type GreyImage, type ScanMime } from 'src/scan/read/types';
import { Rng } from 'test/support/scan-corpus/prng';

export type ScanFormat = 'png' | 'jpeg' | 'tiff' | 'pdf';

export interface DegradeOptions {
  /** Skew on the platen, degrees clockwise, −3…3. */
  rotationDeg?: number;
  /** 0.98…1.02. */
  scale?: number;
  /** Where the page's centre lands from the scan's centre, mm, each up to ±4. */
  offsetMm?: { x: number; y: number };
  /** Gaussian blur, px, 0…1.2 (0: none). */
  blurSigma?: number;
  /** Gaussian noise σ in grey levels, 0…10. */
  noise?: number;
  format?: ScanFormat;
  /** JPEG quality (also for the JPEG inside a PDF), 50…95. */
  quality?: number;
  /** An RGB scan of slightly tinted paper. */
  colour?: boolean;
  /** Fed upside down (180°) or sideways (90° clockwise); combined with the skew. */
  orientation?: 0 | 90 | 180;
  /** The scanner's lid behind the page, 0…255. */
  background?: number;
  /** Seed of the noise and the tint. */
  seed?: number;
}

export interface ScanFile {
  bytes: Buffer;
  mime: ScanMime;
}

/** Border around the A4 page in the scan: room for ±3°, +2 % and ±4 mm without losing a corner. */
export const SCAN_BORDER_MM = 15;
const A4 = { width: 210, height: 297 };
const MIME: Record<ScanFormat, ScanMime> = { png: 'image/png', jpeg: 'image/jpeg', tiff: 'image/tiff', pdf: 'application/pdf' };

/** A scanned page before encoding: 1 (grey) or 3 (RGB) channels. */
interface RawScan {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Buffer;
}

export async function degrade(image: GreyImage, dpi: number, opts: DegradeOptions = {}): Promise<ScanFile> {
  const format = opts.format ?? 'png';
  const raw = await scanRaw(image, dpi, opts);
  return { bytes: await encode(raw, dpi, format, opts.quality ?? 85), mime: MIME[format] };
}

/** Geometry, blur, noise and tint: the page as the scanner's sensor saw it. */
async function scanRaw(image: GreyImage, dpi: number, opts: DegradeOptions): Promise<RawScan> {
  const rotationDeg = opts.rotationDeg ?? 0;
  const scale = opts.scale ?? 1;
  const offset = opts.offsetMm ?? { x: 0, y: 0 };
  const orientation = opts.orientation ?? 0;
  const lid = opts.background ?? 255;
  if (Math.abs(rotationDeg) > 3 || Math.abs(scale - 1) > 0.02 || Math.abs(offset.x) > 4 || Math.abs(offset.y) > 4) {
    throw new RangeError('degrade: rotation ±3°, scale 0.98–1.02 and offset ±4 mm keep the page inside the scan');
  }
  const pxPerMm = dpi / 25.4;
  const portrait = { w: Math.round((A4.width + 2 * SCAN_BORDER_MM) * pxPerMm), h: Math.round((A4.height + 2 * SCAN_BORDER_MM) * pxPerMm) };
  const canvas = orientation === 90 ? { w: portrait.h, h: portrait.w } : portrait;
  const t = ((rotationDeg + orientation) * Math.PI) / 180;
  const a = scale * Math.cos(t);
  const b = -scale * Math.sin(t);
  const c = scale * Math.sin(t);
  const d = scale * Math.cos(t);
  // libvips puts the transformed image's bounding box at the origin; shift it so the page's
  // centre lands on the canvas centre plus the offset, the fraction through odx/ody.
  const corners = [
    [0, 0],
    [image.width, 0],
    [0, image.height],
    [image.width, image.height],
  ].map(([x, y]) => ({ x: a * x + b * y, y: c * x + d * y }));
  const min = { x: Math.min(...corners.map((p) => p.x)), y: Math.min(...corners.map((p) => p.y)) };
  const cx = image.width / 2;
  const cy = image.height / 2;
  const target = { x: canvas.w / 2 + offset.x * pxPerMm, y: canvas.h / 2 + offset.y * pxPerMm };
  const q = { x: target.x - (a * cx + b * cy - min.x), y: target.y - (c * cx + d * cy - min.y) };
  const pos = { x: Math.floor(q.x), y: Math.floor(q.y) };
  let pipeline = sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length), { raw: { width: image.width, height: image.height, channels: 1 } }).affine(
    [
      [a, b],
      [c, d],
    ],
    { background: { r: lid, g: lid, b: lid }, odx: q.x - pos.x, ody: q.y - pos.y, interpolator: 'bilinear' },
  );
  const blur = opts.blurSigma ?? 0;
  // sharp refuses σ < 0.3; below that a scanner's blur is invisible anyway.
  if (blur >= 0.3) pipeline = pipeline.blur(blur);
  const turned = await pipeline.toColourspace('b-w').raw().toBuffer({ resolveWithObject: true });
  const w = turned.info.width;
  const h = turned.info.height;
  if (pos.x < 0 || pos.y < 0 || pos.x + w > canvas.w || pos.y + h > canvas.h) throw new Error('degrade: the page does not fit the scan');
  const rng = new Rng(opts.seed ?? 0);
  const channels = opts.colour ? 3 : 1;
  const out = Buffer.alloc(canvas.w * canvas.h * channels);
  const grey = Buffer.alloc(canvas.w * canvas.h, lid);
  for (let y = 0; y < h; y++) turned.data.copy(grey, (pos.y + y) * canvas.w + pos.x, y * w, (y + 1) * w);
  addNoise(grey, out, channels, opts.noise ?? 0, channels === 3 ? [rng.range(0.97, 1), rng.range(0.95, 0.99), rng.range(0.86, 0.95)] : [1], rng);
  return { width: canvas.w, height: canvas.h, channels, data: out };
}

/** Gaussian noise from a table of normal deviates (a draw per pixel is too slow), then the tint. */
function addNoise(grey: Buffer, out: Buffer, channels: 1 | 3, sigma: number, tint: number[], rng: Rng): void {
  const table = new Float32Array(4096);
  for (let i = 0; i < table.length; i++) table[i] = rng.gauss() * sigma;
  let s = (rng.int(0x7fffffff) | 1) >>> 0;
  for (let i = 0, o = 0; i < grey.length; i++) {
    for (let k = 0; k < channels; k++, o++) {
      // xorshift32: a fresh table index per sample without a function call.
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      const v = grey[i] * tint[k] + (sigma > 0 ? table[(s >>> 0) & 4095] : 0);
      out[o] = v < 0 ? 0 : v > 255 ? 255 : v + 0.5;
    }
  }
}

async function encode(raw: RawScan, dpi: number, format: ScanFormat, quality: number): Promise<Buffer> {
  const img = sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } }).withMetadata({ density: dpi });
  switch (format) {
    case 'png':
      return img.png({ compressionLevel: 3 }).toBuffer();
    case 'jpeg':
      return img.jpeg({ quality }).toBuffer();
    case 'tiff':
      return img.tiff({ compression: 'lzw', xres: dpi / 25.4, yres: dpi / 25.4, resolutionUnit: 'inch' }).toBuffer();
    case 'pdf':
      return pdfOf([{ jpeg: await img.jpeg({ quality }).toBuffer(), width: raw.width, height: raw.height, dpi }]);
    default: {
      const never: never = format;
      return never;
    }
  }
}

/** A scanner's PDF: each page one JPEG at its physical size (pixels ÷ dpi), fixed dates. */
async function pdfOf(pages: Array<{ jpeg: Buffer; width: number; height: number; dpi: number }>): Promise<Buffer> {
  const date = new Date('2000-01-01T00:00:00Z');
  const doc = new PDFDocument({ autoFirstPage: false, info: { CreationDate: date, ModDate: date, Producer: 'scan-corpus' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  for (const p of pages) {
    const size: [number, number] = [(p.width * 72) / p.dpi, (p.height * 72) / p.dpi];
    doc.addPage({ size, margin: 0 });
    doc.image(p.jpeg, 0, 0, { width: size[0], height: size[1] });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** Several scanned pages as one PDF, as a scanner's feeder writes a stack. */
export async function multiPagePdf(pages: Array<{ image: GreyImage; dpi: number }>, opts: DegradeOptions = {}): Promise<Buffer> {
  const parts = [];
  for (const [i, p] of pages.entries()) {
    const raw = await scanRaw(p.image, p.dpi, { ...opts, seed: (opts.seed ?? 0) + i });
    const jpeg = await sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } })
      .jpeg({ quality: opts.quality ?? 85 })
      .toBuffer();
    parts.push({ jpeg, width: raw.width, height: raw.height, dpi: p.dpi });
  }
  return pdfOf(parts);
}

/** Several scanned pages as one multi-page TIFF (sharp joins them as pages; all pages share one size and dpi). */
export async function multiPageTiff(pages: Array<{ image: GreyImage; dpi: number }>, opts: DegradeOptions = {}): Promise<Buffer> {
  const dpi = pages[0]?.dpi;
  if (dpi === undefined || pages.some((p) => p.dpi !== dpi)) throw new Error('multiPageTiff: give at least one page, all at the same dpi');
  const raws = [];
  for (const [i, p] of pages.entries()) {
    const raw = await scanRaw(p.image, p.dpi, { ...opts, seed: (opts.seed ?? 0) + i });
    raws.push(await sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } }).png({ compressionLevel: 1 }).toBuffer());
  }
  return sharp(raws, { join: { animated: true } })
    .withMetadata({ density: dpi })
    .tiff({ compression: 'lzw', xres: dpi / 25.4, yres: dpi / 25.4, resolutionUnit: 'inch' })
    .toBuffer();
}
