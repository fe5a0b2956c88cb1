import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { publicCredentialHex } from 'src/crypto/credential/credential';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionsService } from 'src/elections/elections.service';
import { LifecycleChecks } from 'src/elections/lifecycle-checks';
import { Actor, SYSTEM } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { randomSymbols } from 'src/packs/codes/crockford';
import { PackMailerService } from 'src/packs/email/pack-mailer.service';
import { planPacks } from 'src/packs/pack-plan';
import { derivePackSecrets, electionSeed } from 'src/packs/pack-secrets';
import { PackEntity, PackSetupEntity, PaperEntity } from 'src/packs/pack.entity';
import { packsError } from 'src/packs/packs.errors';
import { PacksRepository } from 'src/packs/packs.repository';
import { atomicWriter, batchFileName, packsDir } from 'src/packs/print-files';
import { printInfo } from 'src/packs/print-info';
import { printInputFor } from 'src/packs/print-input';
import { PackPrintInput, PackRenderer } from 'src/packs/render/pack-renderer';
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

/**
 * The credential authority's print run (DESIGN.md §5, issue 4): plan the packs from the frozen
 * roll, store only public values, render every print batch, write the manifest, and move the
 * election to `packs_ready`. One idempotent job per election: a rerun after a crash finds the
 * packs already stored and re-renders byte-identical batches.
 */
@Injectable()
export class PackGenerationService implements OnModuleInit {
  private readonly logger = new Logger('packs');

  constructor(
    private readonly packs: PacksRepository,
    private readonly roll: RollService,
    private readonly elections: ElectionsService,
    private readonly lifecycle: LifecycleChecks,
    private readonly events: EventLogService,
    private readonly tx: Transactions,
    private readonly queue: JobQueue,
    private readonly jobs: JobRegistry,
    private readonly mailer: PackMailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<GeneratePacksPayload, { batches: number }>({
      name: GENERATE_PACKS_JOB,
      attempts: 3,
      handle: (payload, ctx) => this.generate(payload, ctx),
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

  async generate(p: GeneratePacksPayload, ctx: JobContext): Promise<{ batches: number }> {
    const seed = this.config.packs.credentialSeed;
    if (!seed) throw packsError('credential_seed_missing', 'CREDENTIAL_SEED is not set in the process that renders packs.');
    const election = await this.elections.get(p.electionId);
    const eSeed = electionSeed(seed, election.beleniosUuid);
    const members = new Map<string, RollMemberEntity>();
    for await (const m of this.roll.eligibleMembers(election.id)) members.set(m.memberNumber, m);

    const template = loadTemplate(p.template, p.language);
    let setup = await this.packs.findSetup(election.id);
    const createdAt = setup?.createdAt ?? new Date(Math.floor(Date.now() / 1000) * 1000);
    const renderer = PackRenderer.create(printInfo(election, this.config.publicUrl), template, { documentDate: createdAt });
    if (!setup) {
      if (election.status !== 'roll_frozen') throw packsError('roll_not_frozen', `The election is ${election.status}.`);
      setup = await this.store(election, [...members.values()], eSeed, p, renderer, createdAt);
    }

    const dir = packsDir(this.config.dataDir, election.id);
    const macKey = Buffer.from(setup.macKey, 'hex');
    const started = Date.now();
    const manifest: string[] = ['batch,sequence,pack_serial,first_page,last_page'];
    let done = 0;
    // Progress counts printed packs; e-mailed ones are not in any batch.
    const total = await this.packs.countPrinted(election.id);
    for (let batch = 1; batch <= setup.batches; batch++) {
      const rows = await this.packs.batchPacks(election.id, batch);
      const keys = { electionSeed: eSeed, beleniosUuid: election.beleniosUuid, electionCode: setup.electionCode, macKey };
      const inputs: PackPrintInput[] = rows.map((row) => printInputFor(row.serial, members.get(row.memberNumber!)!, keys));
      const file = path.join(dir, batchFileName(batch));
      const out = atomicWriter(file);
      const result = await renderer.renderBatch(inputs, out.stream);
      const sha = await out.commit();
      await this.packs.recordChecksum(election.id, batchFileName(batch), sha);
      const sequenceOf = new Map(rows.map((x) => [x.serial, x.sequence]));
      for (const r of result.packs) manifest.push(`${batch},${sequenceOf.get(r.packSerial)},${r.packSerial},${r.firstPage},${r.lastPage}`);
      done += rows.length;
      const rate = done / Math.max(0.001, (Date.now() - started) / 1000);
      await ctx.reportProgress({ done, total, batch, batches: setup.batches, packsPerSecond: Math.round(rate * 10) / 10, etaSeconds: Math.round((total - done) / rate) });
    }
    // Batch files create the directory; when every pack is e-mailed there is none, yet the manifest is still written.
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'manifest.csv'), manifest.join('\n') + '\n');
    const sums = await this.packs.findSetup(election.id);
    fs.writeFileSync(
      path.join(dir, 'SHA256SUMS'),
      Object.entries(sums!.checksums)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([f, h]) => `${h}  ${f}\n`)
        .join(''),
    );
    await this.tx.run(async (m) => {
      await this.packs.markCompleted(m, election.id, new Date());
      const current = await this.elections.lockForUpdate(m, election.id);
      if (current.status === 'roll_frozen') await this.elections.transition(election.id, 'packs_ready', SYSTEM, { system: true, manager: m });
    });
    // Members who get their codes by e-mail: the credential authority's worker sends them next.
    if (await this.packs.countEmailed(election.id)) await this.mailer.enqueue(election.id);
    this.logger.log(`packs rendered for election ${election.id}: ${setup.batches} batches`);
    return { batches: setup.batches };
  }

  /** Plans and stores every pack of the election in one transaction: only public values. */
  private async store(
    election: ElectionEntity,
    members: RollMemberEntity[],
    eSeed: Uint8Array,
    p: GeneratePacksPayload,
    renderer: PackRenderer,
    createdAt: Date,
  ): Promise<PackSetupEntity> {
    const plan = planPacks(
      members.map((m) => ({
        memberNumber: m.memberNumber,
        country: m.country,
        postcode: m.postcode,
        hasPostalAddress: !!m.addressLine1,
        onlineOnly: m.channel === 'online-only',
        email: m.email,
      })),
      { batchSize: this.config.packs.batchSize },
    );
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

