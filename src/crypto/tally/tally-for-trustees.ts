// What a trustee decrypts: the election, the trustee list and the encrypted tally, as raw text
// (the exact bytes the record holds, so the fingerprint φ and the owners are the record's).
// From `GET /elections/:id/tally/for-trustees` (docs/TALLY.md) or from a .bel that holds an
// EncryptedTally event.
import { readArchive } from 'src/crypto/archive/archive-reader';
import { parseSetupData } from 'src/crypto/archive/event';
import { asInt, asObject, asString, decodeUtf8, expectFields, parseJson } from 'src/crypto/encoding/json';
import { CryptoError } from 'src/crypto/errors';

export interface TallyForTrustees {
  election: string;
  trustees: string;
  encryptedTally: string;
  /** The server's election id, when the input says (the for-trustees JSON does; a .bel does not). */
  electionId?: string;
  /** The Belenios uuid the input claims; checked against the election's. */
  uuid?: string;
}

/** The `for-trustees` answer: `{ electionId, uuid, election, trustees, encryptedTally, … }`. */
export function parseForTrusteesJson(text: string, path = 'for-trustees'): TallyForTrustees {
  const o = asObject(parseJson(text, path), path);
  // Other fields (numTallied, totalWeight, …) are the server's to add; only these are used.
  return {
    election: asString(o.election, `${path}.election`),
    trustees: asString(o.trustees, `${path}.trustees`),
    encryptedTally: asString(o.encryptedTally, `${path}.encryptedTally`),
    ...(o.electionId === undefined ? {} : { electionId: asString(o.electionId, `${path}.electionId`) }),
    ...(o.uuid === undefined ? {} : { uuid: asString(o.uuid, `${path}.uuid`) }),
  };
}

/** The setup and the encrypted tally of a .bel; refused when the archive has no EncryptedTally yet. */
export function readTallyFromArchive(bytes: Uint8Array, path = 'archive'): TallyForTrustees {
  const data = new Map<string, Uint8Array>();
  let setupHash: string | undefined;
  let tallyHash: string | undefined;
  for (const r of readArchive(bytes)) {
    if (r.kind === 'data') {
      if (!r.hashOk) throw new CryptoError('invalid_archive', `${path}/${r.entry.name}`, 'the entry does not match its hash (damaged archive)');
      data.set(r.hash, r.entry.body);
    } else if (r.kind === 'event') {
      if (r.event.type === 'Setup') setupHash = r.event.payload;
      if (r.event.type === 'EncryptedTally') tallyHash = r.event.payload;
    }
  }
  const body = (hash: string | undefined, what: string): string => {
    const b = hash === undefined ? undefined : data.get(hash);
    if (!b) throw new CryptoError('invalid_archive', path, `the ${what} is missing from the archive`);
    return decodeUtf8(b, `${path}/${what}`);
  };
  if (setupHash === undefined) throw new CryptoError('invalid_archive', path, 'no Setup event: this is not an election archive');
  if (tallyHash === undefined) throw new CryptoError('invalid_archive', path, 'no EncryptedTally event: the tally has not been computed in this archive yet');
  const setup = parseSetupData(body(setupHash, 'setup data'), `${path}/setup`);
  const sized = asObject(parseJson(body(tallyHash, 'sized encrypted tally'), `${path}/sized_encrypted_tally`), `${path}/sized_encrypted_tally`);
  expectFields(sized, `${path}/sized_encrypted_tally`, ['num_tallied', 'total_weight', 'encrypted_tally']);
  asInt(sized.num_tallied, `${path}/sized_encrypted_tally.num_tallied`);
  return {
    election: body(setup.election, 'election'),
    trustees: body(setup.trustees, 'trustees'),
    encryptedTally: body(asString(sized.encrypted_tally, `${path}/sized_encrypted_tally.encrypted_tally`), 'encrypted tally'),
  };
}

const BEL_MAGIC = 'BELENIOS';

/** A .bel (a tar whose first entry is BELENIOS) or the for-trustees JSON, told apart by content. */
export function readTallyForTrustees(bytes: Uint8Array, path = 'record'): TallyForTrustees {
  const first = new TextDecoder().decode(bytes.subarray(0, BEL_MAGIC.length));
  if (first === BEL_MAGIC) return readTallyFromArchive(bytes, path);
  return parseForTrusteesJson(decodeUtf8(bytes, path), path);
}
