import { Injectable } from '@nestjs/common';
import { BallotBoardService } from 'src/ballot-box/ballot-board.service';
import { CountBatchesService } from 'src/count/count-batches.service';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionStatus } from 'src/elections/election.types';
import { ElectionsService } from 'src/elections/elections.service';
import { IntakeService } from 'src/intake/intake.service';
import { PacksService } from 'src/packs/packs.service';
import { PrecedenceService } from 'src/precedence/precedence.service';
import { balancesOf, Figures } from 'src/reconciliation/balances';
import { Reconciliation } from 'src/reconciliation/reconciliation.types';
import { turnoutSeries } from 'src/reconciliation/turnout';
import { RollService } from 'src/roll/roll.service';

/** Statuses before any vote can arrive: the turnout chart has nothing to start from. */
const BEFORE_VOTING: ReadonlySet<ElectionStatus> = new Set(['draft', 'roll_frozen', 'packs_ready', 'cancelled']);

type StateCounts = Awaited<ReturnType<PrecedenceService['counts']>>;
type PackFigures = Awaited<ReturnType<PacksService['figures']>>;
type BatchList = Awaited<ReturnType<CountBatchesService['list']>>;
type OnlineFigures = Awaited<ReturnType<BallotBoardService['figures']>>;

/**
 * The reconciliation dashboard's numbers, composed from what each stage's own service reports:
 * packs, intake, precedence, the count, the ballot box and the roll. Read-only; every stage an
 * election has not reached yet reads as zeros.
 */
@Injectable()
export class ReconciliationService {
  constructor(
    private readonly elections: ElectionsService,
    private readonly roll: RollService,
    private readonly packs: PacksService,
    private readonly intake: IntakeService,
    private readonly precedence: PrecedenceService,
    private readonly count: CountBatchesService,
    private readonly ballots: BallotBoardService,
  ) {}

  async figures(electionId: string, now = new Date()): Promise<Reconciliation> {
    const election = await this.elections.get(electionId);
    const [roll, packs, report, received, states, batches, online] = await Promise.all([
      this.roll.summary(electionId),
      this.packs.figures(electionId),
      this.intake.report(electionId),
      this.intake.received(electionId),
      this.precedence.counts(electionId),
      this.count.list(electionId),
      this.ballots.figures(electionId),
    ]);
    const eligible = roll.counts.filter((c) => c.status === 'active' && c.eligible).reduce((a, c) => a + c.members, 0);
    const members = memberFigures(states, eligible);
    const figures: Figures = {
      electionId,
      status: election.status,
      generatedAt: now.toISOString(),
      eligible,
      packs: packFigures(packs),
      postal: {
        returnsReceived: received.standing,
        accepted: report.byVerdict.accept,
        held: report.byVerdict.hold,
        rejected: report.byVerdict.reject,
        rejectedByReason: report.byReason,
        ...envelopeFigures(states),
        ...countFigures(batches),
      },
      online: onlineFigures(online),
      members,
      turnout: turnoutSeries(
        { online: online.perCredential.map((c) => c.firstAt), postal: received.envelopeTimes },
        { from: BEFORE_VOTING.has(election.status) ? null : votingOpened(election), to: chartEnd(election, now) },
      ),
    };
    return { ...figures, balances: balancesOf(figures) };
  }
}

function packFigures({ counts, emails, emailNeverAttempted, reissued }: PackFigures): Reconciliation['packs'] {
  const member = counts.filter((c) => c.kind === 'member');
  const sum = (f: (c: (typeof member)[number]) => boolean) => member.filter(f).reduce((a, c) => a + c.packs, 0);
  return {
    printed: sum(() => true),
    byPost: sum((c) => c.delivery === 'post'),
    byEmail: sum((c) => c.delivery === 'email'),
    emailed: emails.sent ?? 0,
    emailPending: (emails.failed ?? 0) + emailNeverAttempted,
    undeliverable: emails.undeliverable ?? 0,
    voided: sum((c) => c.status === 'voided'),
    reissued,
  };
}

/** Where the envelopes intake let through are now, from the members' precedence states. */
function envelopeFigures(states: StateCounts) {
  const sum = (f: (s: StateCounts[number]) => boolean) => states.filter(f).reduce((a, s) => a + s.members, 0);
  return {
    pullList: sum((s) => s.envelope === 'pull' || s.envelope === 'pulled'),
    pulled: sum((s) => s.envelope === 'pulled'),
    releasedToCount: sum((s) => s.envelope === 'accepted'),
    stillHeld: sum((s) => s.envelope === 'held'),
  };
}

function countFigures(batches: BatchList) {
  const sum = (list: BatchList, f: (b: BatchList[number]) => number) => list.reduce((a, b) => a + f(b), 0);
  const closedClean = batches.filter((b) => b.status === 'closed' && b.mismatchReason === null);
  return {
    envelopesOpened: sum(batches, (b) => b.envelopesOpened ?? 0),
    papersCounted: sum(batches, (b) => b.recorded),
    papersByKind: { valid: sum(batches, (b) => b.valid), blank: sum(batches, (b) => b.blank), invalid: sum(batches, (b) => b.invalid) },
    inAdjudication: sum(batches, (b) => b.scan.inAdjudication),
    waitingForPages: sum(batches, (b) => b.scan.waitingForPages),
    awaitingSecondEntry: sum(batches, (b) => b.awaitingSecondEntry),
    keyingDisputed: sum(batches, (b) => b.disputed),
    batchesClosedWithMismatch: batches.filter((b) => b.status === 'closed' && b.mismatchReason !== null).length,
    closedBatches: { envelopesOpened: sum(closedClean, (b) => b.envelopesOpened ?? 0), papersRecorded: sum(closedClean, (b) => b.recorded) },
  };
}

function onlineFigures({ byStatus, perCredential }: OnlineFigures): Reconciliation['online'] {
  const ballotsCast = perCredential.reduce((a, c) => a + c.ballots, 0);
  return {
    ballotsCast,
    voters: perCredential.length,
    // Ballots cast with a credential already used: each voter's first ballot is not a revote.
    revoted: ballotsCast - perCredential.length,
    supersededByRevote: byStatus.replaced,
    supersededByPostal: byStatus.superseded,
    counted: byStatus.counts,
  };
}

function memberFigures(states: StateCounts, eligible: number): Reconciliation['members'] {
  const sum = (f: (s: StateCounts[number]) => boolean) => states.filter(f).reduce((a, s) => a + s.members, 0);
  const online = (s: StateCounts[number]) => s.online === 'counted';
  // A held envelope is the member's vote that stands until (and unless) an online vote replaces it.
  const postal = (s: StateCounts[number]) => s.envelope === 'accepted' || s.envelope === 'held';
  // Not `eligible - online - postal`: a member counted in both channels must show as a failed balance.
  // A member made ineligible after voting still counts here, so notVoted is then one lower than the roll says.
  const withAVote = sum((s) => online(s) || postal(s));
  return { countedOnline: sum(online), countedPostal: sum(postal), notVoted: eligible - withAVote };
}

function votingOpened(e: ElectionEntity): Date | null {
  return e.channels.online && e.timeline.onlineOpensAt ? new Date(e.timeline.onlineOpensAt) : null;
}

/** Now while the poll runs; once both channels have closed, their closing (late scans still extend it). */
function chartEnd(e: ElectionEntity, now: Date): Date {
  const closes = [e.channels.online ? e.timeline.onlineClosesAt : null, e.channels.postal ? e.timeline.postalDeadline : null]
    .filter((t): t is string => t !== null)
    .map((t) => new Date(t).getTime());
  const last = closes.length > 0 ? Math.max(...closes) : Infinity;
  return new Date(Math.min(now.getTime(), last));
}
