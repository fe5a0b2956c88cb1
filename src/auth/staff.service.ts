import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { authError } from 'src/auth/auth.errors';
import { hashPassword, MIN_PASSWORD_LENGTH } from 'src/auth/password-hasher';
import { StaffEntity } from 'src/auth/staff.entity';
import { SessionRepository, StaffRepository } from 'src/auth/staff.repository';
import { Actor } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { Transactions } from 'src/platform/database/transactions';
import { Role } from 'src/platform/http/access.decorators';

export interface NewStaff {
  email: string;
  displayName?: string;
  role: Role;
  password: string;
}

export function assertStrongPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw authError('weak_password', `The password must have at least ${MIN_PASSWORD_LENGTH} characters.`, {
      fields: { password: [`at least ${MIN_PASSWORD_LENGTH} characters`] },
    });
  }
}

@Injectable()
export class StaffService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly sessions: SessionRepository,
    private readonly events: EventLogService,
    private readonly tx: Transactions,
  ) {}

  async create(input: NewStaff, actor: Actor): Promise<StaffEntity> {
    assertStrongPassword(input.password);
    const email = input.email.trim().toLowerCase();
    if (await this.staff.findByEmail(email)) {
      throw authError('email_taken', 'A staff account with this e-mail address already exists.', { fields: { email: ['already in use'] } });
    }
    const entity: StaffEntity = {
      id: randomUUID(),
      email,
      displayName: input.displayName?.trim() || email,
      role: input.role,
      passwordHash: await hashPassword(input.password),
      disabled: false,
      createdAt: new Date(),
      lastLoginAt: null,
    };
    await this.tx.run(async (m) => {
      await this.staff.insert(m, entity);
      await this.events.append(m, {
        electionId: null,
        type: 'staff.created',
        actor,
        data: { staffId: entity.id, email, role: entity.role },
      });
    });
    return entity;
  }

  list(): Promise<StaffEntity[]> {
    return this.staff.listAll();
  }

  async get(id: string): Promise<StaffEntity> {
    const s = await this.staff.findById(id);
    if (!s) throw authError('staff_not_found', 'No staff account with this id.');
    return s;
  }

  async setDisabled(id: string, disabled: boolean, actor: Actor): Promise<StaffEntity> {
    const target = await this.get(id);
    if (actor.kind === 'staff' && actor.staffId === id && disabled) {
      throw authError('cannot_disable_self', 'You cannot disable your own account.');
    }
    await this.tx.run(async (m) => {
      await this.staff.setDisabled(m, id, disabled);
      if (disabled) await this.sessions.revokeAllOf(m, id, new Date());
      await this.events.append(m, {
        electionId: null,
        type: disabled ? 'staff.disabled' : 'staff.enabled',
        actor,
        data: { staffId: id, email: target.email },
      });
    });
    return { ...target, disabled };
  }

  async changePassword(id: string, newPassword: string, actor: Actor): Promise<void> {
    assertStrongPassword(newPassword);
    const passwordHash = await hashPassword(newPassword);
    await this.tx.run(async (m) => {
      await this.staff.setPasswordHash(m, id, passwordHash);
      await this.sessions.revokeAllOf(m, id, new Date());
      await this.events.append(m, { electionId: null, type: 'staff.password_changed', actor, data: { staffId: id } });
    });
  }
}
