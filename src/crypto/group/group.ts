// The backend seam (issue 3): every protocol file talks to the group through this interface, so
// a faster backend (e.g. sodium-native on the server) can replace the noble reference without
// touching proofs. Elements are opaque; only the active backend creates and reads them.

/** An element of the prime-order subgroup of Ed25519 (opaque, backend-specific). */
export interface GroupElement {
  readonly __groupElement: unique symbol;
}

/** A base with precomputed tables (g, the election key y): fast repeated multiplication. */
export interface FixedBase {
  readonly point: GroupElement;
  /** base^k for a secret k (constant time). */
  mulSecret(k: bigint): GroupElement;
  /** base^k for public data (variable time). */
  mul(k: bigint): GroupElement;
}

export interface GroupBackend {
  readonly name: string;
  /** Group description as in the election `group` field and the PoK hash ("Ed25519"). */
  readonly description: string;
  readonly identity: GroupElement;
  readonly g: FixedBase;

  /**
   * Decode a Belenios point string with every check: 64 lowercase hex characters, canonical
   * (y < p, no x = 0 with the sign bit), on the curve, in the prime-order subgroup.
   * Throws CryptoError naming `path`.
   */
  decode(hex: string, path: string): GroupElement;
  /**
   * Decode a string that `decode` already accepted in this process or one of its worker
   * threads (results handed back by workers): the encoding is checked, the subgroup check may
   * be skipped. Never use it on input from outside.
   */
  decodeVerified(hex: string, path: string): GroupElement;
  encode(p: GroupElement): string;
  /** Encode many points with one shared field inversion (batch normalisation). */
  encodeAll(ps: readonly GroupElement[]): string[];

  fixedBase(p: GroupElement): FixedBase;
  /** p^k for public data (variable time), k in [0, q). */
  mul(p: GroupElement, k: bigint): GroupElement;
  /** p^k with secret k. */
  mulSecret(p: GroupElement, k: bigint): GroupElement;
  /** base^s · p^c: the commitment recomputed by every proof verification (public data). */
  commit(base: FixedBase, s: bigint, p: GroupElement, c: bigint): GroupElement;
  /** Σ k_i·p_i for public data (multi-scalar multiplication). */
  msm(ps: readonly GroupElement[], ks: readonly bigint[]): GroupElement;

  add(a: GroupElement, b: GroupElement): GroupElement;
  sub(a: GroupElement, b: GroupElement): GroupElement;
  equals(a: GroupElement, b: GroupElement): boolean;
  isIdentity(a: GroupElement): boolean;
  /** Hash key of an element (for maps): its encoding. */
  key(a: GroupElement): string;
}
