// public_credentials (specification "Credentials"): a JSON list of "<G>" or "<G>,<weight>".
// Every point is checked, weights are positive integers (big: the demo uses 9·10^10), and the
// list must not contain the same credential twice (Sirona does not check this).
import { asArray, asString, parseJson, type Json } from 'src/crypto/encoding/json';
import { CryptoError } from 'src/crypto/errors';
import { group, type GroupElement } from 'src/crypto/group';

export interface PublicCredential {
  hex: string;
  point: GroupElement;
  weight: bigint;
  /** Whether the weight was written explicitly (",w"). */
  explicitWeight: boolean;
}

const WEIGHT = /^[1-9][0-9]{0,17}$/;

export function parsePublicCredential(entry: string, path: string): PublicCredential {
  const comma = entry.indexOf(',');
  const hex = comma < 0 ? entry : entry.slice(0, comma);
  const point = group().decode(hex, path);
  if (comma < 0) return { hex, point, weight: 1n, explicitWeight: false };
  const w = entry.slice(comma + 1);
  if (!WEIGHT.test(w)) throw new CryptoError('invalid_structure', path, `weight must be a positive integer, got ${JSON.stringify(w.slice(0, 30))}`);
  return { hex, point, weight: BigInt(w), explicitWeight: true };
}

export interface PublicCredentialSet {
  list: PublicCredential[];
  byHex: Map<string, PublicCredential>;
  duplicates: string[];
}

export function parsePublicCredentials(raw: string | Uint8Array | Json, path = 'public_credentials'): PublicCredentialSet {
  const v = typeof raw === 'string' || raw instanceof Uint8Array ? parseJson(raw, path) : raw;
  const list = asArray(v, path).map((e, i) => parsePublicCredential(asString(e, `${path}[${i}]`), `${path}[${i}]`));
  const byHex = new Map<string, PublicCredential>();
  const duplicates: string[] = [];
  for (const c of list) {
    if (byHex.has(c.hex)) duplicates.push(c.hex);
    else byHex.set(c.hex, c);
  }
  return { list, byHex, duplicates };
}

export function serializePublicCredentials(list: readonly { hex: string; weight: bigint; explicitWeight?: boolean }[]): string {
  const weighted = list.some((c) => c.weight !== 1n || c.explicitWeight === true);
  return `[${list.map((c) => JSON.stringify((c.explicitWeight ?? weighted) ? `${c.hex},${c.weight}` : c.hex)).join(',')}]`;
}
