// A page as a document scanner returns it: a little turned, scaled and shifted on the platen,
// against the scanner's lid (white or light grey), softened by the optics, with sensor noise,
// encoded as the scanner's file (PNG, JPEG, TIFF, or a PDF wrapping a JPEG) with its resolution
// written in the file. sharp does the resampling, blur and encoding; noise and the paper's tint
// are a pass over the raw bytes.
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { type GreyImage, type ScanMime } from 'src/scan/read/types';
import { Rng } from 'test/support/scan-corpus/prng';

// Module constants, not `Math.…` in the loops: under jest the global object is a VM context's,
// where each global look-up costs ~50× more (the corpus runs in tests).
const { abs, ceil, cos, exp, floor, max, min, sin, PI } = Math;

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

/** Border of lid around the page, beyond what the skew, scale and offset need (an auto-sized scan). */
export const SCAN_BORDER_MM = 2;
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
  const within = (x: number, limit: number): boolean => abs(x) <= limit + 1e-9;
  if (!within(rotationDeg, 3) || !within(scale - 1, 0.02) || !within(offset.x, 4) || !within(offset.y, 4)) {
    throw new RangeError('degrade: rotation within ±3°, scale 0.98–1.02 and offset within ±4 mm');
  }
  const pxPerMm = dpi / 25.4;
  const t = ((rotationDeg + orientation) * PI) / 180;
  const cosT = cos(t);
  const sinT = sin(t);
  // Half the turned page's extent, and a canvas that holds it wherever the offset puts it.
  const half = { x: (scale * (abs(cosT) * image.width + abs(sinT) * image.height)) / 2, y: (scale * (abs(sinT) * image.width + abs(cosT) * image.height)) / 2 };
  const border = SCAN_BORDER_MM * pxPerMm;
  const width = ceil(2 * (half.x + abs(offset.x) * pxPerMm + border));
  const height = ceil(2 * (half.y + abs(offset.y) * pxPerMm + border));
  const rng = new Rng(opts.seed ?? 0);
  const channels = opts.colour ? 3 : 1;
  const tint = channels === 3 ? [rng.range(0.97, 1), rng.range(0.95, 0.99), rng.range(0.86, 0.95)] : [1];
  const data = Buffer.alloc(width * height * channels);
  warp(
    image,
    { width, height, channels, data },
    { cos: cosT, sin: sinT, scale, centre: { x: width / 2 + offset.x * pxPerMm, y: height / 2 + offset.y * pxPerMm } },
    { lid: opts.background ?? 255, sigma: opts.noise ?? 0, blur: opts.blurSigma ?? 0, tint, rng },
  );
  return { width, height, channels, data };
}

/**
 * Bilinear resampling of the page onto the scan (output pixel → page pixel through the inverse
 * turn), the optics' Gaussian blur (separable, on the scan's own pixels as a lens blurs, kernel to
 * 2 px — enough for σ ≤ 1.2), the sensor's noise and the paper's tint. The scanner's white point
 * sits just under the paper's: blank paper comes out white (noise clipped, as from a calibrated
 * scanner) while grey and dark areas keep all their noise. Two fused passes over typed arrays:
 * sharp's affine and blur cost several times more on one core.
 */
function warp(
  src: GreyImage,
  out: RawScan,
  geo: { cos: number; sin: number; scale: number; centre: { x: number; y: number } },
  sensor: { lid: number; sigma: number; blur: number; tint: number[]; rng: Rng },
): void {
  const { width: W, height: H, data: s } = src;
  const { width, height, channels, data } = out;
  const { lid, sigma, tint, rng } = sensor;
  const k = blurKernel(sensor.blur);
  const [k0, k1, k2] = [k[2], k[1], k[0]]; // centre, ±1, ±2
  const img = new Float32Array(width * height);
  const row = new Float32Array(width + 4);
  // Inverse of scale·R(θ): R(−θ)/scale, stepped along each row.
  const ia = geo.cos / geo.scale;
  const ib = geo.sin / geo.scale;
  for (let Y = 0; Y < height; Y++) {
    const dy = Y + 0.5 - geo.centre.y;
    const dx0 = 0.5 - geo.centre.x;
    let fx = ia * dx0 + ib * dy + W / 2 - 0.5;
    let fy = -ib * dx0 + ia * dy + H / 2 - 0.5;
    for (let X = 0; X < width; X++, fx += ia, fy -= ib) {
      const x0 = floor(fx);
      const y0 = floor(fy);
      if (x0 >= 0 && y0 >= 0 && x0 + 1 < W && y0 + 1 < H) {
        const wx = fx - x0;
        const wy = fy - y0;
        const i = y0 * W + x0;
        const p00 = s[i];
        const p01 = s[i + W];
        row[X + 2] = (p00 + (s[i + 1] - p00) * wx) * (1 - wy) + (p01 + (s[i + W + 1] - p01) * wx) * wy;
      } else {
        row[X + 2] = x0 >= -1 && y0 >= -1 && x0 < W && y0 < H ? edgeSample(src, x0, y0, fx - x0, fy - y0, lid) : lid;
      }
    }
    row[0] = row[1] = row[2];
    row[width + 2] = row[width + 3] = row[width + 1];
    const o = Y * width;
    for (let X = 0; X < width; X++) img[o + X] = k0 * row[X + 2] + k1 * (row[X + 1] + row[X + 3]) + k2 * (row[X] + row[X + 4]);
  }
  const noise = new Float32Array(4096);
  for (let i = 0; i < noise.length; i++) noise[i] = rng.gauss() * sigma;
  const lift = new Float32Array(257);
  for (let v = 0; v < 257; v++) lift[v] = 2 * sigma * (min(v, 255) / 255) ** 8;
  let r = (rng.int(0x7fffffff) | 1) >>> 0;
  for (let Y = 0, o = 0; Y < height; Y++) {
    const m2 = max(0, Y - 2) * width;
    const m1 = max(0, Y - 1) * width;
    const c0 = Y * width;
    const p1 = min(height - 1, Y + 1) * width;
    const p2 = min(height - 1, Y + 2) * width;
    // Separate loops per channel count: one generic loop runs several times slower in V8.
    if (channels === 1) {
      for (let X = 0; X < width; X++, o++) {
        const v = k0 * img[c0 + X] + k1 * (img[m1 + X] + img[p1 + X]) + k2 * (img[m2 + X] + img[p2 + X]);
        let c = v;
        if (sigma > 0) {
          // xorshift32: a fresh noise-table index per sample, inline.
          r ^= r << 13;
          r ^= r >>> 17;
          r ^= r << 5;
          c += noise[r & 4095] + lift[v | 0];
        }
        data[o] = c < 0 ? 0 : c > 255 ? 255 : c + 0.5;
      }
    } else {
      for (let X = 0; X < width; X++) {
        const v = k0 * img[c0 + X] + k1 * (img[m1 + X] + img[p1 + X]) + k2 * (img[m2 + X] + img[p2 + X]);
        const l = lift[v | 0];
        for (let ch = 0; ch < 3; ch++, o++) {
          r ^= r << 13;
          r ^= r >>> 17;
          r ^= r << 5;
          const c = v * tint[ch] + (sigma > 0 ? noise[r & 4095] + l : 0);
          data[o] = c < 0 ? 0 : c > 255 ? 255 : c + 0.5;
        }
      }
    }
  }
}

/** Five taps of a normalised Gaussian of σ px (σ = 0: the identity). */
export function blurKernel(sigma: number): [number, number, number, number, number] {
  if (sigma <= 0) return [0, 0, 1, 0, 0];
  const g = [-2, -1, 0, 1, 2].map((d) => exp(-(d * d) / (2 * sigma * sigma)));
  const sum = g.reduce((a, b) => a + b, 0);
  return g.map((x) => x / sum) as [number, number, number, number, number];
}

/** Bilinear on the page's edge, where some neighbours are the lid. */
function edgeSample(src: GreyImage, x0: number, y0: number, wx: number, wy: number, lid: number): number {
  const at = (x: number, y: number): number => (x >= 0 && y >= 0 && x < src.width && y < src.height ? src.data[y * src.width + x] : lid);
  const top = at(x0, y0) + (at(x0 + 1, y0) - at(x0, y0)) * wx;
  const bottom = at(x0, y0 + 1) + (at(x0 + 1, y0 + 1) - at(x0, y0 + 1)) * wx;
  return top + (bottom - top) * wy;
}

async function encode(raw: RawScan, dpi: number, format: ScanFormat, quality: number): Promise<Buffer> {
  // Grey stays one channel (sharp would otherwise write a grey scan as RGB).
  const img = sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: raw.channels } })
    .toColourspace(raw.channels === 1 ? 'b-w' : 'srgb')
    .withDensity(dpi);
  switch (format) {
    case 'png':
      return img.png({ compressionLevel: 3 }).toBuffer();
    case 'jpeg':
      return img.jpeg({ quality, optimiseCoding: false }).toBuffer();
    case 'tiff':
      return img.tiff({ compression: 'lzw', xres: dpi / 25.4, yres: dpi / 25.4, resolutionUnit: 'inch' }).toBuffer();
    case 'pdf':
      return pdfOf([{ jpeg: await img.jpeg({ quality, optimiseCoding: false }).toBuffer(), width: raw.width, height: raw.height, dpi }]);
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
      .jpeg({ quality: opts.quality ?? 85, optimiseCoding: false })
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
    .withDensity(dpi)
    .tiff({ compression: 'lzw', xres: dpi / 25.4, yres: dpi / 25.4, resolutionUnit: 'inch' })
    .toBuffer();
}
