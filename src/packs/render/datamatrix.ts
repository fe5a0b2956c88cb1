// A small DataMatrix ECC 200 encoder (ISO/IEC 16022): square symbols 10×10 to 26×26, which have a
// single data region and a single Reed–Solomon block, enough for a ballot paper's ID and page.
// Written because bwip-js spent ~18% of a pack run on DataMatrix; this one takes a few µs a code.
// The steps follow the standard: encodation (ASCII and C40, §5.2.3–5.2.5) → pads (§5.2.3,
// annex B) → Reed–Solomon (§5.7) → module placement (annex F) → finder pattern. The codeword
// stream is chosen by an exact search over ASCII/C40 segmentations: for paper IDs and pages the
// symbol is never larger than bwip-js' (tested), sometimes smaller. Text, X12, EDIFACT and base 256
// are left out; lower-case text would fit a smaller symbol in Text. Tests read it back with ZXing.
import { type ModuleMatrix } from 'src/packs/render/barcodes';

interface SymbolSize {
  /** Modules per side, finder pattern included. */
  size: number;
  dataCodewords: number;
  eccCodewords: number;
}

// ISO/IEC 16022 table 7, square symbols with one data region.
const SIZES: readonly SymbolSize[] = [
  { size: 10, dataCodewords: 3, eccCodewords: 5 },
  { size: 12, dataCodewords: 5, eccCodewords: 7 },
  { size: 14, dataCodewords: 8, eccCodewords: 10 },
  { size: 16, dataCodewords: 12, eccCodewords: 12 },
  { size: 18, dataCodewords: 18, eccCodewords: 14 },
  { size: 20, dataCodewords: 22, eccCodewords: 18 },
  { size: 22, dataCodewords: 30, eccCodewords: 20 },
  { size: 24, dataCodewords: 36, eccCodewords: 24 },
  { size: 26, dataCodewords: 44, eccCodewords: 28 },
];
const MAX_DATA = SIZES[SIZES.length - 1].dataCodewords;

const LATCH_C40 = 230;
const UNLATCH = 254;
const PAD = 129;
const DIGIT_PAIR = 130;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
/** Space, digits and capitals are one C40 value (the basic set); everything else needs a shift. */
const isC40Basic = (c: number): boolean => c === 32 || isDigit(c) || (c >= 65 && c <= 90);

/** The C40 values of a printable ASCII character (§5.2.5.1, table 10). */
function pushC40(c: number, out: number[]): void {
  if (c === 32) out.push(3);
  else if (isDigit(c)) out.push(c - 44);
  else if (c >= 65 && c <= 90) out.push(c - 51);
  else if (c <= 47) out.push(1, c - 33); // Shift 2: ! " # … /
  else if (c <= 64) out.push(1, c - 43); // Shift 2: : ; < = > ? @
  else if (c <= 95) out.push(1, c - 69); // Shift 2: [ \ ] ^ _
  else out.push(2, c - 96); // Shift 3: ` a … z { | } ~
}

/**
 * How the data stream ends. The C40 end-of-data rules of §5.2.5.2 save a codeword when the data
 * fills the symbol: no unlatch after the last triplet (rule a), and a last character in ASCII with
 * the unlatch implied (rule d). Rule b (two values left: pad the triplet with Shift 1) never gives
 * a smaller symbol to an exact search: moving the run's first two values into ASCII costs at most
 * the codewords it saves and leaves whole triplets, so that segmentation is always found instead.
 */
type Ending =
  | { kind: 'ascii' } // in ASCII mode after the last character
  | { kind: 'c40'; from: number } // C40 from `from` to the end, on a triplet boundary
  | { kind: 'c40-implied-unlatch'; from: number }; // C40 from `from`, then the last character in the symbol's last codeword

// Steps of the search, back from a position reached in ASCII mode.
const STEP_CHAR = 1;
const STEP_PAIR = 2;
const STEP_C40 = 3;

/**
 * The data codewords (before padding) and the symbol they fit, choosing the segmentation into
 * ASCII and C40 runs that reaches the smallest symbol. `best[k]` is the fewest codewords that
 * encode the first k characters and end in ASCII mode; a C40 run costs latch + 2 per triplet +
 * unlatch and must end on a triplet boundary.
 */
function encodation(codes: number[]): { data: number[]; symbol: SymbolSize } {
  const n = codes.length;
  const best = new Int32Array(n + 1).fill(0x7fffffff);
  const stepKind = new Uint8Array(n + 1);
  const stepFrom = new Int32Array(n + 1);
  best[0] = 0;
  const relax = (to: number, cost: number, kind: number, from: number): void => {
    if (cost < best[to]) {
      best[to] = cost;
      stepKind[to] = kind;
      stepFrom[to] = from;
    }
  };
  let c40ToEnd = Infinity;
  let c40ToEndFrom = -1;
  // Totals of the implied-unlatch ending, which only works when it fills the symbol exactly.
  const impliedUnlatchEnds = new Map<number, number>();
  for (let k = 0; k < n; k++) {
    const here = best[k];
    relax(k + 1, here + 1, STEP_CHAR, k);
    if (k + 1 < n && isDigit(codes[k]) && isDigit(codes[k + 1])) relax(k + 2, here + 1, STEP_PAIR, k);
    let values = 0;
    for (let m = k + 1; m <= n; m++) {
      values += isC40Basic(codes[m - 1]) ? 1 : 2;
      if (values % 3 === 0) {
        const triplets = values / 3;
        relax(m, here + 2 + 2 * triplets, STEP_C40, k);
        if (m === n && here + 1 + 2 * triplets < c40ToEnd) {
          c40ToEnd = here + 1 + 2 * triplets;
          c40ToEndFrom = k;
        }
        if (m === n - 1 && !impliedUnlatchEnds.has(here + 2 + 2 * triplets)) impliedUnlatchEnds.set(here + 2 + 2 * triplets, k);
      }
    }
  }
  const general = Math.min(best[n], c40ToEnd);
  for (const symbol of SIZES) {
    const cap = symbol.dataCodewords;
    let ending: Ending | undefined;
    if (best[n] <= cap && best[n] <= c40ToEnd) ending = { kind: 'ascii' };
    else if (c40ToEnd <= cap) ending = { kind: 'c40', from: c40ToEndFrom };
    else if (impliedUnlatchEnds.has(cap)) ending = { kind: 'c40-implied-unlatch', from: impliedUnlatchEnds.get(cap) as number };
    if (ending) return { data: emit(codes, ending, cap, stepKind, stepFrom), symbol };
  }
  throw new RangeError(`DataMatrix text too long: ${n} characters need ${general} codewords, a 26×26 symbol holds ${MAX_DATA}`);
}

function pushC40Run(codes: number[], from: number, to: number, out: number[]): void {
  const values: number[] = [];
  for (let i = from; i < to; i++) pushC40(codes[i], values);
  out.push(LATCH_C40);
  for (let i = 0; i < values.length; i += 3) {
    const v = 1600 * values[i] + 40 * values[i + 1] + values[i + 2] + 1;
    out.push(v >> 8, v & 0xff);
  }
}

function emit(codes: number[], ending: Ending, capacity: number, stepKind: Uint8Array, stepFrom: Int32Array): number[] {
  const n = codes.length;
  const asciiEnd = ending.kind === 'ascii' ? n : ending.from;
  const steps: number[] = [];
  for (let at = asciiEnd; at > 0; at = stepFrom[at]) steps.push(at);
  const out: number[] = [];
  for (let i = steps.length - 1; i >= 0; i--) {
    const to = steps[i];
    const from = stepFrom[to];
    if (stepKind[to] === STEP_CHAR) out.push(codes[from] + 1);
    else if (stepKind[to] === STEP_PAIR) out.push(DIGIT_PAIR + 10 * (codes[from] - 48) + codes[from + 1] - 48);
    else {
      pushC40Run(codes, from, to, out);
      out.push(UNLATCH);
    }
  }
  switch (ending.kind) {
    case 'ascii':
      break;
    case 'c40':
      pushC40Run(codes, ending.from, n, out);
      if (out.length < capacity) out.push(UNLATCH); // the pads that follow are ASCII codewords
      break;
    case 'c40-implied-unlatch':
      pushC40Run(codes, ending.from, n - 1, out);
      out.push(codes[n - 1] + 1);
      break;
  }
  return out;
}

/** Fills the symbol's data capacity: 129 once, then pads randomised by position (annex B.1.1). */
function pad(data: number[], capacity: number): void {
  if (data.length < capacity) data.push(PAD);
  while (data.length < capacity) {
    const position = data.length + 1;
    const v = PAD + ((149 * position) % 253) + 1;
    data.push(v <= 254 ? v : v - 254);
  }
}

// GF(256) with the DataMatrix polynomial x⁸ + x⁵ + x³ + x² + 1 (301), as log/antilog tables.
const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
for (let i = 0, x = 1; i < 255; i++) {
  EXP[i] = EXP[i + 255] = x;
  LOG[x] = i;
  x <<= 1;
  if (x & 0x100) x ^= 301;
}

const generators = new Map<number, Uint8Array>();
/** Coefficients of ∏(x + αⁱ), i = 1…degree, highest power first and the leading 1 left out. */
function generator(degree: number): Uint8Array {
  let g = generators.get(degree);
  if (g) return g;
  const poly = [1];
  for (let i = 1; i <= degree; i++) {
    poly.push(0);
    for (let j = poly.length - 1; j > 0; j--) poly[j] ^= poly[j - 1] ? EXP[LOG[poly[j - 1]] + i] : 0;
  }
  g = Uint8Array.from(poly.slice(1));
  generators.set(degree, g);
  return g;
}

function reedSolomon(data: number[], degree: number): number[] {
  const g = generator(degree);
  const r = new Uint8Array(degree);
  for (const d of data) {
    const factor = d ^ r[0];
    r.copyWithin(0, 1);
    r[degree - 1] = 0;
    if (factor) {
      const lf = LOG[factor];
      for (let j = 0; j < degree; j++) if (g[j]) r[j] ^= EXP[LOG[g[j]] + lf];
    }
  }
  return Array.from(r);
}

// Placement table entries: codeword index × 8 + bit (0 = most significant), or a fixed module.
const FIXED_LIGHT = -1;
const FIXED_DARK = -2;

const placements = new Map<number, Int16Array>();
/**
 * Which codeword bit goes in each module of the `n`×`n` mapping matrix (annex F): codewords are
 * "utah" shapes laid along diagonals, four corner shapes where a shape would leave the matrix, and
 * a fixed checker in the bottom-right corner when the sweep leaves it empty.
 */
function placement(n: number): Int16Array {
  let table = placements.get(n);
  if (table) return table;
  const t = new Int16Array(n * n).fill(0x7fff);
  const empty = (row: number, col: number): boolean => t[row * n + col] === 0x7fff;
  const put = (row: number, col: number, cw: number, bit: number): void => {
    if (row < 0) {
      row += n;
      col += 4 - ((n + 4) % 8);
    }
    if (col < 0) {
      col += n;
      row += 4 - ((n + 4) % 8);
    }
    t[row * n + col] = cw * 8 + bit;
  };
  const utah = (row: number, col: number, cw: number): void => {
    put(row - 2, col - 2, cw, 0);
    put(row - 2, col - 1, cw, 1);
    put(row - 1, col - 2, cw, 2);
    put(row - 1, col - 1, cw, 3);
    put(row - 1, col, cw, 4);
    put(row, col - 2, cw, 5);
    put(row, col - 1, cw, 6);
    put(row, col, cw, 7);
  };
  const corner = (cells: ReadonlyArray<readonly [number, number]>, cw: number): void => cells.forEach(([row, col], bit) => put(row, col, cw, bit));
  const last = n - 1;
  // Of the four corner shapes, only 1 and 2 occur in the sizes built here (12/20 and 14/22 modules);
  // 3 and 4 belong to larger and rectangular symbols but stay, so the sweep is the standard's whole.
  const corner1: [number, number][] = [[last, 0], [last, 1], [last, 2], [0, last - 1], [0, last], [1, last], [2, last], [3, last]];
  const corner2: [number, number][] = [[last - 2, 0], [last - 1, 0], [last, 0], [0, last - 3], [0, last - 2], [0, last - 1], [0, last], [1, last]];
  const corner3: [number, number][] = [[last - 2, 0], [last - 1, 0], [last, 0], [0, last - 1], [0, last], [1, last], [2, last], [3, last]];
  const corner4: [number, number][] = [[last, 0], [last, last], [0, last - 2], [0, last - 1], [0, last], [1, last - 2], [1, last - 1], [1, last]];
  let cw = 0;
  let row = 4;
  let col = 0;
  do {
    if (row === n && col === 0) corner(corner1, cw++);
    if (row === n - 2 && col === 0 && n % 4 !== 0) corner(corner2, cw++);
    if (row === n - 2 && col === 0 && n % 8 === 4) corner(corner3, cw++);
    if (row === n + 4 && col === 2 && n % 8 === 0) corner(corner4, cw++);
    do {
      if (row < n && col >= 0 && empty(row, col)) utah(row, col, cw++);
      row -= 2;
      col += 2;
    } while (row >= 0 && col < n);
    row += 1;
    col += 3;
    do {
      if (row >= 0 && col < n && empty(row, col)) utah(row, col, cw++);
      row += 2;
      col -= 2;
    } while (row < n && col >= 0);
    row += 3;
    col += 1;
  } while (row < n || col < n);
  if (empty(last, last)) {
    t[last * n + last] = t[(last - 1) * n + last - 1] = FIXED_DARK;
    t[last * n + last - 1] = t[(last - 1) * n + last] = FIXED_LIGHT;
  }
  placements.set(n, t);
  table = t;
  return table;
}

/**
 * The codewords of `text` and the side of the smallest square symbol that holds them: data (pads
 * included) then Reed–Solomon check codewords.
 */
export function dataMatrixCodewords(text: string): { size: number; data: number[]; ecc: number[] } {
  const codes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c > 126) {
      throw new RangeError(`DataMatrix text must be printable ASCII (32–126); character ${i + 1} is U+${c.toString(16).toUpperCase().padStart(4, '0')}`);
    }
    codes.push(c);
  }
  const { data, symbol } = encodation(codes);
  pad(data, symbol.dataCodewords);
  return { size: symbol.size, data, ecc: reedSolomon(data, symbol.eccCodewords) };
}

/** The module matrix of `text`: printable ASCII, in the smallest square symbol up to 26×26. */
export function encodeDataMatrix(text: string): ModuleMatrix {
  const { size, data, ecc } = dataMatrixCodewords(text);
  const all = data.concat(ecc);
  const n = size - 2;
  const table = placement(n);
  const bits = new Uint8Array(size * size);
  // Finder pattern: solid left column and bottom row, alternating top row and right column.
  for (let i = 0; i < size; i++) {
    bits[i * size] = 1;
    bits[(size - 1) * size + i] = 1;
    bits[i] = i % 2 === 0 ? 1 : 0;
    bits[i * size + size - 1] = i % 2 === 1 ? 1 : 0;
  }
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      const e = table[row * n + col];
      const dark = e === FIXED_DARK || (e >= 0 && (all[e >> 3] >> (7 - (e & 7))) & 1);
      bits[(row + 1) * size + col + 1] = dark ? 1 : 0;
    }
  }
  return { cols: size, rows: size, bits };
}
