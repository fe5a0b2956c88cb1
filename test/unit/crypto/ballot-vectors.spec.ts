// Every ballot cast in the reference vectors verifies, every private credential derives a listed
// public credential, and ballots we create for those elections verify (blank and non-blank).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseElection } from 'src/crypto/election/election';
import { parsePublicCredentials } from 'src/crypto/credential/public-credentials';
import { publicCredentialHex } from 'src/crypto/credential/credential';
import { verifyBallot } from 'src/crypto/ballot/verify-ballot';
import { createBallot } from 'src/crypto/ballot/create-ballot';
import { POSITIVE_CASES, readBallotLines, readVectorJson, vectorDir } from 'test/support/vectors';

function loadCase(c: string) {
  const election = parseElection(fs.readFileSync(path.join(vectorDir(c), 'setup/election.json'), 'utf8').trim());
  // setup/public_creds.json still has the ",weight,voterid" columns given to the authority.
  const entries = readVectorJson<string[]>(c, 'setup/public_creds.json').map((s) => s.split(',').slice(0, 2).filter((x) => x !== '').join(','));
  const creds = parsePublicCredentials(JSON.stringify(entries));
  const priv = Object.values(readVectorJson<Record<string, string>>(c, 'private_creds.json'));
  return { election, creds, priv };
}

describe('ballots of the reference vectors', () => {
  test.each(POSITIVE_CASES)('%s: credentials derive, cast ballots verify, our ballots verify', (c) => {
    const { election, creds, priv } = loadCase(c);
    for (const v of priv) expect(creds.byHex.has(publicCredentialHex(election.uuid, v))).toBe(true);
    for (const line of readBallotLines(c)) {
      const r = verifyBallot(election, creds.byHex, line);
      expect(r.checks.filter((x) => !x.ok)).toEqual([]);
    }
    const vote = election.questions.map((q) => (q.blank ? [0, 1, ...q.answers.slice(1).map(() => 0)] : [1, ...q.answers.slice(1).map(() => 0)]));
    const created = createBallot(election, priv[0], vote);
    expect(verifyBallot(election, creds.byHex, created.raw).checks.filter((x) => !x.ok)).toEqual([]);
    if (election.questions.some((q) => q.blank)) {
      const blank = election.questions.map((q) => (q.blank ? [1, ...q.answers.map(() => 0)] : [1, ...q.answers.slice(1).map(() => 0)]));
      expect(verifyBallot(election, creds.byHex, createBallot(election, priv[1], blank).raw).ok).toBe(true);
    }
  });
});
