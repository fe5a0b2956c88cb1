import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { voterError } from 'src/voter/voter.errors';

/**
 * Admission control for casts, before anything else touches the request (session lookup,
 * verification, database): past what this process can take, a queue only turns into minutes
 * of waiting and voters timing out, and every queued request still costs a database round
 * trip. A cast beyond `CAST_MAX_IN_FLIGHT` is answered 503 with Retry-After at once and stores
 * nothing; the booth asks the member to send it again.
 */
@Injectable()
export class CastAdmissionMiddleware implements NestMiddleware {
  private inFlight = 0;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  use(_req: Request, res: Response, next: NextFunction): void {
    if (this.inFlight >= this.config.castVerify.maxInFlight) {
      throw voterError('busy', 'Many ballots are arriving at once: your ballot was not received. Please send it again in a moment.', { retryAfterSeconds: 1 });
    }
    this.inFlight++;
    let left = false;
    // `close` fires once the answer is sent or the client went away, whichever comes first.
    res.on('close', () => {
      if (!left) this.inFlight--;
      left = true;
    });
    next();
  }
}
