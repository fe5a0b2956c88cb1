import { generateSingleTrustee } from 'src/crypto/trustees/trustee-key';
import { serializeTrusteePublicKey } from 'src/crypto/trustees/trustee-key';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { PackGenerationService } from 'src/packs/pack-generation.service';
import { CreateElectionDto } from 'src/elections/elections.dto';
import { TrusteesService } from 'src/trustees/trustees.service';
import { electionInput } from 'test/support/factories';
import { commitRoll, members, RowFields } from 'test/support/roll';
import { TestApp } from 'test/support/test-app';

/** An election taken through the lifecycle to `open`, with its online window around now. */
export async function openElection(t: TestApp, overrides: Partial<CreateElectionDto> = {}, roll: RowFields[] = members(1, 5)): Promise<ElectionEntity> {
  return (await openElectionWithTrustee(t, overrides, roll)).election;
}

/**
 * `openElection`, also giving the secret of the single trustee registered before opening when
 * the election has the online channel (to decrypt a tally in tests); null without it.
 */
export async function openElectionWithTrustee(
  t: TestApp,
  overrides: Partial<CreateElectionDto> = {},
  roll: RowFields[] = members(1, 5),
): Promise<{ election: ElectionEntity; trusteeSecret: bigint | null }> {
  const elections = t.get(ElectionsService);
  const e = await packsReadyElection(t, overrides, roll);
  let trusteeSecret: bigint | null = null;
  if (e.channels.online) {
    const trustee = generateSingleTrustee();
    await t.get(TrusteesService).add(e.id, { name: 'Test trustee', publicKey: serializeTrusteePublicKey(trustee.publicKey) }, SYSTEM);
    trusteeSecret = trustee.secret;
  }
  await elections.transition(e.id, 'open', SYSTEM);
  return { election: await elections.get(e.id), trusteeSecret };
}

/** An election with its roll committed and its packs generated, ready to open. */
export async function packsReadyElection(t: TestApp, overrides: Partial<CreateElectionDto> = {}, roll: RowFields[] = members(1, 5)): Promise<ElectionEntity> {
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
  return elections.get(e.id);
}
