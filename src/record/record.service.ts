import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { ElectionStatus } from 'src/elections/election.types';
import { ElectionsService } from 'src/elections/elections.service';
import { LifecycleChecks } from 'src/elections/lifecycle-checks';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { Transactions } from 'src/platform/database/transactions';
import { JobQueue } from 'src/platform/queue/job-queue';
import { errorMessage, JobRegistry } from 'src/platform/queue/job-registry';
import { ElectionRecordEntity, RecordStatus } from 'src/record/election-record.entity';
import { RecordBuilder } from 'src/record/record-builder';
import { recordError } from 'src/record/record.errors';
import { MANIFEST_PATH, RecordFile, SUMS_PATH } from 'src/record/record-format';
import { recordPaths } from 'src/record/record-paths';
import { RecordRepository } from 'src/record/record.repository';

export const RECORD_BUILD_JOB = 'record.build';

/** The record exists from the result on: the tally is final then. */
const RECORDABLE: readonly ElectionStatus[] = ['result_ready', 'published'];

export interface RecordView {
  status: RecordStatus;
  files: RecordFile[];
  manifestSha256: string | null;
  zipBytes: number | null;
  builtAt: string | null;
  error: string | null;
}

const CONTENT_TYPES: Array<[RegExp, string]> = [
  [/\.jsonl$/, 'application/x-ndjson; charset=utf-8'],
  [/\.json$/, 'application/json; charset=utf-8'],
  [/(\.txt|SHA256SUMS)$/, 'text/plain; charset=utf-8'],
];

@Injectable()
export class RecordService implements OnModuleInit {
  constructor(
    private readonly repo: RecordRepository,
    private readonly builder: RecordBuilder,
    private readonly elections: ElectionsService,
    private readonly lifecycle: LifecycleChecks,
    private readonly jobs: JobRegistry,
    private readonly queue: JobQueue,
    private readonly tx: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ electionId: string }, { manifestSha256: string; zipBytes: number }>({
      name: RECORD_BUILD_JOB,
      attempts: 3,
      handle: (p) => this.build(p.electionId),
    });
    // The result is final: the record is written at once (recoverable by POST /elections/:id/record).
    this.lifecycle.afterCommit('result_ready', 'record', async (electionId) => {
      await this.requestBuild(electionId);
    });
    // Publishing promises the record: it must exist, whole, before anyone is told to check it.
    this.lifecycle.register('published', 'record', async (e, m) => {
      const row = await this.repo.findState(e.id, m);
      return row?.status === 'ready' ? [] : ['the election record is not built yet (POST /elections/:id/record builds it).'];
    });
  }

  /**
   * Queues the build of an election's record (job id = election id for the first). Asked
   * again while a build is under way, it re-enqueues that same job — a no-op unless the first
   * enqueue was lost. `again` rebuilds a ready or failed record (it gives the same bytes).
   */
  async requestBuild(electionId: string, opts: { again?: boolean } = {}): Promise<RecordView> {
    const e = await this.elections.get(electionId);
    if (!RECORDABLE.includes(e.status)) {
      throw recordError('result_not_ready', `The record is built once the result is ready; the election is ${e.status}.`, { status: e.status });
    }
    const key = await this.tx.run(async (m) => {
      const row = await this.repo.lockState(m, electionId);
      if (row.requests > 0 && row.status === 'building') return row.jobKey;
      if (row.requests > 0 && !opts.again && row.status === 'ready') return null;
      const next = row.requests === 0 ? electionId : `${electionId}.${row.requests}`;
      // A ready record stays served while it is rebuilt: the rebuild swaps in the same bytes.
      Object.assign(row, { status: row.status === 'ready' ? 'ready' : 'building', error: null, requests: row.requests + 1, jobKey: next });
      await this.repo.saveState(m, row);
      return next;
    });
    // After the commit (docs/QUEUE.md): a job must never see the row before it exists.
    if (key) await this.queue.enqueue(RECORD_BUILD_JOB, { electionId }, { jobId: key });
    return this.view(electionId);
  }

  /**
   * The job: writes the record and says so. A failure is recorded with its message (and the
   * job retried); a record that was ready stays ready — the failed rebuild did not touch it.
   */
  async build(electionId: string): Promise<{ manifestSha256: string; zipBytes: number }> {
    const before = await this.repo.findState(electionId);
    const wasReady = before?.status === 'ready';
    if (!wasReady) await this.setState(electionId, { status: 'building', error: null });
    try {
      const built = await this.builder.build(electionId);
      await this.setState(electionId, { status: 'ready', manifestSha256: built.manifestSha256, zipBytes: built.zipBytes, builtAt: new Date(), error: null });
      return { manifestSha256: built.manifestSha256, zipBytes: built.zipBytes };
    } catch (err) {
      const error = errorMessage(err).slice(0, 300);
      await this.setState(electionId, wasReady ? { error } : { status: 'failed', error }).catch(() => undefined);
      throw err;
    }
  }

  async view(electionId: string): Promise<RecordView> {
    const row = await this.state(electionId);
    const files = row.status === 'ready' ? await this.manifestFiles(electionId) : [];
    return {
      status: row.status,
      files,
      manifestSha256: row.status === 'ready' ? row.manifestSha256 : null,
      zipBytes: row.status === 'ready' ? row.zipBytes : null,
      builtAt: row.builtAt?.toISOString() ?? null,
      error: row.error,
    };
  }

  async zip(electionId: string): Promise<{ file: string; filename: string }> {
    await this.ready(electionId);
    return { file: recordPaths(this.config.dataDir, electionId).zip, filename: `record-${electionId}.zip` };
  }

  /**
   * One file of the record. Only the paths the manifest lists (and the manifest and SHA256SUMS)
   * are served: the request's path is looked up, never joined onto the directory as given.
   */
  async file(electionId: string, requested: string): Promise<{ file: string; contentType: string }> {
    await this.ready(electionId);
    const known = [...(await this.manifestFiles(electionId)).map((f) => f.path), MANIFEST_PATH, SUMS_PATH];
    const match = known.find((p) => p === requested);
    if (!match) throw recordError('record_file_not_found', 'The record has no such file; GET /elections/:id/record lists them.');
    const contentType = CONTENT_TYPES.find(([re]) => re.test(match))?.[1] ?? 'application/octet-stream';
    return { file: path.join(recordPaths(this.config.dataDir, electionId).dir, match), contentType };
  }

  private async ready(electionId: string): Promise<ElectionRecordEntity> {
    const row = await this.state(electionId);
    if (row.status !== 'ready') throw recordError('record_not_built', `The record is not ready (${row.status}).`, { status: row.status });
    return row;
  }

  private async state(electionId: string): Promise<ElectionRecordEntity> {
    await this.elections.get(electionId);
    const row = await this.repo.findState(electionId);
    if (!row) throw recordError('record_not_built', 'No record has been built for this election yet.');
    return row;
  }

  private async manifestFiles(electionId: string): Promise<RecordFile[]> {
    const raw = await fs.promises.readFile(path.join(recordPaths(this.config.dataDir, electionId).dir, MANIFEST_PATH), 'utf8');
    return (JSON.parse(raw) as { files: RecordFile[] }).files;
  }

  private setState(electionId: string, patch: Partial<ElectionRecordEntity>): Promise<void> {
    return this.tx.run(async (m) => {
      const row = await this.repo.lockState(m, electionId);
      Object.assign(row, patch);
      await this.repo.saveState(m, row);
    });
  }
}
