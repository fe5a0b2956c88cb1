import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeColumn } from 'src/platform/database/columns';
import { Role } from 'src/platform/http/access.decorators';

@Entity('staff')
export class StaffEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** Stored lower-cased; unique. */
  @Column({ type: 'varchar', length: 254, unique: true })
  email!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 120 })
  displayName!: string;

  @Column({ type: 'varchar', length: 32 })
  role!: Role;

  /** argon2id PHC string; the password itself is never stored or logged. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @DateTimeColumn({ name: 'created_at' })
  createdAt!: Date;

  @DateTimeColumn({ name: 'last_login_at', nullable: true })
  lastLoginAt!: Date | null;
}

@Entity('staff_session')
export class StaffSessionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** SHA-256 of the bearer token: a database leak does not hand out live sessions. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash!: string;

  @Column({ name: 'staff_id', type: 'varchar', length: 36 })
  staffId!: string;

  @DateTimeColumn({ name: 'created_at' })
  createdAt!: Date;

  @DateTimeColumn({ name: 'expires_at' })
  expiresAt!: Date;

  @DateTimeColumn({ name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;
}

/** Failed sign-in counters per key (an e-mail address hash or a client address) and window. */
@Entity('login_throttle')
export class LoginThrottleEntity {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  key!: string;

  @DateTimeColumn({ name: 'window_start' })
  windowStart!: Date;

  @Column({ type: 'integer' })
  failures!: number;
}
