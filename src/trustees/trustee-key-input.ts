import { parseJson, type Json } from 'src/crypto/encoding/json';
import { isCryptoError } from 'src/crypto/errors';
import { parseThresholdParameters, serializeThresholdParameters, verifyThresholdParameters } from 'src/crypto/trustees/pedersen';
import { parseTrusteePublicKey, serializeTrusteePublicKey, verifyTrusteePok } from 'src/crypto/trustees/trustee-key';
import { trusteeError } from 'src/trustees/trustees.errors';

/**
 * A Belenios single trustee public key as uploaded (the JSON object, or that JSON as a string),
 * checked — every point decoded with its checks, the proof of knowledge of the secret verified —
 * and returned in its canonical serialisation, the bytes that go into trustees.json.
 */
export function checkedTrusteeKey(input: unknown): string {
  try {
    const json = typeof input === 'string' ? parseJson(input, 'publicKey') : (input as Json);
    const key = parseTrusteePublicKey(json, 'publicKey');
    if (key.signature !== undefined) {
      throw trusteeError('invalid_trustee_key', 'A single trustee key carries no signature (that is a Pedersen verification key).', { reason: 'invalid_structure' });
    }
    if (!verifyTrusteePok(key)) {
      throw trusteeError('invalid_trustee_key', 'The proof of knowledge of the secret key does not verify.', { reason: 'invalid_pok' });
    }
    return serializeTrusteePublicKey(key);
  } catch (e) {
    if (isCryptoError(e)) throw trusteeError('invalid_trustee_key', `The trustee key is not valid: ${e.message}`, { reason: e.reason, path: e.path });
    if (e instanceof TypeError) throw trusteeError('invalid_trustee_key', 'The trustee key is not a Belenios trustee public key.', { reason: 'invalid_structure' });
    throw e;
  }
}

/**
 * A Belenios `threshold_parameters` object (a Pedersen group from one key ceremony), checked in
 * full — certificates, coefficient commitments and their signatures, verification keys with
 * their proofs and 3.x signatures — and returned in its canonical serialisation. The first
 * failing check is the reason given.
 */
export function checkedThresholdParameters(input: unknown): { canonical: string; members: number; threshold: number } {
  try {
    const json = typeof input === 'string' ? parseJson(input, 'parameters') : (input as Json);
    const parameters = parseThresholdParameters(json, 'parameters');
    const failed = verifyThresholdParameters(parameters, 'parameters').find((c) => !c.ok);
    if (failed) throw trusteeError('invalid_trustee_key', `The threshold parameters do not verify: ${failed.name}: ${failed.reason ?? 'failed'}.`, { reason: failed.name });
    return { canonical: serializeThresholdParameters(parameters), members: parameters.verificationKeys.length, threshold: parameters.threshold };
  } catch (e) {
    if (isCryptoError(e)) throw trusteeError('invalid_trustee_key', `The threshold parameters are not valid: ${e.message}`, { reason: e.reason, path: e.path });
    if (e instanceof TypeError) throw trusteeError('invalid_trustee_key', 'The parameters are not Belenios threshold parameters.', { reason: 'invalid_structure' });
    throw e;
  }
}
