import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { InProcessBallotVerifier, type BallotVerdict, type BallotVerifier } from 'src/crypto/ballot/verify-cast';
import { BallotVerifyPool } from 'src/crypto/native/ballot-verify-pool';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';

export type { BallotVerdict, BallotVerifier };

export const BALLOT_VERIFIER = Symbol('BallotVerifier');

/**
 * The cast path's verifier: worker threads (CAST_VERIFY_WORKERS), so proofs are checked off the
 * event loop on every core and a full queue answers at once instead of piling up; or, with 0
 * workers, on the request thread. Both give the same verdict (src/crypto/ballot/verify-cast.ts).
 */
@Injectable()
export class CastVerifier implements BallotVerifier, OnModuleDestroy {
  private readonly impl: BallotVerifier;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { workers, queuePerWorker } = config.castVerify;
    this.impl = workers === 0 ? new InProcessBallotVerifier() : new BallotVerifyPool({ workers, maxQueue: workers * queuePerWorker });
  }

  verify(electionRaw: string, credentialHex: string, ballotRaw: string): Promise<BallotVerdict> {
    return this.impl.verify(electionRaw, credentialHex, ballotRaw);
  }

  close(): Promise<void> {
    return this.impl.close();
  }

  onModuleDestroy(): Promise<void> {
    return this.close();
  }
}
