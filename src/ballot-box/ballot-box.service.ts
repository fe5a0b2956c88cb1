import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { BallotBoxSetupService } from 'src/ballot-box/ballot-box-setup.service';
import { ballotBoxError } from 'src/ballot-box/ballot-box.errors';
import { BallotBoxRepository } from 'src/ballot-box/ballot-box.repository';
import { BALLOT_VERIFIER, type BallotVerifier } from 'src/ballot-box/ballot-verifier';
import { castRejection } from 'src/ballot-box/cast-rejection';
import { PoolBusyError } from 'src/crypto/native/ballot-verify-pool';
import { Voter } from 'src/ballot-box/voter';
import { ElectionsService } from 'src/elections/elections.service';
import { Actor } from 'src/events/actor';
import { PackEntity } from 'src/packs/pack.entity';
import { PackLookupService } from 'src/packs/pack-lookup.service';
import { RejectReason } from 'src/precedence/engine';
import { PrecedenceService } from 'src/precedence/precedence.service';
import { Transactions } from 'src/platform/database/transactions';
import { isUniqueViolation } from 'src/platform/database/unique-violation';
import { RollService } from 'src/roll/roll.service';

/** docs/ONLINE.md: a request body over 64 KiB is refused; the ballot alone may not be either. */
export const MAX_BALLOT_BYTES = 64 * 1024;

const VOTER: Actor = { kind: 'voter' };

export interface CastReceipt {
  tracker: string;
  receivedAt: Date;
  explanation: string;
}

type Recorded = { ok: true; receipt: CastReceipt } | { ok: false; reason: RejectReason; explanation: string };

@Injectable()
export class BallotBoxService implements OnModuleInit {
  constructor(
    private readonly repo: BallotBoxRepository,
    private readonly setups: BallotBoxSetupService,
    @Inject(BALLOT_VERIFIER) private readonly verifier: BallotVerifier,
    private readonly elections: ElectionsService,
    private readonly packs: PackLookupService,
    private readonly roll: RollService,
    private readonly precedence: PrecedenceService,
    private readonly tx: Transactions,
  ) {}

  onModuleInit(): void {
    // A postal vote that beats the member's online ballot (decided in intake) takes it out of
    // the count, in the same transaction as the decision.
    this.precedence.onEffect('supersede_online', 'ballot-box', async (m, { electionId, memberId }) => {
      await this.repo.markSupersededForMember(m, electionId, memberId);
    });
    // That postal scan undone by a supervisor: the member's online ballot counts again.
    this.precedence.onRevert('ballot-box', async (m, { electionId, memberId, from, to }) => {
      if (from.online === 'superseded' && to.online === 'counted') await this.repo.restoreLastSuperseded(m, electionId, memberId);
    });
  }

  /**
   * Casts one ballot for a signed-in voter: checked (size, shape, proofs, signature, that it is
   * signed with this member's current credential) before any lock, then decided by the
   * precedence engine and stored with the decision in one transaction.
   */
  async cast(voter: Voter, rawBallot: string, opts: { now?: Date } = {}): Promise<CastReceipt> {
    if (typeof rawBallot !== 'string' || rawBallot.length === 0) {
      throw ballotBoxError('malformed_ballot', 'The ballot is missing.', { problems: [{ path: 'ballot', reason: 'expected the ballot JSON as a string' }] });
    }
    if (Buffer.byteLength(rawBallot, 'utf8') > MAX_BALLOT_BYTES) {
      throw ballotBoxError('payload_too_large', `A ballot may not be larger than ${MAX_BALLOT_BYTES} bytes.`);
    }
    const setup = await this.setups.setup(voter.electionId);
    if (!setup) await this.refuseWithoutSetup(voter.electionId);
    const pack = await this.currentPack(voter);
    const outcome = await this.verify(setup!.electionRaw, pack.publicCredential, rawBallot);
    const rejection = castRejection(outcome);
    if (rejection) throw rejection;
    const tracker = outcome.tracker!;
    let recorded: Recorded;
    try {
      recorded = await this.tx.run((m) => this.record(m, voter, pack.publicCredential, tracker, rawBallot, opts.now ?? new Date()));
    } catch (e) {
      // The same ballot sent twice at once: the second insert lost and rolled back its decision.
      if (isUniqueViolation(e)) throw replayed(tracker);
      throw e;
    }
    if (!recorded.ok) {
      // The refusal itself is committed (the member's last refused attempt, the decision log);
      // no ballot is stored.
      throw ballotBoxError('precedence_refused', recorded.explanation, { reason: recorded.reason });
    }
    return recorded.receipt;
  }

  private async record(m: EntityManager, voter: Voter, credential: string, tracker: string, raw: string, now: Date): Promise<Recorded> {
    // Locks in the project's order: election (shared) → pack (shared) → member.
    const election = await this.elections.readShared(m, voter.electionId);
    const pack = await this.packs.pack(m, voter.electionId, voter.serial, 'share');
    assertUsable(pack, voter);
    // Read again under the pack's lock: a reissue since the verification voided it.
    if (pack!.publicCredential !== credential) throw notYours();
    await this.precedence.lockState(m, voter.electionId, voter.memberNumber);
    // With the member's row locked, an earlier cast of the same ballot has committed or failed.
    if (await this.repo.trackerExists(m, voter.electionId, tracker)) throw replayed(tracker);
    const member = await this.roll.memberFacts(voter.electionId, voter.memberNumber, m);
    const d = await this.precedence.decide(m, {
      election,
      electionLocked: true,
      memberId: voter.memberNumber,
      member,
      event: { kind: 'online_cast' },
      actor: VOTER,
      subject: { tracker, serial: voter.serial },
      now,
    });
    if (d.verdict === 'reject') return { ok: false, reason: d.reason, explanation: d.explanation };
    if (d.effects.includes('replace_online')) await this.repo.markReplaced(m, voter.electionId, credential);
    await this.repo.insertBallot(m, { electionId: voter.electionId, tracker, publicCredential: credential, raw, receivedAt: now, status: 'counts' });
    return { ok: true, receipt: { tracker, receivedAt: now, explanation: d.explanation } };
  }

  /** The member's ballot that counts now, cast with the pack they signed in with (their status page). */
  async lastBallot(voter: Voter): Promise<{ tracker: string; receivedAt: Date } | null> {
    const pack = (await this.packs.memberPacks(voter.electionId, voter.memberNumber)).find((p) => p.serial === voter.serial);
    if (!pack) return null;
    const b = await this.repo.countingBallot(voter.electionId, pack.publicCredential);
    return b ? { tracker: b.tracker, receivedAt: b.receivedAt } : null;
  }

  private async verify(electionRaw: string, credential: string, rawBallot: string) {
    try {
      return await this.verifier.verify(electionRaw, credential, rawBallot);
    } catch (e) {
      // Overload is said at once, with when to come back; the voter's page retries by itself.
      if (e instanceof PoolBusyError) {
        throw ballotBoxError('busy', 'Many ballots are arriving at once: your ballot was not received. Please send it again in a moment.', { retryAfterSeconds: e.retryAfterSeconds });
      }
      throw e;
    }
  }

  /** The voter's pack as it is now (read again under lock in the transaction). */
  private async currentPack(voter: Voter): Promise<PackEntity> {
    const pack = (await this.packs.memberPacks(voter.electionId, voter.memberNumber)).find((p) => p.serial === voter.serial) ?? null;
    assertUsable(pack, voter);
    return pack!;
  }

  /** No setup: the election has not opened, or has no online channel. Said as the engine would. */
  private async refuseWithoutSetup(electionId: string): Promise<never> {
    const e = await this.elections.get(electionId);
    if (!e.channels.online) throw ballotBoxError('precedence_refused', 'This election has no online voting.', { reason: 'channel_not_allowed' });
    throw ballotBoxError('precedence_refused', 'Online voting is not open.', { reason: 'online_not_open' });
  }
}

function assertUsable(pack: PackEntity | null, voter: Voter): void {
  if (!pack || pack.memberNumber !== voter.memberNumber) throw notYours();
  if (pack.status === 'voided') throw ballotBoxError('credential_voided', 'This pack was replaced: a new pack has been sent to you. Use its Voting ID and credential.');
}

const notYours = () => ballotBoxError('credential_not_yours', 'This ballot is signed with a credential that is not yours: use the credential printed on your current pack.');

const replayed = (tracker: string) => ballotBoxError('ballot_replayed', 'This ballot is already in the ballot box.', { tracker });
