import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { ElectionEntity } from 'src/elections/election.entity';
import { LifecycleChecks } from 'src/elections/lifecycle-checks';
import { IntakeSessionEntity } from 'src/intake/intake.entities';
import { ParticipationEntity } from 'src/precedence/participation.entity';

/**
 * What intake must have finished before the election moves on: no desk still scanning when
 * postal intake closes, and every envelope on the pull list found before the count starts —
 * an envelope left in a tray would be opened and counted beside its member's online vote.
 */
@Injectable()
export class IntakeLifecycle implements OnModuleInit {
  constructor(private readonly lifecycle: LifecycleChecks) {}

  onModuleInit(): void {
    this.lifecycle.register('postal_closed', 'intake', (e, m) => this.openSessions(e, m));
    this.lifecycle.register('counting', 'intake', (e, m) => this.unpulled(e, m));
  }

  private async openSessions(e: ElectionEntity, m: EntityManager): Promise<string[]> {
    const open = await m.getRepository(IntakeSessionEntity).find({ where: { electionId: e.id, closedAt: IsNull() }, order: { station: 'ASC' } });
    return open.map((s) => `Station ${s.station} still has an open scanning session: close it first.`);
  }

  private async unpulled(e: ElectionEntity, m: EntityManager): Promise<string[]> {
    const n = await m.getRepository(ParticipationEntity).countBy({ electionId: e.id, envelope: 'pull' });
    return n === 0 ? [] : [`${n} envelope${n === 1 ? '' : 's'} on the pull list ${n === 1 ? 'has' : 'have'} not been confirmed as pulled.`];
  }
}
