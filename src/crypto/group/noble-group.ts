// Reference backend on @noble/curves (runs in browsers too). Belenios' Ed25519 encoding
// (specification "Groups / Ed25519") is the RFC 8032 compressed point with its byte order
// reversed, written as 64 lowercase hex digits.
import { ed25519 } from '@noble/curves/ed25519.js';
import { normalizeZ, pippenger } from '@noble/curves/abstract/curve.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { FixedBase, GroupBackend, GroupElement } from 'src/crypto/group/group';
import { CryptoError } from 'src/crypto/errors';

type NPoint = InstanceType<typeof ed25519.Point>;
const Point = ed25519.Point;
const P_FIELD = 2n ** 255n - 19n;
const HEX64 = /^[0-9a-f]{64}$/;

const asN = (e: GroupElement): NPoint => e as unknown as NPoint;
const asE = (p: NPoint): GroupElement => p as unknown as GroupElement;

function reverseHex(hex: string): Uint8Array {
  const b = hexToBytes(hex);
  b.reverse();
  return b;
}

// Encodings of decoded points are remembered: re-serialising parsed input costs no inversion.
const known = new WeakMap<NPoint, string>();

// Strings already fully validated (public credentials are decoded at setup and again in every
// ballot): the subgroup check costs ~1 ms with noble, so each is done once per string.
const VALIDATED_CAP = 1 << 20;
const validated = new Map<string, NPoint>();

function encodeN(p: NPoint): string {
  const cached = known.get(p);
  if (cached !== undefined) return cached;
  const b = p.toBytes();
  b.reverse();
  return bytesToHex(b);
}

class NobleFixedBase implements FixedBase {
  readonly point: GroupElement;
  constructor(private readonly p: NPoint) {
    // W=8 tables: ~2× faster than noble's default W=6 for g, and y gets one too (perf-limits §1).
    p.precompute(8, false);
    this.point = asE(p);
  }
  mulSecret(k: bigint): GroupElement {
    return k === 0n ? asE(Point.ZERO) : asE(this.p.multiply(k));
  }
  mul(k: bigint): GroupElement {
    return asE(this.p.multiplyUnsafe(k));
  }
}

export function createNobleGroup(): GroupBackend {
  const g = new NobleFixedBase(Point.BASE);
  return {
    name: 'noble',
    description: 'Ed25519',
    identity: asE(Point.ZERO),
    g,
    decode(hex: string, path: string): GroupElement {
      const seen = typeof hex === 'string' ? validated.get(hex) : undefined;
      if (seen !== undefined) return asE(seen);
      if (typeof hex !== 'string' || !HEX64.test(hex)) {
        throw new CryptoError('invalid_point_encoding', path, 'a point is 64 lowercase hexadecimal characters');
      }
      const bytes = reverseHex(hex);
      const sign = (bytes[31] & 0x80) !== 0;
      // y ≥ p would be reduced silently by lenient decoders; 2.5.1 accepts it when proofs were
      // hashed over the raw string, so we refuse it explicitly.
      const y = BigInt('0x' + hex) & ((1n << 255n) - 1n);
      if (y >= P_FIELD) throw new CryptoError('non_canonical_point', path, 'y coordinate is not below p');
      let p: NPoint;
      try {
        p = Point.fromBytes(bytes, true);
      } catch {
        throw new CryptoError('point_not_on_curve', path, 'not the encoding of a point on Ed25519');
      }
      if (sign && p.x === 0n) throw new CryptoError('non_canonical_point', path, 'x = 0 with the sign bit set');
      if (!p.isTorsionFree()) {
        throw new CryptoError('point_not_in_subgroup', path, 'point is not in the prime-order subgroup');
      }
      known.set(p, hex);
      if (validated.size < VALIDATED_CAP) validated.set(hex, p);
      return asE(p);
    },
    decodeVerified(hex: string, path: string): GroupElement {
      const seen = validated.get(hex);
      if (seen !== undefined) return asE(seen);
      if (typeof hex !== 'string' || !HEX64.test(hex)) throw new CryptoError('invalid_point_encoding', path, 'a point is 64 lowercase hexadecimal characters');
      let p: NPoint;
      try {
        p = Point.fromBytes(reverseHex(hex), true);
      } catch {
        throw new CryptoError('point_not_on_curve', path, 'not the encoding of a point on Ed25519');
      }
      known.set(p, hex);
      return asE(p);
    },
    encode: (p) => encodeN(asN(p)),
    encodeAll(ps) {
      const todo = ps.map(asN).filter((p) => !known.has(p));
      if (todo.length > 1) {
        const affine = normalizeZ(Point, todo);
        todo.forEach((p, i) => known.set(p, encodeN(affine[i])));
      }
      return ps.map((p) => encodeN(asN(p)));
    },
    fixedBase: (p) => new NobleFixedBase(Point.fromAffine(asN(p).toAffine())),
    mul: (p, k) => asE(asN(p).multiplyUnsafe(k)),
    mulSecret: (p, k) => (k === 0n ? asE(Point.ZERO) : asE(asN(p).multiply(k))),
    commit(base, s, p, c) {
      return asE(asN(base.mul(s)).add(asN(p).multiplyUnsafe(c)));
    },
    msm(ps, ks) {
      if (ps.length === 0) return asE(Point.ZERO);
      return asE(pippenger(Point, ps.map(asN), [...ks]));
    },
    add: (a, b) => asE(asN(a).add(asN(b))),
    sub: (a, b) => asE(asN(a).subtract(asN(b))),
    equals: (a, b) => asN(a).equals(asN(b)),
    isIdentity: (a) => asN(a).is0(),
    key: (a) => encodeN(asN(a)),
  };
}
