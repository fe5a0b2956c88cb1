import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ElectionStatus } from 'src/elections/election.types';
import { ElectionsService } from 'src/elections/elections.service';
import { Actor, SYSTEM } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { PackMailerService } from 'src/packs/email/pack-mailer.service';
import { Delivery } from 'src/packs/pack-plan';
import { PackEntity } from 'src/packs/pack.entity';
import { packsError } from 'src/packs/packs.errors';
import { PacksRepository } from 'src/packs/packs.repository';
import { atomicWriter, packsDir } from 'src/packs/print-files';
import { printerFor, printInputFor } from 'src/packs/print-input';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { Transactions } from 'src/platform/database/transactions';
import { JobQueue } from 'src/platform/queue/job-queue';
import { JobRegistry } from 'src/platform/queue/job-registry';
import { PrecedenceService } from 'src/precedence/precedence.service';
import { RollService } from 'src/roll/roll.service';

export const PRINT_REISSUE_JOB = 'packs.print-reissue';

/** A pack can be replaced from the print run until postal returns stop. */
const REISSUE_STATUSES: ReadonlySet<ElectionStatus> = new Set(['packs_ready', 'open', 'online_closed']);

export interface Reissue {
  memberNumber: string;
  voidedSerial: number;
  serial: number;
  delivery: Delivery;
  /** Where the new pack's PDF will be once the credential authority's worker has printed it. */
  file: string;
  /** The queued job that prints (post) or e-mails the new pack. */
  printJobId: string | null;
}

/**
 * Replacing a lost, damaged or never-delivered pack (DESIGN.md §5): the old pack is voided — its
 * identity code and credential refused from now on — and the member gets a spare credential made
 * at the print run. Refused once the member has voted in either channel. The member's
 * participation row is locked, so a reissue and a vote racing each other cannot both succeed.
 */
@Injectable()
export class ReissueService implements OnModuleInit {
  constructor(
    private readonly packs: PacksRepository,
    private readonly elections: ElectionsService,
    private readonly precedence: PrecedenceService,
    private readonly roll: RollService,
    private readonly events: EventLogService,
    private readonly tx: Transactions,
    private readonly queue: JobQueue,
    private readonly jobs: JobRegistry,
    private readonly mailer: PackMailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<{ electionId: string; serial: number }, { file: string }>({
      name: PRINT_REISSUE_JOB,
      attempts: 3,
      handle: (p) => this.print(p.electionId, p.serial),
    });
  }

  async reissue(electionId: string, memberNumber: string, reason: string, delivery: Delivery | undefined, actor: Actor): Promise<Reissue> {
    const done = await this.tx.run(async (m) => {
      const election = await this.elections.readShared(m, electionId);
      if (!REISSUE_STATUSES.has(election.status)) {
        throw packsError('reissue_not_possible', `Packs can be replaced between the print run and the close of postal voting; the election is ${election.status}.`);
      }
      // Lock order pack → participation, as intake does, so the two never deadlock.
      const old = await this.packs.lockActivePack(m, electionId, memberNumber);
      if (!old) throw packsError('no_active_pack', 'This member has no pack to replace.');
      const state = await this.precedence.lockState(m, electionId, memberNumber);
      if (state.online !== 'none' || state.envelope !== 'none') {
        throw packsError('member_has_voted', 'This member has already voted, so the pack cannot be replaced.', {
          channel: state.online !== 'none' ? 'online' : 'postal',
        });
      }
      const spare = await this.claimSpare(m, electionId);
      const newDelivery = delivery ?? old.delivery ?? 'post';
      const now = new Date();
      await this.packs.updatePack(m, old, { status: 'voided', voidedAt: now });
      await this.packs.updatePack(m, spare, { kind: 'member', memberNumber, status: 'active', delivery: newDelivery });
      await this.events.append(m, {
        electionId,
        type: 'packs.reissued',
        actor,
        data: { memberNumber, voidedSerial: old.serial, serial: spare.serial, delivery: newDelivery, reason },
      });
      const result: Reissue = { memberNumber, voidedSerial: old.serial, serial: spare.serial, delivery: newDelivery, file: reissueFileName(spare.serial), printJobId: null };
      return result;
    });
    // Queued after the commit: the worker that holds the seed prints the new pack.
    if (done.delivery === 'post') {
      done.printJobId = (await this.queue.enqueue(PRINT_REISSUE_JOB, { electionId, serial: done.serial }, { jobId: `reissue-${electionId}-${done.serial}` })).id;
    } else {
      done.printJobId = (await this.mailer.enqueue(electionId, done.serial)).id;
    }
    return done;
  }

  private async claimSpare(m: EntityManager, electionId: string): Promise<PackEntity> {
    const spare = await this.packs.lockFirstSpare(m, electionId);
    if (!spare) throw packsError('no_spare_credentials', 'No spare credential is left for this election: no further pack can be replaced.');
    return spare;
  }

  /** Renders the replacement pack (the credential authority's worker: it needs the seed). */
  async print(electionId: string, serial: number): Promise<{ file: string }> {
    const seed = this.config.packs.credentialSeed;
    if (!seed) throw packsError('credential_seed_missing', 'CREDENTIAL_SEED is not set in the process that renders packs.');
    const election = await this.elections.get(electionId);
    const setup = await this.packs.findSetup(electionId);
    const pack = await this.packs.findPack(electionId, serial);
    if (!setup || !pack?.memberNumber) throw packsError('no_active_pack', `Pack ${serial} is not a member's pack.`);
    const member = await this.roll.member(electionId, pack.memberNumber);
    const { keys, renderer } = printerFor(election, setup, seed, this.config.publicUrl);
    const file = path.join(packsDir(this.config.dataDir, electionId), 'reissues', reissueFileName(serial));
    const out = atomicWriter(file);
    await renderer.renderBatch([printInputFor(serial, member, keys)], out.stream);
    const sha256 = await out.commit();
    await this.tx.run((m) => this.events.append(m, { electionId, type: 'packs.reissue_printed', actor: SYSTEM, data: { serial, file: reissueFileName(serial), sha256 } }));
    return { file: reissueFileName(serial) };
  }

  /** Serials of the printed replacement packs, newest first: what GET reissues/:serial can send. */
  printed(electionId: string): number[] {
    return printedReissues(this.config.dataDir, electionId);
  }

  /** The printed replacement pack, once the job has written it. */
  reissueFile(electionId: string, serial: number): string | null {
    const file = path.join(packsDir(this.config.dataDir, electionId), 'reissues', reissueFileName(serial));
    return fs.existsSync(file) ? file : null;
  }
}

/** Serials of the replacement packs printed so far, newest first. */
function printedReissues(dataDir: string, electionId: string): number[] {
  const dir = path.join(packsDir(dataDir, electionId), 'reissues');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .map((f) => /^pack-(\d{7})\.pdf$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => b - a);
}

export function reissueFileName(serial: number): string {
  return `pack-${String(serial).padStart(7, '0')}.pdf`;
}
