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
 * Work that must follow a committed change of status (enqueuing a job: a worker must find the
 * committed state, and on SQLite an enqueue inside the transaction would wait for it forever).
 */
export type AfterCommitEffect = (electionId: string) => Promise<void>;

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
  private readonly committed = new Map<ElectionStatus, Array<{ owner: string; effect: AfterCommitEffect }>>();

  onEnter(to: ElectionStatus, owner: string, effect: LifecycleEffect): void {
    const list = this.effects.get(to) ?? [];
    list.push({ owner, effect });
    this.effects.set(to, list);
  }

  async enter(to: ElectionStatus, election: ElectionEntity, manager: EntityManager, actor: Actor): Promise<void> {
    for (const { effect } of this.effects.get(to) ?? []) await effect(election, manager, actor);
  }

  afterCommit(to: ElectionStatus, owner: string, effect: AfterCommitEffect): void {
    const list = this.committed.get(to) ?? [];
    list.push({ owner, effect });
    this.committed.set(to, list);
  }

  /**
   * Runs the after-commit effects of `to`. Called by ElectionsService.transition once its own
   * transaction committed, and by a module that transitioned inside its own transaction after
   * that one committed. Every effect runs even when one fails; each must be recoverable
   * (idempotent, and re-run by its owner when found missing), so a failure is reported, not lost.
   */
  async entered(to: ElectionStatus, electionId: string): Promise<Array<{ owner: string; error: unknown }>> {
    const failures: Array<{ owner: string; error: unknown }> = [];
    for (const { owner, effect } of this.committed.get(to) ?? []) {
      try {
        await effect(electionId);
      } catch (error) {
        failures.push({ owner, error });
      }
    }
    return failures;
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
