// Setup checks (specification "Audit", belenios-protocol.md §13): setup_data hashes, trustee
// proofs and Pedersen data, election key = product of sub-keys, public credentials valid and
// distinct.
import { decodeUtf8 } from 'src/crypto/encoding/json';
import { isCryptoError } from 'src/crypto/errors';
import { group } from 'src/crypto/group';
import { parseElection, type Election } from 'src/crypto/election/election';
import { parsePublicCredentials, serializePublicCredentials, type PublicCredentialSet } from 'src/crypto/credential/public-credentials';
import { verifyThresholdParameters } from 'src/crypto/trustees/pedersen';
import { verifyTrusteePok } from 'src/crypto/trustees/trustee-key';
import { combineTrusteeKeys, parseTrustees, serializeTrustees, type TrusteeKind } from 'src/crypto/trustees/trustees';
import type { Reporter } from 'src/crypto/verify/report';

export interface SetupState {
  election: Election;
  trustees: TrusteeKind[];
  credentials: PublicCredentialSet;
}

function attempt<T>(r: Reporter, id: string, title: string, where: string, f: () => T): T | undefined {
  try {
    const v = f();
    r.pass(id, title);
    return v;
  } catch (e) {
    if (!isCryptoError(e)) throw e;
    r.fail(id, title, where, `${e.reason}: ${e.message}`);
    return undefined;
  }
}

export function verifySetup(r: Reporter, electionRaw: Uint8Array, trusteesRaw: Uint8Array, credentialsRaw: Uint8Array): SetupState | undefined {
  const election = attempt(r, 'setup.election', 'Election parses (Ed25519, homomorphic questions, valid key)', 'election', () => parseElection(electionRaw));
  if (election) {
    // Hashes are over the stored bytes; a non-canonical rendering is still worth noting.
    const t = decodeUtf8(electionRaw, 'election');
    if (t !== election.raw) r.warn('setup.election_canonical', 'Election JSON is in canonical form', 'election bytes differ from the canonical serialisation');
  }
  const trustees = attempt(r, 'setup.trustees', 'Trustees parse (every point checked)', 'trustees', () => parseTrustees(trusteesRaw));
  if (trustees) {
    r.check('setup.trustees_canonical', 'Trustees JSON is in canonical form', serializeTrustees(trustees) === decodeUtf8(trusteesRaw, 'trustees'), 'trustees', 'not the canonical compact serialisation');
    trustees.forEach((t, i) => {
      if (t.kind === 'Single') {
        r.check('trustees.pok', 'Trustee proofs of knowledge', verifyTrusteePok(t.key), `trustees[${i}]`, 'proof of knowledge of the secret key does not verify');
        if (t.key.signature !== undefined) r.note('trustees.pok', 'Trustee proofs of knowledge', `trustees[${i}] carries an unused signature field`);
        return;
      }
      for (const c of verifyThresholdParameters(t.parameters, `trustees[${i}]`)) {
        if (c.warning) r.warn('trustees.pedersen_vk_signature', 'Pedersen verification keys carry the 3.x signature', `${c.name}: ${c.reason}`);
        else if (c.name.endsWith('.signature') && c.name.includes('verification_keys')) r.check('trustees.pedersen_vk_signature', 'Pedersen verification keys carry the 3.x signature', c.ok, c.name, c.reason ?? '');
        else r.check('trustees.pedersen', 'Pedersen threshold parameters (certs, coefexps, signatures, verification keys)', c.ok, c.name, c.reason ?? '');
      }
    });
  }
  const credentials = attempt(r, 'credentials.valid', 'Public credentials are valid points with valid weights', 'public_credentials', () => parsePublicCredentials(credentialsRaw));
  if (credentials) {
    r.check('credentials.distinct', 'Public credentials are distinct', credentials.duplicates.length === 0, 'public_credentials', `duplicated: ${credentials.duplicates.slice(0, 3).join(', ')}`);
    r.check('credentials.canonical', 'Public credentials JSON is in canonical form', serializePublicCredentials(credentials.list) === decodeUtf8(credentialsRaw, 'public_credentials'), 'public_credentials', 'not the canonical compact serialisation');
  }
  if (election && trustees) {
    r.check('setup.election_key', 'Election key is the product of the trustee sub-keys', group().equals(combineTrusteeKeys(trustees), election.publicKey), 'election.public_key', 'does not match the trustees');
  }
  if (!election || !trustees || !credentials) return undefined;
  return { election, trustees, credentials };
}
