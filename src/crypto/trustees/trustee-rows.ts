// The trustees as `GET /elections/:id/trustees` lists them, turned into Belenios trustee kinds,
// and which of them a trustee's key is. Pure, so the CLI (`trustee check`) and the trustee page
// answer "is my key in this election?" the same way.
import { parseJson, type Json } from 'src/crypto/encoding/json';
import { CryptoError } from 'src/crypto/errors';
import { group, type GroupElement } from 'src/crypto/group';
import { parseThresholdParameters } from 'src/crypto/trustees/pedersen';
import { parseTrusteePublicKey } from 'src/crypto/trustees/trustee-key';
import type { TrusteeKind } from 'src/crypto/trustees/trustees';

export interface ListedTrustee {
  name: string;
  kind: TrusteeKind;
}

const asJson = (v: unknown, path: string): Json => (typeof v === 'string' ? parseJson(v, path) : (v as Json));

/**
 * A Single row's `publicKey` is the Belenios trustee_public_key; a Pedersen row carries its
 * threshold_parameters as `parameters` (or as `publicKey`: docs/TALLY.md leaves the field to
 * the server, both are read). Rows are taken in `position` order, the order of the election's
 * trustee list.
 */
export function parseTrusteeRows(body: unknown, path = 'trustees'): ListedTrustee[] {
  if (!Array.isArray(body)) throw new CryptoError('invalid_structure', path, 'expected a list of trustees');
  return (body as Record<string, unknown>[])
    .map((row, i) => ({ row, i }))
    .sort((a, b) => Number(a.row.position ?? a.i) - Number(b.row.position ?? b.i))
    .map(({ row }, i) => {
      const p = `${path}[${i}]`;
      const name = typeof row.name === 'string' ? row.name : `trustee ${i + 1}`;
      const pedersen = String(row.kind).toLowerCase() === 'pedersen';
      const value = asJson(pedersen && row.parameters !== undefined ? row.parameters : row.publicKey, p);
      const kind: TrusteeKind = pedersen ? { kind: 'Pedersen', parameters: parseThresholdParameters(value, p) } : { kind: 'Single', key: parseTrusteePublicKey(value, p) };
      return { name, kind };
    });
}

export interface TrusteeMatch {
  /** 1-based owner in the flattened list (what a partial decryption is uploaded as). */
  owner: number;
  name: string;
  /** 1-based member inside a Pedersen group (1 for a Single). */
  member: number;
  group?: { size: number; threshold: number; parameters: TrusteeKind & { kind: 'Pedersen' } };
}

/** The listed trustee whose published key is `publicPart` (g^x), or null. */
export function matchTrustee(listed: readonly ListedTrustee[], publicPart: GroupElement): TrusteeMatch | null {
  const G = group();
  let owner = 0;
  for (const t of listed) {
    if (t.kind.kind === 'Single') {
      owner += 1;
      if (G.equals(t.kind.key.publicKey, publicPart)) return { owner, name: t.name, member: 1 };
      continue;
    }
    const { parameters } = t.kind;
    const j = parameters.verificationKeys.findIndex((vk) => G.equals(vk.publicKey, publicPart));
    if (j >= 0) return { owner: owner + j + 1, name: t.name, member: j + 1, group: { size: parameters.verificationKeys.length, threshold: parameters.threshold, parameters: t.kind } };
    owner += parameters.verificationKeys.length;
  }
  return null;
}
