import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { EntityManager } from 'typeorm';
import { ElectionStatus } from 'src/elections/election.types';
import { ElectionsService } from 'src/elections/elections.service';
import { LifecycleChecks } from 'src/elections/lifecycle-checks';
import { Actor } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { Transactions } from 'src/platform/database/transactions';
import { neutraliseCell } from 'src/roll/csv/csv-safety';
import { RowValidator, todayIso } from 'src/roll/csv/row-validator';
import { FieldChange, RollAmendmentEntity } from 'src/roll/roll-amendment.entity';
import { RollImportEntity } from 'src/roll/roll-import.entity';
import { newImport } from 'src/roll/roll-import.service';
import { RollImportsRepository } from 'src/roll/roll-imports.repository';
import { RollMemberEntity } from 'src/roll/roll-member.entity';
import { MemberSearch, RollCounts, RollMembersRepository } from 'src/roll/roll-members.repository';
import { rollError } from 'src/roll/roll.errors';
import { ChannelRestriction, MemberRecord, MemberStatus, ROLL_COLUMNS, RollColumn } from 'src/roll/roll.types';
import { searchKey } from 'src/roll/search-key';

/** What an amendment may change; absent fields stay as they are. */
export type MemberPatch = Partial<Omit<MemberRecord, 'memberNumber'>> & { status?: MemberStatus };

// Before the count starts the roll can still be corrected (a member's address after packs are
// printed, eligibility after a late appeal); once votes are being counted it is fixed.
export const AMENDABLE: ReadonlySet<ElectionStatus> = new Set(['draft', 'roll_frozen', 'packs_ready', 'open']);

const FIELD_TO_COLUMN: Record<keyof MemberRecord, RollColumn> = {
  memberNumber: 'member_number',
  givenNames: 'given_names',
  familyName: 'family_name',
  addressLine1: 'address_line_1',
  addressLine2: 'address_line_2',
  addressLine3: 'address_line_3',
  addressLine4: 'address_line_4',
  postcode: 'postcode',
  country: 'country',
  email: 'email',
  dateOfBirth: 'date_of_birth',
  weight: 'weight',
  eligible: 'eligible',
  channel: 'channel',
};
const FIELDS = Object.keys(FIELD_TO_COLUMN) as Array<keyof MemberRecord>;

export interface RollSummary {
  importId: string | null;
  committedAt: Date | null;
  counts: RollCounts[];
}

@Injectable()
export class RollService implements OnModuleInit {
  constructor(
    private readonly imports: RollImportsRepository,
    private readonly members: RollMembersRepository,
    private readonly elections: ElectionsService,
    private readonly events: EventLogService,
    private readonly tx: Transactions,
    private readonly lifecycle: LifecycleChecks,
  ) {}

  onModuleInit(): void {
    this.lifecycle.register('roll_frozen', 'roll', (e, m) => this.freezeProblems(e.id, m));
  }

  /** What blocks freezing the roll: packs are printed from it, so it needs eligible members. */
  async freezeProblems(electionId: string, manager: EntityManager): Promise<string[]> {
    const current = await this.imports.findCommitted(electionId, manager);
    const counts = current ? await this.members.countsOf(current.id) : [];
    return counts.some((c) => c.status === 'active' && c.eligible) ? [] : ['The roll has no eligible members: import one first.'];
  }

  /** Every active, eligible member of the committed roll, read in pages (for pack generation). */
  async *eligibleMembers(electionId: string, pageSize = 5000): AsyncGenerator<RollMemberEntity> {
    const current = await this.imports.findCommitted(electionId);
    if (!current) return;
    let after = 0;
    for (;;) {
      const page = await this.members.eligiblePage(current.id, after, pageSize);
      yield* page;
      if (page.length < pageSize) return;
      after = page[page.length - 1].position;
    }
  }

  /**
   * The committed roll's members with these numbers, read `pageSize` at a time: a print batch
   * needs its own members only, never the whole roll in memory. Throws if one is missing.
   */
  async membersByNumber(electionId: string, numbers: readonly string[], pageSize = 500): Promise<Map<string, RollMemberEntity>> {
    const current = await this.imports.findCommitted(electionId);
    if (!current) throw rollError('no_roll', 'This election has no roll yet.');
    const found = new Map<string, RollMemberEntity>();
    for (let i = 0; i < numbers.length; i += pageSize) {
      for (const m of await this.members.findByNumbers(current.id, numbers.slice(i, i + pageSize))) found.set(m.memberNumber, m);
    }
    const missing = numbers.find((n) => !found.has(n));
    if (missing !== undefined) throw rollError('member_not_found', `Member ${missing} of the print run is no longer on the roll.`);
    return found;
  }

  async summary(electionId: string): Promise<RollSummary> {
    await this.elections.get(electionId);
    const current = await this.imports.findCommitted(electionId);
    return { importId: current?.id ?? null, committedAt: current?.committedAt ?? null, counts: current ? await this.members.countsOf(current.id) : [] };
  }

  async search(electionId: string, q: MemberSearch): Promise<[RollMemberEntity[], number]> {
    const current = await this.current(electionId);
    return current ? this.members.search(current.id, q) : [[], 0];
  }

  async member(electionId: string, memberNumber: string): Promise<RollMemberEntity> {
    const current = await this.current(electionId);
    const m = current ? await this.members.findByNumber(current.id, memberNumber) : null;
    if (!m) throw rollError('member_not_found', 'No member with this number on the roll.');
    return m;
  }

  /** What the precedence engine needs about a member; someone not on the roll is not eligible. */
  async memberFacts(electionId: string, memberNumber: string, manager?: EntityManager): Promise<{ eligible: boolean; restriction: ChannelRestriction }> {
    const m = await this.members.factsInCommitted(electionId, memberNumber, manager);
    return m ? { eligible: m.eligible && m.status === 'active', restriction: m.channel } : { eligible: false, restriction: 'any' };
  }

  /** The roll as CSV in file order, every cell neutralised against formula injection. */
  async exportCsv(electionId: string, actor: Actor): Promise<Readable> {
    const current = await this.current(electionId);
    if (!current) throw rollError('no_roll', 'This election has no roll yet.');
    // Exports carry personal data: who took one is part of the record.
    await this.tx.run((m) => this.events.append(m, { electionId, type: 'roll.exported', actor, data: { importId: current.id } }));
    const members = this.members;
    async function* rows() {
      yield [...ROLL_COLUMNS, 'status'];
      let after = 0;
      for (;;) {
        const page = await members.pageAfter(current!.id, after, 5000);
        for (const m of page) yield exportRow(m);
        if (page.length < 5000) return;
        after = page[page.length - 1].position;
      }
    }
    return Readable.from(rows()).pipe(stringify({ bom: true }));
  }

  async addMember(electionId: string, record: MemberRecord, reason: string, actor: Actor): Promise<RollMemberEntity> {
    return this.tx.run(async (m) => {
      const version = await this.amendableVersion(m, electionId, true);
      if (await this.members.findByNumber(version.id, record.memberNumber, m)) {
        throw rollError('member_exists', 'A member with this number is already on the roll; amend it instead.');
      }
      const member = toEntity(version.id, version.lastPosition + 1, validated(record), 'active');
      await this.members.insert(m, member);
      version.lastPosition = member.position;
      await this.imports.save(m, version);
      const changes = Object.fromEntries(FIELDS.map((f) => [f, { from: null, to: record[f] }]));
      await this.audit(m, electionId, version.id, member.memberNumber, 'added', changes, reason, actor);
      return member;
    });
  }

  async amendMember(electionId: string, memberNumber: string, patch: MemberPatch, reason: string, actor: Actor): Promise<RollMemberEntity> {
    return this.tx.run(async (m) => {
      const version = await this.amendableVersion(m, electionId, false);
      const member = await this.members.findByNumber(version.id, memberNumber, m);
      if (!member) throw rollError('member_not_found', 'No member with this number on the roll.');
      const before = recordOf(member);
      const after = validated({ ...before, ...stripUndefined(patch) });
      const changes: Record<string, FieldChange> = {};
      for (const f of FIELDS) if (before[f] !== after[f]) changes[f] = { from: before[f], to: after[f] };
      if (patch.status && patch.status !== member.status) changes.status = { from: member.status, to: patch.status };
      if (Object.keys(changes).length === 0) return member;
      const updated = toEntity(version.id, member.position, after, patch.status ?? member.status);
      updated.amendedAt = new Date();
      await this.members.update(m, updated);
      await this.audit(m, electionId, version.id, memberNumber, 'changed', changes, reason, actor);
      return updated;
    });
  }

  private async audit(
    m: EntityManager,
    electionId: string,
    importId: string,
    memberNumber: string,
    kind: RollAmendmentEntity['kind'],
    changes: Record<string, FieldChange>,
    reason: string,
    actor: Actor,
  ): Promise<void> {
    const amendment: RollAmendmentEntity = {
      id: randomUUID(),
      electionId,
      importId,
      memberNumber,
      kind,
      changes,
      reason,
      staffId: actor.kind === 'staff' ? actor.staffId : null,
      createdAt: new Date(),
    };
    await this.members.insertAmendment(m, amendment);
    // Field names only: the log is published, addresses and dates of birth must not be.
    await this.events.append(m, {
      electionId,
      type: kind === 'added' ? 'roll.member_added' : 'roll.member_amended',
      actor,
      data: { amendmentId: amendment.id, memberNumber, fields: Object.keys(changes), reason },
    });
  }

  private async amendableVersion(m: EntityManager, electionId: string, createIfNone: boolean): Promise<RollImportEntity> {
    const election = await this.elections.lockForUpdate(m, electionId);
    if (!AMENDABLE.has(election.status)) {
      throw rollError('roll_closed', `The roll can no longer change (the election is ${election.status}).`, { status: election.status });
    }
    const current = await this.imports.findCommitted(electionId, m);
    if (current) return current;
    if (!createIfNone) throw rollError('no_roll', 'This election has no roll yet.');
    // A roll built member by member starts as an empty committed version.
    const version = newImport(electionId, 'amendments', { kind: 'system' }, null);
    Object.assign(version, { status: 'committed', committedAt: new Date(), validatedAt: new Date() });
    await this.imports.insert(m, version);
    return version;
  }

  private async current(electionId: string): Promise<RollImportEntity | null> {
    await this.elections.get(electionId);
    return this.imports.findCommitted(electionId);
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Amendments pass the same checks as file rows. */
function validated(r: MemberRecord): MemberRecord {
  const values = {} as Record<RollColumn, string>;
  for (const f of FIELDS) {
    const v = r[f];
    values[FIELD_TO_COLUMN[f]] = v === null || v === undefined ? '' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : String(v).trim();
  }
  const result = new RowValidator({ today: todayIso() }).validateValues(values, 0);
  if (!result.ok) {
    const fields: Record<string, string[]> = {};
    for (const i of result.issues) {
      const field = FIELDS.find((f) => FIELD_TO_COLUMN[f] === i.column) ?? 'member';
      (fields[field] ??= []).push(i.message);
    }
    throw rollError('member_invalid', `${Object.keys(fields)[0]}: ${Object.values(fields)[0][0]}`, { fields });
  }
  return result.member;
}

function recordOf(m: RollMemberEntity): MemberRecord {
  return Object.fromEntries(FIELDS.map((f) => [f, m[f]])) as unknown as MemberRecord;
}

function toEntity(importId: string, position: number, r: MemberRecord, status: MemberStatus): RollMemberEntity {
  return { importId, position, ...r, familyKey: searchKey(r.familyName), status, amendedAt: null };
}

function exportRow(m: RollMemberEntity): string[] {
  const cells = [
    m.memberNumber,
    m.givenNames,
    m.familyName,
    m.addressLine1,
    m.addressLine2 ?? '',
    m.addressLine3 ?? '',
    m.addressLine4 ?? '',
    m.postcode ?? '',
    m.country,
    m.email ?? '',
    m.dateOfBirth,
    String(m.weight),
    m.eligible ? 'yes' : 'no',
    m.channel,
    m.status,
  ];
  return cells.map(neutraliseCell);
}
