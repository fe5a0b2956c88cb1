import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from 'src/platform/database/columns';

/**
 * `sent`: handed to the mail server; `undeliverable`: refused for good (at sending, or a bounce
 * reported later) — the member needs a pack by post; `failed`: a temporary failure, tried again.
 */
export type DeliveryState = 'sent' | 'undeliverable' | 'failed';

/** How an e-mailed pack's delivery went. Never holds the message: it carries the member's codes. */
@Entity('pack_delivery')
export class PackDeliveryEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 36 })
  electionId!: string;

  @PrimaryColumn({ type: 'integer' })
  serial!: number;

  @Column({ type: 'varchar', length: 8 })
  channel!: 'email';

  @Column({ type: 'varchar', length: 16 })
  state!: DeliveryState;

  @Column({ type: 'integer' })
  attempts!: number;

  /** The mail server's answer or the reported bounce, for the administrator. */
  @Column({ type: 'varchar', length: 300, nullable: true })
  detail!: string | null;

  @Column({ name: 'message_id', type: 'varchar', length: 200, nullable: true })
  messageId!: string | null;

  @DateTimeColumn({ name: 'updated_at' })
  updatedAt!: Date;
}
