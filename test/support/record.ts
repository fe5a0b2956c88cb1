import { castAll, demoArchive, demoSetup } from 'src/crypto/testing/demo-election';
import { SupersededBallot, TallyOutcome } from 'src/record/tally-outcome';

/**
 * A stand-in for the tally module in record tests: a real tallied `.bel` from the demo election
 * (not this election's — the record builder only copies it), one superseded ballot naming a
 * postal credential the test chooses, and a fixed merged result.
 */
export function fakeTallyOutcome(): TallyOutcome & { archive: Uint8Array; supersededBallots: SupersededBallot[]; result: object } {
  const demo = demoSetup({ voters: 3 });
  const ballots = castAll(demo, [[[1, 0]], [[0, 1]], [[1, 0]]]);
  const archive = demoArchive(demo, ballots.slice(0, 2)).bytes;
  const [, , third] = demo.credentials.list;
  const fake = {
    archive,
    supersededBallots: [{ tracker: 'tracker-of-the-third-ballot', credential: third.hex, postalCredential: third.hex, ballot: ballots[2] }],
    result: { election: 'fixed', questions: [], online: { ballots: 2, weight: 2 } },
    onlineArchive: async () => fake.archive,
    superseded: async () => fake.supersededBallots,
    mergedResult: async () => fake.result,
  };
  return fake;
}
