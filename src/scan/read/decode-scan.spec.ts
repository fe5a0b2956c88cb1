import PDFDocument from 'pdfkit';
import sharp from 'sharp';
import { decodeScan, ScanDecodeError } from 'src/scan/read/decode-scan';

const A4_300 = { width: 2480, height: 3508 };

async function page(width: number, height: number, format: 'png' | 'jpeg' | 'tiff', density?: number): Promise<Buffer> {
  let img = sharp({ create: { width, height, channels: 3, background: '#f4f1ea' } });
  if (density) img = img.withMetadata({ density });
  return format === 'png' ? img.png().toBuffer() : format === 'jpeg' ? img.jpeg({ quality: 80 }).toBuffer() : img.tiff().toBuffer();
}

async function pdfOf(jpegs: Buffer[]): Promise<Buffer> {
  const doc = new PDFDocument({ autoFirstPage: false });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => doc.on('end', resolve));
  for (const j of jpegs) {
    doc.addPage({ size: 'A4', margin: 0 });
    doc.image(j, 0, 0, { width: 595.28, height: 841.89 });
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ScanDecodeError) return e.code;
    throw e;
  }
  throw new Error('not refused');
}

/** A PNG whose header claims `width` × `height` pixels: a pixel flood costs nothing to send. */
async function floodPng(width: number, height: number): Promise<Buffer> {
  const png = Buffer.from(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).png().toBuffer());
  png.writeUInt32BE(width, 16);
  png.writeUInt32BE(height, 20);
  png.writeUInt32BE(crc32(png.subarray(12, 29)), 29);
  return png;
}

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('decodeScan', () => {
  it('reads a 300-dpi page at half its resolution, grey', async () => {
    const [p] = await decodeScan(await page(A4_300.width, A4_300.height, 'jpeg', 300), 'image/jpeg');
    expect(p.image.width).toBe(1240);
    expect(p.image.data.length).toBe(p.image.width * p.image.height);
    expect(p.pxPerMm).toBeCloseTo(150 / 25.4, 1);
    expect(p.image.data[0]).toBeGreaterThan(230);
  });

  it('reads a 200-dpi page as it is, and guesses the resolution of a file that does not say', async () => {
    const [p] = await decodeScan(await page(1654, 2339, 'png'), 'image/png');
    expect(p.image.width).toBe(1654);
    expect(p.pxPerMm).toBeCloseTo(200 / 25.4, 1);
  });

  it('reads a TIFF', async () => {
    const pages = await decodeScan(await page(A4_300.width, A4_300.height, 'tiff', 300), 'image/tiff');
    expect(pages).toHaveLength(1);
  });

  it('reads every page of a scanner PDF, in order', async () => {
    const white = await page(1240, 1754, 'jpeg');
    const dark = await sharp({ create: { width: 1240, height: 1754, channels: 3, background: '#202020' } }).jpeg().toBuffer();
    const pages = await decodeScan(await pdfOf([white, dark, white]), 'application/pdf');
    expect(pages.map((p) => p.imagePage)).toEqual([1, 2, 3]);
    expect(pages.map((p) => p.image.data[1000] > 128)).toEqual([true, false, true]);
    expect(pages[0].pxPerMm).toBeCloseTo(150 / 25.4, 2);
  });

  it('refuses a PDF with more pages than allowed before rendering any', async () => {
    const white = await page(600, 848, 'jpeg');
    expect(await refusal(decodeScan(await pdfOf([white, white]), 'application/pdf', { maxPixels: 40e6, maxPages: 1 }))).toBe('too_many_pages');
  });

  it('refuses bytes that are not the image they claim to be', async () => {
    expect(await refusal(decodeScan(Buffer.from('hello, not a picture'), 'image/png'))).toBe('not_an_image');
    expect(await refusal(decodeScan(Buffer.from('%PDF-1.4 truncated'), 'application/pdf'))).toBe('not_an_image');
    expect(await refusal(decodeScan(await page(100, 100, 'png'), 'application/pdf'))).toBe('not_an_image');
    const jpeg = await page(A4_300.width, A4_300.height, 'jpeg', 300);
    expect(await refusal(decodeScan(jpeg.subarray(0, jpeg.length / 3), 'image/jpeg'))).toBe('not_an_image');
  });

  it('refuses a pixel flood from its header, without decoding it', async () => {
    const started = performance.now();
    expect(await refusal(decodeScan(await floodPng(50_000, 50_000), 'image/png'))).toBe('too_many_pixels');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses a page too coarse to read', async () => {
    expect(await refusal(decodeScan(await page(500, 707, 'png'), 'image/png'))).toBe('resolution_out_of_range');
  });

  it('refuses a type it does not read', async () => {
    expect(await refusal(decodeScan(Buffer.from('GIF89a'), 'image/gif' as 'image/png'))).toBe('unsupported_type');
  });
});
