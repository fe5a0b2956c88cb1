// What the trustee's browser needs from src/crypto, bundled by scripts/build-booth.js into
// /trustee/assets/trustee-crypto.js. Pure src/crypto on @noble/* only: the private key is made,
// read and used on the trustee's device; the page sends only public keys and proven partial
// decryptions. Randomness is crypto.getRandomValues (src/crypto/group/scalar.ts).
import { sha256Hex } from 'src/crypto/encoding/sha256';
import { isCryptoError } from 'src/crypto/errors';
import { group } from 'src/crypto/group';
import { parseForTrusteesJson } from 'src/crypto/tally/tally-for-trustees';
import { decryptAsTrustee, TrusteeDecryptionError, type TrusteeDecryptionErrorCode } from 'src/crypto/tally/trustee-decryption';
import { generateSingleTrustee, serializeTrusteePublicKey } from 'src/crypto/trustees/trustee-key';
import { matchTrustee, parseTrusteeRows } from 'src/crypto/trustees/trustee-rows';
import { parseTrusteeSecret, publicPartOf, type TrusteeSecret } from 'src/crypto/trustees/trustee-secret';

/** Why a step failed, for the page to say in the trustee's language (`detail` is technical). */
export type Problem = { ok: false; code: 'key_invalid' | 'record_invalid' | 'trustees_invalid' | TrusteeDecryptionErrorCode; detail: string };

const problem = (code: Problem['code'], e: unknown): Problem => {
  // Without the field path ("key file: …"): the page names the field itself.
  if (isCryptoError(e)) return { ok: false, code, detail: e.path ? e.message.slice(e.path.length + 2) : e.message };
  if (e instanceof TrusteeDecryptionError) return { ok: false, code, detail: e.message };
  throw e;
};

export interface NewKey {
  /** Short name for the files: the first 12 hex of the public key's SHA-256 (as `trustee keygen`). */
  id: string;
  /** The .privkey file's text, as `trustee keygen` and belenios-tool write it. */
  privateKeyFile: string;
  /** The Belenios trustee_public_key JSON the administrator registers. */
  publicKey: string;
}

export function generateKey(): NewKey {
  const { secret, publicKey } = generateSingleTrustee();
  const pub = serializeTrusteePublicKey(publicKey);
  return { id: sha256Hex(pub).slice(0, 12), privateKeyFile: `${JSON.stringify(secret.toString())}\n`, publicKey: pub };
}

function readKey(text: string): { ok: true; secret: TrusteeSecret } | Problem {
  try {
    return { ok: true, secret: parseTrusteeSecret(text, 'key file') };
  } catch (e) {
    return problem('key_invalid', e);
  }
}

export type KeyCheck =
  | { ok: true; found: false; publicKey: string }
  | { ok: true; found: true; publicKey: string; owner: number; name: string; member: number; group?: { size: number; threshold: number } }
  | Problem;

/** Is the key in this file among the trustees `GET /elections/:id/trustees` lists? */
export function checkKey(keyText: string, trusteeRows: unknown): KeyCheck {
  const key = readKey(keyText);
  if (!key.ok) return key;
  const X = publicPartOf(key.secret);
  const publicKey = group().encode(X);
  let listed;
  try {
    listed = parseTrusteeRows(trusteeRows);
  } catch (e) {
    return problem('trustees_invalid', e);
  }
  const m = matchTrustee(listed, X);
  if (!m) return { ok: true, found: false, publicKey };
  return { ok: true, found: true, publicKey, owner: m.owner, name: m.name, member: m.member, ...(m.group ? { group: { size: m.group.size, threshold: m.group.threshold } } : {}) };
}

export type Decryption = { ok: true; owner: number; upload: string } | Problem;

/**
 * The partial decryption of the tally in `forTrusteesText` (`GET …/tally/for-trustees`) with
 * the key in `keyText`, already verified: `upload` is the body of `POST …/partial-decryptions`.
 */
export function decryptTally(forTrusteesText: string, keyText: string): Decryption {
  const key = readKey(keyText);
  if (!key.ok) return key;
  let input;
  try {
    input = parseForTrusteesJson(forTrusteesText);
  } catch (e) {
    return problem('record_invalid', e);
  }
  try {
    const { owner, upload } = decryptAsTrustee(input, key.secret);
    return { ok: true, owner, upload };
  } catch (e) {
    if (e instanceof TrusteeDecryptionError) return problem(e.code, e);
    return problem('record_invalid', e);
  }
}
