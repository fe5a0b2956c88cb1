import { Inject, Injectable } from '@nestjs/common';
import { ElectionsService } from 'src/elections/elections.service';
import { parseVotingId } from 'src/packs/codes';
import { votingIdHash } from 'src/packs/pack-generation.service';
import { PackEntity } from 'src/packs/pack.entity';
import { PackLookupService } from 'src/packs/pack-lookup.service';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { DomainError } from 'src/platform/errors/domain-error';
import { RollMemberEntity } from 'src/roll/roll-member.entity';
import { RollService } from 'src/roll/roll.service';
import { normaliseSecondFactor, rollSecondFactor, secondFactorMatches } from 'src/voter/second-factor';
import { SignInThrottleService } from 'src/voter/sign-in-throttle.service';
import { hashVoterToken, newVoterToken } from 'src/voter/voter-session-token';
import { VoterSessionRepository } from 'src/voter/voter-session.repository';
import { voterError } from 'src/voter/voter.errors';

/** A member signed in to vote; `serial` is the pack whose Voting ID they gave. */
export interface SignedInVoter {
  electionId: string;
  serial: number;
  memberNumber: string;
  tokenHash: string;
  expiresAt: Date;
}

// Looked up when the Voting ID matches no member pack, so both cases cost the same queries.
// `~` is not allowed in member numbers (src/roll/csv/row-validator.ts): it never matches.
const NO_MEMBER = '~no-member';
const NO_PACK_HASH = '0'.repeat(64);

@Injectable()
export class VoterAuthService {
  constructor(
    private readonly elections: ElectionsService,
    private readonly packs: PackLookupService,
    private readonly roll: RollService,
    private readonly throttle: SignInThrottleService,
    private readonly sessions: VoterSessionRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * One answer, after the same queries, for an unknown Voting ID, a wrong second factor and a
   * spare pack: the response says nothing about which Voting IDs exist. A voided pack with the
   * right second factor signs in, so the member can be told to use their new pack.
   */
  async signIn(electionId: string, typedVotingId: string, typedFactor: string, address: string, now = new Date()): Promise<{ token: string; voter: SignedInVoter }> {
    const election = await this.elections.get(electionId);
    const votingId = canonicalVotingId(typedVotingId);
    // What cannot be a Voting ID is still counted, under roughly what was typed.
    const throttleId = votingId ?? typedVotingId.replace(/[\s-]/g, '').toUpperCase().slice(0, 64);
    await this.throttle.assertAllowed(electionId, throttleId, address, now);

    const pack = await this.packs.packByVotingIdHash(electionId, votingId ? votingIdHash(electionId, votingId) : NO_PACK_HASH);
    const holder = holderOf(pack);
    const member = await this.rollMember(electionId, holder ?? NO_MEMBER);
    const matches = secondFactorMatches(
      normaliseSecondFactor(election.secondFactor, typedFactor),
      member ? rollSecondFactor(election.secondFactor, member) : null,
    );
    if (!pack || holder === null || !member || !matches) {
      await this.throttle.recordFailure(electionId, throttleId, address, now);
      throw voterError('sign_in_failed', 'The Voting ID or the second factor is not correct. Check the letter in your voting pack.');
    }
    await this.throttle.recordSuccess(electionId, throttleId, address);

    const token = newVoterToken();
    const voter: SignedInVoter = {
      electionId,
      serial: pack.serial,
      memberNumber: holder,
      tokenHash: hashVoterToken(token),
      expiresAt: new Date(now.getTime() + this.config.voter.sessionTtlMinutes * 60_000),
    };
    await this.sessions.insert({ ...voter, createdAt: now, endedAt: null });
    return { token, voter };
  }

  /** The live session of a cookie token for this election, or why there is none. */
  async resolve(token: string, electionId: string, now = new Date()): Promise<SignedInVoter> {
    const s = await this.sessions.findByTokenHash(hashVoterToken(token));
    // A session of another election is no session here (cookies are sent to every path).
    if (!s || s.electionId !== electionId) throw voterError('voter_not_signed_in', 'Sign in with your Voting ID to continue.');
    if (s.endedAt !== null || s.expiresAt.getTime() <= now.getTime()) {
      throw voterError('voter_session_expired', 'Your session has ended. Sign in again with your Voting ID.');
    }
    return { electionId: s.electionId, serial: s.serial, memberNumber: s.memberNumber, tokenHash: s.tokenHash, expiresAt: s.expiresAt };
  }

  async signOut(voter: SignedInVoter, now = new Date()): Promise<void> {
    await this.sessions.end(voter.tokenHash, now);
  }

  private async rollMember(electionId: string, memberNumber: string): Promise<RollMemberEntity | null> {
    try {
      return await this.roll.member(electionId, memberNumber);
    } catch (e) {
      if (e instanceof DomainError && e.code === 'member_not_found') return null;
      throw e;
    }
  }
}

function canonicalVotingId(typed: string): string | null {
  try {
    return parseVotingId(typed);
  } catch {
    return null;
  }
}

/** The member a pack belongs to: member packs, active or voided; spares belong to nobody yet. */
function holderOf(pack: PackEntity | null): string | null {
  if (!pack || pack.kind !== 'member' || pack.status === 'spare') return null;
  return pack.memberNumber;
}
