// A small seeded PRNG (mulberry32) so a corpus is the same for the same seed on every machine;
// Math.random would make a failing reading impossible to reproduce.
import { type RandomSource } from 'src/packs/codes';

// Not `Math.imul` in next(): under jest every global look-up goes through a VM context (slow).
const { imul, floor } = Math;

export class Rng {
  private state: number;
  private spare: number | null = null;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** An independent stream for one purpose (an item, a paper ID), stable whatever else is drawn. */
  static derive(seed: number, ...labels: Array<string | number>): Rng {
    let h = (seed ^ 0x9e3779b9) >>> 0;
    for (const ch of labels.join('/')) h = imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    return new Rng(imul(h ^ (h >>> 16), 0x45d9f3b) >>> 0);
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = imul(t ^ (t >>> 15), t | 1);
    t ^= t + imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  range(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const keys = Object.keys(weights) as K[];
    let r = this.next() * keys.reduce((s, k) => s + weights[k], 0);
    for (const k of keys) {
      r -= weights[k];
      if (r < 0) return k;
    }
    return keys[keys.length - 1];
  }

  /** Standard normal (Box–Muller, both values used). */
  gauss(): number {
    if (this.spare !== null) {
      const s = this.spare;
      this.spare = null;
      return s;
    }
    const u = 1 - this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Bytes for `generatePaperId`, so paper IDs follow the seed too. */
  randomSource(): RandomSource {
    return (n) => Uint8Array.from({ length: n }, () => this.int(256));
  }
}
