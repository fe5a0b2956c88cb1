import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ElectionEntity } from 'src/elections/election.entity';
import { LifecycleChecks } from 'src/elections/lifecycle-checks';
import { ParticipationEntity } from 'src/precedence/participation.entity';

/**
 * What intake must have finished before the count starts: every envelope on the pull list found
 * — one left in a tray would be opened and counted beside its member's online vote. (Desks may
 * go on scanning after postal voting closes: late envelopes are recorded as late.)
 */
@Injectable()
export class IntakeLifecycle implements OnModuleInit {
  constructor(private readonly lifecycle: LifecycleChecks) {}

  onModuleInit(): void {
    this.lifecycle.register('counting', 'intake', (e, m) => this.unpulled(e, m));
  }

  private async unpulled(e: ElectionEntity, m: EntityManager): Promise<string[]> {
    const n = await m.getRepository(ParticipationEntity).countBy({ electionId: e.id, envelope: 'pull' });
    return n === 0 ? [] : [`${n} envelope${n === 1 ? '' : 's'} on the pull list ${n === 1 ? 'has' : 'have'} not been confirmed as pulled.`];
  }
}
