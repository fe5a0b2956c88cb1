import { parseElection } from 'src/crypto/election/election';
import { parseEncryptedTally } from 'src/crypto/tally/encrypted-tally';
import { computePartialDecryption, serializePartialDecryption } from 'src/crypto/tally/partial-decryption';
import { TestApp } from 'test/support/test-app';

/** Polls `GET /elections/:id/tally` until it reaches `status` (the tally.encrypt job runs in-process). */
export async function waitForTally(t: TestApp, electionId: string, status: string, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.http().get(`/elections/${electionId}/tally`).expect(200);
    if (res.body.status === status) return res.body as Record<string, unknown>;
    if (Date.now() > until) throw new Error(`tally of ${electionId} is ${res.body.status}, not ${status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What a trustee's tool does with `for-trustees`: the partial decryption of the tally with this secret, as JSON text. */
export async function partialFor(t: TestApp, electionId: string, secret: bigint): Promise<string> {
  const body = (await t.http().get(`/elections/${electionId}/tally/for-trustees`).expect(200)).body as { election: string; encryptedTally: string };
  return serializePartialDecryption(computePartialDecryption(parseElection(body.election).fingerprint, parseEncryptedTally(body.encryptedTally), secret));
}
