// What the voter's browser needs from src/crypto, bundled by scripts/build-booth.js into
// /booth/assets/booth-crypto.js. Pure src/crypto on @noble/* only (never src/crypto/native):
// the ballot is built on the voter's device, so no plaintext choice reaches the server.
// Randomness is crypto.getRandomValues (src/crypto/group/scalar.ts).
import { createBallot } from 'src/crypto/ballot/create-ballot';
import { parseCredential, publicCredentialHex } from 'src/crypto/credential/credential';
import { parseElection, type Election } from 'src/crypto/election/election';
import { isCryptoError } from 'src/crypto/errors';

export type BoothElection = Election;

/** The election as `GET …/ballot-box/election` gives it; throws a CryptoError if malformed. */
export function readElection(raw: string): BoothElection {
  return parseElection(raw);
}

export type CredentialCheck = { ok: true; credential: string } | { ok: false; detail: string };

/**
 * What the voter typed, as a credential or the helpful reason it is not one (position and
 * look-alike hints, from parseCredential). Never throws: the page shows `detail`.
 */
export function checkCredential(input: string): CredentialCheck {
  try {
    return { ok: true, credential: parseCredential(input) };
  } catch (e) {
    // The detail without the field path ("credential: …"): the page names the field itself.
    if (isCryptoError(e)) return { ok: false, detail: e.path ? e.message.slice(e.path.length + 2) : e.message };
    throw e;
  }
}

/**
 * Encrypt, prove and sign a ballot. `choices[i]` is question i's 0/1 vector, blank flag first
 * when the question allows blank. `ballot` is the exact JSON to post; `tracker` its hash.
 */
export function buildBallot(election: BoothElection, credential: string, choices: number[][]): { ballot: string; tracker: string } {
  const { raw, tracker } = createBallot(election, credential, choices);
  return { ballot: raw, tracker };
}

/** The public credential (64 hex) of a credential for this election, as the board lists it. */
export function publicCredential(election: BoothElection, credential: string): string {
  return publicCredentialHex(election.uuid, parseCredential(credential));
}
