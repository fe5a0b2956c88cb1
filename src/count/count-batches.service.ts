import { randomUUID } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { assertCounting, COUNT_STREAM, isSupervisor, lockOpenBatch, staffIdOf } from 'src/count/count-guards';
import { BatchDto, CountSummaryDto, QuestionResultDto } from 'src/count/count.dto';
import { CountBatchEntity, EntryStatus } from 'src/count/count.entities';
import { countError } from 'src/count/count.errors';
import { BatchTally, CountRepository } from 'src/count/count.repository';
import { Question } from 'src/elections/election.types';
import { ElectionsService } from 'src/elections/elections.service';
import { LifecycleChecks } from 'src/elections/lifecycle-checks';
import { Actor } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { Transactions } from 'src/platform/database/transactions';
import { PrecedenceService } from 'src/precedence/precedence.service';
import { PageTally, ScanPagesRepository } from 'src/scan/scan-pages.repository';
import { UNSETTLED_PAGES } from 'src/scan/scan.entities';

interface Unsettled {
  batchId: string;
  status: EntryStatus;
  groups: number;
}

/** Count batches: their life from open to closed, and the reconciliation of each (DESIGN.md §7). */
@Injectable()
export class CountBatchesService implements OnModuleInit {
  constructor(
    private readonly count: CountRepository,
    private readonly elections: ElectionsService,
    private readonly lifecycle: LifecycleChecks,
    private readonly events: EventLogService,
    private readonly tx: Transactions,
    private readonly precedence: PrecedenceService,
    private readonly scans: ScanPagesRepository,
  ) {}

  onModuleInit(): void {
    // The tally adds the postal records: every batch must be closed (reconciled or explained) first.
    this.lifecycle.register('tallying', 'count', async (e, m) =>
      (await this.count.hasOpenBatch(m, e.id)) ? ['Some count batches are still open.'] : [],
    );
  }

  async create(electionId: string, input: { label: string; envelopesOpened?: number; doubleKeying?: boolean }, actor: Actor): Promise<BatchDto> {
    assertCounting(await this.elections.get(electionId));
    const batch: CountBatchEntity = {
      id: randomUUID(),
      electionId,
      label: input.label.trim(),
      envelopesOpened: input.envelopesOpened ?? null,
      doubleKeying: input.doubleKeying ?? false,
      status: 'open',
      createdBy: staffIdOf(actor),
      createdAt: new Date(),
      closedAt: null,
      mismatchReason: null,
    };
    await this.tx.run(async (m) => {
      await this.count.insertBatch(m, batch);
      await this.events.append(m, {
        electionId,
        stream: COUNT_STREAM,
        type: 'count.batch_created',
        actor,
        data: { batchId: batch.id, label: batch.label, envelopesOpened: batch.envelopesOpened, doubleKeying: batch.doubleKeying },
      });
    });
    return toBatchDto(batch, [], [], []);
  }

  async list(electionId: string): Promise<BatchDto[]> {
    await this.elections.get(electionId);
    const [batches, tallies, unsettled, pages] = await Promise.all([
      this.count.listBatches(electionId),
      this.count.tallyByBatch(electionId),
      this.count.countUnsettled(electionId),
      this.scans.tallyByBatch(electionId),
    ]);
    return batches.map((b) => toBatchDto(b, tallies, unsettled, pages));
  }

  async get(electionId: string, batchId: string): Promise<BatchDto> {
    await this.elections.get(electionId);
    const batch = await this.count.findBatch(electionId, batchId);
    if (!batch) throw countError('batch_not_found', 'No count batch with this id in this election.');
    const [tallies, unsettled, pages] = await Promise.all([
      this.count.tallyByBatch(electionId, batchId),
      this.count.countUnsettled(electionId),
      this.scans.tallyByBatch(electionId, batchId),
    ]);
    return toBatchDto(batch, tallies, unsettled, pages);
  }

  /** Corrects the number of envelopes opened; the log keeps every earlier figure. */
  async setEnvelopesOpened(electionId: string, batchId: string, envelopesOpened: number, actor: Actor): Promise<BatchDto> {
    assertCounting(await this.elections.get(electionId));
    return this.tx.run(async (m) => {
      const batch = await lockOpenBatch(this.count, m, electionId, batchId, 'update');
      const from = batch.envelopesOpened;
      if (from !== envelopesOpened) {
        batch.envelopesOpened = envelopesOpened;
        await this.count.saveBatch(m, batch);
        await this.events.append(m, {
          electionId,
          stream: COUNT_STREAM,
          type: 'count.envelopes_opened_set',
          actor,
          data: { batchId, from, to: envelopesOpened },
        });
      }
      return this.figures(m, batch);
    });
  }

  /**
   * Closes a batch once papers recorded = envelopes opened. A supervisor may close one that does
   * not reconcile by saying why; the reason is logged and shown in the summary. Papers still
   * waiting for a second entry or a supervisor keep the batch open: they are neither counted
   * nor explained yet.
   */
  async close(electionId: string, batchId: string, mismatchReason: string | undefined, actor: Actor): Promise<BatchDto> {
    assertCounting(await this.elections.get(electionId));
    return this.tx.run(async (m) => {
      const batch = await lockOpenBatch(this.count, m, electionId, batchId, 'update');
      const waiting = (await this.count.countUnsettled(electionId, m)).filter((u) => u.batchId === batchId);
      if (waiting.length > 0) {
        const groups = waiting.reduce((a, u) => a + u.groups, 0);
        throw countError('batch_has_unsettled_entries', `${groups} paper(s) of this batch still wait for a second entry or a supervisor.`, { unsettled: groups });
      }
      const scanned = (await this.scans.tallyByBatch(electionId, batchId, m)).filter((t) => UNSETTLED_PAGES.includes(t.status));
      if (scanned.length > 0) {
        const pages = scanned.reduce((a, t) => a + t.pages, 0);
        throw countError('batch_has_pages_in_adjudication', `${pages} scanned page(s) of this batch still wait for a supervisor or for the rest of their paper.`, {
          pages,
        });
      }
      if (batch.envelopesOpened === null) {
        throw countError('envelopes_not_counted', 'Enter the number of envelopes opened in this batch before closing it.');
      }
      const recorded = sum(await this.count.tallyByBatch(electionId, batchId, m));
      const reconciled = recorded === batch.envelopesOpened;
      if (!reconciled) {
        const figures = { envelopesOpened: batch.envelopesOpened, recorded };
        if (mismatchReason === undefined) {
          throw countError(
            'batch_does_not_reconcile',
            `${batch.envelopesOpened} envelope(s) opened but ${recorded} paper(s) recorded; a count supervisor may close it giving the reason.`,
            figures,
          );
        }
        if (!isSupervisor(actor)) throw countError('mismatch_needs_supervisor', 'Only a count supervisor may close a batch that does not reconcile.', figures);
      }
      batch.status = 'closed';
      batch.closedAt = new Date();
      batch.mismatchReason = reconciled ? null : mismatchReason!.trim();
      await this.count.saveBatch(m, batch);
      await this.events.append(m, {
        electionId,
        stream: COUNT_STREAM,
        type: 'count.batch_closed',
        actor,
        data: { batchId, envelopesOpened: batch.envelopesOpened, recorded, reconciled, mismatchReason: batch.mismatchReason },
      });
      return this.figures(m, batch);
    });
  }

  async summary(electionId: string): Promise<CountSummaryDto> {
    const election = await this.elections.get(electionId);
    const [batches, states] = await Promise.all([this.list(electionId), this.precedence.counts(electionId)]);
    // The envelopes intake released to the count: every one must be opened in some batch.
    const envelopesReleased = states.filter((s) => s.envelope === 'accepted').reduce((a, s) => a + s.members, 0);
    const envelopesOpened = batches.reduce((a, b) => a + (b.envelopesOpened ?? 0), 0);
    const totals = {
      batches: batches.length,
      open: batches.filter((b) => b.status === 'open').length,
      envelopesReleased,
      envelopesOpened,
      envelopesNotOpened: envelopesReleased - envelopesOpened,
      recorded: batches.reduce((a, b) => a + b.recorded, 0),
      valid: batches.reduce((a, b) => a + b.valid, 0),
      blank: batches.reduce((a, b) => a + b.blank, 0),
      invalid: batches.reduce((a, b) => a + b.invalid, 0),
      reconciled: batches.every((b) => b.reconciled),
    };
    return { batches, totals, result: await this.result(electionId, election.questions) };
  }

  /** Sums the valid records per answer; an all-zero question is that question's blank vote. */
  private async result(electionId: string, questions: Question[]): Promise<QuestionResultDto[]> {
    const votes = questions.map((q) => q.answers.map(() => 0));
    const blanks = questions.map(() => 0);
    for await (const choices of this.count.validChoices(electionId)) {
      questions.forEach((_, i) => {
        const c = choices[i];
        if (c.every((x) => x === 0)) blanks[i]++;
        c.forEach((x, j) => (votes[i][j] += x));
      });
    }
    return questions.map((q, i) => ({
      question: q.question,
      answers: q.answers.map((answer, j) => ({ answer, votes: votes[i][j] })),
      blank: q.blank ? blanks[i] : null,
    }));
  }

  private async figures(m: EntityManager, batch: CountBatchEntity): Promise<BatchDto> {
    const [tallies, unsettled, pages] = await Promise.all([
      this.count.tallyByBatch(batch.electionId, batch.id, m),
      this.count.countUnsettled(batch.electionId, m),
      this.scans.tallyByBatch(batch.electionId, batch.id, m),
    ]);
    return toBatchDto(batch, tallies, unsettled, pages);
  }
}

const sum = (tallies: BatchTally[]) => tallies.reduce((a, t) => a + t.papers, 0);

function toBatchDto(b: CountBatchEntity, tallies: BatchTally[], unsettled: Unsettled[], pageTallies: PageTally[]): BatchDto {
  const mine = tallies.filter((t) => t.batchId === b.id);
  const of = (kind: BatchTally['kind']) => mine.find((t) => t.kind === kind)?.papers ?? 0;
  const waiting = (status: EntryStatus) => unsettled.find((u) => u.batchId === b.id && u.status === status)?.groups ?? 0;
  const recorded = sum(mine);
  const pages = (status: PageTally['status']) => pageTallies.find((t) => t.batchId === b.id && t.status === status)?.pages ?? 0;
  return {
    id: b.id,
    label: b.label,
    status: b.status,
    doubleKeying: b.doubleKeying,
    envelopesOpened: b.envelopesOpened,
    recorded,
    valid: of('valid'),
    blank: of('blank'),
    invalid: of('invalid'),
    awaitingSecondEntry: waiting('pending'),
    disputed: waiting('disputed'),
    reconciled: b.envelopesOpened !== null && b.envelopesOpened === recorded,
    scan: {
      pagesRead: pageTallies.filter((t) => t.batchId === b.id).reduce((a, t) => a + t.pages, 0),
      recorded: pages('recorded'),
      waitingForPages: pages('waiting_for_pages'),
      inAdjudication: pages('adjudication'),
      decided: pages('decided'),
      discarded: pages('discarded'),
    },
    mismatchReason: b.mismatchReason,
    createdAt: b.createdAt.toISOString(),
    closedAt: b.closedAt?.toISOString() ?? null,
  };
}
