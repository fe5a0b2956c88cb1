import { Injectable } from '@nestjs/common';
import { BallotBoxSetupService } from 'src/ballot-box/ballot-box-setup.service';
import { BallotBoxSetupEntity, OnlineBallotStatus } from 'src/ballot-box/ballot-box.entities';
import { ballotBoxError } from 'src/ballot-box/ballot-box.errors';
import { BallotBoxRepository } from 'src/ballot-box/ballot-box.repository';
import { writeElectionArchive } from 'src/crypto/archive/write-archive';
import { parsePublicCredentials } from 'src/crypto/credential/public-credentials';
import { parseElection } from 'src/crypto/election/election';
import { parseTrustees } from 'src/crypto/trustees/trustees';

export const BOARD_DEFAULT_LIMIT = 100;
export const BOARD_MAX_LIMIT = 1000;
const PREFIX = /^[0-9a-f]{4}$/;

/** The public face of the ballot box: anyone may read it, nothing here names a voter. */
@Injectable()
export class BallotBoardService {
  constructor(
    private readonly repo: BallotBoxRepository,
    private readonly setups: BallotBoxSetupService,
  ) {}

  async electionJson(electionId: string): Promise<string> {
    return (await this.opened(electionId)).electionRaw;
  }

  /** A page of the board in tracker order; `next` is the `after` of the following page. */
  async trackers(electionId: string, after: string | undefined, limit: number | undefined): Promise<{ trackers: Array<{ tracker: string; status: OnlineBallotStatus }>; next: string | null }> {
    await this.opened(electionId);
    const n = limit ?? BOARD_DEFAULT_LIMIT;
    if (!Number.isInteger(n) || n < 1 || n > BOARD_MAX_LIMIT) throw ballotBoxError('invalid_page', `limit must be a whole number from 1 to ${BOARD_MAX_LIMIT}.`);
    const rows = await this.repo.trackersAfter(electionId, after ?? null, n);
    return { trackers: rows.map((r) => ({ tracker: r.tracker, status: r.status })), next: rows.length === n ? rows[rows.length - 1].tracker : null };
  }

  async tracker(electionId: string, tracker: string): Promise<{ present: true; status: OnlineBallotStatus }> {
    await this.opened(electionId);
    const row = await this.repo.findByTracker(electionId, tracker);
    if (!row) throw ballotBoxError('tracker_not_found', 'No ballot with this tracker is in the ballot box.');
    return { present: true, status: row.status };
  }

  /** Credentials used by a ballot, among the ~1/65536 of the list sharing the prefix. */
  async credentials(electionId: string, prefix: string | undefined): Promise<{ credentials: string[] }> {
    if (prefix === undefined || !PREFIX.test(prefix)) throw ballotBoxError('invalid_prefix', 'prefix must be exactly 4 lowercase hexadecimal characters.');
    await this.opened(electionId);
    return { credentials: await this.repo.credentialsWithPrefix(electionId, prefix) };
  }

  /**
   * The Belenios archive of the ballot box now: the setup, then every ballot that counts or was
   * replaced by a revote, in acceptance order (Belenios counts the last per credential).
   * Superseded ballots are left out: a postal vote counts for those members.
   */
  async archive(electionId: string): Promise<{ filename: string; bytes: Uint8Array }> {
    const setup = await this.opened(electionId);
    const election = parseElection(setup.electionRaw);
    const list = await this.setups.credentials(setup);
    const ballots = await this.repo.rawInOrder(electionId, ['counts', 'replaced']);
    const { bytes } = writeElectionArchive({
      // The opening time: the same box gives the same bytes whenever it is downloaded.
      timestamp: Math.floor(setup.createdAt.getTime() / 1000),
      election,
      trusteesRaw: setup.trusteesRaw,
      trustees: parseTrustees(setup.trusteesRaw),
      credentialsRaw: list.raw,
      credentials: parsePublicCredentials(list.raw),
      ballots,
    });
    return { filename: `${election.uuid}.bel`, bytes };
  }

  private async opened(electionId: string): Promise<BallotBoxSetupEntity> {
    const setup = await this.setups.setup(electionId);
    if (!setup) throw ballotBoxError('ballot_box_not_open', 'This election has no online ballot box yet (it opens with the election).');
    return setup;
  }
}
