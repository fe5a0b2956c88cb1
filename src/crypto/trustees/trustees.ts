// trustees = [["Single", trustee_public_key] | ["Pedersen", threshold_parameters], …]
// (specification "Trustees"). The election key is the product of the sub-keys. Partial
// decryption owners are 1-based indices in the flattened list: a Single counts one, a Pedersen
// block counts one per member.
import { asArray, asString, parseJson, type Json } from 'src/crypto/encoding/json';
import { CryptoError } from 'src/crypto/errors';
import { group, type GroupElement } from 'src/crypto/group';
import { parseThresholdParameters, pedersenSubKey, serializeThresholdParameters, type ThresholdParameters } from 'src/crypto/trustees/pedersen';
import { parseTrusteePublicKey, serializeTrusteePublicKey, type TrusteePublicKey } from 'src/crypto/trustees/trustee-key';

export type TrusteeKind = { kind: 'Single'; key: TrusteePublicKey } | { kind: 'Pedersen'; parameters: ThresholdParameters };

export function parseTrustees(raw: string | Uint8Array | Json, path = 'trustees'): TrusteeKind[] {
  const v = typeof raw === 'string' || raw instanceof Uint8Array ? parseJson(raw, path) : raw;
  const list = asArray(v, path).map((item, i): TrusteeKind => {
    const p = `${path}[${i}]`;
    const pair = asArray(item, p);
    if (pair.length !== 2) throw new CryptoError('invalid_structure', p, 'expected ["Single"|"Pedersen", value]');
    const tag = asString(pair[0], `${p}[0]`);
    if (tag === 'Single') return { kind: 'Single', key: parseTrusteePublicKey(pair[1], `${p}[1]`) };
    if (tag === 'Pedersen') return { kind: 'Pedersen', parameters: parseThresholdParameters(pair[1], `${p}[1]`) };
    throw new CryptoError('invalid_structure', `${p}[0]`, `unknown trustee kind ${JSON.stringify(tag)}`);
  });
  if (list.length === 0) throw new CryptoError('invalid_structure', path, 'at least one trustee is needed');
  return list;
}

export function serializeTrustees(list: readonly TrusteeKind[]): string {
  return `[${list.map((t) => (t.kind === 'Single' ? `["Single",${serializeTrusteePublicKey(t.key)}]` : `["Pedersen",${serializeThresholdParameters(t.parameters)}]`)).join(',')}]`;
}

export function combineTrusteeKeys(list: readonly TrusteeKind[]): GroupElement {
  const G = group();
  return list.reduce((acc, t) => G.add(acc, t.kind === 'Single' ? t.key.publicKey : pedersenSubKey(t.parameters)), G.identity);
}

export interface OwnerSlot {
  /** Index of the trustee item in the list. */
  item: number;
  /** 1-based index inside a Pedersen block (1 for a Single). */
  member: number;
  /** Key partial decryptions of this owner are proven against. */
  key: GroupElement;
}

/** owner (1-based, flattened) → slot. */
export function ownerSlots(list: readonly TrusteeKind[]): OwnerSlot[] {
  const slots: OwnerSlot[] = [];
  list.forEach((t, item) => {
    if (t.kind === 'Single') slots.push({ item, member: 1, key: t.key.publicKey });
    else t.parameters.verificationKeys.forEach((vk, j) => slots.push({ item, member: j + 1, key: vk.publicKey }));
  });
  return slots;
}
