import { parseJson } from 'src/crypto/encoding/json';
import { parseThresholdParameters } from 'src/crypto/trustees/pedersen';
import { parseTrusteePublicKey } from 'src/crypto/trustees/trustee-key';
import type { TrusteeKind } from 'src/crypto/trustees/trustees';
import { TrusteeEntity } from 'src/trustees/trustee.entity';

/** The Belenios trustee list of stored rows, in their order (the order of trustees.json). */
export function trusteeKinds(rows: readonly TrusteeEntity[]): TrusteeKind[] {
  return rows.map((t, i) => {
    const json = parseJson(t.publicKey, `trustees[${i}]`);
    return t.kind === 'pedersen'
      ? { kind: 'Pedersen', parameters: parseThresholdParameters(json, `trustees[${i}]`) }
      : { kind: 'Single', key: parseTrusteePublicKey(json, `trustees[${i}]`) };
  });
}

/**
 * Belenios' 1-based partial decryption owners of each row: a single is one owner, a Pedersen
 * group one per member, numbered on through the list. Read without decoding any point.
 */
export function ownersOf(rows: readonly Pick<TrusteeEntity, 'kind' | 'publicKey'>[]): number[][] {
  let next = 1;
  return rows.map((t) => {
    const n = t.kind === 'pedersen' ? (JSON.parse(t.publicKey) as { verification_keys: unknown[] }).verification_keys.length : 1;
    const owners = Array.from({ length: n }, (_, i) => next + i);
    next += n;
    return owners;
  });
}
