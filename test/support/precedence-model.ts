// The reference model for "one vote per member" (DESIGN.md §8; reliability anchors appendix B):
// the pure engine, replayed over the decisions the database logged, in the order it numbered
// them, under the circumstances each election status implies. Used by the model-based and the
// crash tests of intake.
import { ElectionStatus } from 'src/elections/election.types';
import { EventEntity } from 'src/events/event.entity';
import { IntakeScanEntity } from 'src/intake/intake.entities';
import { ChannelRestriction, Circumstances, decide, Effect, ElectionRule, INITIAL_STATE, MemberState } from 'src/precedence/engine';
import { TestApp } from 'test/support/test-app';

/**
 * What each status means for the channels, written out here rather than taken from
 * `circumstancesAt`, so that a mistake there is not repeated in the model. The elections under
 * test have their online window around now, so only the status matters.
 */
const CIRCUMSTANCES: Partial<Record<ElectionStatus, Omit<Circumstances, 'eligible' | 'restriction'>>> = {
  open: { onlineOpen: true, onlineClosed: false, postalOpen: true, postalDeadlinePassed: false },
  online_closed: { onlineOpen: false, onlineClosed: true, postalOpen: true, postalDeadlinePassed: false },
  postal_closed: { onlineOpen: false, onlineClosed: true, postalOpen: false, postalDeadlinePassed: true },
};

/** A `precedence.decision` event, as PrecedenceService logs it. */
export interface LoggedDecision {
  eventId: number;
  memberId: string;
  decisionNo: number;
  event: 'online_cast' | 'postal_return' | 'online_close';
  verdict: 'accept' | 'hold' | 'reject' | 'none';
  reason: string | null;
  effects: Effect[];
  from: MemberState;
  to: MemberState;
  subject: Record<string, string | number | null>;
}

export const loggedDecision = (e: EventEntity): LoggedDecision => ({ eventId: e.id, ...(e.data as Omit<LoggedDecision, 'eventId'>) });

/**
 * The election's status when each event was written. A status change and a decision exclude
 * each other (the election row's exclusive and shared locks), so event ids order them as the
 * database did.
 */
export function statusByEventId(events: EventEntity[], initial: ElectionStatus = 'open'): (eventId: number) => ElectionStatus {
  const transitions = events.filter((e) => e.type === 'election.transitioned');
  return (eventId) => transitions.filter((e) => e.id < eventId).reduce<ElectionStatus>((_, e) => (e.data as { to: ElectionStatus }).to, initial);
}

/**
 * Replays one member's decisions, sorted by their number, through `decide` and returns the
 * member's final state. Throws on the first decision whose logged outcome the model does not
 * reproduce, or on a gap in the numbering.
 */
export function replayMember(rule: ElectionRule, restriction: ChannelRestriction, decisions: LoggedDecision[], statusAt: (eventId: number) => ElectionStatus): MemberState {
  let state = INITIAL_STATE;
  [...decisions]
    .sort((x, y) => x.decisionNo - y.decisionNo)
    .forEach((d, i) => {
      const status = statusAt(d.eventId);
      const c = CIRCUMSTANCES[status];
      if (!c) throw new Error(`decision ${d.decisionNo} of ${d.memberId} taken while the election was ${status}`);
      const model = decide(rule, state, { kind: d.event }, { ...c, eligible: true, restriction });
      const expected = { decisionNo: i + 1, from: state, verdict: model.verdict, reason: model.verdict === 'reject' ? model.reason : null, effects: model.effects, to: model.next };
      const actual = { decisionNo: d.decisionNo, from: d.from, verdict: d.verdict, reason: d.reason, effects: d.effects, to: d.to };
      if (canonical(actual) !== canonical(expected)) {
        throw new Error(
          `member ${d.memberId}, decision ${d.decisionNo} (${d.event}, election ${status}): the database decided ` +
            `${canonical(actual)} where the model, replaying the same order, decides ${canonical(expected)}`,
        );
      }
      state = model.next;
    });
  return state;
}

/** JSON with sorted keys: jsonb gives objects back with their keys in another order. */
export function canonical(v: unknown): string {
  const sort = (x: unknown): unknown =>
    Array.isArray(x)
      ? x.map(sort)
      : x !== null && typeof x === 'object'
        ? Object.fromEntries(
            Object.entries(x as Record<string, unknown>)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, y]) => [k, sort(y)]),
          )
        : x;
  return JSON.stringify(sort(v));
}

/**
 * Reliability anchor D4: in the whole election, no two envelopes share a tray position, every
 * tray is filled from 1 without a gap, and every tray but the last of its line is full.
 * Returns what is wrong, empty when nothing is.
 */
export async function trayProblems(t: TestApp, electionId: string, capacity: number): Promise<string[]> {
  const scans = await t.dataSource.getRepository(IntakeScanEntity).find({ where: { electionId }, select: { tray: true, position: true } });
  const byTray = new Map<string, number[]>();
  for (const s of scans) byTray.set(s.tray, [...(byTray.get(s.tray) ?? []), s.position]);
  const problems: string[] = [];
  const lines = new Map<string, Array<[string, number]>>();
  for (const [tray, positions] of [...byTray].sort(([x], [y]) => (x < y ? -1 : 1))) {
    positions.sort((x, y) => x - y);
    if (positions.some((p, i) => p !== i + 1)) problems.push(`${tray} holds positions ${positions.join(',')}`);
    const line = tray.slice(0, -2);
    lines.set(line, [...(lines.get(line) ?? []), [tray, positions.length]]);
  }
  for (const trays of lines.values()) {
    for (const [tray, n] of trays.slice(0, -1)) if (n !== capacity) problems.push(`${tray} was left with ${n} envelopes before the next tray was started`);
  }
  return problems;
}
