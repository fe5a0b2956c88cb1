import { createBallot } from 'src/crypto/ballot/create-ballot';
import { parseElection, type Election } from 'src/crypto/election/election';
import { choiceCount, type Question } from 'src/crypto/election/question';
import { BallotBoxSetupEntity } from 'src/ballot-box/ballot-box.entities';
import { Voter } from 'src/ballot-box/voter';
import { ElectionsService } from 'src/elections/elections.service';
import { derivePackSecrets, electionSeed } from 'src/packs/pack-secrets';
import { PackEntity } from 'src/packs/pack.entity';
import { TestApp } from 'test/support/test-app';

/** The election.json fixed when a test election opened. */
export async function setupElection(t: TestApp, electionId: string): Promise<Election> {
  const setup = await t.dataSource.getRepository(BallotBoxSetupEntity).findOneByOrFail({ electionId });
  return parseElection(setup.electionRaw);
}

/** The private credential printed on a pack, re-derived from the test seed as the print run does. */
export async function packCredential(t: TestApp, electionId: string, serial: number): Promise<string> {
  const e = await t.get(ElectionsService).get(electionId);
  return derivePackSecrets(electionSeed(t.config.packs.credentialSeed!, e.beleniosUuid), e.beleniosUuid, serial).credential;
}

/** The voter a sign-in with this member's current pack gives. */
export async function voterFor(t: TestApp, electionId: string, memberNumber: string): Promise<Voter> {
  const pack = await t.dataSource.getRepository(PackEntity).findOneOrFail({ where: { electionId, memberNumber, status: 'active' }, order: { serial: 'DESC' } });
  return { electionId, serial: pack.serial, memberNumber };
}

/** A valid choice for a question: `pick` (answer indexes, default the first `min` or one), blank flag first when allowed. */
export function choice(q: Question, pick?: number[]): number[] {
  const chosen = pick ?? Array.from({ length: Math.max(q.min, 1) }, (_, i) => i);
  const answers = q.answers.map((_, i) => (chosen.includes(i) ? 1 : 0));
  const v = q.blank ? [0, ...answers] : answers;
  if (v.length !== choiceCount(q)) throw new Error('bad choice');
  return v;
}

/**
 * A valid ballot for pack `serial` of a test election, made as the booth makes it: encrypted for
 * the opened election, signed with the pack's credential. `picks[i]` chooses answers of question i.
 */
export async function ballotFor(t: TestApp, electionId: string, serial: number, picks: number[][] = []): Promise<{ raw: string; tracker: string; election: Election; credential: string }> {
  const election = await setupElection(t, electionId);
  const credential = await packCredential(t, electionId, serial);
  const { raw, tracker } = createBallot(election, credential, election.questions.map((q, i) => choice(q, picks[i])));
  return { raw, tracker, election, credential };
}
