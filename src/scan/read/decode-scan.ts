// Uploaded scan files → grey pages at the reader's working resolution. Scanners send PNG, JPEG,
// TIFF (possibly multi-page) or PDF at 200–600 dpi; we read at about 150 dpi, which keeps a
// 7 mm answer box at ~40 px and a DataMatrix module at ~6 px, and lets JPEG decoding shrink on
// load (decoding dominates the cost of a page: research/perf-limits.md §4).
import { execFile } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { SCAN_MIMES, type GreyImage, type ScanMime, type ScanPage } from 'src/scan/read/types';

const run = promisify(execFile);

export interface DecodeLimits {
  /** Pixels of one page as stored in the file (a 600-dpi A4 page is 35 million). */
  maxPixels: number;
  maxPages: number;
}
export const DEFAULT_DECODE_LIMITS: DecodeLimits = { maxPixels: 40_000_000, maxPages: 500 };

/** The lowest resolution we read at; pages above twice this are shrunk by a whole factor. */
export const WORKING_DPI = 150;
const MIN_DPI = 140;
const MAX_DPI = 1300;
const A4_SHORT_MM = 210;
const MM_PER_INCH = 25.4;

export type ScanDecodeErrorCode = 'unsupported_type' | 'not_an_image' | 'too_many_pixels' | 'too_many_pages' | 'resolution_out_of_range';

export class ScanDecodeError extends Error {
  constructor(
    readonly code: ScanDecodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Every page of the file, grey (0 = black), at the working resolution, in file order. */
export async function decodeScan(bytes: Buffer, mime: ScanMime, limits: DecodeLimits = DEFAULT_DECODE_LIMITS): Promise<ScanPage[]> {
  if (!SCAN_MIMES.includes(mime)) throw new ScanDecodeError('unsupported_type', `${String(mime)} is not a scan type we read (${SCAN_MIMES.join(', ')}).`);
  return mime === 'application/pdf' ? decodePdf(bytes, limits) : decodeRaster(bytes, limits);
}

async function decodeRaster(bytes: Buffer, limits: DecodeLimits): Promise<ScanPage[]> {
  const meta = await metadataOf(bytes, 0, limits);
  if (meta.format !== 'png' && meta.format !== 'jpeg' && meta.format !== 'tiff') {
    throw new ScanDecodeError('not_an_image', `The file is ${meta.format ?? 'not an image'}; send PNG, JPEG, TIFF or PDF.`);
  }
  const pages = meta.pages ?? 1;
  if (pages > limits.maxPages) throw tooManyPages(pages, limits);
  const out: ScanPage[] = [];
  for (let page = 0; page < pages; page++) {
    const m = page === 0 ? meta : await metadataOf(bytes, page, limits);
    const width = m.width ?? 0;
    const height = m.height ?? 0;
    const dpi = dpiOf(width, height, m.density, m.resolutionUnit);
    const factor = Math.max(1, Math.floor(dpi / WORKING_DPI));
    let pipeline = sharp(bytes, { page, limitInputPixels: limits.maxPixels, failOn: 'error' });
    if (factor > 1) pipeline = pipeline.resize({ width: Math.round(width / factor), kernel: 'linear', fastShrinkOnLoad: true });
    const { data, info } = await pipeline
      .flatten({ background: '#ffffff' })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true })
      .catch((e: unknown) => {
        throw decodeFailure(e);
      });
    const image = singleChannel(data, info.width, info.height, info.channels);
    out.push({ imagePage: page + 1, image, pxPerMm: (dpi / MM_PER_INCH) * (info.width / width) });
  }
  return out;
}

async function metadataOf(bytes: Buffer, page: number, limits: DecodeLimits): Promise<sharp.Metadata> {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { page, limitInputPixels: limits.maxPixels }).metadata();
  } catch (e) {
    throw decodeFailure(e);
  }
  const pixels = (meta.width ?? 0) * (meta.height ?? 0);
  if (pixels > limits.maxPixels) {
    throw new ScanDecodeError('too_many_pixels', `A page of ${meta.width} × ${meta.height} pixels is larger than we read (${limits.maxPixels.toLocaleString('en')} pixels, an A4 page at 600 dpi).`);
  }
  if (pixels === 0) throw new ScanDecodeError('not_an_image', 'The image has no pixels.');
  return meta;
}

/**
 * The scan's resolution: the file's own density when it agrees with an A4-sized page, otherwise
 * the resolution at which the image's short side would be an A4 page's 210 mm.
 */
function dpiOf(width: number, height: number, density: number | undefined, unit: string | undefined): number {
  const fromSize = (Math.min(width, height) / A4_SHORT_MM) * MM_PER_INCH;
  const declared = density === undefined ? undefined : unit === 'cm' ? density * 2.54 : density;
  const dpi = declared !== undefined && Math.abs(declared / fromSize - 1) < 0.25 ? declared : fromSize;
  if (dpi < MIN_DPI || dpi > MAX_DPI) {
    throw new ScanDecodeError('resolution_out_of_range', `The page is scanned at about ${Math.round(dpi)} dpi; scan ballot papers at 200 to 600 dpi.`);
  }
  return dpi;
}

function singleChannel(data: Buffer, width: number, height: number, channels: number): GreyImage {
  if (channels === 1) return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = data[i * channels];
  return { width, height, data: out };
}

function decodeFailure(e: unknown): ScanDecodeError {
  const message = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(message)) return new ScanDecodeError('too_many_pixels', 'The image has more pixels than we read (an A4 page at 600 dpi).');
  return new ScanDecodeError('not_an_image', 'The file could not be decoded as an image (damaged, truncated, or not the type it claims).');
}

function tooManyPages(pages: number, limits: DecodeLimits): ScanDecodeError {
  return new ScanDecodeError('too_many_pages', `The file has ${pages} pages; send at most ${limits.maxPages} per upload.`);
}

// PDF: poppler renders each page straight at the working resolution (scanners' PDFs hold one
// JPEG or TIFF image per page). Page count and page sizes are checked before anything is drawn.
async function decodePdf(bytes: Buffer, limits: DecodeLimits): Promise<ScanPage[]> {
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-') throw new ScanDecodeError('not_an_image', 'The file is not a PDF.');
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hb-scan-'));
  try {
    const file = path.join(dir, 'scan.pdf');
    await fs.writeFile(file, bytes);
    const info = await pdfInfo(file);
    if (info.pages < 1) throw new ScanDecodeError('not_an_image', 'The PDF has no pages.');
    if (info.pages > limits.maxPages) throw tooManyPages(info.pages, limits);
    const scale = WORKING_DPI / 72;
    if (info.maxWidthPt * scale * info.maxHeightPt * scale > limits.maxPixels || Math.min(info.maxWidthPt, info.maxHeightPt) * (MM_PER_INCH / 72) > 450) {
      throw new ScanDecodeError('too_many_pixels', 'A page of the PDF is far larger than a ballot paper.');
    }
    await run('pdftoppm', ['-r', String(WORKING_DPI), '-gray', file, path.join(dir, 'p')], { timeout: 120_000, maxBuffer: 1 << 20 }).catch(() => {
      throw new ScanDecodeError('not_an_image', 'The PDF could not be rendered (damaged or truncated).');
    });
    const names = (await fs.readdir(dir)).filter((n) => n.endsWith('.pgm')).sort((a, b) => pageNo(a) - pageNo(b));
    if (names.length !== info.pages) throw new ScanDecodeError('not_an_image', `Only ${names.length} of the PDF's ${info.pages} pages could be rendered.`);
    const out: ScanPage[] = [];
    for (const [i, name] of names.entries()) {
      const image = parsePgm(await fs.readFile(path.join(dir, name)));
      out.push({ imagePage: i + 1, image, pxPerMm: WORKING_DPI / MM_PER_INCH });
    }
    return out;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const pageNo = (name: string): number => Number(/-(\d+)\.pgm$/.exec(name)?.[1] ?? 0);

async function pdfInfo(file: string): Promise<{ pages: number; maxWidthPt: number; maxHeightPt: number }> {
  let text: string;
  try {
    // -l 99999: report every page's size, so one huge page among small ones is seen.
    text = (await run('pdfinfo', ['-f', '1', '-l', '99999', file], { timeout: 30_000, maxBuffer: 8 << 20 })).stdout;
  } catch {
    throw new ScanDecodeError('not_an_image', 'The PDF could not be read (damaged or truncated).');
  }
  const pages = Number(/^Pages:\s+(\d+)/m.exec(text)?.[1] ?? 0);
  let maxWidthPt = 0;
  let maxHeightPt = 0;
  for (const m of text.matchAll(/^Page\s+\d+\s+size:\s+([\d.]+) x ([\d.]+) pts/gm)) {
    maxWidthPt = Math.max(maxWidthPt, Number(m[1]));
    maxHeightPt = Math.max(maxHeightPt, Number(m[2]));
  }
  return { pages, maxWidthPt, maxHeightPt };
}

/** Binary PGM (P5, 8-bit), as pdftoppm -gray writes it. */
export function parsePgm(buf: Buffer): GreyImage {
  const fields: string[] = [];
  let i = 0;
  while (fields.length < 4 && i < buf.length) {
    while (i < buf.length && /\s/.test(String.fromCharCode(buf[i]))) i++;
    if (buf[i] === 0x23) {
      while (i < buf.length && buf[i] !== 0x0a) i++;
      continue;
    }
    const start = i;
    while (i < buf.length && !/\s/.test(String.fromCharCode(buf[i]))) i++;
    fields.push(buf.subarray(start, i).toString('latin1'));
  }
  const [magic, w, h, max] = fields;
  const width = Number(w);
  const height = Number(h);
  const data = buf.subarray(i + 1);
  if (magic !== 'P5' || max !== '255' || !(width > 0 && height > 0) || data.length < width * height) {
    throw new ScanDecodeError('not_an_image', 'The PDF page could not be rendered.');
  }
  return { width, height, data: new Uint8Array(data.buffer, data.byteOffset, width * height) };
}
