import { Injectable, OnModuleInit } from '@nestjs/common';
import { LifecycleChecks } from 'src/elections/lifecycle-checks';
import { JobQueue } from 'src/platform/queue/job-queue';
import { JobRegistry } from 'src/platform/queue/job-registry';
import { EncryptedTallyService, EncryptOutcome } from 'src/tally/encrypted-tally.service';
import { TallyRepository } from 'src/tally/tally.repository';

export const TALLY_ENCRYPT_JOB = 'tally.encrypt';

/**
 * Closing (docs/TALLY.md "Lifecycle"): entering `tallying` needs the online setup, fixes the
 * archive timestamp in the same transaction, and after the commit queues `tally.encrypt`
 * (job id = election id, so a repeat is the same job).
 */
@Injectable()
export class TallyClosingService implements OnModuleInit {
  constructor(
    private readonly repo: TallyRepository,
    private readonly lifecycle: LifecycleChecks,
    private readonly queue: JobQueue,
    private readonly jobs: JobRegistry,
    private readonly encrypted: EncryptedTallyService,
  ) {}

  onModuleInit(): void {
    // Without the setup fixed at opening there is no archive to tally the ballots in.
    this.lifecycle.register('tallying', 'tally', async (e, m) =>
      e.channels.online && !(await this.repo.setupExists(m, e.id)) ? ['The online ballot box was never set up (the election key and credential list are missing).'] : [],
    );
    this.lifecycle.onEnter('tallying', 'tally', async (e, m) => {
      const now = new Date();
      await this.repo.insertTally(m, {
        electionId: e.id,
        status: 'computing',
        archiveTimestamp: Math.floor(now.getTime() / 1000),
        encryptedTally: null,
        numTallied: null,
        totalWeight: null,
        result: null,
        mergedResult: null,
        createdAt: now,
        computedAt: null,
        resultAt: null,
      });
    });
    this.lifecycle.afterCommit('tallying', 'tally', (electionId) => this.enqueue(electionId));
    this.jobs.register<{ electionId: string }, EncryptOutcome>({
      name: TALLY_ENCRYPT_JOB,
      attempts: 3,
      backoffMs: 2000,
      handle: (p) => this.encrypted.compute(p.electionId),
    });
  }

  /** Idempotent: the same job id answers with the existing job, whatever its state. */
  async enqueue(electionId: string): Promise<void> {
    await this.queue.enqueue(TALLY_ENCRYPT_JOB, { electionId }, { jobId: electionId });
  }
}
