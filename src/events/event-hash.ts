import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashedEventFields {
  chain: string;
  seq: number;
  type: string;
  actor: { kind: string; id: string | null; role: string | null };
  occurredAt: string;
  data: unknown;
  prevHash: string;
}

/** JSON with object keys sorted at every depth, so the hash does not depend on insertion order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite number in event data');
    return JSON.stringify(value) ?? 'null';
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** hash_n = SHA-256(canonical JSON of the event including hash_{n-1}); documented in docs/EVENT-LOG.md. */
export function hashEvent(e: HashedEventFields): string {
  return createHash('sha256').update(canonicalJson(e)).digest('hex');
}
