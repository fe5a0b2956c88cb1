// A small Code 128 encoder (ISO/IEC 15417) for the return slip's identity code. Written because
// bwip-js' Code 128 took ~6 % of a pack's render time in the CPU profile, for a symbol that is a
// table look-up once the code sets are chosen. Printable ASCII only, so code sets B and C suffice
// (set A adds control characters and no printable one that B lacks).
//
// The code sets are chosen for the fewest symbol characters, exactly: a dynamic programme over
// (position, current set). Among equally short encodings it keeps the choice of the standard's
// Annex E — set C for a run of four or more digits, an odd digit of such a run in set B before
// it, except that Start C takes the pairs first when the text opens with the run. bwip-js makes
// the same choices, so slips reprinted after the switch carry the very same bars (code128.spec.ts
// compares thousands of texts).
//
// Output: bar and space widths in modules, starting with a bar: start, data, check character,
// stop — the convention of bwip-js' `raw().sbs` that src/packs/render/barcodes.ts draws from.

// Symbol values 0–106, each as bar/space/bar/space/bar/space widths (ISO/IEC 15417 table 1);
// 106 is the stop pattern with its final two-module bar.
const PATTERNS = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212', '221213',
  '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221', '223211', '221132',
  '221231', '213212', '223112', '312131', '311222', '321122', '321221', '312212', '322112', '322211',
  '212123', '212321', '232121', '111323', '131123', '131321', '112313', '132113', '132311', '211313',
  '231113', '231311', '112133', '112331', '132131', '113123', '113321', '133121', '313121', '211331',
  '231131', '213113', '213311', '213131', '311123', '311321', '331121', '312113', '312311', '332111',
  '314111', '221411', '431111', '111224', '111422', '121124', '121421', '141122', '141221', '112214',
  '112412', '122114', '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111',
  '111242', '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311', '113141',
  '114131', '311141', '411131', '211412', '211214', '211232', '2331112',
].map((p) => Array.from(p, Number));

export const CODE_C = 99;
export const CODE_B = 100;
export const START_B = 104;
export const START_C = 105;
export const STOP = 106;

/** The bar/space widths of symbol value `value` (0–106), for tests that check the table. */
export function code128Pattern(value: number): readonly number[] {
  return PATTERNS[value];
}

const B = 0;
const C = 1;
type CodeSet = typeof B | typeof C;
const UNREACHABLE = Number.MAX_SAFE_INTEGER;

function checkText(text: string): void {
  if (text.length === 0) throw new RangeError('Code 128: the text is empty');
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c > 126) {
      throw new RangeError(`Code 128: character ${i + 1} (U+${c.toString(16).toUpperCase().padStart(4, '0')}) is not printable ASCII`);
    }
  }
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** digitRun[i] = how many digits follow from position i on (0 if text[i] is not a digit). */
function digitRuns(text: string): Int32Array {
  const run = new Int32Array(text.length + 1);
  for (let i = text.length - 1; i >= 0; i--) run[i] = isDigit(text.charCodeAt(i)) ? run[i + 1] + 1 : 0;
  return run;
}

/**
 * Annex E's choice where both sets cost the same from position i on: set C for a run of four or
 * more digits if it is even (an odd run spends its first digit in set B), or when the text opens
 * with it (Start C takes the pairs first).
 */
const prefersC = (run: Int32Array, i: number): boolean => run[i] >= 4 && (run[i] % 2 === 0 || i === 0);

/**
 * The symbol values from Start to the last data character. cost[s][i] is the fewest symbols that
 * encode text[i..] when set s is current at i; switching sets costs one symbol and never pays
 * twice at one position, so each entry compares staying with one switch.
 */
function symbolValues(text: string): number[] {
  const n = text.length;
  const run = digitRuns(text);
  const cost = [new Int32Array(n + 1), new Int32Array(n + 1)];
  const switchAt = [new Uint8Array(n + 1), new Uint8Array(n + 1)];
  for (let i = n - 1; i >= 0; i--) {
    const inB = 1 + cost[B][i + 1];
    const inC = run[i] >= 2 ? 1 + cost[C][i + 2] : UNREACHABLE;
    const preferC = prefersC(run, i);
    switchAt[B][i] = inC + 1 < inB || (inC + 1 === inB && preferC) ? 1 : 0;
    cost[B][i] = switchAt[B][i] ? inC + 1 : inB;
    switchAt[C][i] = inB + 1 < inC || (inB + 1 === inC && !preferC) ? 1 : 0;
    cost[C][i] = switchAt[C][i] ? inB + 1 : inC;
  }
  let set: CodeSet = cost[C][0] < cost[B][0] || (cost[C][0] === cost[B][0] && prefersC(run, 0)) ? C : B;
  const values = [set === C ? START_C : START_B];
  for (let i = 0; i < n; ) {
    if (switchAt[set][i]) {
      set = set === B ? C : B;
      values.push(set === C ? CODE_C : CODE_B);
    }
    if (set === C) {
      values.push((text.charCodeAt(i) - 48) * 10 + text.charCodeAt(i + 1) - 48);
      i += 2;
    } else {
      values.push(text.charCodeAt(i) - 32);
      i += 1;
    }
  }
  return values;
}

/** Code 128 bar/space widths in modules, starting with a bar (start, data, check and stop included). */
export function code128Widths(text: string): number[] {
  checkText(text);
  const values = symbolValues(text);
  // Modulo-103 check: the start value plus each data value weighted by its position (1, 2, …).
  let sum = values[0];
  for (let k = 1; k < values.length; k++) sum += k * values[k];
  values.push(sum % 103, STOP);
  const widths: number[] = [];
  for (const v of values) widths.push(...PATTERNS[v]);
  return widths;
}
