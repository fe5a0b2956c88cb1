import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ballotTracker } from 'src/crypto/ballot/ballot';
import { verifyBallot } from 'src/crypto/ballot/verify-ballot';
import { publicCredentialHex } from 'src/crypto/credential/credential';
import { COMMITTEE_BLANK, demoSetup, LEADER } from 'src/crypto/testing/demo-election';

// The bundle the voter's browser loads, built as `npm run build` builds it, then run as an ES
// module in a separate Node process (no jest transform, no moduleNameMapper: only what the
// bundle itself contains). Its ballots must pass the server's verification.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildBooth } = require('../../../scripts/build-booth.js') as {
  buildBooth: (o: { quiet: boolean }) => Promise<{ file: string; bytes: number; inputs: string[] }>;
};

describe('booth-crypto browser bundle', () => {
  let built: { file: string; bytes: number; inputs: string[] };
  beforeAll(async () => {
    built = await buildBooth({ quiet: true });
  }, 30_000);

  it('holds src/crypto on @noble/* only: no native backend, no Node module', () => {
    const outside = built.inputs.filter((i) => !/^(src\/crypto\/|src\/booth-page\/browser\/|node_modules\/@noble\/)/.test(i));
    expect(outside).toEqual([]);
    expect(built.inputs.filter((i) => i.includes('/native/'))).toEqual([]);
    // Minified, it is ~48 KiB (~19 KiB gzip); a jump means something big was pulled in.
    expect(built.bytes).toBeLessThan(80 * 1024);
  });

  it('builds ballots the server verifies, for radio, multiple-choice and blank questions', () => {
    const setup = demoSetup({ questions: [LEADER, COMMITTEE_BLANK], voters: 2 });
    const credential = setup.privateCreds[0];
    const script = `
      const b = await import(${JSON.stringify(pathToFileURL(built.file).href)});
      const election = b.readElection(process.env.ELECTION);
      const cast = b.buildBallot(election, process.env.CREDENTIAL.replaceAll('-', ''), [[0, 1], [1, 0, 0, 0]]);
      const again = b.buildBallot(election, process.env.CREDENTIAL, [[1, 0], [0, 1, 0, 1]]);
      console.log(JSON.stringify({
        cast, again,
        pub: b.publicCredential(election, process.env.CREDENTIAL),
        typo: b.checkCredential('0' + process.env.CREDENTIAL.slice(1)),
        short: b.checkCredential('abc'),
        ok: b.checkCredential(' ' + process.env.CREDENTIAL.toString() + ' '),
      }));`;
    const out = JSON.parse(
      execFileSync(process.execPath, ['--input-type=module', '-e', script], {
        env: { PATH: process.env.PATH, ELECTION: setup.election.raw, CREDENTIAL: credential },
        cwd: path.dirname(built.file),
      }).toString(),
    );
    for (const c of [out.cast, out.again]) {
      const v = verifyBallot(setup.election, setup.credentials.byHex, c.ballot);
      expect(v.failed).toBeUndefined();
      expect(v.ok).toBe(true);
      expect(v.credentialHex).toBe(publicCredentialHex(setup.election.uuid, credential));
      expect(c.tracker).toBe(ballotTracker(c.ballot));
    }
    // Fresh randomness every time: two ballots never share a tracker.
    expect(out.again.tracker).not.toBe(out.cast.tracker);
    expect(out.pub).toBe(publicCredentialHex(setup.election.uuid, credential));
    expect(out.typo).toEqual({ ok: false, detail: expect.stringMatching(/^character 1 '0' is not valid: '0' \(zero\) is not used/) });
    expect(out.short).toEqual({ ok: false, detail: 'a credential has 22 characters, got 3' });
    expect(out.ok).toEqual({ ok: true, credential });
  }, 30_000);
});
