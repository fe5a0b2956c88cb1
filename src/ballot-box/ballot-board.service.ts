import { Injectable } from '@nestjs/common';
import { BallotBoxSetupService } from 'src/ballot-box/ballot-box-setup.service';
import { BallotBoxSetupEntity, OnlineBallotStatus } from 'src/ballot-box/ballot-box.entities';
import { ballotBoxError } from 'src/ballot-box/ballot-box.errors';
import { BallotBoxRepository } from 'src/ballot-box/ballot-box.repository';
import { ArchiveWriter } from 'src/crypto/archive/archive-writer';
import { parseElection } from 'src/crypto/election/election';
import { ElectionsService } from 'src/elections/elections.service';

export const BOARD_DEFAULT_LIMIT = 100;
export const BOARD_MAX_LIMIT = 1000;
const PREFIX = /^[0-9a-f]{4}$/;

/** The public face of the ballot box: anyone may read it, nothing here names a voter. */
@Injectable()
export class BallotBoardService {
  constructor(
    private readonly repo: BallotBoxRepository,
    private readonly setups: BallotBoxSetupService,
    private readonly elections: ElectionsService,
  ) {}

  /** Ballots by status, and per credential used its ballots and first acceptance: the dashboard's online figures. */
  async figures(electionId: string) {
    await this.elections.get(electionId);
    const [byStatus, perCredential] = await Promise.all([this.repo.countByStatus(electionId), this.repo.ballotsPerCredential(electionId)]);
    return { byStatus, perCredential };
  }

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
   * replaced by a revote, in acceptance order (Belenios counts the last per credential), and
   * EndBallots once online voting is over. Superseded ballots are left out: a postal vote
   * counts for those members. Ballots were verified on entry and are written as received.
   */
  async archive(electionId: string): Promise<{ filename: string; bytes: Uint8Array }> {
    const setup = await this.opened(electionId);
    const { uuid } = parseElection(setup.electionRaw);
    const list = await this.setups.credentials(setup);
    // Read before the ballots: a box that closes meanwhile is published without EndBallots
    // rather than with a ballot list that might still be missing the last casts.
    const closed = (await this.elections.get(electionId)).status !== 'open';
    const ballots = await this.repo.rawInOrder(electionId, ['counts', 'replaced']);
    // Timestamped with the opening time: the same box gives the same bytes at every download.
    const w = new ArchiveWriter(Math.floor(setup.createdAt.getTime() / 1000));
    w.addSetup(setup.electionRaw, setup.trusteesRaw, list.raw);
    for (const raw of ballots) w.addBallot(raw);
    if (closed) w.addEvent('EndBallots');
    return { filename: `${uuid}.bel`, bytes: w.bytes() };
  }

  private async opened(electionId: string): Promise<BallotBoxSetupEntity> {
    const setup = await this.setups.setup(electionId);
    if (!setup) throw ballotBoxError('ballot_box_not_open', 'This election has no online ballot box yet (it opens with the election).');
    return setup;
  }
}
