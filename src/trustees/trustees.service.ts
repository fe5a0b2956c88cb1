import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ElectionStatus } from 'src/elections/election.types';
import { ElectionsService } from 'src/elections/elections.service';
import { LifecycleChecks } from 'src/elections/lifecycle-checks';
import { Actor } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { Transactions } from 'src/platform/database/transactions';
import { checkedThresholdParameters, checkedTrusteeKey } from 'src/trustees/trustee-key-input';
import { ownersOf } from 'src/trustees/trustee-kinds';
import { TrusteeEntity, TrusteeKindName } from 'src/trustees/trustee.entity';
import { trusteeError } from 'src/trustees/trustees.errors';
import { TrusteesRepository } from 'src/trustees/trustees.repository';

/** The election key is fixed when the election opens: trustees join before that. */
const TRUSTEES_MAY_CHANGE: ReadonlySet<ElectionStatus> = new Set(['draft', 'roll_frozen', 'packs_ready']);

/** Trustees are registered before the election opens: the online ballots are encrypted for them. */
export const trusteesMayChange = (status: ElectionStatus): boolean => TRUSTEES_MAY_CHANGE.has(status);

@Injectable()
export class TrusteesService implements OnModuleInit {
  constructor(
    private readonly repo: TrusteesRepository,
    private readonly elections: ElectionsService,
    private readonly lifecycle: LifecycleChecks,
    private readonly events: EventLogService,
    private readonly tx: Transactions,
  ) {}

  onModuleInit(): void {
    // Ballots are encrypted for the trustees' combined key: without one, nobody could decrypt.
    this.lifecycle.register('open', 'trustees', async (e, m) =>
      e.channels.online && (await this.repo.count(m, e.id)) === 0 ? ['No trustee key has been registered.'] : [],
    );
  }

  /**
   * Adds a single trustee or a Pedersen group after checking it in full; nothing is stored for
   * one that fails. Returns the row and its partial decryption owners.
   */
  async add(
    electionId: string,
    input: { name: string; kind?: TrusteeKindName; publicKey?: unknown; parameters?: unknown },
    actor: Actor,
  ): Promise<{ row: TrusteeEntity; owners: number[] }> {
    const kind = input.kind ?? 'single';
    const publicKey = kind === 'pedersen' ? checkedThresholdParameters(input.parameters).canonical : checkedTrusteeKey(input.publicKey);
    return this.tx.run(async (m) => {
      // Locked for update: an opening in progress waits, then this upload sees `open` and stops.
      const e = await this.elections.lockForUpdate(m, electionId);
      if (!TRUSTEES_MAY_CHANGE.has(e.status)) {
        throw trusteeError('trustees_fixed', `Trustees can only be added before the election opens; it is ${e.status}.`, { status: e.status });
      }
      const row = await this.repo.append(m, {
        electionId,
        kind,
        name: input.name.trim(),
        publicKey,
        addedAt: new Date(),
        addedBy: actor.kind === 'staff' ? actor.staffId : null,
      });
      await this.events.append(m, { electionId, type: 'trustee.added', actor, data: { position: row.position, kind: row.kind, name: row.name, publicKey } });
      const owners = ownersOf(await this.repo.inOrder(electionId, m));
      return { row, owners: owners[owners.length - 1] };
    });
  }

  async list(electionId: string): Promise<TrusteeEntity[]> {
    await this.elections.get(electionId);
    return this.repo.inOrder(electionId);
  }

  /** For the ballot box setup, inside the opening transaction. */
  inOrder(manager: EntityManager, electionId: string): Promise<TrusteeEntity[]> {
    return this.repo.inOrder(electionId, manager);
  }
}
