// How the system sends e-mail (packs to members abroad, confirmations): one interface, an SMTP
// transport for production and a file transport for development and tests.

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Kept with the message for the person reading the outbox; never logged with the body. */
  reference: string;
}

export type SendOutcome =
  | { status: 'sent'; messageId: string }
  /** The receiving server refused the address for good (5xx): the member needs another channel. */
  | { status: 'undeliverable'; detail: string }
  /** A temporary failure (network, 4xx): worth another try. */
  | { status: 'failed'; detail: string };

export abstract class MailTransport {
  abstract readonly kind: 'smtp' | 'file';
  abstract send(message: MailMessage): Promise<SendOutcome>;
  abstract close(): Promise<void>;
}
