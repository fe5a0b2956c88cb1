import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { LoginThrottleEntity, StaffEntity, StaffSessionEntity } from 'src/auth/staff.entity';
import { lockOrCreate } from 'src/platform/database/lock-or-create';

@Injectable()
export class StaffRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private get staff() {
    return this.ds.getRepository(StaffEntity);
  }

  findByEmail(email: string): Promise<StaffEntity | null> {
    return this.staff.findOneBy({ email: email.toLowerCase() });
  }

  findById(id: string): Promise<StaffEntity | null> {
    return this.staff.findOneBy({ id });
  }

  listAll(): Promise<StaffEntity[]> {
    return this.staff.find({ order: { createdAt: 'ASC' } });
  }

  async insert(manager: EntityManager, s: StaffEntity): Promise<void> {
    await manager.getRepository(StaffEntity).insert(s);
  }

  async setDisabled(manager: EntityManager, id: string, disabled: boolean): Promise<void> {
    await manager.getRepository(StaffEntity).update({ id }, { disabled });
  }

  async setPasswordHash(manager: EntityManager, id: string, passwordHash: string): Promise<void> {
    await manager.getRepository(StaffEntity).update({ id }, { passwordHash });
  }

  async touchLogin(id: string, at: Date): Promise<void> {
    await this.staff.update({ id }, { lastLoginAt: at });
  }
}

@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private get sessions() {
    return this.ds.getRepository(StaffSessionEntity);
  }

  async insert(s: StaffSessionEntity): Promise<void> {
    await this.sessions.insert(s);
  }

  /** The live session of a token with its account, in one query: every signed-in request asks. */
  async findLiveWithAccount(tokenHash: string, now: Date): Promise<{ session: StaffSessionEntity; account: StaffEntity } | null> {
    const found = await this.sessions
      .createQueryBuilder('s')
      .innerJoinAndMapOne('s.account', StaffEntity, 'a', 'a.id = s.staff_id')
      .where('s.token_hash = :tokenHash AND s.revoked_at IS NULL AND s.expires_at > :now', { tokenHash, now })
      .getOne();
    if (!found) return null;
    const { account, ...session } = found as StaffSessionEntity & { account: StaffEntity };
    return { session, account };
  }

  findByTokenHash(tokenHash: string): Promise<StaffSessionEntity | null> {
    return this.sessions.findOneBy({ tokenHash });
  }

  async revoke(id: string, at: Date): Promise<void> {
    await this.sessions.update({ id }, { revokedAt: at });
  }

  async revokeAllOf(manager: EntityManager, staffId: string, at: Date): Promise<void> {
    await manager.getRepository(StaffSessionEntity).update({ staffId, revokedAt: IsNull() }, { revokedAt: at });
  }
}

@Injectable()
export class LoginThrottleRepository {
  /** Locks (PostgreSQL) or reads (SQLite, serialised) the counter row, creating it if missing. */
  async lock(manager: EntityManager, key: string, now: Date): Promise<LoginThrottleEntity> {
    return lockOrCreate(manager, LoginThrottleEntity, { key }, { windowStart: now, failures: 0 });
  }

  /** The counters that exist among `keys`, read without locking or creating anything. */
  read(manager: EntityManager, keys: string[]): Promise<LoginThrottleEntity[]> {
    return manager.getRepository(LoginThrottleEntity).findBy({ key: In(keys) });
  }

  /** Counts one failure on `key` (row locked), starting a new window once the last one ended. */
  async countFailure(manager: EntityManager, key: string, now: Date, windowMs: number): Promise<void> {
    const row = await this.lock(manager, key, now);
    if (row.windowStart.getTime() + windowMs <= now.getTime()) {
      row.windowStart = now;
      row.failures = 0;
    }
    row.failures++;
    await this.save(manager, row);
  }

  async save(manager: EntityManager, row: LoginThrottleEntity): Promise<void> {
    await manager.getRepository(LoginThrottleEntity).update({ key: row.key }, { windowStart: row.windowStart, failures: row.failures });
  }

  async clear(manager: EntityManager, key: string): Promise<void> {
    await manager.getRepository(LoginThrottleEntity).delete({ key });
  }
}
