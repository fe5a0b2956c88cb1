import { Injectable } from '@nestjs/common';
import { parseBallot } from 'src/crypto/ballot/ballot';
import { serializeEncryptedTally, TallyAccumulator } from 'src/crypto/tally/encrypted-tally';
import { ElectionsService } from 'src/elections/elections.service';
import { LifecycleChecks } from 'src/elections/lifecycle-checks';
import { SYSTEM } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { Transactions } from 'src/platform/database/transactions';
import { OnlineTallyInput, weightsOf } from 'src/tally/online-tally-input';
import { TallyResultService } from 'src/tally/tally-result.service';
import { TallyRepository } from 'src/tally/tally.repository';

export type EncryptOutcome = { done: 'already' } | { done: 'encrypted'; numTallied: number } | { done: 'postal_only' };

/**
 * The `tally.encrypt` job (docs/TALLY.md): the encrypted tally over the last ballot of each
 * credential that counts, weighted from the credential list fixed at opening, stored with the
 * archive timestamp for the trustees to decrypt. A postal-only election goes straight to its
 * result. Idempotent: a rerun finds the work done and stops.
 */
@Injectable()
export class EncryptedTallyService {
  constructor(
    private readonly repo: TallyRepository,
    private readonly input: OnlineTallyInput,
    private readonly elections: ElectionsService,
    private readonly results: TallyResultService,
    private readonly lifecycle: LifecycleChecks,
    private readonly events: EventLogService,
    private readonly tx: Transactions,
  ) {}

  async compute(electionId: string): Promise<EncryptOutcome> {
    const tally = await this.repo.findTally(electionId);
    if (tally?.status !== 'computing') return { done: 'already' };
    const e = await this.elections.get(electionId);
    if (!e.channels.online) return this.finishPostalOnly(electionId);

    const setup = await this.input.setup(electionId);
    if (!setup) throw new Error(`election ${electionId} has the online channel but no ballot box setup`);
    const election = this.input.election(setup);
    const weights = weightsOf(await this.input.credentials(setup));
    const acc = new TallyAccumulator(election);
    for await (const b of this.input.tallied(electionId)) {
      if (!b.last) continue;
      const weight = weights.get(b.publicCredential);
      if (weight === undefined) throw new Error(`ballot ${b.tracker} has a credential outside the list fixed at opening`);
      acc.add(parseBallot(b.raw, `ballot ${b.tracker}`).answers, weight);
    }
    const encryptedTally = serializeEncryptedTally(acc.result());
    const stored = await this.tx.run(async (m) => {
      await this.elections.lockForUpdate(m, electionId);
      if ((await this.repo.findTally(electionId, m))?.status !== 'computing') return false;
      await this.repo.updateTally(m, electionId, {
        status: 'awaiting_decryptions',
        encryptedTally,
        numTallied: acc.numTallied,
        totalWeight: acc.totalWeight.toString(),
        computedAt: new Date(),
      });
      await this.events.append(m, {
        electionId,
        type: 'tally.encrypted',
        actor: SYSTEM,
        data: { numTallied: acc.numTallied, totalWeight: acc.totalWeight.toString(), encryptedTally },
      });
      return true;
    });
    return stored ? { done: 'encrypted', numTallied: acc.numTallied } : { done: 'already' };
  }

  private async finishPostalOnly(electionId: string): Promise<EncryptOutcome> {
    const finished = await this.tx.run(async (m) => {
      const e = await this.elections.lockForUpdate(m, electionId);
      if ((await this.repo.findTally(electionId, m))?.status !== 'computing') return false;
      await this.results.finish(m, e, null);
      return true;
    });
    if (!finished) return { done: 'already' };
    await this.lifecycle.entered('result_ready', electionId);
    return { done: 'postal_only' };
  }
}
