import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { derivePackSecrets, electionSeed } from 'src/packs/pack-secrets';
import { PackEntity } from 'src/packs/pack.entity';
import { openElection } from 'test/support/open-election';
import { TestApp } from 'test/support/test-app';
import { CreateElectionDto } from 'src/elections/elections.dto';

/**
 * The paper IDs printed for an election, re-derived from the test credential seed exactly as
 * the print run does (the database keeps only their hashes). One per pack, spares included.
 */
export async function printedPaperIds(t: TestApp, electionId: string): Promise<string[]> {
  const e = await t.get(ElectionsService).get(electionId);
  const seed = electionSeed(t.config.packs.credentialSeed!, e.beleniosUuid);
  const packs = await t.dataSource.getRepository(PackEntity).find({ where: { electionId }, order: { serial: 'ASC' } });
  return packs.map((p) => derivePackSecrets(seed, e.beleniosUuid, p.serial).paperId);
}

/** An election taken past both deadlines to `counting`, with the paper IDs printed for it. */
export async function countingElection(t: TestApp, overrides: Partial<CreateElectionDto> = {}): Promise<{ election: ElectionEntity; paperIds: string[] }> {
  const opened = await openElection(t, overrides);
  const elections = t.get(ElectionsService);
  for (const to of ['online_closed', 'postal_closed', 'counting'] as const) await elections.transition(opened.id, to, SYSTEM);
  return { election: await elections.get(opened.id), paperIds: await printedPaperIds(t, opened.id) };
}
