import { createHash } from 'node:crypto';

export interface CredentialRow {
  serial: number;
  publicCredential: string;
  /** The member's weight in the committed roll (null for spares and unknown members). */
  memberWeight: number | null;
}

export interface CredentialList {
  /** public_credentials.json: sorted, `"hex"` or `"hex,weight"` for every entry. */
  raw: string;
  sha256: string;
  count: number;
  weighted: boolean;
}

/**
 * The public credential list of an election from its pack rows (docs/ONLINE.md "Setup"): every
 * pack, voided ones and spares included, sorted; a spare (serial ≥ `sparesFrom`) weighs 1 even
 * once a reissue handed it to a member, so the list regenerated later is the same bytes.
 */
export function credentialList(rows: readonly CredentialRow[], sparesFrom: number | null): CredentialList {
  const entries = rows.map((r) => ({ hex: r.publicCredential, weight: sparesFrom !== null && r.serial >= sparesFrom ? 1 : (r.memberWeight ?? 1) }));
  // Hex strings of one length: code-unit order is numeric order, the same on every database.
  entries.sort((a, b) => (a.hex < b.hex ? -1 : a.hex > b.hex ? 1 : 0));
  const weighted = entries.some((e) => e.weight !== 1);
  const raw = `[${entries.map((e) => (weighted ? `"${e.hex},${e.weight}"` : `"${e.hex}"`)).join(',')}]`;
  return { raw, sha256: createHash('sha256').update(raw).digest('hex'), count: entries.length, weighted };
}
