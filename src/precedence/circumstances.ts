import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionStatus } from 'src/elections/election.types';
import { ChannelRestriction, Circumstances } from 'src/precedence/engine';

const AFTER_ONLINE: ReadonlySet<ElectionStatus> = new Set(['online_closed', 'postal_closed', 'counting', 'tallying', 'result_ready', 'published']);
const AFTER_POSTAL: ReadonlySet<ElectionStatus> = new Set(['postal_closed', 'counting', 'tallying', 'result_ready', 'published']);

export interface MemberFacts {
  eligible: boolean;
  restriction: ChannelRestriction;
}

/**
 * The facts the engine needs at `now`, from the election's status and published timeline. A
 * channel is open only when the election is open AND the clock is inside its window; it is
 * closed for good once the clock or the status is past it (whichever comes first).
 */
export function circumstancesAt(e: ElectionEntity, member: MemberFacts, now: Date): Circumstances {
  const t = now.getTime();
  const at = (iso: string | null) => (iso === null ? null : Date.parse(iso));
  const opens = at(e.timeline.onlineOpensAt);
  const closes = at(e.timeline.onlineClosesAt);
  const deadline = at(e.timeline.postalDeadline);

  const onlineClosed = AFTER_ONLINE.has(e.status) || (closes !== null && t >= closes) || e.status === 'cancelled';
  const onlineOpen = e.status === 'open' && !onlineClosed && (opens === null || t >= opens);
  const postalDeadlinePassed = AFTER_POSTAL.has(e.status) || (deadline !== null && t >= deadline);
  const postalOpen = (e.status === 'open' || e.status === 'online_closed') && !postalDeadlinePassed;
  // A channel the election does not offer is, for every member, a channel they may not use.
  const restriction: ChannelRestriction = !e.channels.postal ? 'online-only' : !e.channels.online ? 'postal-only' : member.restriction;
  return { onlineOpen, onlineClosed, postalOpen, postalDeadlinePassed, eligible: member.eligible, restriction };
}
