// Reading one scanned page: registration marks → page map → paper barcode (which also says
// which way up the page is) → the fill of every answer box of that ballot page.
import { parsePaperId } from 'src/packs/codes';
import { cornersOf, decodeBarcodeAt } from 'src/scan/read/barcode';
import { boxInk } from 'src/scan/read/box-fill';
import { register, type Registration } from 'src/scan/read/registration';
import { type BallotGeometry, type BoxReading, type PageReading, type ReadFailure, type ScanPage } from 'src/scan/read/types';

const BARCODE_TEXT = /^([0-9A-Z]{14})(?:\/([1-9][0-9]?))?$/;

export async function readBallotPage(page: ScanPage, geometry: BallotGeometry): Promise<PageReading> {
  const started = performance.now();
  const done = (r: Omit<PageReading, 'ms'>): PageReading => ({ ...r, ms: performance.now() - started });
  const failed = (failure: ReadFailure, reg: Registration | null = null): PageReading =>
    done({ failure, orientation: reg?.orientation ?? null, transform: reg?.transform ?? null, residualMm: reg?.residualMm ?? null, paperId: null, ballotPage: null, boxes: [] });

  const { image, pxPerMm } = page;
  const registration = register(image, pxPerMm, geometry);
  if (!registration.ok) return failed('registration_not_found');

  // Every ballot page has its barcode in the same place, so the first page's rectangle serves.
  const barcodeRect = geometry.pages[0].barcode;
  let reg: Registration | null = null;
  let text: string | null = null;
  for (const candidate of registration.candidates) {
    text = await decodeBarcodeAt(image, candidate.transform, barcodeRect);
    if (text !== null) {
      reg = candidate;
      break;
    }
  }
  if (!reg || text === null) return failed('barcode_unreadable', registration.candidates[0]);

  const m = BARCODE_TEXT.exec(text);
  let paperId: string | null = null;
  if (m) {
    try {
      paperId = parsePaperId(m[1]);
    } catch {
      paperId = null;
    }
  }
  if (!m || paperId === null) return failed('barcode_not_a_paper_id', reg);
  const ballotPage = m[2] === undefined ? 1 : Number(m[2]);
  const pageGeometry = geometry.pages.find((p) => p.ballotPage === ballotPage);
  if (!pageGeometry || (m[2] !== undefined && ballotPage === 1)) return { ...failed('ballot_page_unknown', reg), paperId };

  const boxes = pageGeometry.boxes.map((b) => {
    const ink = boxInk(image, reg.transform, pxPerMm, b, reg.inkLevel);
    return {
    question: b.question,
    answer: b.answer,
    fill: round4(ink.fill),
    trace: round4(ink.trace),
    corners: cornersOf(reg.transform, b).map((c) => ({ x: round1(c.x), y: round1(c.y) })) as BoxReading['corners'],
  };
  });
  return done({ failure: null, orientation: reg.orientation, transform: reg.transform, residualMm: round4(reg.residualMm), paperId, ballotPage, boxes });
}

const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;
const round1 = (v: number): number => Math.round(v * 10) / 10;
