// Hash-to-Z_q used by every Fiat–Shamir challenge (specification "Groups / Ed25519"):
// int_be(SHA256(prefix ‖ ser(P1) "," … "," ser(Pn))) mod q. The prefix already ends with "|".
import { sha256Bytes } from 'src/crypto/encoding/sha256';
import { group, type GroupElement } from 'src/crypto/group';
import { Q, bytesToBigintBE } from 'src/crypto/group/scalar';

export function hashToScalar(prefix: string, encodedPoints: readonly string[]): bigint {
  return bytesToBigintBE(sha256Bytes(prefix + encodedPoints.join(','))) % Q;
}

/** Commitments are normalised together (one inversion) before hashing. */
export function hashPoints(prefix: string, points: readonly GroupElement[]): bigint {
  return hashToScalar(prefix, group().encodeAll(points));
}
