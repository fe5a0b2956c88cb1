import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { publicCredentialHex } from 'src/crypto/credential/credential';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionsService } from 'src/elections/elections.service';
import { LifecycleChecks } from 'src/elections/lifecycle-checks';
import { Actor, SYSTEM } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { randomSymbols } from 'src/packs/codes/crockford';
import { PlannedMember, planPacks } from 'src/packs/pack-plan';
import { derivePackSecrets, electionSeed } from 'src/packs/pack-secrets';
import { PackEntity, PackSetupEntity, PaperEntity } from 'src/packs/pack.entity';
import { packsError } from 'src/packs/packs.errors';
import { PacksRepository } from 'src/packs/packs.repository';
import { RENDER_BATCH_ATTEMPTS, RENDER_BATCH_JOB, RenderBatchPayload, RenderBatchResult, PrintBatchService, renderBatchJobKey } from 'src/packs/print-batch.service';
import { printInfo } from 'src/packs/print-info';
import { PackRenderer } from 'src/packs/render/pack-renderer';
import { loadTemplate } from 'src/packs/render/template';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { Transactions } from 'src/platform/database/transactions';
import { JobContext, JobQueue } from 'src/platform/queue/job-queue';
import { JobRegistry } from 'src/platform/queue/job-registry';
import { RollMemberEntity } from 'src/roll/roll-member.entity';
import { RollService } from 'src/roll/roll.service';

export const GENERATE_PACKS_JOB = 'packs.generate';

export interface GeneratePacksPayload {
  electionId: string;
  template: string;
  language: string;
}

export function votingIdHash(electionId: string, votingId: string): string {
  return createHash('sha256').update(`${electionId}|${votingId}`).digest('hex');
}

export function paperHash(electionId: string, paperId: string): string {
  return createHash('sha256').update(`${electionId}|${paperId}`).digest('hex');
}

function plannedMember(m: RollMemberEntity): PlannedMember {
  return { memberNumber: m.memberNumber, country: m.country, postcode: m.postcode, hasPostalAddress: !!m.addressLine1, onlineOnly: m.channel === 'online-only', email: m.email };
}

/**
 * The credential authority's print run (DESIGN.md §5, issue 4): plan the packs from the frozen
 * roll and store only public values (one job per election), then render the print batches (one
 * job per batch, on any worker: PrintBatchService), write the manifest, and move the election
 * to `packs_ready`. Every step is idempotent: a rerun after a crash finds the packs already
 * stored and re-renders byte-identical batches.
 */
@Injectable()
export class PackGenerationService implements OnModuleInit {
  constructor(
    private readonly packs: PacksRepository,
    private readonly roll: RollService,
    private readonly elections: ElectionsService,
    private readonly lifecycle: LifecycleChecks,
    private readonly events: EventLogService,
    private readonly tx: Transactions,
    private readonly queue: JobQueue,
    private readonly jobs: JobRegistry,
    private readonly batches: PrintBatchService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<GeneratePacksPayload, { batches: number; queued: number }>({
      name: GENERATE_PACKS_JOB,
      attempts: 3,
      handle: (payload) => this.start(payload),
    });
    // Rendering is CPU-bound: one batch at a time per process; more processes, more batches at once.
    this.jobs.register<RenderBatchPayload, RenderBatchResult>({
      name: RENDER_BATCH_JOB,
      attempts: RENDER_BATCH_ATTEMPTS,
      backoffMs: 2000,
      handle: (payload, ctx) => this.batches.render(payload, ctx),
    });
    this.lifecycle.register('packs_ready', 'packs', async (e, m) =>
      (await this.packs.findSetup(e.id, m))?.completedAt ? [] : ['The packs have not been generated yet.'],
    );
    this.lifecycle.register('draft', 'packs', async (e, m) =>
      (await this.packs.findSetup(e.id, m)) ? ['Packs have been generated from this roll: it can no longer be unfrozen.'] : [],
    );
  }

  /** Queues the print run (idempotent per election). */
  async request(electionId: string, template: string, language: string, actor: Actor): Promise<{ jobId: string }> {
    const e = await this.elections.get(electionId);
    if (e.status !== 'roll_frozen') throw packsError('roll_not_frozen', `Packs are generated once the roll is frozen; the election is ${e.status}.`);
    try {
      loadTemplate(template, language);
    } catch (err) {
      throw packsError('unknown_template', err instanceof Error ? err.message : String(err));
    }
    const { id } = await this.queue.enqueue<GeneratePacksPayload>(GENERATE_PACKS_JOB, { electionId, template, language }, { jobId: electionId });
    await this.tx.run((m) => this.events.append(m, { electionId, type: 'packs.requested', actor, data: { template, language, jobId: id } }));
    return { jobId: id };
  }

  /**
   * Queues again the batches of an unfinished run that have no file yet — after a batch used
   * all its attempts (a name the fonts cannot print, since corrected on the roll; a full disk).
   * Each gets a fresh job key: the queue would otherwise answer with the failed job. A batch
   * still being rendered may then render twice, which writes the same bytes.
   */
  async retry(electionId: string, actor: Actor): Promise<{ batches: number[] }> {
    await this.elections.get(electionId);
    const setup = await this.packs.findSetup(electionId);
    if (!setup) throw packsError('packs_not_generated', 'The print run of this election has not started.');
    if (setup.completedAt) throw packsError('packs_already_generated', 'The print run is complete: nothing to retry.');
    const pending = await this.packs.pendingBatches(electionId);
    const round = Date.now().toString(36);
    for (const batch of pending) {
      await this.packs.resetBatch(electionId, batch);
      await this.queue.enqueue<RenderBatchPayload>(RENDER_BATCH_JOB, { electionId, batch }, { jobId: `${renderBatchJobKey(electionId, batch)}.retry-${round}` });
    }
    await this.tx.run((m) => this.events.append(m, { electionId, type: 'packs.retry_requested', actor, data: { batches: pending } }));
    return { batches: pending };
  }

  /**
   * The `packs.generate` job: stores the packs (once), then queues one job per print batch so
   * that every worker process takes a share of the rendering. The batch that completes the run
   * ends it (PrintBatchService.finish); with nothing left to render, this job ends it.
   */
  async start(p: GeneratePacksPayload): Promise<{ batches: number; queued: number }> {
    const setup = await this.prepare(p);
    const pending = await this.packs.pendingBatches(p.electionId);
    // After the store transaction has committed (docs/QUEUE.md): a worker must find the packs.
    for (const batch of pending) await this.queue.enqueue<RenderBatchPayload>(RENDER_BATCH_JOB, { electionId: p.electionId, batch }, { jobId: renderBatchJobKey(p.electionId, batch) });
    if (pending.length === 0) await this.batches.finish(p.electionId);
    return { batches: setup.batches, queued: pending.length };
  }

  /**
   * The whole run in this process, batch after batch, with no queue: for tests and for a rerun
   * that must re-render every missing file (a queued batch job that completed is not run again).
   */
  async generate(p: GeneratePacksPayload, ctx: JobContext): Promise<{ batches: number }> {
    const setup = await this.prepare(p);
    for (let batch = 1; batch <= setup.batches; batch++) {
      // Not the batch's own job: nothing for the status to ask the queue about.
      await this.batches.render({ electionId: p.electionId, batch }, { attempt: ctx.attempt });
      const progress = await this.packs.batchProgress(p.electionId);
      await ctx.reportProgress({ done: progress.done, total: progress.total, batch, batches: setup.batches });
    }
    if (setup.batches === 0) await this.batches.finish(p.electionId);
    return { batches: setup.batches };
  }

  /** Stores the packs unless a previous run did, and the batch rows the render jobs share. */
  private async prepare(p: GeneratePacksPayload): Promise<PackSetupEntity> {
    if (!this.config.packs.credentialSeed) throw packsError('credential_seed_missing', 'CREDENTIAL_SEED is not set in the process that renders packs.');
    const election = await this.elections.get(p.electionId);
    let setup = await this.packs.findSetup(election.id);
    if (!setup) {
      if (election.status !== 'roll_frozen') throw packsError('roll_not_frozen', `The election is ${election.status}.`);
      const createdAt = new Date(Math.floor(Date.now() / 1000) * 1000);
      const renderer = PackRenderer.create(printInfo(election, this.config.publicUrl), loadTemplate(p.template, p.language), { documentDate: createdAt });
      // Only what planning needs is kept of each member (not names and addresses): the render jobs read those per batch.
      const members: PlannedMember[] = [];
      for await (const m of this.roll.eligibleMembers(election.id)) members.push(plannedMember(m));
      setup = await this.store(election, members, electionSeed(this.config.packs.credentialSeed, election.beleniosUuid), p, renderer, createdAt);
    }
    // Idempotent: a rerun after a crash between the two finds the rows it needs.
    await this.packs.insertBatches(election.id, await this.packs.packsPerBatch(election.id));
    return setup;
  }

  /** Plans and stores every pack of the election in one transaction: only public values. */
  private async store(
    election: ElectionEntity,
    members: PlannedMember[],
    eSeed: Uint8Array,
    p: GeneratePacksPayload,
    renderer: PackRenderer,
    createdAt: Date,
  ): Promise<PackSetupEntity> {
    const plan = planPacks(members, { batchSize: this.config.packs.batchSize });
    let electionCode = randomSymbols(4);
    while (await this.packs.electionCodeTaken(electionCode)) electionCode = randomSymbols(4);
    const rows: PackEntity[] = [];
    const papers: PaperEntity[] = [];
    const add = (serial: number, fields: Pick<PackEntity, 'kind' | 'memberNumber' | 'status' | 'delivery' | 'batch' | 'sequence'>) => {
      const s = derivePackSecrets(eSeed, election.beleniosUuid, serial);
      rows.push({
        electionId: election.id,
        serial,
        ...fields,
        publicCredential: publicCredentialHex(election.beleniosUuid, s.credential),
        votingIdHash: votingIdHash(election.id, s.votingId),
        voidedAt: null,
      });
      papers.push({ electionId: election.id, paperHash: paperHash(election.id, s.paperId), used: false });
    };
    for (const pk of plan.packs) add(pk.serial, { kind: 'member', memberNumber: pk.memberNumber, status: 'active', delivery: pk.delivery, batch: pk.batch, sequence: pk.sequence });
    for (const serial of plan.spareSerials) add(serial, { kind: 'spare', memberNumber: null, status: 'spare', delivery: null, batch: null, sequence: null });
    // Stored in hash order, so the table's physical order says nothing about who got which paper.
    papers.sort((a, b) => (a.paperHash < b.paperHash ? -1 : 1));
    const setup: PackSetupEntity = {
      electionId: election.id,
      electionCode,
      macKey: randomBytes(32).toString('hex'),
      template: p.template,
      language: p.language,
      members: plan.packs.length,
      spares: plan.spareSerials.length,
      batches: plan.batches,
      geometry: renderer.geometry,
      checksums: {},
      createdAt,
      completedAt: null,
    };
    await this.tx.run(async (m) => {
      await this.packs.insertSetup(m, setup);
      await this.packs.insertPacks(m, rows);
      await this.packs.insertPapers(m, papers);
      await this.events.append(m, {
        electionId: election.id,
        type: 'packs.generated',
        actor: SYSTEM,
        data: { members: setup.members, spares: setup.spares, batches: setup.batches, unreachable: plan.unreachable.length, electionCode },
      });
    });
    return setup;
  }
}

