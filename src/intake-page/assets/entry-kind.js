// @ts-check
// A USB barcode scanner "types" a whole code with a few milliseconds between keys; a person
// needs well over 40 ms. The intake record keeps which it was (docs/INTAKE.md, `entry`), so a
// keyed code can be told apart when a typo is suspected.

export const SCANNER_MAX_GAP_MS = 40;

/**
 * @param {readonly number[]} times time stamps (ms) of the keys of one code, in order
 * @param {number} [maxGapMs]
 * @returns {'barcode' | 'keyed'}
 */
export function entryKind(times, maxGapMs = SCANNER_MAX_GAP_MS) {
  if (times.length < 2) return 'keyed';
  for (let i = 1; i < times.length; i++) {
    if (times[i] - times[i - 1] >= maxGapMs) return 'keyed';
  }
  return 'barcode';
}

/** Collects the key times of the code being entered, until Enter. */
export class KeystrokeClock {
  /** @type {number[]} */
  #times = [];
  #edited = false;

  /** @param {number} time a character key went down */
  key(time) {
    this.#times.push(time);
  }

  /** Pasted, deleted or corrected: a person was at work, whatever the timing. */
  edit() {
    this.#edited = true;
  }

  /** @returns {'barcode' | 'keyed'} how the code now complete was entered; starts afresh */
  finish() {
    const kind = this.#edited ? 'keyed' : entryKind(this.#times);
    this.#times = [];
    this.#edited = false;
    return kind;
  }
}
