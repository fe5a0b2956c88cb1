// Native group backend on libsodium (sodium-native), for the server and the CLI only: the
// browser bundle never imports this folder. Points are kept as their 32-byte little-endian
// compressed encodings (libsodium's own form), with the Belenios big-endian hex remembered
// once known, so the hex ↔ bytes conversion happens once at decode and once at encode.
//
// libsodium's semantics differ from the exact group arithmetic the protocol needs:
//  - crypto_scalarmult_ed25519*_noclamp refuse (throw) when the scalar is 0, the input is the
//    identity or of small order, or the result is the identity. The identity is special-cased
//    here (k = 0 or p = identity → identity); for p in the prime-order subgroup and 0 < k < q
//    the result is never the identity.
//  - crypto_core_ed25519_is_valid_point rejects the identity and gives no reason. Decoding
//    therefore accepts at once what libsodium accepts and hands every other string to the noble
//    reference decoder, which accepts the identity and names the exact rejection reason.
//  - crypto_core_ed25519_add/sub work on any on-curve encodings, identity included.
// test/unit/crypto/native-group.spec.ts proves both backends agree on every operation.
import type { FixedBase, GroupBackend, GroupElement } from 'src/crypto/group/group';
import { createNobleGroup } from 'src/crypto/group/noble-group';
import { Q } from 'src/crypto/group/scalar';
import { CryptoError } from 'src/crypto/errors';

/** The subset of sodium-native used here (loaded by the caller, so a failed load can fall back). */
export interface SodiumEd25519 {
  crypto_core_ed25519_is_valid_point(p: Uint8Array): boolean;
  crypto_core_ed25519_add(r: Uint8Array, p: Uint8Array, q: Uint8Array): void;
  crypto_core_ed25519_sub(r: Uint8Array, p: Uint8Array, q: Uint8Array): void;
  crypto_scalarmult_ed25519_noclamp(q: Uint8Array, n: Uint8Array, p: Uint8Array): void;
  crypto_scalarmult_ed25519_base_noclamp(q: Uint8Array, n: Uint8Array): void;
}

const HEX64 = /^[0-9a-f]{64}$/;

/** A point as its canonical little-endian compressed encoding (libsodium only outputs these). */
class NativePoint {
  constructor(
    readonly b: Buffer,
    public hex: string | undefined = undefined,
  ) {}
}

const asP = (e: GroupElement): NativePoint => e as unknown as NativePoint;
const asE = (p: NativePoint): GroupElement => p as unknown as GroupElement;

const IDENTITY_BYTES = Buffer.alloc(32);
IDENTITY_BYTES[0] = 1;
const BASE_HEX = '6666666666666666666666666666666666666666666666666666666666666658';

function hexOf(p: NativePoint): string {
  if (p.hex === undefined) p.hex = Buffer.from(p.b).reverse().toString('hex');
  return p.hex;
}

const isIdentityBytes = (b: Buffer): boolean => b.equals(IDENTITY_BYTES);

/** 32-byte little-endian scalar. */
function scalarBytes(k: bigint): Buffer {
  if (k < 0n || k >= Q) throw new RangeError('scalar out of range [0, q)');
  return Buffer.from(k.toString(16).padStart(64, '0'), 'hex').reverse();
}

const VALIDATED_CAP = 1 << 20;

export function createSodiumGroup(sodium: SodiumEd25519): GroupBackend {
  const noble = createNobleGroup();
  const identity = new NativePoint(IDENTITY_BYTES, '0'.repeat(63) + '1');
  const validated = new Map<string, NativePoint>();

  const isId = (p: NativePoint): boolean => p === identity || isIdentityBytes(p.b);

  function mulVar(p: NativePoint, k: bigint): NativePoint {
    const n = scalarBytes(k);
    if (k === 0n || isId(p)) return identity;
    const out = Buffer.allocUnsafe(32);
    sodium.crypto_scalarmult_ed25519_noclamp(out, n, p.b);
    return new NativePoint(out);
  }

  function mulBase(k: bigint): NativePoint {
    const n = scalarBytes(k);
    if (k === 0n) return identity;
    const out = Buffer.allocUnsafe(32);
    sodium.crypto_scalarmult_ed25519_base_noclamp(out, n);
    return new NativePoint(out);
  }

  function add(a: NativePoint, b: NativePoint): NativePoint {
    if (isId(a)) return b;
    if (isId(b)) return a;
    const out = Buffer.allocUnsafe(32);
    sodium.crypto_core_ed25519_add(out, a.b, b.b);
    return new NativePoint(out);
  }

  function sub(a: NativePoint, b: NativePoint): NativePoint {
    if (isId(b)) return a;
    const out = Buffer.allocUnsafe(32);
    sodium.crypto_core_ed25519_sub(out, a.b, b.b);
    return new NativePoint(out);
  }

  const basePoint = new NativePoint(Buffer.from(BASE_HEX, 'hex').reverse(), BASE_HEX);
  const g: FixedBase = {
    point: asE(basePoint),
    mul: (k) => asE(mulBase(k)),
    mulSecret: (k) => asE(mulBase(k)),
  };
  const fixedBase = (e: GroupElement): FixedBase => {
    const p = asP(e);
    if (p.b.equals(basePoint.b)) return g;
    return { point: e, mul: (k) => asE(mulVar(p, k)), mulSecret: (k) => asE(mulVar(p, k)) };
  };

  return {
    name: 'sodium-native',
    description: 'Ed25519',
    identity: asE(identity),
    g,
    decode(hex: string, path: string): GroupElement {
      const seen = typeof hex === 'string' ? validated.get(hex) : undefined;
      if (seen !== undefined) return asE(seen);
      if (typeof hex === 'string' && HEX64.test(hex)) {
        const b = Buffer.from(hex, 'hex').reverse();
        // Canonical, on the curve, in the prime-order subgroup and not of small order.
        if (sodium.crypto_core_ed25519_is_valid_point(b)) {
          const p = new NativePoint(b, hex);
          if (validated.size < VALIDATED_CAP) validated.set(hex, p);
          return asE(p);
        }
      }
      // Rare: the identity (accepted) or an invalid string: the reference decoder decides and
      // names the reason, so both backends reject identically.
      noble.decode(hex, path);
      return asE(new NativePoint(Buffer.from(hex, 'hex').reverse(), hex));
    },
    decodeVerified(hex: string, path: string): GroupElement {
      const seen = validated.get(hex);
      if (seen !== undefined) return asE(seen);
      if (typeof hex !== 'string' || !HEX64.test(hex)) throw new CryptoError('invalid_point_encoding', path, 'a point is 64 lowercase hexadecimal characters');
      // libsodium's add/sub still check the encoding is on the curve when the point is used.
      return asE(new NativePoint(Buffer.from(hex, 'hex').reverse(), hex));
    },
    encode: (p) => hexOf(asP(p)),
    encodeAll: (ps) => ps.map((p) => hexOf(asP(p))),
    fixedBase,
    mul: (p, k) => asE(mulVar(asP(p), k)),
    mulSecret: (p, k) => asE(mulVar(asP(p), k)),
    commit(base, s, p, c) {
      return asE(add(asP(base.mul(s)), mulVar(asP(p), c)));
    },
    msm(ps, ks) {
      if (ps.length !== ks.length) throw new RangeError('msm: as many scalars as points');
      let acc = identity;
      for (let i = 0; i < ps.length; i++) acc = add(acc, mulVar(asP(ps[i]), ks[i]));
      return asE(acc);
    },
    add: (a, b) => asE(add(asP(a), asP(b))),
    sub: (a, b) => asE(sub(asP(a), asP(b))),
    equals: (a, b) => asP(a).b.equals(asP(b).b),
    isIdentity: (a) => isId(asP(a)),
    key: (a) => hexOf(asP(a)),
  };
}
