// What voters and count staff put on a ballot paper, drawn as a hand would: centre off by up to
// 1 mm, size 60–110 % of the box, a little rotation, wobbly strokes. Real marks are any of the
// pen and pencil styles; the distractors must never count as a vote.
import { type BallotGeometry, type GreyImage, type Point } from 'src/scan/read/types';
import { type Rng } from 'test/support/scan-corpus/prng';
import { fillDisc, shadeBand, strokePolyline, type Ink } from 'test/support/scan-corpus/raster';
import { mmToPx } from 'test/support/scan-corpus/render';

export const PEN_STYLES = ['filled', 'tick', 'cross', 'circle'] as const;
export const MARK_STYLES = [...PEN_STYLES, 'pencil', 'faint_pencil'] as const;
export type PenStyle = (typeof PEN_STYLES)[number];
export type MarkStyle = (typeof MARK_STYLES)[number];
export const DISTRACTORS = ['stray_dot', 'fold_shadow', 'smudge_outside'] as const;
export type Distractor = (typeof DISTRACTORS)[number];

export type GeometryPage = BallotGeometry['pages'][number];
export type GeometryBox = GeometryPage['boxes'][number];

/** Where on the page, in pixels, and how big a millimetre is. */
interface Frame {
  geometry: BallotGeometry;
  dpi: number;
  pxPerMm: number;
}

const frame = (geometry: BallotGeometry, dpi: number): Frame => ({ geometry, dpi, pxPerMm: dpi / 25.4 });

/** A shape in the unit square (−½…½, y down), placed, sized and turned onto the page. */
function place(f: Frame, centreMm: Point, sizeMm: number, angle: number, pts: Point[]): Point[] {
  const c = mmToPx(f.geometry, f.dpi, centreMm.x, centreMm.y);
  const s = sizeMm * f.pxPerMm;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return pts.map((p) => ({ x: c.x + s * (p.x * cos - p.y * sin), y: c.y + s * (p.x * sin + p.y * cos) }));
}

/** A hand's stroke from a to b: a few points bent off the straight line by up to `wobble`. */
function handStroke(rng: Rng, a: Point, b: Point, wobble: number, steps = 6): Point[] {
  const bend = rng.range(-wobble, wobble);
  const nx = -(b.y - a.y);
  const ny = b.x - a.x;
  return Array.from({ length: steps + 1 }, (_, i) => {
    const t = i / steps;
    const arc = 4 * t * (1 - t) * bend + (i > 0 && i < steps ? rng.range(-wobble, wobble) * 0.3 : 0);
    return { x: a.x + (b.x - a.x) * t + nx * arc, y: a.y + (b.y - a.y) * t + ny * arc };
  });
}

const jitter = (rng: Rng, p: Point, r: number): Point => ({ x: p.x + rng.range(-r, r), y: p.y + rng.range(-r, r) });

function penInk(rng: Rng): { ink: Ink; widthMm: number } {
  return { ink: { darkness: rng.range(0.85, 1) }, widthMm: rng.range(0.4, 0.8) };
}

function pencilInk(rng: Rng, faint: boolean): { ink: Ink; widthMm: number } {
  const darkness = faint ? rng.range(0.3, 0.45) : rng.range(0.45, 0.65);
  return { ink: { darkness, grain: 0.45, random: () => rng.next() }, widthMm: rng.range(0.3, 0.4) };
}

/** The strokes of a tick, a cross or a circle in the unit square. */
function shapeStrokes(rng: Rng, shape: 'tick' | 'cross' | 'circle'): Point[][] {
  switch (shape) {
    case 'tick': {
      const corner = jitter(rng, { x: -0.1, y: 0.38 }, 0.06);
      // Usually one movement with a corner; sometimes the pen lifts between the two strokes.
      const down = handStroke(rng, jitter(rng, { x: -0.42, y: 0.02 }, 0.06), corner, 0.08, 3);
      const up = handStroke(rng, corner, jitter(rng, { x: 0.45, y: -0.45 }, 0.06), 0.1);
      return rng.chance(0.7) ? [[...down, ...up.slice(1)]] : [down, up];
    }
    case 'cross':
      return [
        handStroke(rng, jitter(rng, { x: -0.45, y: -0.45 }, 0.06), jitter(rng, { x: 0.45, y: 0.45 }, 0.06), 0.08),
        handStroke(rng, jitter(rng, { x: 0.45, y: -0.45 }, 0.06), jitter(rng, { x: -0.45, y: 0.45 }, 0.06), 0.08),
      ];
    case 'circle': {
      const rx = rng.range(0.34, 0.46);
      const ry = rng.range(0.34, 0.46);
      const start = rng.range(0, 2 * Math.PI);
      const sweep = 2 * Math.PI + rng.range(-0.35, 0.5); // a small gap or an overlap where it closes
      const n = 36;
      let r = 1;
      return [
        Array.from({ length: n + 1 }, (_, i) => {
          const t = start + (sweep * i) / n;
          r = Math.min(1.08, Math.max(0.92, r + rng.range(-0.02, 0.02)));
          return { x: rx * r * Math.cos(t), y: ry * r * Math.sin(t) };
        }),
      ];
    }
    default: {
      const never: never = shape;
      return never;
    }
  }
}

/**
 * Draws one mark of `style` in `box` (mm, geometry frame). Mutates `img`. Pencil marks are a
 * cross or a tick.
 */
export function drawMark(img: GreyImage, geometry: BallotGeometry, dpi: number, box: GeometryBox, style: MarkStyle, rng: Rng): void {
  const f = frame(geometry, dpi);
  const centre = jitter(rng, { x: box.x + box.width / 2, y: box.y + box.height / 2 }, style === 'filled' ? 0.5 : 1);
  const angle = rng.range(-0.2, 0.2);
  if (style === 'filled') {
    drawFilled(img, f, box, centre, angle, rng);
    return;
  }
  const pencil = style === 'pencil' || style === 'faint_pencil';
  const shape = pencil ? rng.pick(['tick', 'cross'] as const) : style;
  const { ink, widthMm } = pencil ? pencilInk(rng, style === 'faint_pencil') : penInk(rng);
  // A circle is drawn inside the box (it may touch the border); the others may overshoot it.
  const size = box.width * (shape === 'circle' ? rng.range(0.75, 1.05) : rng.range(0.6, 1.1));
  for (const s of shapeStrokes(rng, shape)) strokePolyline(img, place(f, centre, size, angle, s), widthMm * f.pxPerMm, ink);
}

/** A box scribbled over with a felt pen until 70–100 % of it is ink. */
function drawFilled(img: GreyImage, f: Frame, box: GeometryBox, centre: Point, angle: number, rng: Rng): void {
  const { ink, widthMm } = { ink: { darkness: rng.range(0.85, 1) }, widthMm: rng.range(0.6, 1) };
  const side = box.width * Math.sqrt(rng.range(0.7, 1));
  const pitch = widthMm * rng.range(0.6, 0.85); // strokes overlap: no paper left between them
  const rows = Math.max(2, Math.ceil((side - widthMm) / pitch) + 1);
  const pts: Point[] = [];
  for (let i = 0; i < rows; i++) {
    const y = -0.5 + (widthMm / 2 + ((side - widthMm) * i) / (rows - 1)) / side;
    const inset = widthMm / 2 / side;
    const left = { x: -0.5 + inset + rng.range(-0.03, 0.04), y: y + rng.range(-0.02, 0.02) };
    const right = { x: 0.5 - inset + rng.range(-0.04, 0.03), y: y + rng.range(-0.02, 0.02) };
    pts.push(...(i % 2 === 0 ? [left, right] : [right, left]));
  }
  strokePolyline(img, place(f, centre, side, angle * 0.3, pts), widthMm * f.pxPerMm, ink);
}

/** A pen dot 0.4–0.8 mm across, in the box or on its border. */
export function drawStrayDot(img: GreyImage, geometry: BallotGeometry, dpi: number, box: GeometryBox, rng: Rng): void {
  const f = frame(geometry, dpi);
  const at = mmToPx(geometry, dpi, box.x + rng.range(-0.3, box.width + 0.3), box.y + rng.range(-0.3, box.height + 0.3));
  fillDisc(img, at, (rng.range(0.4, 0.8) / 2) * f.pxPerMm, { darkness: rng.range(0.85, 1) });
}

/** The soft shadow of a fold, across the whole page; one time in two it runs through a box. */
export function drawFoldShadow(img: GreyImage, geometry: BallotGeometry, dpi: number, page: GeometryPage, rng: Rng): void {
  const f = frame(geometry, dpi);
  const widthPx = rng.range(3, 8) * f.pxPerMm;
  const darkness = rng.range(0.04, 0.1);
  const box = rng.pick(page.boxes);
  if (rng.chance(0.6)) {
    const yMm = rng.chance(0.5) ? box.y + rng.range(0, box.height) : rng.range(20, 250);
    shadeBand(img, 'horizontal', mmToPx(geometry, dpi, 0, yMm).y, widthPx, darkness);
  } else {
    const xMm = rng.chance(0.5) ? box.x + rng.range(0, box.width) : rng.range(10, 175);
    shadeBand(img, 'vertical', mmToPx(geometry, dpi, xMm, 0).x, widthPx, darkness);
  }
}

/**
 * A signature-like scribble away from the boxes, the barcode and the registration marks: below
 * the last box where the page has room, else down the left margin.
 */
export function drawMarginSmudge(img: GreyImage, geometry: BallotGeometry, dpi: number, page: GeometryPage, rng: Rng): void {
  const f = frame(geometry, dpi);
  const lowest = Math.max(...page.boxes.map((b) => b.y + b.height));
  const bottom = page.marks.bottomLeft.y - 25; // above the footer and the bottom marks
  const loops = 5 + rng.int(5);
  const pts: Point[] = [];
  const n = loops * 12;
  let origin: Point;
  let along: Point;
  let lengthMm: number;
  let heightMm: number;
  if (bottom - lowest > 20) {
    lengthMm = rng.range(30, 50);
    heightMm = rng.range(5, 9);
    origin = { x: rng.range(25, 170 - lengthMm), y: rng.range(lowest + 10, bottom - heightMm) };
    along = { x: 1, y: 0 };
  } else {
    lengthMm = rng.range(30, 60);
    heightMm = rng.range(4, 6);
    origin = { x: rng.range(6, 10), y: rng.range(60, Math.max(61, page.marks.bottomLeft.y - 30 - lengthMm)) };
    along = { x: 0, y: 1 };
  }
  for (let i = 0; i <= n; i++) {
    // A prolate trochoid: the loops of joined-up handwriting.
    const t = i / n;
    const phase = 2 * Math.PI * loops * t;
    const u = t * lengthMm + heightMm * 0.35 * Math.cos(phase);
    const v = heightMm * 0.5 * (1 - Math.sin(phase)) * (0.8 + 0.2 * Math.sin(3 * t));
    const mm = { x: origin.x + along.x * u + along.y * v, y: origin.y + along.y * u + along.x * v };
    pts.push(mmToPx(geometry, dpi, mm.x, mm.y));
  }
  const { ink, widthMm } = penInk(rng);
  strokePolyline(img, pts, widthMm * f.pxPerMm, ink);
}
