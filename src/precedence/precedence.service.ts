import { createHash } from 'node:crypto';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionsService } from 'src/elections/elections.service';
import { LifecycleChecks } from 'src/elections/lifecycle-checks';
import { Actor } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { circumstancesAt, MemberFacts } from 'src/precedence/circumstances';
import { DecisionReportRepository } from 'src/precedence/decision-report.repository';
import { tallyDecisions } from 'src/precedence/decision-tally';
import { confirmPulled, countedChannel, decide, Decision, Effect, IncomingEvent, INITIAL_STATE, MemberState } from 'src/precedence/engine';
import { ParticipationEntity } from 'src/precedence/participation.entity';
import { ParticipationRepository } from 'src/precedence/participation.repository';
import { Transactions } from 'src/platform/database/transactions';

// Decisions are logged on 16 chains per election, chosen by member, so a burst of scans and
// casts does not queue behind one chain head while each member's decisions stay in one chain.
const DECISION_SHARDS = 16;

export function decisionStream(memberId: string): string {
  const shard = createHash('sha256').update(memberId).digest()[0] % DECISION_SHARDS;
  return `decisions-${shard.toString(16)}`;
}

export interface DecisionRequest {
  election: ElectionEntity;
  /** The caller read `election` under the shared lock in this same transaction (saves a read). */
  electionLocked?: boolean;
  memberId: string;
  member: MemberFacts;
  event: Exclude<IncomingEvent, { kind: 'online_close' }>;
  actor: Actor;
  /**
   * What the decision is about, for the log: a scan id and pack serial, or a ballot tracker.
   * Never a paper ID. A function is given the decision first (intake adds the tray it chose).
   */
  subject: Subject | ((d: Decision, manager: EntityManager) => Promise<Subject>);
  now?: Date;
}

export type Subject = Record<string, string | number | null>;

export type AppliedDecision = Decision & { previous: MemberState; decisionNo: number };

/**
 * Work another module does in the decision's transaction when the engine orders an effect it
 * owns (the ballot box marks an online ballot superseded when a postal vote beats it). Handlers
 * are registered here, so intake need not know the ballot box and modules import one way.
 */
export type EffectHandler = (manager: EntityManager, ctx: { electionId: string; memberId: string; effect: Effect; subject: Subject }) => Promise<void>;

/** Work to redo when a decision is taken back (a scan undone): the member goes from `from` back to `to`. */
export type RevertHandler = (manager: EntityManager, ctx: { electionId: string; memberId: string; from: MemberState; to: MemberState }) => Promise<void>;

/** Member status for the helpdesk: what happened, never how anyone voted. */
export type HelpdeskStatus =
  | 'not_voted'
  | 'voted_online'
  | 'postal_received_held'
  | 'postal_accepted'
  | 'postal_pull_pending'
  | 'postal_pulled';

@Injectable()
export class PrecedenceService implements OnModuleInit {
  private readonly effectHandlers = new Map<Effect, Array<{ owner: string; handler: EffectHandler }>>();
  private readonly revertHandlers: Array<{ owner: string; handler: RevertHandler }> = [];

  constructor(
    private readonly participation: ParticipationRepository,
    private readonly events: EventLogService,
    private readonly lifecycle: LifecycleChecks,
    private readonly elections: ElectionsService,
    private readonly tx: Transactions,
    private readonly reports: DecisionReportRepository,
  ) {}

  onModuleInit(): void {
    // When online voting closes, envelopes held in case an online vote came are released.
    this.lifecycle.onEnter('online_closed', 'precedence', (e, m, actor) => this.releaseHeld(m, e, actor));
  }

  /** Registers work to do, in the same transaction, whenever a decision carries `effect`. */
  onEffect(effect: Effect, owner: string, handler: EffectHandler): void {
    const list = this.effectHandlers.get(effect) ?? [];
    list.push({ owner, handler });
    this.effectHandlers.set(effect, list);
  }

  /** Registers work to do, in the same transaction, whenever a decision is reverted. */
  onRevert(owner: string, handler: RevertHandler): void {
    this.revertHandlers.push({ owner, handler });
  }

  /**
   * Decides one vote attempt inside the caller's transaction, with the member's row locked, so
   * the caller stores the ballot or the scan in the same commit as the decision. Two attempts
   * for one member arriving together are decided one after the other.
   */
  async decide(manager: EntityManager, req: DecisionRequest): Promise<AppliedDecision> {
    // The election row is read again under a shared lock: a status change (online voting
    // closing) waits for decisions in flight, and decisions after it see the new status.
    const election = req.electionLocked ? req.election : await this.elections.readShared(manager, req.election.id);
    const row = await this.participation.lock(manager, election.id, req.memberId);
    const previous: MemberState = { online: row.online, onlineBallots: row.onlineBallots, envelope: row.envelope };
    const now = req.now ?? new Date();
    const d = decide(
      { policy: election.precedencePolicy, onlineRevoting: election.onlineRevoting },
      previous,
      req.event,
      circumstancesAt(election, req.member, now),
    );
    row.decisions += 1;
    if (d.verdict !== 'reject') Object.assign(row, d.next, { updatedAt: now });
    else Object.assign(row, { lastRefused: d.reason, lastRefusedChannel: req.event.kind === 'online_cast' ? 'online' : 'postal', lastRefusedAt: now, updatedAt: now });
    await this.participation.save(manager, row);
    const subject = typeof req.subject === 'function' ? await req.subject(d, manager) : req.subject;
    await this.events.append(manager, {
      electionId: election.id,
      stream: decisionStream(req.memberId),
      type: 'precedence.decision',
      actor: req.actor,
      data: {
        memberId: req.memberId,
        decisionNo: row.decisions,
        event: req.event.kind,
        verdict: d.verdict,
        reason: d.verdict === 'reject' ? d.reason : null,
        effects: d.effects,
        from: previous,
        to: d.next,
        subject,
      },
    });
    for (const effect of d.effects) {
      for (const { handler } of this.effectHandlers.get(effect) ?? []) await handler(manager, { electionId: election.id, memberId: req.memberId, effect, subject });
    }
    return { ...d, previous, decisionNo: row.decisions };
  }

  /**
   * Takes back a decision about a member (a scan undone by a supervisor): the member gets the
   * state they had before it. Refused when the member's state is no longer what that decision
   * left — something else counted since (an online vote, say), and undoing could unwind it.
   */
  async revert(
    manager: EntityManager,
    req: { electionId: string; memberId: string; decisionNo: number; before: MemberState; after: MemberState; actor: Actor; reason: string; subject: Subject },
  ): Promise<'reverted' | 'changed_since'> {
    const row = await this.participation.lock(manager, req.electionId, req.memberId);
    const from: MemberState = { online: row.online, onlineBallots: row.onlineBallots, envelope: row.envelope };
    if (!sameState(from, req.after)) return 'changed_since';
    row.decisions += 1;
    Object.assign(row, req.before, { updatedAt: new Date() });
    await this.participation.save(manager, row);
    await this.events.append(manager, {
      electionId: req.electionId,
      stream: decisionStream(req.memberId),
      type: 'precedence.reverted',
      actor: req.actor,
      data: { memberId: req.memberId, decisionNo: row.decisions, reverts: req.decisionNo, reason: req.reason, from, to: req.before, subject: req.subject },
    });
    for (const { handler } of this.revertHandlers) await handler(manager, { electionId: req.electionId, memberId: req.memberId, from, to: req.before });
    return 'reverted';
  }

  /** Records that a held envelope on the pull list was found and set aside. */
  async confirmPulled(manager: EntityManager, req: { electionId: string; memberId: string; actor: Actor; subject: Subject }): Promise<{ ok: boolean; explanation: string }> {
    const row = await this.participation.lock(manager, req.electionId, req.memberId);
    const from: MemberState = { online: row.online, onlineBallots: row.onlineBallots, envelope: row.envelope };
    const outcome = confirmPulled(from);
    if (!outcome.ok) return outcome;
    row.decisions += 1;
    Object.assign(row, outcome.next, { updatedAt: new Date() });
    await this.participation.save(manager, row);
    await this.events.append(manager, {
      electionId: req.electionId,
      stream: decisionStream(req.memberId),
      type: 'precedence.pulled',
      actor: req.actor,
      data: { memberId: req.memberId, decisionNo: row.decisions, from, to: outcome.next, subject: req.subject },
    });
    return { ok: true, explanation: 'The envelope is set aside.' };
  }

  /**
   * The member's state, with their row locked until the caller's transaction ends: for changes
   * that depend on whether the member has voted (replacing their pack) and must not race a vote.
   */
  async lockState(manager: EntityManager, electionId: string, memberId: string): Promise<MemberState> {
    const row = await this.participation.lock(manager, electionId, memberId);
    return { online: row.online, onlineBallots: row.onlineBallots, envelope: row.envelope };
  }

  /**
   * The member's state as it stands, without locking: for showing a member what a vote would do
   * (the vote itself is decided again under the lock). A member who has done nothing has none.
   */
  async currentState(electionId: string, memberId: string): Promise<MemberState> {
    const row = await this.participation.find(electionId, memberId);
    return row ? { online: row.online, onlineBallots: row.onlineBallots, envelope: row.envelope } : { ...INITIAL_STATE };
  }

  /** Convenience for callers without a transaction of their own. */
  decideAlone(req: DecisionRequest): Promise<AppliedDecision> {
    return this.tx.run((m) => this.decide(m, req));
  }

  private async releaseHeld(manager: EntityManager, election: ElectionEntity, actor: Actor): Promise<void> {
    const held = await this.participation.lockHeld(manager, election.id);
    const now = new Date();
    for (const row of held) {
      const previous: MemberState = { online: row.online, onlineBallots: row.onlineBallots, envelope: row.envelope };
      const d = decide(
        { policy: election.precedencePolicy, onlineRevoting: election.onlineRevoting },
        previous,
        { kind: 'online_close' },
        circumstancesAt(election, { eligible: true, restriction: 'any' }, now),
      );
      row.decisions += 1;
      Object.assign(row, d.next, { updatedAt: now });
      await this.participation.save(manager, row);
      await this.events.append(manager, {
        electionId: election.id,
        stream: decisionStream(row.memberId),
        type: 'precedence.decision',
        actor,
        data: { memberId: row.memberId, decisionNo: row.decisions, event: 'online_close', verdict: d.verdict, reason: null, effects: d.effects, from: previous, to: d.next, subject: {} },
      });
    }
  }

  async helpdeskStatus(electionId: string, memberId: string): Promise<HelpdeskStatus> {
    await this.elections.get(electionId);
    return statusOf(await this.participation.find(electionId, memberId));
  }

  /** The helpdesk's view: the status, and the member's last refused attempt if nothing counts. */
  async helpdeskView(electionId: string, memberId: string): Promise<{ status: HelpdeskStatus; lastRefused: { reason: string; channel: string; at: string } | null }> {
    const row = await this.participation.find(electionId, memberId);
    const status = statusOf(row);
    const refused = row?.lastRefused && row.lastRefusedChannel && row.lastRefusedAt ? { reason: row.lastRefused, channel: row.lastRefusedChannel, at: row.lastRefusedAt.toISOString() } : null;
    return { status, lastRefused: refused };
  }

  /** What the election's rule did so far, from the decision log and the members' states. */
  async report(electionId: string) {
    const e = await this.elections.get(electionId);
    const [groups, reverted, states] = await Promise.all([this.reports.groups(electionId), this.reports.reverted(electionId), this.participation.countBy(electionId)]);
    const sum = (f: (s: (typeof states)[number]) => boolean) => states.filter(f).reduce((n, s) => n + s.members, 0);
    return {
      policy: e.precedencePolicy,
      onlineRevoting: e.onlineRevoting,
      decisions: tallyDecisions(groups, reverted),
      members: {
        countedOnline: sum((s) => s.online === 'counted'),
        countedPostal: sum((s) => s.envelope === 'accepted' || s.envelope === 'held'),
        envelopesHeld: sum((s) => s.envelope === 'held'),
        envelopesToPull: sum((s) => s.envelope === 'pull'),
        envelopesPulled: sum((s) => s.envelope === 'pulled'),
        onlineSuperseded: sum((s) => s.online === 'superseded'),
      },
    };
  }

  /** Members by state, for the reconciliation dashboard and the record. */
  counts(electionId: string) {
    return this.participation.countBy(electionId);
  }
}

function sameState(a: MemberState, b: MemberState): boolean {
  return a.online === b.online && a.onlineBallots === b.onlineBallots && a.envelope === b.envelope;
}

export function statusOf(row: Pick<ParticipationEntity, 'online' | 'envelope' | 'onlineBallots'> | null): HelpdeskStatus {
  if (!row) return 'not_voted';
  switch (row.envelope) {
    case 'held':
      return 'postal_received_held';
    case 'accepted':
      return 'postal_accepted';
    case 'pull':
      return 'postal_pull_pending';
    case 'pulled':
      return 'postal_pulled';
    case 'none':
      return countedChannel({ ...row }) === 'online' ? 'voted_online' : 'not_voted';
    default: {
      const never: never = row.envelope;
      return never;
    }
  }
}
