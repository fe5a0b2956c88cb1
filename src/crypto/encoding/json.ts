// Strict accessors over parsed JSON, each failure a CryptoError naming the field path.
// We never hash re-serialised input where the specification hashes stored bytes: parsing is for
// reading values; callers keep the raw bytes for hashing.
import { CryptoError } from 'src/crypto/errors';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export function parseJson(text: string | Uint8Array, path: string): Json {
  const s = typeof text === 'string' ? text : decodeUtf8(text, path);
  try {
    return JSON.parse(s) as Json;
  } catch (e) {
    throw new CryptoError('invalid_json', path, `not valid JSON (${(e as Error).message})`);
  }
}

/** Strict UTF-8 decoding that keeps a BOM, so re-encoding gives back the exact bytes. */
export function decodeUtf8(bytes: Uint8Array, path: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CryptoError('invalid_json', path, 'not valid UTF-8');
  }
}

export function asObject(v: Json | undefined, path: string): JsonObject {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) {
    throw new CryptoError('invalid_structure', path, 'expected an object');
  }
  return v;
}

export function asArray(v: Json | undefined, path: string): Json[] {
  if (!Array.isArray(v)) throw new CryptoError('invalid_structure', path, 'expected an array');
  return v;
}

export function asString(v: Json | undefined, path: string): string {
  if (typeof v !== 'string') throw new CryptoError('invalid_structure', path, 'expected a string');
  return v;
}

export function asBoolean(v: Json | undefined, path: string): boolean {
  if (typeof v !== 'boolean') throw new CryptoError('invalid_structure', path, 'expected a boolean');
  return v;
}

/** Belenios "I": a non-negative JSON integer small enough to be exact in a double. */
export function asInt(v: Json | undefined, path: string): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
    throw new CryptoError('invalid_structure', path, 'expected a non-negative integer');
  }
  return v;
}

/** Only the listed fields may appear (unknown fields would change hashes silently). */
export function expectFields(o: JsonObject, path: string, required: string[], optional: string[] = []): void {
  for (const k of required) {
    if (!(k in o)) throw new CryptoError('invalid_structure', `${path}.${k}`, 'missing field');
  }
  for (const k of Object.keys(o)) {
    if (!required.includes(k) && !optional.includes(k)) {
      throw new CryptoError('invalid_structure', `${path}.${k}`, 'unexpected field');
    }
  }
}

/** JSON string literal as Belenios writes it (compact, UTF-8 kept verbatim). */
export function jsonString(s: string): string {
  return JSON.stringify(s);
}

export function jsonList<T>(items: readonly T[], item: (x: T) => string): string {
  return `[${items.map(item).join(',')}]`;
}
