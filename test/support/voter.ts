import { ElectionEntity } from 'src/elections/election.entity';
import { PackEntity } from 'src/packs/pack.entity';
import { derivePackSecrets, electionSeed } from 'src/packs/pack-secrets';
import { formatVotingId } from 'src/packs/codes';
import { TestApp } from 'test/support/test-app';

/** The Voting ID printed in a pack, re-derived from the test credential seed as the print run does. */
export function votingIdOf(t: TestApp, e: ElectionEntity, serial: number): string {
  const seed = t.config.packs.credentialSeed!;
  return formatVotingId(derivePackSecrets(electionSeed(seed, e.beleniosUuid), e.beleniosUuid, serial).votingId);
}

/** The serial of a member's current (active) pack. */
export async function packSerialOf(t: TestApp, e: ElectionEntity, memberNumber: string): Promise<number> {
  return (await t.dataSource.getRepository(PackEntity).findOneByOrFail({ electionId: e.id, memberNumber, status: 'active' })).serial;
}

/** The `hb_voter=…` pair of a sign-in response, ready for a Cookie header. */
export function voterCookie(setCookie: string[] | string | undefined): string {
  const cookies = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const found = cookies.find((c) => c.startsWith('hb_voter='));
  if (!found) throw new Error('no hb_voter cookie in the response');
  return found.split(';')[0];
}

/** Signs a member in over HTTP with their current pack's Voting ID; returns the Cookie header. */
export async function signInVoter(t: TestApp, e: ElectionEntity, memberNumber: string, secondFactor = '1980-01-01', address = '203.0.113.1'): Promise<string> {
  const votingId = votingIdOf(t, e, await packSerialOf(t, e, memberNumber));
  const res = await t.http().post(`/elections/${e.id}/voter/sign-in`).set('X-Forwarded-For', address).send({ votingId, secondFactor }).expect(200);
  return voterCookie(res.headers['set-cookie']);
}
