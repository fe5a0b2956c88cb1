// Credentials: format, helpful parse errors, derivation per the specification (checked against
// the vectors in ballot-vectors.spec.ts), deterministic derivation from seed + serial.
import fc from 'fast-check';
import { generateCredential, parseCredential, formatCredential, publicCredentialHex } from 'src/crypto/credential/credential';
import { deriveCredentialFromSeed } from 'src/crypto/credential/deterministic';
import { BASE58_ALPHABET } from 'src/crypto/encoding/base58';
import { parsePublicCredentials } from 'src/crypto/credential/public-credentials';
import { CryptoError } from 'src/crypto/errors';

const FORMAT = /^[1-9A-HJ-NP-Za-km-z]{5}-[1-9A-HJ-NP-Za-km-z]{6}-[1-9A-HJ-NP-Za-km-z]{5}-[1-9A-HJ-NP-Za-km-z]{6}$/;

describe('credential generation', () => {
  test('22 Base58 characters in 5-6-5-6 groups, different each time', () => {
    const a = generateCredential();
    expect(a).toMatch(FORMAT);
    expect(generateCredential()).not.toBe(a);
  });

  test('digits are spread over the whole alphabet', () => {
    const seen = new Set([...Array.from({ length: 60 }, generateCredential).join('')].filter((c) => c !== '-'));
    expect(seen.size).toBeGreaterThan(50);
  });
});

describe('parseCredential', () => {
  test('accepts the canonical form, surrounding spaces and missing dashes', () => {
    expect(parseCredential('  3PVnd-PbAuzW-6dcKQ-NiNjrg ')).toBe('3PVnd-PbAuzW-6dcKQ-NiNjrg');
    expect(parseCredential('3PVndPbAuzW6dcKQNiNjrg')).toBe('3PVnd-PbAuzW-6dcKQ-NiNjrg');
  });

  test.each([
    ['3PVnd-PbAuzW-6dcKQ-NiNjr', /5-6-5-5/],
    ['3PVndPbAuzW6dcKQNiNj', /22 characters, got 20/],
    ['3PVn0-PbAuzW-6dcKQ-NiNjrg', /character 5 '0'.*did you mean 'o'/],
    ['3PVnO-PbAuzW-6dcKQ-NiNjrg', /character 5 'O'/],
    ['3PVnl-PbAuzW-6dcKQ-NiNjrg', /character 5 'l'.*'1'/],
    ['3PVnI-PbAuzW-6dcKQ-NiNjrg', /character 5 'I'.*'1'/],
    ['3PVn!-PbAuzW-6dcKQ-NiNjrg', /character 5 '!'.*allowed characters/],
  ])('%s is refused with a helpful message', (input, message) => {
    expect(() => parseCredential(input)).toThrow(CryptoError);
    expect(() => parseCredential(input)).toThrow(message);
  });

  test('round trip (property)', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...BASE58_ALPHABET), { minLength: 22, maxLength: 22 }), (d) => parseCredential(formatCredential(d.join(''))) === formatCredential(d.join(''))));
  });
});

describe('deterministic derivation from seed and serial', () => {
  const seed = new Uint8Array(32).fill(7);
  test('same inputs give the same credential; serial, uuid and seed all matter', () => {
    const a = deriveCredentialFromSeed(seed, 'ksgjENsk1n9bhA', 'P-000001');
    expect(a).toMatch(FORMAT);
    expect(deriveCredentialFromSeed(seed, 'ksgjENsk1n9bhA', 'P-000001')).toBe(a);
    expect(deriveCredentialFromSeed(seed, 'ksgjENsk1n9bhA', 'P-000002')).not.toBe(a);
    expect(deriveCredentialFromSeed(seed, 'ksgjENsk1n9bhB', 'P-000001')).not.toBe(a);
    expect(deriveCredentialFromSeed(new Uint8Array(32).fill(8), 'ksgjENsk1n9bhA', 'P-000001')).not.toBe(a);
  });

  test('the derived credential parses and yields a public credential', () => {
    const c = deriveCredentialFromSeed(seed, 'ksgjENsk1n9bhA', '42');
    expect(publicCredentialHex('ksgjENsk1n9bhA', parseCredential(c))).toMatch(/^[0-9a-f]{64}$/);
  });

  test('short seeds and separator characters are refused', () => {
    expect(() => deriveCredentialFromSeed(new Uint8Array(16), 'ksgjENsk1n9bhA', '1')).toThrow(/32 bytes/);
    expect(() => deriveCredentialFromSeed(seed, 'ksgjENsk1n9bhA', 'a|b')).toThrow(CryptoError);
  });
});

describe('public credential lists', () => {
  const hex = publicCredentialHex('ksgjENsk1n9bhA', '3PVnd-PbAuzW-6dcKQ-NiNjrg');
  test('weights are parsed, duplicates reported', () => {
    const set = parsePublicCredentials(JSON.stringify([`${hex},90000000000`, `${hex},2`]));
    expect(set.list[0].weight).toBe(90000000000n);
    expect(set.duplicates).toEqual([hex]);
  });
  test.each([',0', ',-1', ',01', ',1.5', ',x'])('weight %s is refused', (w) => {
    expect(() => parsePublicCredentials(JSON.stringify([`${hex}${w}`]))).toThrow(CryptoError);
  });
});
