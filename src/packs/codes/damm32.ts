// Damm check symbol over the 32-symbol alphabet (H. M. Damm, "Totally anti-symmetric
// quasigroups for all orders n ≠ 2, 6", Discrete Math. 307 (2007)). The quasigroup is
// x ∘ y = 2·x ⊕ y in GF(32) (polynomial x⁵ + x² + 1). Because 2 ≠ 0, 1 it is totally
// anti-symmetric: (c∘x)∘y = (c∘y)∘x only if x = y. So one check symbol detects every single
// substitution and every transposition of two adjacent symbols, check symbol included.
import { ALPHABET, symbolValue } from 'src/packs/codes/crockford';

const POLY = 0b100101;

function times2(x: number): number {
  const y = x << 1;
  return y & 32 ? y ^ POLY : y;
}

function fold(symbols: string): number {
  let interim = 0;
  for (const s of symbols) interim = times2(interim) ^ symbolValue(s);
  return interim;
}

/** The symbol c such that fold(symbols + c) = 0. */
export function dammCheckSymbol(symbols: string): string {
  return ALPHABET[times2(fold(symbols))];
}

/** True if the last symbol is the right check symbol for the ones before it. */
export function dammValid(symbolsWithCheck: string): boolean {
  return symbolsWithCheck.length > 0 && fold(symbolsWithCheck) === 0;
}
