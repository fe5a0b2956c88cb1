// Reading single pages in the ways a scanner can present them: upright, upside down, sideways,
// colour, inside a PDF, at 200 and 300 dpi; and pages that are not one of our ballot papers.
import sharp from 'sharp';
import { generatePaperId } from 'src/packs/codes';
import { decodeScan, DEFAULT_THRESHOLDS, interpretPaper, readBallotPage, type BallotGeometry, type GreyImage } from 'src/scan/read';
import { degrade, DEFAULT_QUESTIONS, drawMark, renderBallotPapers, Rng, type DegradeOptions } from 'test/support/scan-corpus';

const PAPER = generatePaperId();

async function markedPage(dpi: number): Promise<{ image: GreyImage; geometry: BallotGeometry }> {
  const { geometry, papers } = await renderBallotPapers({ questions: DEFAULT_QUESTIONS, paperIds: [PAPER], dpi });
  const image = { ...papers[0].pages[0], data: Uint8Array.from(papers[0].pages[0].data) };
  drawMark(image, geometry, dpi, geometry.pages[0].boxes[2], 'cross', new Rng(5));
  return { image, geometry };
}

async function read(dpi: number, opts: DegradeOptions) {
  const { image, geometry } = await markedPage(dpi);
  const file = await degrade(image, dpi, { rotationDeg: 1.8, scale: 1.01, offsetMm: { x: -3, y: 2 }, blurSigma: 0.8, noise: 5, seed: 9, ...opts });
  const [page] = await decodeScan(file.bytes, file.mime);
  const reading = await readBallotPage(page, geometry);
  return { reading, verdict: interpretPaper(DEFAULT_QUESTIONS, geometry, DEFAULT_THRESHOLDS, [reading]) };
}

describe('readBallotPage', () => {
  it.each([
    [300, 'jpeg'],
    [200, 'png'],
    [300, 'tiff'],
    [200, 'pdf'],
  ] as const)('reads the paper ID and the one cross of a %i-dpi %s scan', async (dpi, format) => {
    const { reading, verdict } = await read(dpi, { format, quality: 70 });
    expect(reading).toMatchObject({ failure: null, orientation: 0, paperId: PAPER, ballotPage: 1 });
    expect(reading.residualMm).toBeLessThan(0.5);
    expect(verdict).toEqual({ verdicts: [['empty', 'empty', 'marked', 'empty', 'empty']], proposed: { kind: 'valid', choices: [[0, 0, 1, 0]] }, reasons: [] });
  });

  it('reads a colour scan of tinted paper', async () => {
    const { verdict } = await read(300, { format: 'jpeg', colour: true });
    expect(verdict.proposed).toEqual({ kind: 'valid', choices: [[0, 0, 1, 0]] });
    expect(verdict.reasons).toEqual([]);
  });

  it('reads a page fed upside down, and sends it to a person saying so', async () => {
    const { reading, verdict } = await read(300, { format: 'png', orientation: 180 });
    expect(reading).toMatchObject({ orientation: 180, paperId: PAPER });
    expect(verdict).toMatchObject({ proposed: { kind: 'valid', choices: [[0, 0, 1, 0]] }, reasons: ['upside_down'] });
  });

  it('reads a page fed sideways, and sends it to a person saying so', async () => {
    const { reading, verdict } = await read(200, { format: 'png', orientation: 90 });
    expect(reading).toMatchObject({ orientation: 90, paperId: PAPER });
    expect(verdict).toMatchObject({ proposed: { kind: 'valid', choices: [[0, 0, 1, 0]] }, reasons: ['sideways'] });
  });

  it('finds no registration on a page that is not a ballot paper', async () => {
    const { geometry } = await markedPage(200);
    const letter = await sharp({ create: { width: 1654, height: 2339, channels: 3, background: '#ffffff' } })
      .composite([{ input: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1654" height="2339"><text x="150" y="300" font-size="60">Dear member,</text></svg>') }])
      .png()
      .toBuffer();
    const [page] = await decodeScan(letter, 'image/png');
    expect(await readBallotPage(page, geometry)).toMatchObject({ failure: 'registration_not_found', paperId: null, boxes: [] });
  });

  it('says the barcode is unreadable when it is painted over, and proposes nothing', async () => {
    const { image, geometry } = await markedPage(200);
    const px = 200 / 25.4;
    const b = geometry.pages[0].barcode;
    for (let y = Math.round((b.y + 12) * px); y < (b.y + b.height + 12) * px; y++) for (let x = Math.round((b.x + 12) * px); x < (b.x + b.width + 12) * px; x++) if ((x + y) % 3) image.data[y * image.width + x] = 0;
    const file = await degrade(image, 200, { format: 'png' });
    const [page] = await decodeScan(file.bytes, file.mime);
    const reading = await readBallotPage(page, geometry);
    expect(reading.failure).toBe('barcode_unreadable');
    expect(interpretPaper(DEFAULT_QUESTIONS, geometry, DEFAULT_THRESHOLDS, [reading])).toMatchObject({ proposed: null, reasons: ['barcode_unreadable'] });
  });
});
