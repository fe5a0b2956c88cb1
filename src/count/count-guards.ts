import { EntityManager } from 'typeorm';
import { CountBatchEntity } from 'src/count/count.entities';
import { countError } from 'src/count/count.errors';
import { CountRepository } from 'src/count/count.repository';
import { ElectionEntity } from 'src/elections/election.entity';
import { Actor } from 'src/events/actor';

/** Every change to the count: in the log's `count` stream of the election. */
export const COUNT_STREAM = 'count';

/** Papers are recorded only once the postal deadline has passed and counting has begun. */
export function assertCounting(e: ElectionEntity): void {
  if (e.status !== 'counting') {
    throw countError('election_not_counting', `Ballot papers are recorded while the election is counting; it is ${e.status}.`, { status: e.status });
  }
}

/** The batch, locked (see CountRepository.lockBatch), and still open. */
export async function lockOpenBatch(
  repo: CountRepository,
  manager: EntityManager,
  electionId: string,
  batchId: string,
  mode: 'update' | 'share',
): Promise<CountBatchEntity> {
  const batch = await repo.lockBatch(manager, electionId, batchId, mode);
  if (!batch) throw countError('batch_not_found', 'No count batch with this id in this election.');
  if (batch.status === 'closed') throw countError('batch_closed', `Batch ${batch.label} is closed.`, { batchId });
  return batch;
}

export function staffIdOf(actor: Actor): string {
  return actor.kind === 'staff' ? actor.staffId : actor.kind;
}

export const isSupervisor = (actor: Actor): boolean => actor.kind === 'system' || (actor.kind === 'staff' && actor.role === 'count_supervisor');
