import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { mergeResult, PostalSums } from 'src/tally/merged-result';
import { TallyRepository } from 'src/tally/tally.repository';

export interface OnlineOutcome {
  /** The Belenios result data file. */
  raw: string;
  result: readonly (readonly bigint[])[];
  numTallied: number;
  totalWeight: bigint;
}

/**
 * The last step of the tally, inside the caller's transaction with the election row locked:
 * sums the postal records, stores the merged result beside the online one, and moves the
 * election to `result_ready` — all or nothing. The caller runs the after-commit work.
 */
@Injectable()
export class TallyResultService {
  constructor(
    private readonly repo: TallyRepository,
    private readonly elections: ElectionsService,
    private readonly events: EventLogService,
  ) {}

  async finish(m: EntityManager, e: ElectionEntity, online: OnlineOutcome | null): Promise<void> {
    const postal = new PostalSums(e.questions);
    for await (const cvr of this.repo.cvrs(e.id, m)) postal.add(cvr);
    const merged = mergeResult({
      electionId: e.id,
      questions: e.questions,
      online,
      postal,
      envelopesOpened: await this.repo.envelopesOpened(e.id, m),
      eligible: await this.repo.eligibleMembers(e.id, m),
      returnsRejected: await this.repo.intakeRejections(e.id, m),
    });
    const mergedRaw = JSON.stringify(merged);
    await this.repo.updateTally(m, e.id, { status: 'result_ready', result: online?.raw ?? null, mergedResult: mergedRaw, resultAt: new Date() });
    await this.events.append(m, { electionId: e.id, type: 'tally.result', actor: SYSTEM, data: { result: merged } });
    await this.elections.transition(e.id, 'result_ready', SYSTEM, { system: true, manager: m, reason: online ? 'the trustees decrypted the tally' : 'postal-only election counted' });
  }
}
