import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionStatus } from 'src/elections/election.types';
import { Actor } from 'src/events/actor';

/** Returns the problems that block entering a status (empty = no objection). */
export type LifecycleCheck = (election: ElectionEntity, manager: EntityManager) => Promise<string[]>;

/** Work that must happen in the same transaction as entering a status (e.g. releasing held envelopes). */
export type LifecycleEffect = (election: ElectionEntity, manager: EntityManager, actor: Actor) => Promise<void>;

/**
 * Other modules (roll, packs, trustees…) add the conditions they own for entering a status,
 * e.g. the roll module: "no eligible members" blocks `roll_frozen`. Elections stays unaware of
 * them, so dependencies keep pointing one way.
 */
@Injectable()
export class LifecycleChecks {
  // Checks may block a transition; effects run after the status changed, in the same transaction.
  private readonly checks = new Map<ElectionStatus, Array<{ owner: string; check: LifecycleCheck }>>();
  private readonly effects = new Map<ElectionStatus, Array<{ owner: string; effect: LifecycleEffect }>>();

  onEnter(to: ElectionStatus, owner: string, effect: LifecycleEffect): void {
    const list = this.effects.get(to) ?? [];
    list.push({ owner, effect });
    this.effects.set(to, list);
  }

  async enter(to: ElectionStatus, election: ElectionEntity, manager: EntityManager, actor: Actor): Promise<void> {
    for (const { effect } of this.effects.get(to) ?? []) await effect(election, manager, actor);
  }

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
