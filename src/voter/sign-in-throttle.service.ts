import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LoginThrottleRepository } from 'src/auth/staff.repository';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { Transactions } from 'src/platform/database/transactions';
import { voterError } from 'src/voter/voter.errors';

/**
 * Failed member sign-ins, counted per Voting ID and per client address in the staff sign-in
 * counter table (its own key prefixes), so the limit holds across every web replica. The
 * per-Voting-ID key is a hash that differs from the pack's stored Voting ID hash: the counter
 * table does not say which pack someone was trying.
 */
@Injectable()
export class SignInThrottleService {
  constructor(
    private readonly repo: LoginThrottleRepository,
    private readonly tx: Transactions,
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private keys(electionId: string, votingId: string, address: string): Array<{ key: string; max: number }> {
    const { maxAttempts, addressFactor } = this.config.voter.signIn;
    const id = createHash('sha256').update(`voter-sign-in|${electionId}|${votingId}`).digest('hex').slice(0, 40);
    return [
      { key: `voter-id:${id}`, max: maxAttempts },
      { key: `voter-address:${address}`.slice(0, 100), max: maxAttempts * addressFactor },
    ];
  }

  /**
   * Throws sign_in_rate_limited (429, Retry-After) while either counter is at its limit. A plain
   * read: every sign-in from one address (a consulate, an office behind NAT) would otherwise
   * queue on that address's row. Only failures lock and count; two failures racing past the
   * check at once can exceed the limit by the number of requests in flight, no more.
   */
  async assertAllowed(electionId: string, votingId: string, address: string, now = new Date()): Promise<void> {
    const windowMs = this.config.voter.signIn.windowSeconds * 1000;
    const keys = this.keys(electionId, votingId, address);
    const rows = await this.repo.read(this.ds.manager, keys.map((k) => k.key));
    for (const { key, max } of keys) {
      const row = rows.find((r) => r.key === key);
      if (!row) continue;
      const windowEnd = row.windowStart.getTime() + windowMs;
      if (row.failures >= max && windowEnd > now.getTime()) {
        const retryAfterSeconds = Math.ceil((windowEnd - now.getTime()) / 1000);
        const minutes = Math.ceil(retryAfterSeconds / 60);
        throw voterError('sign_in_rate_limited', `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, {
          retryAfterSeconds,
        });
      }
    }
  }

  async recordFailure(electionId: string, votingId: string, address: string, now = new Date()): Promise<void> {
    const windowMs = this.config.voter.signIn.windowSeconds * 1000;
    await this.tx.run(async (m) => {
      for (const { key } of this.keys(electionId, votingId, address)) await this.repo.countFailure(m, key, now, windowMs);
    });
  }

  /** A success clears the Voting ID's counter, not the address's: one good pack does not reset guessing. */
  async recordSuccess(electionId: string, votingId: string, address: string): Promise<void> {
    const [id] = this.keys(electionId, votingId, address);
    await this.tx.run((m) => this.repo.clear(m, id.key));
  }
}
