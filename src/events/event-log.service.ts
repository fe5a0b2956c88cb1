import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from 'src/events/actor';
import { EventEntity } from 'src/events/event.entity';
import { GENESIS_HASH, hashEvent } from 'src/events/event-hash';
import { EventLogRepository, EventQuery } from 'src/events/event-log.repository';

export interface AppendEvent {
  /** null for events that belong to no election (staff accounts, sign-ins). */
  electionId: string | null;
  /**
   * Independent chains per election keep busy channels (ballots, intake scans) from queueing
   * behind one lock; lifecycle and setup events use the default 'election' stream.
   */
  stream?: string;
  type: string;
  actor: Actor;
  data?: Record<string, unknown>;
}

export interface ChainCheck {
  chain: string;
  events: number;
  ok: boolean;
  /** First sequence number whose link or hash does not verify. */
  brokenAt?: number;
  reason?: string;
}

export function chainKey(electionId: string | null, stream = 'election'): string {
  return electionId === null ? 'global' : `${electionId}:${stream}`;
}

function actorFields(actor: Actor): { kind: Actor['kind']; id: string | null; role: string | null } {
  return actor.kind === 'staff' ? { kind: 'staff', id: actor.staffId, role: actor.role } : { kind: actor.kind, id: null, role: null };
}

@Injectable()
export class EventLogService {
  constructor(private readonly events: EventLogRepository) {}

  /** Appends inside the caller's transaction, so the event and the change commit together. */
  async append(manager: EntityManager, e: AppendEvent): Promise<EventEntity> {
    const chain = chainKey(e.electionId, e.stream);
    const head = await this.events.lockHead(manager, chain, GENESIS_HASH);
    const actor = actorFields(e.actor);
    // Millisecond precision: what both databases store and give back unchanged.
    const occurredAt = new Date(Math.floor(Date.now()));
    const data = e.data ?? {};
    const seq = head.seq + 1;
    const hash = hashEvent({ chain, seq, type: e.type, actor, occurredAt: occurredAt.toISOString(), data, prevHash: head.hash });
    return this.events.insert(manager, {
      chain,
      seq,
      electionId: e.electionId,
      type: e.type,
      actorKind: actor.kind,
      actorId: actor.id,
      actorRole: actor.role,
      occurredAt,
      data,
      prevHash: head.hash,
      hash,
    });
  }

  list(q: EventQuery): Promise<EventEntity[]> {
    return this.events.find(q);
  }

  /** Recomputes every link of a chain; any edited, removed or reordered row breaks it. */
  async verifyChain(chain: string): Promise<ChainCheck> {
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let count = 0;
    for await (const ev of this.events.walkChain(chain)) {
      count++;
      const fail = (reason: string): ChainCheck => ({ chain, events: count, ok: false, brokenAt: ev.seq, reason });
      if (ev.seq !== expectedSeq) return fail(`sequence ${ev.seq} where ${expectedSeq} was expected (an event is missing)`);
      if (ev.prevHash !== prev) return fail('previous-hash link does not match the preceding event');
      const recomputed = hashEvent({
        chain,
        seq: ev.seq,
        type: ev.type,
        actor: { kind: ev.actorKind, id: ev.actorId, role: ev.actorRole },
        occurredAt: ev.occurredAt.toISOString(),
        data: ev.data,
        prevHash: ev.prevHash,
      });
      if (recomputed !== ev.hash) return fail('event content does not match its hash (edited after it was written)');
      prev = ev.hash;
      expectedSeq++;
    }
    const head = await this.events.head(chain);
    if (head && (head.seq !== count || head.hash !== prev)) {
      return { chain, events: count, ok: false, brokenAt: count + 1, reason: 'the chain head records events that are missing' };
    }
    return { chain, events: count, ok: true };
  }

  async verifyElection(electionId: string): Promise<ChainCheck[]> {
    const chains = await this.events.chainsOf(electionId);
    return Promise.all(chains.sort().map((c) => this.verifyChain(c)));
  }
}
