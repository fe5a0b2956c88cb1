import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MailMessage, MailTransport, SendOutcome } from 'src/platform/mail/mail-transport';

/**
 * Writes each message as an .eml file in a folder, for development and tests. Messages hold
 * voters' codes: the folder and files are readable by the owner only.
 */
export class FileMailTransport extends MailTransport {
  readonly kind = 'file' as const;

  constructor(
    private readonly dir: string,
    private readonly from: string,
  ) {
    super();
  }

  async send(m: MailMessage): Promise<SendOutcome> {
    fs.mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const messageId = `<${randomUUID()}@hybrid-ballot.invalid>`;
    const headers = [
      `From: ${this.from}`,
      `To: ${m.to}`,
      `Subject: ${encodeHeader(m.subject)}`,
      `Message-ID: ${messageId}`,
      `Date: ${new Date().toUTCString()}`,
      `X-Reference: ${m.reference}`,
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
    ];
    const file = path.join(this.dir, `${Date.now()}-${m.reference.replace(/[^A-Za-z0-9_-]/g, '_')}.eml`);
    await fs.promises.writeFile(file, `${headers.join('\r\n')}\r\n\r\n${m.text.replace(/\r?\n/g, '\r\n')}\r\n`, { mode: 0o600 });
    return { status: 'sent', messageId };
  }

  async close(): Promise<void> {}
}

/** RFC 2047 for a subject with non-ASCII characters ("Élection …"). */
function encodeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}
