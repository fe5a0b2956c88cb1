// Anything beyond printable ASCII (names hold no control characters: they are refused on input).
const NON_ASCII = /[^ -~]/;
const MARKS = /\p{M}+/gu;

/** Folds a name for search: lower case and, only when needed (rare, and costly), accents removed. */
export function searchKey(name: string): string {
  const lower = name.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(MARKS, '') : lower;
}
