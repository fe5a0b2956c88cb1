import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ElectionsService } from 'src/elections/elections.service';
import { SYSTEM } from 'src/events/actor';
import { PackMailerService } from 'src/packs/email/pack-mailer.service';
import { packsError } from 'src/packs/packs.errors';
import { PacksRepository } from 'src/packs/packs.repository';
import { atomicWriter, batchFileName, MANIFEST_HEADER, packsDir, removeStaleBatchTemps, sha256OfFile, writeChunk } from 'src/packs/print-files';
import { printerFor, printInputFor } from 'src/packs/print-input';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { Transactions } from 'src/platform/database/transactions';
import { JobContext } from 'src/platform/queue/job-queue';
import { errorMessage } from 'src/platform/queue/job-registry';
import { RollService } from 'src/roll/roll.service';

export const RENDER_BATCH_JOB = 'packs.render-batch';
export const RENDER_BATCH_ATTEMPTS = 5;

export interface RenderBatchPayload {
  electionId: string;
  batch: number;
}

export interface RenderBatchResult {
  batch: number;
  packs: number;
  sha256: string;
  /** The file was already in place with its recorded checksum (a repeated run). */
  reused: boolean;
}

/** Idempotency key of a batch's job: a second enqueue of the same batch is the same job. */
export function renderBatchJobKey(electionId: string, batch: number): string {
  return `${electionId}.${batch}`;
}

const WORKER = `${os.hostname()}:${process.pid}`;

/** Batches of the manifest read from the database at a time. */
const MANIFEST_PAGE = 50;

/**
 * One print batch of the run (DESIGN.md §5), rendered by whichever worker takes its job, and
 * the end of the run once the last batch is in. Everything here may run twice (at-least-once
 * jobs, two workers): the PDF of a batch is a function of the stored packs, the roll and the
 * seed, so a repeat writes the same bytes; files appear whole under their final names; the
 * election moves to packs_ready once, and the e-mails are queued under one key.
 */
@Injectable()
export class PrintBatchService {
  private readonly logger = new Logger('packs');

  constructor(
    private readonly packs: PacksRepository,
    private readonly roll: RollService,
    private readonly elections: ElectionsService,
    private readonly tx: Transactions,
    private readonly mailer: PackMailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async render(p: RenderBatchPayload, ctx: Pick<JobContext, 'attempt'> & Partial<Pick<JobContext, 'jobId'>>): Promise<RenderBatchResult> {
    const row = await this.packs.findBatch(p.electionId, p.batch);
    if (!row) throw packsError('packs_not_generated', `Print batch ${p.batch} is not part of this election's run.`);
    await this.packs.startBatch(p.electionId, p.batch, ctx.attempt, new Date(), ctx.jobId ?? null);
    try {
      const file = path.join(packsDir(this.config.dataDir, p.electionId), batchFileName(p.batch));
      // A repeated run (its first one died after the rename, or the whole run was restarted)
      // keeps a file that is already right: the printer may have fetched it.
      const reused = row.sha256 !== null && row.manifest !== null && (await sha256OfFile(file)) === row.sha256;
      const { sha256, manifest } = reused ? { sha256: row.sha256!, manifest: row.manifest! } : await this.renderFile(p, file);
      const { complete } = await this.packs.recordBatch(p.electionId, p.batch, sha256, manifest, new Date(), WORKER);
      if (complete) await this.finish(p.electionId);
      return { batch: p.batch, packs: row.packs, sha256, reused };
    } catch (e) {
      await this.packs.recordBatchError(p.electionId, p.batch, `attempt ${ctx.attempt}: ${errorMessage(e)}`).catch(() => undefined);
      throw e;
    }
  }

  private async renderFile(p: RenderBatchPayload, file: string): Promise<{ sha256: string; manifest: string }> {
    const seed = this.config.packs.credentialSeed;
    if (!seed) throw packsError('credential_seed_missing', 'CREDENTIAL_SEED is not set in the process that renders packs.');
    const election = await this.elections.get(p.electionId);
    const setup = await this.packs.findSetup(p.electionId);
    if (!setup) throw packsError('packs_not_generated', 'The packs of this election have not been stored yet.');
    const rows = await this.packs.batchPacks(p.electionId, p.batch);
    // Only this batch's members, in pages: the whole roll (600 MB at 2 M members) never is in memory.
    const members = await this.roll.membersByNumber(p.electionId, rows.map((r) => r.memberNumber!));
    const { keys, renderer } = printerFor(election, setup, seed, this.config.publicUrl);
    const out = atomicWriter(file);
    const result = await renderer.renderBatch(
      rows.map((r) => printInputFor(r.serial, members.get(r.memberNumber!)!, keys)),
      out.stream,
    );
    const sha256 = await out.commit();
    const sequenceOf = new Map(rows.map((r) => [r.serial, r.sequence]));
    const manifest = result.packs.map((r) => `${p.batch},${sequenceOf.get(r.packSerial)},${r.packSerial},${r.firstPage},${r.lastPage}`).join('\n');
    return { sha256, manifest };
  }

  /**
   * Ends the run if every batch is rendered: manifest.csv and SHA256SUMS, `completedAt`, the
   * election to packs_ready, the e-mails queued. Safe to call any number of times, from any
   * worker, also concurrently: the files are rewritten with the same bytes, the transition
   * happens under the election's lock, and the e-mail job has one key per election.
   */
  async finish(electionId: string): Promise<boolean> {
    const setup = await this.packs.findSetup(electionId);
    if (!setup) return false;
    const progress = await this.packs.batchProgress(electionId);
    if (progress.batches !== setup.batches || progress.rendered < progress.batches) return false;
    const dir = packsDir(this.config.dataDir, electionId);
    // With no print batch (every pack e-mailed) nothing else creates the directory.
    fs.mkdirSync(dir, { recursive: true });
    removeStaleBatchTemps(dir);
    await this.writeManifest(electionId, path.join(dir, 'manifest.csv'));
    const sums = atomicWriter(path.join(dir, 'SHA256SUMS'));
    const checksums = await this.packs.batchChecksums(electionId, batchFileName);
    sums.stream.end(Object.entries(checksums).map(([f, h]) => `${h}  ${f}\n`).join(''));
    await sums.commit();
    const moved = await this.tx.run(async (m) => {
      const current = await this.elections.lockForUpdate(m, electionId);
      if (!(await this.packs.findSetup(electionId, m))?.completedAt) await this.packs.markCompleted(m, electionId, new Date());
      if (current.status !== 'roll_frozen') return false;
      await this.elections.transition(electionId, 'packs_ready', SYSTEM, { system: true, manager: m });
      return true;
    });
    // Members who get their codes by e-mail: the credential authority's worker sends them next.
    if (await this.packs.countEmailed(electionId)) await this.mailer.enqueue(electionId);
    if (moved) this.logger.log(`packs rendered for election ${electionId}: ${setup.batches} batches`);
    return true;
  }

  private async writeManifest(electionId: string, file: string): Promise<void> {
    const out = atomicWriter(file);
    await writeChunk(out.stream, `${MANIFEST_HEADER}\n`);
    for (let from = 1; ; ) {
      const page = await this.packs.manifestPage(electionId, from, MANIFEST_PAGE);
      if (page.length === 0) break;
      for (const b of page) if (b.manifest) await writeChunk(out.stream, `${b.manifest}\n`);
      from = page[page.length - 1].batch + 1;
    }
    out.stream.end();
    await out.commit();
  }
}
