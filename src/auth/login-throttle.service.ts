import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { authError } from 'src/auth/auth.errors';
import { LoginThrottleRepository } from 'src/auth/staff.repository';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { Transactions } from 'src/platform/database/transactions';

// A client address may try more accounts than one account may be tried (shared NAT in an office).
const ADDRESS_FACTOR = 5;

/**
 * Counts failed sign-ins per account and per client address in the database, so the limit
 * holds across every web replica. Keys never contain the e-mail itself.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly repo: LoginThrottleRepository,
    private readonly tx: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(email: string, address: string): Array<{ key: string; max: number }> {
    const account = createHash('sha256').update(email.toLowerCase()).digest('hex').slice(0, 40);
    return [
      { key: `account:${account}`, max: this.config.login.maxAttempts },
      { key: `address:${address}`.slice(0, 100), max: this.config.login.maxAttempts * ADDRESS_FACTOR },
    ];
  }

  /** Throws login_rate_limited (429 with Retry-After) while either counter is at its limit. */
  async assertAllowed(email: string, address: string, now = new Date()): Promise<void> {
    const windowMs = this.config.login.windowSeconds * 1000;
    for (const { key, max } of this.keys(email, address)) {
      const row = await this.tx.run((m) => this.repo.lock(m, key, now));
      const windowEnd = row.windowStart.getTime() + windowMs;
      if (row.failures >= max && windowEnd > now.getTime()) {
        const retryAfterSeconds = Math.ceil((windowEnd - now.getTime()) / 1000);
        throw authError('login_rate_limited', `Too many failed sign-ins. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`, {
          retryAfterSeconds,
        });
      }
    }
  }

  async recordFailure(email: string, address: string, now = new Date()): Promise<void> {
    const windowMs = this.config.login.windowSeconds * 1000;
    await this.tx.run(async (m) => {
      for (const { key } of this.keys(email, address)) await this.repo.countFailure(m, key, now, windowMs);
    });
  }

  async recordSuccess(email: string, address: string): Promise<void> {
    const [account] = this.keys(email, address);
    await this.tx.run((m) => this.repo.clear(m, account.key));
  }
}
