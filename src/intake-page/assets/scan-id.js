// @ts-check
// Every Enter gets its own scanId, kept across retries (docs/INTAKE.md: idempotent scans).
// crypto.randomUUID exists only in secure contexts (HTTPS or localhost); a desk that reaches
// the server over plain HTTP on the local network still has crypto.getRandomValues.

/** @param {Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string }} [c] */
export function newScanId(c = globalThis.crypto) {
  if (typeof c.randomUUID === 'function') return c.randomUUID();
  const b = c.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40; // version 4
  b[8] = (b[8] & 0x3f) | 0x80; // RFC 9562 variant
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
