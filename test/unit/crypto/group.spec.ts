// Point and scalar decoding: every rejection reason, the 8 torsion points, mixed-order points,
// non-canonical encodings; and round trips (fast-check).
import fc from 'fast-check';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { group } from 'src/crypto/group';
import { Q, parseScalar, serializeScalar } from 'src/crypto/group/scalar';
import { CryptoError } from 'src/crypto/errors';
import { compactBase64 } from 'src/crypto/encoding/base64';

const P = 2n ** 255n - 19n;
const beHex = (p: InstanceType<typeof ed25519.Point>): string => bytesToHex(p.toBytes().reverse());
const reasonOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (e instanceof CryptoError) return e.reason;
    throw e;
  }
  return 'accepted';
};

// A point of order 8 (RFC 8032 little-endian encoding, well known from ZIP-215 test vectors).
const T8 = ed25519.Point.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a');
const TORSION = Array.from({ length: 8 }, (_, k) => (k === 0 ? ed25519.Point.ZERO : T8.multiplyUnsafe(BigInt(k))));

describe('decodePoint', () => {
  const G = group();

  test('the base point has the Belenios encoding 66…58', () => {
    expect(G.encode(G.g.point)).toBe('6666666666666666666666666666666666666666666666666666666666666658');
    expect(G.equals(G.decode('6666666666666666666666666666666666666666666666666666666666666658', 'g'), G.g.point)).toBe(true);
  });

  test('the identity (0,1) encodes as 00…01 and is accepted', () => {
    expect(G.encode(G.identity)).toBe('0'.repeat(63) + '1');
    expect(reasonOf(() => G.decode('0'.repeat(63) + '1', 'x'))).toBe('accepted');
  });

  test.each(TORSION.slice(1).map((t, i) => [i + 1, beHex(t)]))('torsion point %i·T8 is rejected as not in the subgroup', (_k, hex) => {
    expect(reasonOf(() => G.decode(hex, 'x'))).toBe('point_not_in_subgroup');
  });

  test.each(TORSION.slice(1).map((t, i) => [i + 1, beHex(ed25519.Point.BASE.multiply(12345n).add(t))]))('mixed-order point P + %i·T8 is rejected', (_k, hex) => {
    expect(reasonOf(() => G.decode(hex, 'x'))).toBe('point_not_in_subgroup');
  });

  test('an off-curve y is rejected', () => {
    let y = 2n;
    for (;;) {
      const hex = y.toString(16).padStart(64, '0');
      try {
        ed25519.Point.fromBytes(Uint8Array.from(Buffer.from(hex, 'hex')).reverse(), true);
      } catch {
        expect(reasonOf(() => G.decode(hex, 'x'))).toBe('point_not_on_curve');
        return;
      }
      y += 1n;
    }
  });

  test('y ≥ p (the identity written as y = p + 1) is rejected as non-canonical', () => {
    expect(reasonOf(() => G.decode((P + 1n).toString(16).padStart(64, '0'), 'x'))).toBe('non_canonical_point');
    expect(reasonOf(() => G.decode(P.toString(16), 'x'))).toBe('non_canonical_point');
  });

  test('x = 0 with the sign bit set is rejected as non-canonical', () => {
    expect(reasonOf(() => G.decode('8' + '0'.repeat(62) + '1', 'x'))).toBe('non_canonical_point');
  });

  test.each([
    ['upper case', '6666666666666666666666666666666666666666666666666666666666666658'.toUpperCase().replace(/6/g, 'A')],
    ['63 characters', '6'.repeat(63)],
    ['65 characters', '6'.repeat(65)],
    ['non-hex', 'g'.repeat(64)],
    ['prefixed', '0x' + '6'.repeat(62)],
  ])('%s is an invalid encoding', (_n, hex) => {
    expect(reasonOf(() => G.decode(hex, 'x'))).toBe('invalid_point_encoding');
  });

  test('errors name the field path', () => {
    expect(() => G.decode('zz', 'ballot.answers[0].choices[1].alpha')).toThrow(/ballot\.answers\[0\]\.choices\[1\]\.alpha/);
  });

  test('encode/decode round trip (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: Q - 1n }), (k) => {
        const p = G.g.mul(k);
        const hex = G.encode(p);
        expect(hex).toMatch(/^[0-9a-f]{64}$/);
        expect(G.equals(G.decode(hex, 'p'), p)).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  test('encodeAll (batch normalisation) agrees with encode', () => {
    const ps = [1n, 2n, 99n, Q - 1n].map((k) => G.add(G.g.mul(k), G.g.mul(7n)));
    expect(G.encodeAll(ps)).toEqual(ps.map((p) => G.encode(G.add(p, G.identity))));
  });

  test('zero scalars and the identity behave', () => {
    expect(G.isIdentity(G.g.mul(0n))).toBe(true);
    expect(G.isIdentity(G.g.mulSecret(0n))).toBe(true);
    expect(G.isIdentity(G.mul(G.identity, 5n))).toBe(true);
    expect(G.equals(G.commit(G.g, 0n, G.g.point, 0n), G.identity)).toBe(true);
    expect(G.isIdentity(G.msm([], []))).toBe(true);
  });
});

describe('parseScalar', () => {
  test.each([
    ['-1', 'invalid_scalar_encoding'],
    ['+1', 'invalid_scalar_encoding'],
    ['01', 'invalid_scalar_encoding'],
    [' 1', 'invalid_scalar_encoding'],
    ['1e3', 'invalid_scalar_encoding'],
    ['', 'invalid_scalar_encoding'],
    [Q.toString(), 'scalar_out_of_range'],
    [(Q + 5n).toString(), 'scalar_out_of_range'],
    ['9'.repeat(200), 'invalid_scalar_encoding'],
  ])('%j is rejected (%s)', (s, reason) => {
    expect(reasonOf(() => parseScalar(s, 'challenge'))).toBe(reason);
  });

  test('a number (not a string) is rejected', () => {
    expect(reasonOf(() => parseScalar(5, 'challenge'))).toBe('invalid_scalar_encoding');
  });

  test('serialize/parse round trip (property)', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: Q - 1n }), (k) => parseScalar(serializeScalar(k), 's') === k));
  });
});

describe('compact base64', () => {
  test('equals standard base64 without padding (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 70 }), (b) => compactBase64(b) === Buffer.from(b).toString('base64').replace(/=+$/, '')));
  });
});
