import { Injectable } from '@nestjs/common';
import { SupersededBallot, TallyOutcome } from 'src/record/tally-outcome';

/**
 * Stands in for the tally until the application binds TALLY_OUTCOME to it: a build then fails
 * saying why, instead of the application refusing to start or a record written without it.
 */
@Injectable()
export class UnboundTallyOutcome implements TallyOutcome {
  onlineArchive(): Promise<Uint8Array | null> {
    return Promise.reject(unbound());
  }

  superseded(): Promise<SupersededBallot[]> {
    return Promise.reject(unbound());
  }

  mergedResult(): Promise<object> {
    return Promise.reject(unbound());
  }
}

function unbound(): Error {
  return new Error('The tally outcome is not connected to the record builder (bind TALLY_OUTCOME).');
}
