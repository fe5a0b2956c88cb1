import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { newBeleniosUuid } from 'src/elections/belenios-uuid';
import { ElectionEntity } from 'src/elections/election.entity';
import { editProblems, settingsProblems } from 'src/elections/election-rules';
import { DEFAULT_SETTINGS, ElectionSettings, ElectionStatus } from 'src/elections/election.types';
import { electionError } from 'src/elections/elections.errors';
import { ElectionsRepository } from 'src/elections/elections.repository';
import { LifecycleChecks } from 'src/elections/lifecycle-checks';
import { findTransition, settingsEditable, TRANSITIONS } from 'src/elections/lifecycle';
import { Actor } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { Transactions } from 'src/platform/database/transactions';

export type SettingsPatch = Partial<ElectionSettings>;

export interface NextStep {
  to: ElectionStatus;
  manual: boolean;
  problems: string[];
}

const SETTING_KEYS: Array<keyof ElectionSettings> = [
  'title',
  'description',
  'questions',
  'channels',
  'precedencePolicy',
  'onlineRevoting',
  'secondFactor',
  'timeline',
];

@Injectable()
export class ElectionsService {
  private readonly logger = new Logger('elections');

  constructor(
    private readonly elections: ElectionsRepository,
    private readonly events: EventLogService,
    private readonly checks: LifecycleChecks,
    private readonly tx: Transactions,
  ) {
    // Freezing the roll fixes what gets printed on every pack: the settings must be complete.
    this.checks.register('roll_frozen', 'elections', async (e) => settingsProblems(e));
  }

  async get(id: string): Promise<ElectionEntity> {
    const e = await this.elections.findById(id);
    if (!e) throw electionError('election_not_found', 'No election with this id.');
    return e;
  }

  list(status?: ElectionStatus): Promise<ElectionEntity[]> {
    return this.elections.listNewestFirst(status);
  }

  /** For other modules' transactions: the election row, locked until their commit. */
  /**
   * The election read inside the caller's transaction with a key-share lock (PostgreSQL): it
   * does not block other readers, but a transition (which locks the row for update) waits for
   * the transaction to end. On SQLite transactions are serialised anyway.
   */
  async readShared(manager: EntityManager, id: string): Promise<ElectionEntity> {
    const e = await this.elections.lockShared(manager, id);
    if (!e) throw electionError('election_not_found', 'No election with this id.');
    return e;
  }

  async lockForUpdate(manager: EntityManager, id: string): Promise<ElectionEntity> {
    const e = await this.elections.lockById(manager, id);
    if (!e) throw electionError('election_not_found', 'No election with this id.');
    return e;
  }

  async create(input: Pick<ElectionSettings, 'title'> & SettingsPatch, actor: Actor): Promise<ElectionEntity> {
    const now = new Date();
    assertEditable({ ...DEFAULT_SETTINGS, ...pickSettings(input), title: input.title });
    const e: ElectionEntity = {
      id: randomUUID(),
      beleniosUuid: newBeleniosUuid(),
      ...DEFAULT_SETTINGS,
      ...pickSettings(input),
      title: input.title.trim(),
      status: 'draft',
      createdBy: actor.kind === 'staff' ? actor.staffId : null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await this.tx.run(async (m) => {
      await this.elections.insert(m, e);
      await this.events.append(m, { electionId: e.id, type: 'election.created', actor, data: { settings: settingsOf(e) } });
    });
    return e;
  }

  async update(id: string, patch: SettingsPatch, expectedVersion: number | undefined, actor: Actor): Promise<ElectionEntity> {
    return this.tx.run(async (m) => {
      const e = await this.lockForUpdate(m, id);
      if (!settingsEditable(e.status)) {
        throw electionError('election_not_editable', `Settings can only change while the election is a draft; it is ${e.status}.`, {
          status: e.status,
        });
      }
      if (expectedVersion !== undefined && expectedVersion !== e.version) {
        throw electionError('stale_version', 'Someone else changed this election since you loaded it. Reload and try again.', {
          currentVersion: e.version,
        });
      }
      const changes = pickSettings(patch);
      const changed = SETTING_KEYS.filter((k) => k in changes && JSON.stringify(changes[k]) !== JSON.stringify(e[k]));
      if (changed.length === 0) return e;
      assertEditable({ ...settingsOf(e), ...changes });
      Object.assign(e, changes, { updatedAt: new Date() });
      const saved = await this.elections.save(m, e);
      await this.events.append(m, {
        electionId: id,
        type: 'election.updated',
        actor,
        data: { changed: Object.fromEntries(changed.map((k) => [k, changes[k]])) },
      });
      return saved;
    });
  }

  /** What the election can move to next, and what blocks each step (the pre-launch checklist). */
  async nextSteps(id: string): Promise<{ status: ElectionStatus; next: NextStep[] }> {
    return this.tx.run(async (m) => {
      const e = await this.lockForUpdate(m, id);
      const next: NextStep[] = [];
      for (const t of TRANSITIONS[e.status]) {
        next.push({ ...t, problems: await this.checks.problems(t.to, e, m) });
      }
      return { status: e.status, next };
    });
  }

  /**
   * The one way an election changes status: the transition must be in the table, manual ones
   * may come from an administrator, every registered check must pass, and the change and its
   * event commit together. Other modules pass `{ system: true }` for the transitions they own.
   */
  async transition(
    id: string,
    to: ElectionStatus,
    actor: Actor,
    opts: { reason?: string; system?: boolean; manager?: EntityManager } = {},
  ): Promise<ElectionEntity> {
    const work = async (m: EntityManager) => {
      const e = await this.lockForUpdate(m, id);
      const t = findTransition(e.status, to);
      if (!t) {
        throw electionError('illegal_transition', `An election cannot go from ${e.status} to ${to}.`, {
          from: e.status,
          to,
          allowed: TRANSITIONS[e.status].filter((x) => x.manual || opts.system).map((x) => x.to),
        });
      }
      if (!t.manual && !opts.system) {
        throw electionError('transition_not_manual', `The system moves an election to ${to} when that work is done.`, { from: e.status, to });
      }
      const problems = await this.checks.problems(to, e, m);
      if (problems.length > 0) {
        throw electionError('transition_blocked', `The election cannot move to ${to} yet: ${problems[0]}`, { from: e.status, to, problems });
      }
      const from = e.status;
      e.status = to;
      e.updatedAt = new Date();
      const saved = await this.elections.save(m, e);
      await this.events.append(m, { electionId: id, type: 'election.transitioned', actor, data: { from, to, reason: opts.reason ?? null } });
      await this.checks.enter(to, saved, m, actor);
      return saved;
    };
    // In the caller's transaction, the caller runs `LifecycleChecks.entered` after its commit.
    if (opts.manager) return work(opts.manager);
    const saved = await this.tx.run(work);
    for (const f of await this.checks.entered(to, id)) {
      const reason = f.error instanceof Error ? f.error.message : String(f.error);
      this.logger.warn(`election ${id} entered ${to}; the after-commit work of ${f.owner} failed (${reason}); ${f.owner} recovers it`);
    }
    return saved;
  }
}

function assertEditable(s: ElectionSettings): void {
  const problems = editProblems(s);
  if (problems.length > 0) throw electionError('invalid_settings', problems[0], { problems });
}

function pickSettings(input: SettingsPatch): SettingsPatch {
  const out: SettingsPatch = {};
  for (const k of SETTING_KEYS) if (input[k] !== undefined) (out as Record<string, unknown>)[k] = input[k];
  return out;
}

export function settingsOf(e: ElectionEntity): ElectionSettings {
  return {
    title: e.title,
    description: e.description,
    questions: e.questions,
    channels: e.channels,
    precedencePolicy: e.precedencePolicy,
    onlineRevoting: e.onlineRevoting,
    secondFactor: e.secondFactor,
    timeline: e.timeline,
  };
}
