import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionStatus } from 'src/elections/election.types';

/** Returns the problems that block entering a status (empty = no objection). */
export type LifecycleCheck = (election: ElectionEntity, manager: EntityManager) => Promise<string[]>;

/**
 * Other modules (roll, packs, trustees…) add the conditions they own for entering a status,
 * e.g. the roll module: "no eligible members" blocks `roll_frozen`. Elections stays unaware of
 * them, so dependencies keep pointing one way.
 */
@Injectable()
export class LifecycleChecks {
  private readonly checks = new Map<ElectionStatus, Array<{ owner: string; check: LifecycleCheck }>>();

  register(to: ElectionStatus, owner: string, check: LifecycleCheck): void {
    const list = this.checks.get(to) ?? [];
    list.push({ owner, check });
    this.checks.set(to, list);
  }

  async problems(to: ElectionStatus, election: ElectionEntity, manager: EntityManager): Promise<string[]> {
    const out: string[] = [];
    for (const { check } of this.checks.get(to) ?? []) out.push(...(await check(election, manager)));
    return out;
  }
}
