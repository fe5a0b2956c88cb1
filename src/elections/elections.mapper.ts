import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionDto, EventDto } from 'src/elections/elections.dto';
import { settingsOf } from 'src/elections/elections.service';
import { EventEntity } from 'src/events/event.entity';

export function toElectionDto(e: ElectionEntity): ElectionDto {
  return {
    id: e.id,
    beleniosUuid: e.beleniosUuid,
    status: e.status,
    ...settingsOf(e),
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

export function toEventDto(e: EventEntity): EventDto {
  return {
    id: e.id,
    stream: e.chain.includes(':') ? e.chain.slice(e.chain.indexOf(':') + 1) : e.chain,
    seq: e.seq,
    type: e.type,
    actor: { kind: e.actorKind, id: e.actorId, role: e.actorRole },
    occurredAt: e.occurredAt.toISOString(),
    data: e.data,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
