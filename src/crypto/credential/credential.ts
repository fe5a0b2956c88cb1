// Voter credentials (specification "Credentials"): 22 Base58 characters written
// XXXXX-XXXXXX-XXXXX-XXXXXX, no checksum. The secret exponent is
// x = int(SHA256hex("derive_credential|uuid|0|c") ‖ SHA256hex("derive_credential|uuid|1|c")) mod q
// and the public credential is g^x. Only this (3.x) format is generated or accepted.
import { BASE58_ALPHABET, base58Value, randomBase58 } from 'src/crypto/encoding/base58';
import { sha256Hex } from 'src/crypto/encoding/sha256';
import { CryptoError } from 'src/crypto/errors';
import { group, type GroupElement } from 'src/crypto/group';
import { Q } from 'src/crypto/group/scalar';

const GROUPS = [5, 6, 5, 6] as const;
export const CREDENTIAL_LENGTH = 22;

/** Lay out 22 Base58 digits as 5-6-5-6 groups. */
export function formatCredential(digits: string): string {
  if (digits.length !== CREDENTIAL_LENGTH) throw new CryptoError('invalid_argument', 'credential', 'need 22 digits');
  let at = 0;
  return GROUPS.map((n) => digits.slice(at, (at += n))).join('-');
}

/** A fresh random credential (unbiased Base58 digits from crypto.getRandomValues). */
export function generateCredential(): string {
  return formatCredential(randomBase58(CREDENTIAL_LENGTH));
}

const CONFUSIONS: Record<string, string> = {
  // Not "or the letter 'O'": O is not used either, and the voter would type it next.
  '0': "'0' (zero) is not used: did you mean 'o' (lower-case)? Credentials never contain 0, O, I or l",
  O: "'O' is not used: did you mean 'o' or 'Q'? Credentials never contain 0, O, I or l",
  I: "'I' is not used: did you mean '1', 'i' or 'J'? Credentials never contain 0, O, I or l",
  l: "'l' (lower-case L) is not used: did you mean '1' or 'i'? Credentials never contain 0, O, I or l",
};

/**
 * Parse what a voter typed. Surrounding whitespace is ignored and dashes may be omitted; any
 * other deviation is reported with the position (1-based, counting only credential characters)
 * and, for the usual look-alikes, a suggestion.
 */
export function parseCredential(input: string, path = 'credential'): string {
  const trimmed = input.trim();
  const compact = trimmed.replace(/[-\s]/g, '');
  if (trimmed.includes('-')) {
    const parts = trimmed.split('-');
    if (parts.length !== 4 || parts.some((p, i) => p.length !== GROUPS[i])) {
      throw new CryptoError('invalid_credential', path, `expected 4 groups of 5-6-5-6 characters (XXXXX-XXXXXX-XXXXX-XXXXXX), got ${parts.map((p) => p.length).join('-')}`);
    }
  }
  for (let i = 0; i < compact.length; i++) {
    const c = compact[i];
    if (base58Value(c) === undefined) {
      const hint = CONFUSIONS[c] ?? `allowed characters are ${BASE58_ALPHABET}`;
      throw new CryptoError('invalid_credential', path, `character ${i + 1} '${c}' is not valid: ${hint}`);
    }
  }
  if (compact.length !== CREDENTIAL_LENGTH) {
    throw new CryptoError('invalid_credential', path, `a credential has ${CREDENTIAL_LENGTH} characters, got ${compact.length}`);
  }
  return formatCredential(compact);
}

/** Secret exponent x of a (well-formed) credential for an election uuid. */
export function deriveCredentialSecret(uuid: string, credential: string): bigint {
  const x0 = sha256Hex(`derive_credential|${uuid}|0|${credential}`);
  const x1 = sha256Hex(`derive_credential|${uuid}|1|${credential}`);
  return BigInt('0x' + x0 + x1) % Q;
}

export function derivePublicCredential(uuid: string, credential: string): GroupElement {
  return group().g.mulSecret(deriveCredentialSecret(uuid, credential));
}

export function publicCredentialHex(uuid: string, credential: string): string {
  return group().encode(derivePublicCredential(uuid, credential));
}
