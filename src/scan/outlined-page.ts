import sharp from 'sharp';
import { type BoxReading, boxVerdict, type BoxVerdict, type GreyImage, type ScanThresholds } from 'src/scan/read';

const COLOUR: Record<BoxVerdict, string> = { marked: '#0a7d32', marginal: '#e07000', empty: '#2f6fd6' };

/**
 * The page as the adjudicator sees it: the scan, each answer box outlined in its verdict's colour
 * (marked green, marginal orange, empty blue) and its measured fill written to its left.
 */
export async function outlinedPage(image: GreyImage, boxes: BoxReading[], t: ScanThresholds): Promise<Buffer> {
  const { width, height } = image;
  // Text and strokes scale with the page, so a 200 dpi and a 600 dpi scan read alike.
  const unit = Math.max(1, Math.round(Math.min(width, height) / 400));
  const shapes = boxes.map((b) => {
    const colour = COLOUR[boxVerdict(b.fill, t, b.trace)];
    const points = b.corners.map((c) => `${c.x.toFixed(1)},${c.y.toFixed(1)}`).join(' ');
    // Left of the box, in the margin: on the right it would cover the printed answer's name.
    const left = Math.min(...b.corners.map((c) => c.x));
    const middle = b.corners.reduce((a, c) => a + c.y, 0) / b.corners.length;
    const label = `${Math.round(b.fill * 100)}%`;
    return (
      `<polygon points="${points}" fill="none" stroke="${colour}" stroke-width="${unit}"/>` +
      `<text x="${(left - 2 * unit).toFixed(1)}" y="${(middle + 2.5 * unit).toFixed(1)}" text-anchor="end" fill="${colour}" font-family="sans-serif" font-size="${7 * unit}" font-weight="bold">${label}</text>`
    );
  });
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes.join('')}</svg>`);
  return sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength), { raw: { width, height, channels: 1 } })
    .toColourspace('srgb')
    .composite([{ input: svg, top: 0, left: 0 }])
    .png()
    .toBuffer();
}
