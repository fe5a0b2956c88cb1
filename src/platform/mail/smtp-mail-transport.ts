import { createTransport, Transporter } from 'nodemailer';
import { MailMessage, MailTransport, SendOutcome } from 'src/platform/mail/mail-transport';

/** Sends through an SMTP server (nodemailer). A 5xx answer means the address will never work. */
export class SmtpMailTransport extends MailTransport {
  readonly kind = 'smtp' as const;
  private readonly transporter: Transporter;

  constructor(
    url: string,
    private readonly from: string,
  ) {
    super();
    this.transporter = createTransport(url);
  }

  async send(m: MailMessage): Promise<SendOutcome> {
    try {
      const info = await this.transporter.sendMail({ from: this.from, to: m.to, subject: m.subject, text: m.text, headers: { 'X-Reference': m.reference } });
      if ((info.rejected?.length ?? 0) > 0) return { status: 'undeliverable', detail: shortDetail(String(info.response)) };
      return { status: 'sent', messageId: info.messageId };
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      // Only the server's answer is kept: never the message, which holds a voter's codes.
      const detail = shortDetail((e as { response?: string }).response ?? (e instanceof Error ? e.message : String(e)));
      return code !== undefined && code >= 500 && code < 600 ? { status: 'undeliverable', detail } : { status: 'failed', detail };
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}

function shortDetail(s: string): string {
  return s.replace(/\s+/g, ' ').trim().slice(0, 300);
}
