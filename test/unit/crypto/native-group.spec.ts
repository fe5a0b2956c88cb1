// Differential test: the sodium-native backend agrees with the noble reference on every group
// operation, over fast-check-generated inputs and the edge cases libsodium treats specially
// (zero scalars, q − 1, the identity as input and result, P + (−P)), and rejects exactly the
// same encodings with the same reason (all 8 small-order points, mixed-order points,
// non-canonical and off-curve encodings, malformed hex).
import fc from 'fast-check';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { createNobleGroup } from 'src/crypto/group/noble-group';
import type { GroupBackend, GroupElement } from 'src/crypto/group';
import { Q } from 'src/crypto/group/scalar';
import { CryptoError } from 'src/crypto/errors';
import { loadSodium } from 'src/crypto/native/backend';
import { createSodiumGroup } from 'src/crypto/native/sodium-group';

const sodium = loadSodium();
if (!sodium) throw new Error('sodium-native must load in the test environment');
const N = createNobleGroup();
const S = createSodiumGroup(sodium);
const P_FIELD = 2n ** 255n - 19n;
const beHex = (p: InstanceType<typeof ed25519.Point>): string => bytesToHex(p.toBytes().reverse());
const T8 = ed25519.Point.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');
const TORSION = Array.from({ length: 8 }, (_, k) => (k === 0 ? ed25519.Point.ZERO : T8.multiplyUnsafe(BigInt(k))));
const IDENTITY_HEX = '0'.repeat(63) + '1';

function outcome(G: GroupBackend, hex: string): string {
  try {
    return `accepted ${G.encode(G.decode(hex, 'x'))}`;
  } catch (e) {
    if (e instanceof CryptoError) return `${e.reason}`;
    throw e;
  }
}

/** One point in both backends, from its encoding. */
interface Pair {
  hex: string;
  n: GroupElement;
  s: GroupElement;
}
const pair = (hex: string): Pair => ({ hex, n: N.decode(hex, 'p'), s: S.decode(hex, 'p') });
const identity = pair(IDENTITY_HEX);

const scalar = fc.oneof(
  { weight: 6, arbitrary: fc.bigInt({ min: 0n, max: Q - 1n }) },
  { weight: 1, arbitrary: fc.constantFrom(0n, 1n, 2n, Q - 1n, Q - 2n, (Q - 1n) / 2n) },
);
const point = fc.oneof(
  { weight: 6, arbitrary: fc.bigInt({ min: 1n, max: Q - 1n }).map((k) => pair(N.encode(N.g.mul(k)))) },
  { weight: 1, arbitrary: fc.constant(identity) },
  { weight: 1, arbitrary: fc.constant(pair(N.encode(N.g.point))) },
);

const same = (n: GroupElement, s: GroupElement): void => {
  expect(S.encode(s)).toBe(N.encode(n));
};

describe('sodium-native backend agrees with noble', () => {
  test('constants', () => {
    same(N.identity, S.identity);
    same(N.g.point, S.g.point);
    expect(S.isIdentity(S.identity)).toBe(true);
    expect(S.description).toBe(N.description);
  });

  test('g^k, g^k (secret), p^k, p^k (secret), fixed bases (property)', () => {
    fc.assert(
      fc.property(point, scalar, (p, k) => {
        same(N.g.mul(k), S.g.mul(k));
        same(N.g.mulSecret(k), S.g.mulSecret(k));
        same(N.mul(p.n, k), S.mul(p.s, k));
        same(N.mulSecret(p.n, k), S.mulSecret(p.s, k));
        same(N.fixedBase(p.n).mul(k), S.fixedBase(p.s).mul(k));
        same(N.fixedBase(p.n).mulSecret(k), S.fixedBase(p.s).mulSecret(k));
      }),
      { numRuns: 20 },
    );
  });

  test('commit, add, sub, equals, isIdentity, key (property)', () => {
    fc.assert(
      fc.property(point, point, scalar, scalar, (a, b, s, c) => {
        same(N.commit(N.g, s, a.n, c), S.commit(S.g, s, a.s, c));
        same(N.commit(N.fixedBase(b.n), s, a.n, c), S.commit(S.fixedBase(b.s), s, a.s, c));
        same(N.add(a.n, b.n), S.add(a.s, b.s));
        same(N.sub(a.n, b.n), S.sub(a.s, b.s));
        same(N.sub(a.n, a.n), S.sub(a.s, a.s));
        expect(S.equals(a.s, b.s)).toBe(N.equals(a.n, b.n));
        expect(S.isIdentity(S.sub(a.s, b.s))).toBe(N.isIdentity(N.sub(a.n, b.n)));
        expect(S.key(a.s)).toBe(N.key(a.n));
        expect(S.encodeAll([a.s, b.s, S.add(a.s, b.s)])).toEqual(N.encodeAll([a.n, b.n, N.add(a.n, b.n)]));
      }),
      { numRuns: 20 },
    );
  });

  test('msm (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(point, scalar), { maxLength: 6 }), (terms) => {
        same(
          N.msm(
            terms.map(([p]) => p.n),
            terms.map(([, k]) => k),
          ),
          S.msm(
            terms.map(([p]) => p.s),
            terms.map(([, k]) => k),
          ),
        );
      }),
      { numRuns: 25 },
    );
  });

  test('edge cases: zero scalar, q − 1, identity inputs and results, P + (−P)', () => {
    const p = pair(N.encode(N.g.mul(123456789n)));
    same(N.g.mul(0n), S.g.mul(0n));
    same(N.mul(p.n, 0n), S.mul(p.s, 0n));
    same(N.mulSecret(p.n, 0n), S.mulSecret(p.s, 0n));
    same(N.mul(identity.n, 5n), S.mul(identity.s, 5n));
    same(N.mul(identity.n, 0n), S.mul(identity.s, 0n));
    same(N.mul(p.n, Q - 1n), S.mul(p.s, Q - 1n));
    same(N.g.mul(Q - 1n), S.g.mul(Q - 1n));
    expect(S.equals(S.mul(p.s, Q - 1n), S.sub(S.identity, p.s))).toBe(true);
    const minus = S.sub(S.identity, p.s);
    expect(S.isIdentity(S.add(p.s, minus))).toBe(true);
    same(N.add(p.n, N.sub(N.identity, p.n)), S.add(p.s, minus));
    same(N.commit(N.g, 0n, p.n, 0n), S.commit(S.g, 0n, p.s, 0n));
    same(N.commit(N.g, 0n, identity.n, 7n), S.commit(S.g, 0n, identity.s, 7n));
    // g^s · (g^-s) = identity: a commitment whose two halves cancel.
    same(N.commit(N.g, 5n, N.g.point, Q - 5n), S.commit(S.g, 5n, S.g.point, Q - 5n));
    expect(S.isIdentity(S.commit(S.g, 5n, S.g.point, Q - 5n))).toBe(true);
    same(N.add(identity.n, identity.n), S.add(identity.s, identity.s));
    same(N.sub(identity.n, identity.n), S.sub(identity.s, identity.s));
    same(N.msm([], []), S.msm([], []));
    same(N.msm([p.n, p.n], [1n, Q - 1n]), S.msm([p.s, p.s], [1n, Q - 1n]));
    expect(() => S.mul(p.s, Q)).toThrow();
    expect(() => S.mul(p.s, -1n)).toThrow();
  });

  test('decoding: all 8 small-order points, mixed-order points, non-canonical, off-curve, malformed', () => {
    const cases: string[] = [IDENTITY_HEX, N.encode(N.g.point)];
    for (const t of TORSION) cases.push(beHex(t));
    for (const t of TORSION.slice(1)) cases.push(beHex(ed25519.Point.BASE.multiply(12345n).add(t)));
    // Non-canonical: y ≥ p (identity as p + 1, y = p, p + 2…p + 18), x = 0 with the sign bit.
    for (let d = 0n; d < 19n; d++) cases.push((P_FIELD + d).toString(16).padStart(64, '0'));
    cases.push('8' + '0'.repeat(62) + '1');
    // y = −1 (order 2) with the sign bit; every small-order point with its sign bit flipped.
    cases.push((P_FIELD - 1n + (1n << 255n)).toString(16));
    for (const t of TORSION) cases.push(((BigInt('0x' + beHex(t)) ^ (1n << 255n)).toString(16).padStart(64, '0')));
    // Off-curve and small y values.
    for (let y = 0n; y < 40n; y++) cases.push(y.toString(16).padStart(64, '0'), (y + (1n << 255n)).toString(16).padStart(64, '0'));
    cases.push('6'.repeat(63), '6'.repeat(65), 'G'.repeat(64), 'A'.repeat(64), '0x' + '6'.repeat(62), '');
    for (const hex of cases) expect([hex, outcome(S, hex)]).toEqual([hex, outcome(N, hex)]);
    // Reasons appear: the set covers each.
    const reasons = new Set(cases.map((h) => outcome(N, h).split(' ')[0]));
    expect([...reasons].sort()).toEqual(['accepted', 'invalid_point_encoding', 'non_canonical_point', 'point_not_in_subgroup', 'point_not_on_curve']);
  });

  test('decoding random 32-byte strings (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (b) => {
        const hex = bytesToHex(b);
        expect(outcome(S, hex)).toBe(outcome(N, hex));
      }),
      { numRuns: 120 },
    );
  });

  test('decoding random subgroup points and their mixed-order variants (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: Q - 1n }), fc.integer({ min: 0, max: 7 }), (k, t) => {
        const hex = beHex(ed25519.Point.BASE.multiply(k).add(TORSION[t]));
        expect(outcome(S, hex)).toBe(outcome(N, hex));
      }),
      { numRuns: 30 },
    );
  });

  test('non-string input is rejected like noble', () => {
    expect(outcome(S, 5 as unknown as string)).toBe(outcome(N, 5 as unknown as string));
  });
});
