import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ElectionsService } from 'src/elections/elections.service';
import { PackLookupService } from 'src/packs/pack-lookup.service';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { MailTransport } from 'src/platform/mail/mail-transport';
import { JobQueue } from 'src/platform/queue/job-queue';
import { JobRegistry } from 'src/platform/queue/job-registry';
import { RollService } from 'src/roll/roll.service';
import { composeCastConfirmation, confirmationLanguage } from 'src/voter/email/cast-confirmation';

export const SEND_CAST_CONFIRMATION_JOB = 'voter.send-cast-confirmation';

export interface CastConfirmationPayload {
  electionId: string;
  memberNumber: string;
  tracker: string;
  /** ISO instant (payloads travel as JSON). */
  receivedAt: string;
}

export type ConfirmationOutcome = 'queued' | 'no_email_on_roll';

/**
 * Confirmation e-mails after an online vote, sent by a job so a slow mail server never holds
 * up the cast. The address is read from the roll when the mail is sent, not kept in the queue.
 */
@Injectable()
export class CastConfirmationService implements OnModuleInit {
  private readonly logger = new Logger('voter.email');

  constructor(
    private readonly elections: ElectionsService,
    private readonly roll: RollService,
    private readonly packs: PackLookupService,
    private readonly queue: JobQueue,
    private readonly jobs: JobRegistry,
    @Inject(MailTransport) private readonly mail: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register<CastConfirmationPayload, { status: string }>({
      name: SEND_CAST_CONFIRMATION_JOB,
      attempts: 5,
      handle: (p) => this.send(p),
    });
  }

  /** Queues the e-mail if the member has an address on the roll; once per ballot (a retried request queues nothing more). */
  async enqueue(p: CastConfirmationPayload): Promise<ConfirmationOutcome> {
    const member = await this.roll.member(p.electionId, p.memberNumber);
    if (!member.email) return 'no_email_on_roll';
    const key = createHash('sha256').update(`${p.electionId}|${p.tracker}`).digest('hex').slice(0, 40);
    await this.queue.enqueue<CastConfirmationPayload>(SEND_CAST_CONFIRMATION_JOB, p, { jobId: `cast-confirmation-${key}` });
    return 'queued';
  }

  async send(p: CastConfirmationPayload): Promise<{ status: string }> {
    const [election, member, packLanguage] = await Promise.all([
      this.elections.get(p.electionId),
      this.roll.member(p.electionId, p.memberNumber),
      this.packs.packLanguage(p.electionId),
    ]);
    if (!member.email) return { status: 'no_email_on_roll' };
    const message = composeCastConfirmation(confirmationLanguage(packLanguage), {
      electionTitle: election.title,
      tracker: p.tracker,
      receivedAt: new Date(p.receivedAt),
      timeZone: election.timeline.timeZone,
      boardUrl: `${this.config.publicUrl}/board/${election.id}`,
    });
    const outcome = await this.mail.send({ to: member.email, reference: 'cast-confirmation', ...message });
    // A temporary failure fails the job so the queue retries; the address is not logged.
    if (outcome.status === 'failed') throw new Error(`the confirmation e-mail could not be sent yet: ${outcome.detail}`);
    if (outcome.status === 'undeliverable') this.logger.warn(`cast confirmation for election ${p.electionId} undeliverable`);
    return { status: outcome.status };
  }
}
