import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ElectionsService } from 'src/elections/elections.service';
import { Actor, SYSTEM } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { composePackEmail } from 'src/packs/email/pack-email';
import { printInfo } from 'src/packs/print-info';
import { PackDeliveryRepository } from 'src/packs/pack-delivery.repository';
import { derivePackSecrets, electionSeed } from 'src/packs/pack-secrets';
import { packsError } from 'src/packs/packs.errors';
import { PacksRepository } from 'src/packs/packs.repository';
import { loadTemplate } from 'src/packs/render/template';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { Transactions } from 'src/platform/database/transactions';
import { MailTransport } from 'src/platform/mail/mail-transport';
import { JobContext, JobQueue } from 'src/platform/queue/job-queue';
import { JobRegistry } from 'src/platform/queue/job-registry';
import { RollService } from 'src/roll/roll.service';

export const SEND_PACK_EMAILS_JOB = 'packs.send-emails';

export interface SendPackEmailsPayload {
  electionId: string;
  /** Only these packs (a reissue); all e-mail packs not yet sent when absent. */
  serials?: number[];
}

/**
 * Sends the codes of e-mail packs (members abroad, online-only members) through the mail
 * transport — the credential authority's job: it re-derives the codes, so it needs the seed.
 * Resumable: a pack already sent or found undeliverable is not sent again; temporary failures
 * fail the job so the queue retries them.
 */
@Injectable()
export class PackMailerService implements OnModuleInit {
  private readonly logger = new Logger('packs.email');

  constructor(
    private readonly packs: PacksRepository,
    private readonly deliveries: PackDeliveryRepository,
    private readonly elections: ElectionsService,
    private readonly roll: RollService,
    private readonly events: EventLogService,
    private readonly tx: Transactions,
    private readonly queue: JobQueue,
    private readonly jobs: JobRegistry,
    @Inject(MailTransport) private readonly mail: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<SendPackEmailsPayload, { sent: number; undeliverable: number; failed: number }>({
      name: SEND_PACK_EMAILS_JOB,
      attempts: 5,
      handle: (p, ctx) => this.send(p, ctx),
    });
  }

  /** Queues the e-mails of an election's print run, or of one reissued pack. */
  enqueue(electionId: string, serial?: number): Promise<{ id: string }> {
    return serial === undefined
      ? this.queue.enqueue<SendPackEmailsPayload>(SEND_PACK_EMAILS_JOB, { electionId }, { jobId: `emails-${electionId}` })
      : this.queue.enqueue<SendPackEmailsPayload>(SEND_PACK_EMAILS_JOB, { electionId, serials: [serial] }, { jobId: `email-${electionId}-${serial}` });
  }

  async send(p: SendPackEmailsPayload, ctx: JobContext): Promise<{ sent: number; undeliverable: number; failed: number }> {
    const seed = this.config.packs.credentialSeed;
    if (!seed) throw packsError('credential_seed_missing', 'CREDENTIAL_SEED is not set in the process that sends e-mail packs.');
    const election = await this.elections.get(p.electionId);
    const setup = await this.packs.findSetup(p.electionId);
    if (!setup) throw packsError('packs_not_generated', 'The packs of this election have not been generated yet.');
    const template = loadTemplate(setup.template, setup.language);
    const info = printInfo(election, this.config.publicUrl);
    const eSeed = electionSeed(seed, election.beleniosUuid);
    const targets = await this.deliveries.toSend(p.electionId, p.serials);
    const tally = { sent: 0, undeliverable: 0, failed: 0 };
    for (const [i, pack] of targets.entries()) {
      const member = await this.roll.member(p.electionId, pack.memberNumber!);
      const s = derivePackSecrets(eSeed, election.beleniosUuid, pack.serial);
      const outcome = member.email
        ? await this.mail.send({
            to: member.email,
            reference: `pack-${pack.serial}`,
            ...composePackEmail(info, template, { memberName: [member.givenNames, member.familyName].filter(Boolean).join(' '), votingId: s.votingId, credential: s.credential.replace(/-/g, '') }),
          })
        : ({ status: 'undeliverable', detail: 'No e-mail address on the roll.' } as const);
      await this.deliveries.record(p.electionId, pack.serial, outcome.status, outcome.status === 'sent' ? null : outcome.detail, outcome.status === 'sent' ? outcome.messageId : null);
      tally[outcome.status] += 1;
      if (i % 50 === 49 || i === targets.length - 1) await ctx.reportProgress({ done: i + 1, total: targets.length, ...tally });
    }
    await this.tx.run((m) => this.events.append(m, { electionId: p.electionId, type: 'packs.emails_sent', actor: SYSTEM, data: { ...tally, serials: p.serials ?? null } }));
    this.logger.log(`e-mail packs for election ${p.electionId}: ${tally.sent} sent, ${tally.undeliverable} undeliverable, ${tally.failed} to retry`);
    // Temporary failures: fail the job so the queue tries again later; sent ones are not resent.
    if (tally.failed > 0) throw new Error(`${tally.failed} e-mail(s) failed temporarily; they will be retried.`);
    return tally;
  }

  /** A bounce reported after sending (the mailbox no longer exists): the member needs a pack by post. */
  async markUndeliverable(electionId: string, serial: number, detail: string, actor: Actor) {
    await this.elections.get(electionId);
    const pack = await this.packs.findPack(electionId, serial);
    if (!pack || pack.delivery !== 'email' || pack.kind !== 'member') throw packsError('no_active_pack', `Pack ${serial} is not an e-mailed member's pack.`);
    const row = await this.deliveries.record(electionId, serial, 'undeliverable', detail, null);
    await this.tx.run((m) => this.events.append(m, { electionId, type: 'packs.email_undeliverable', actor, data: { serial, memberNumber: pack.memberNumber, detail } }));
    return { serial, memberNumber: pack.memberNumber, state: row.state, detail: row.detail };
  }

  async list(electionId: string, state?: 'sent' | 'undeliverable' | 'failed') {
    await this.elections.get(electionId);
    const rows = await this.deliveries.list(electionId, state);
    return rows.map((r) => ({ serial: Number(r.serial), memberNumber: r.memberNumber, state: r.state, attempts: Number(r.attempts), detail: r.detail, updatedAt: new Date(r.updatedAt).toISOString() }));
  }
}
