import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { authError } from 'src/auth/auth.errors';
import { LoginThrottleService } from 'src/auth/login-throttle.service';
import { dummyHash, verifyPassword } from 'src/auth/password-hasher';
import { hashSessionToken, newSessionToken } from 'src/auth/session-token';
import { StaffEntity } from 'src/auth/staff.entity';
import { SessionRepository, StaffRepository } from 'src/auth/staff.repository';
import { StaffService } from 'src/auth/staff.service';
import { StaffActor } from 'src/events/actor';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { Role } from 'src/platform/http/access.decorators';

export interface SignedInStaff {
  staffId: string;
  email: string;
  role: Role;
  displayName: string;
  sessionId: string;
  expiresAt: Date;
}

export function actorOf(s: SignedInStaff): StaffActor {
  return { kind: 'staff', staffId: s.staffId, role: s.role, email: s.email };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly sessions: SessionRepository,
    private readonly throttle: LoginThrottleService,
    private readonly staffService: StaffService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One answer for an unknown e-mail, a wrong password and a disabled account. */
  async login(email: string, password: string, address: string): Promise<{ token: string; staff: SignedInStaff }> {
    await this.throttle.assertAllowed(email, address);
    const account = await this.staff.findByEmail(email.trim());
    const ok = account ? await verifyPassword(account.passwordHash, password) : await verifyPassword(await dummyHash(), password);
    if (!account || !ok || account.disabled) {
      await this.throttle.recordFailure(email, address);
      throw authError('invalid_credentials', 'The e-mail address or password is not correct.');
    }
    await this.throttle.recordSuccess(email, address);
    const now = new Date();
    const token = newSessionToken();
    const session = {
      id: randomUUID(),
      tokenHash: hashSessionToken(token),
      staffId: account.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.sessionTtlMinutes * 60_000),
      revokedAt: null,
    };
    await this.sessions.insert(session);
    await this.staff.touchLogin(account.id, now);
    return { token, staff: this.signedIn(account, session.id, session.expiresAt) };
  }

  /** Resolves a bearer token to its live session, or explains why it is not one. */
  async resolve(token: string, now = new Date()): Promise<SignedInStaff> {
    const tokenHash = hashSessionToken(token);
    const live = await this.sessions.findLiveWithAccount(tokenHash, now);
    if (!live) {
      const known = await this.sessions.findByTokenHash(tokenHash);
      throw known
        ? authError('session_expired', 'Your session has ended. Sign in again.')
        : authError('not_signed_in', 'Sign in to use this page.');
    }
    const { session, account } = live;
    if (account.disabled) throw authError('session_expired', 'Your session has ended. Sign in again.');
    return this.signedIn(account, session.id, session.expiresAt);
  }

  async logout(s: SignedInStaff): Promise<void> {
    await this.sessions.revoke(s.sessionId, new Date());
  }

  async changeOwnPassword(s: SignedInStaff, currentPassword: string, newPassword: string): Promise<void> {
    const account = await this.staffService.get(s.staffId);
    if (!(await verifyPassword(account.passwordHash, currentPassword))) {
      throw authError('invalid_credentials', 'The current password is not correct.', { fields: { currentPassword: ['not correct'] } });
    }
    await this.staffService.changePassword(s.staffId, newPassword, actorOf(s));
  }

  private signedIn(a: StaffEntity, sessionId: string, expiresAt: Date): SignedInStaff {
    return { staffId: a.id, email: a.email, role: a.role, displayName: a.displayName, sessionId, expiresAt };
  }
}
