// Builds complete elections with our own code (trustees, credentials, ballots, archive) for
// tests, benchmarks and demos. Pure crypto (no Node APIs): also usable to seed a dev database.
import { generateCredential, publicCredentialHex } from 'src/crypto/credential/credential';
import { parsePublicCredentials, serializePublicCredentials } from 'src/crypto/credential/public-credentials';
import { makeElection, type Election } from 'src/crypto/election/election';
import type { Question } from 'src/crypto/election/question';
import { generateUuid } from 'src/crypto/election/uuid';
import { createBallot } from 'src/crypto/ballot/create-ballot';
import { writeElectionArchive } from 'src/crypto/archive/write-archive';
import { computePartialDecryption } from 'src/crypto/tally/partial-decryption';
import { generatePedersen } from 'src/crypto/trustees/pedersen';
import { generateSingleTrustee } from 'src/crypto/trustees/trustee-key';
import { combineTrusteeKeys, parseTrustees, serializeTrustees, type TrusteeKind } from 'src/crypto/trustees/trustees';

export interface DemoOptions {
  questions?: Question[];
  voters?: number;
  weights?: bigint[];
  threshold?: { n: number; k: number; decryptors: number[] };
  singles?: number;
}

export const LEADER: Question = { answers: ['Alice', 'Bob'], blank: false, min: 1, max: 1, question: 'Leader' };
export const COMMITTEE_BLANK: Question = { answers: ['Carol', 'Dave', 'Eve'], blank: true, min: 1, max: 2, question: 'Committee' };

export function demoSetup(opts: DemoOptions = {}) {
  const singles = Array.from({ length: opts.singles ?? 1 }, generateSingleTrustee);
  const kinds: TrusteeKind[] = singles.map((s) => ({ kind: 'Single', key: s.publicKey }));
  let pedersen: ReturnType<typeof generatePedersen> | undefined;
  if (opts.threshold) {
    pedersen = generatePedersen(opts.threshold.n, opts.threshold.k);
    kinds.push({ kind: 'Pedersen', parameters: pedersen.parameters });
  }
  const trusteesRaw = serializeTrustees(kinds);
  const trustees = parseTrustees(trusteesRaw);
  const uuid = generateUuid();
  const election: Election = makeElection({ description: 'Demo election', name: 'Demo', publicKey: combineTrusteeKeys(trustees), questions: opts.questions ?? [LEADER], uuid });
  const voters = opts.voters ?? 5;
  const privateCreds = Array.from({ length: voters }, generateCredential);
  const credentialsRaw = serializePublicCredentials(privateCreds.map((c, i) => ({ hex: publicCredentialHex(uuid, c), weight: opts.weights?.[i] ?? 1n })));
  const credentials = parsePublicCredentials(credentialsRaw);
  const secrets = [...singles.map((s) => s.secret), ...(pedersen?.trustees.map((t) => t.share) ?? [])];
  return { election, trustees, trusteesRaw, credentials, credentialsRaw, privateCreds, secrets, decryptors: opts.threshold?.decryptors };
}

export type DemoSetup = ReturnType<typeof demoSetup>;

/** Archive with the given ballots, tallied and decrypted by the singles and chosen Pedersen members. */
export function demoArchive(setup: DemoSetup, ballots: readonly string[], timestamp = 1795344879) {
  const singles = setup.trustees.filter((t) => t.kind === 'Single').length;
  const owners = [...Array.from({ length: singles }, (_, i) => i + 1), ...(setup.decryptors ?? []).map((d) => singles + d)];
  return writeElectionArchive({
    timestamp,
    election: setup.election,
    trustees: setup.trustees,
    trusteesRaw: setup.trusteesRaw,
    credentials: setup.credentials,
    credentialsRaw: setup.credentialsRaw,
    ballots,
    decrypt: (tally) => owners.map((owner) => ({ owner, partial: computePartialDecryption(setup.election.fingerprint, tally, setup.secrets[owner - 1]) })),
  });
}

export function castAll(setup: DemoSetup, votes: readonly (readonly (readonly number[])[])[]): string[] {
  return votes.map((v, i) => createBallot(setup.election, setup.privateCreds[i % setup.privateCreds.length], v).raw);
}
