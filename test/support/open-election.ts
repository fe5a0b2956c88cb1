import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { PackGenerationService } from 'src/packs/pack-generation.service';
import { CreateElectionDto } from 'src/elections/elections.dto';
import { electionInput } from 'test/support/factories';
import { commitRoll, members, RowFields } from 'test/support/roll';
import { TestApp } from 'test/support/test-app';

/** An election taken through the lifecycle to `open`, with its online window around now. */
export async function openElection(t: TestApp, overrides: Partial<CreateElectionDto> = {}, roll: RowFields[] = members(1, 5)): Promise<ElectionEntity> {
  const hour = 3600_000;
  const base = electionInput(overrides);
  const elections = t.get(ElectionsService);
  const e = await elections.create(
    {
      ...base,
      timeline: {
        onlineOpensAt: new Date(Date.now() - hour).toISOString(),
        onlineClosesAt: new Date(Date.now() + 24 * hour).toISOString(),
        postalDeadline: new Date(Date.now() + 48 * hour).toISOString(),
        timeZone: 'UTC',
        ...overrides.timeline,
      },
    },
    SYSTEM,
  );
  await commitRoll(t, e.id, roll);
  await elections.transition(e.id, 'roll_frozen', SYSTEM);
  // The print run moves the election to packs_ready when it completes.
  await t.get(PackGenerationService).generate({ electionId: e.id, template: 'default', language: 'en' }, { jobId: 'test', attempt: 1, reportProgress: async () => undefined });
  await elections.transition(e.id, 'open', SYSTEM);
  return elections.get(e.id);
}
