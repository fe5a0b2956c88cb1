import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, EntityManager, In } from 'typeorm';
import { Transactions } from 'src/platform/database/transactions';
import { StagedMember } from 'src/roll/csv/roll-file-reader';
import { RollAmendmentEntity } from 'src/roll/roll-amendment.entity';
import { RollMemberEntity } from 'src/roll/roll-member.entity';
import { ChannelRestriction, MemberStatus, ROLL_COLUMNS } from 'src/roll/roll.types';
import { searchKey } from 'src/roll/search-key';

/** The part of better-sqlite3's connection the bulk writer uses (the package ships no types). */
interface SqliteConnection {
  prepare(sql: string): { run(...params: unknown[]): unknown };
}

/** Streams validated members into one roll version; memory use is one batch. */
export interface MemberBulkWriter {
  write(rows: StagedMember[]): Promise<void>;
  finish(): Promise<void>;
  abort(): Promise<void>;
}

export interface VersionComparison {
  newMembers: number;
  updatedMembers: number;
  unchangedMembers: number;
  missingMembers: number;
}

export interface RollCounts {
  status: MemberStatus;
  eligible: boolean;
  channel: ChannelRestriction;
  members: number;
  weight: number;
}

export interface MemberSearch {
  memberNumber?: string;
  name?: string;
  postcode?: string;
  limit: number;
  offset: number;
}

const COLUMNS =
  'import_id, position, member_number, given_names, family_name, family_key, address_line_1, address_line_2, address_line_3, ' +
  'address_line_4, postcode, country, email, date_of_birth, weight, eligible, channel, status';

// Columns whose difference makes a re-imported member "updated": every file column but the key
// (the file's column names are the table's).
const COMPARED: readonly string[] = ROLL_COLUMNS.filter((c) => c !== 'member_number');

/** COPY text format: fields hold no control characters (validated), so only '\' needs escaping. */
function copyField(v: string | null): string {
  if (v === null) return '\\N';
  return v.includes('\\') ? v.replace(/\\/g, '\\\\') : v;
}

@Injectable()
export class RollMembersRepository {
  private readonly postgres: boolean;

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly tx: Transactions,
  ) {
    this.postgres = ds.options.type === 'postgres';
  }

  /** `$n` placeholders for both databases (SQLite binds `?` in order, so repeated `$n` are expanded). */
  private query<T>(sql: string, params: unknown[], manager?: EntityManager): Promise<T> {
    const runner = manager ?? this.ds;
    if (this.postgres) return runner.query(sql, params);
    const ordered: unknown[] = [];
    const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
      const v = params[Number(n) - 1];
      ordered.push(typeof v === 'boolean' ? (v ? 1 : 0) : v);
      return '?';
    });
    return runner.query(text, ordered);
  }

  async openBulkWriter(importId: string): Promise<MemberBulkWriter> {
    return this.postgres ? this.copyWriter(importId) : this.sqliteWriter(importId);
  }

  /**
   * PostgreSQL: one COPY FROM STDIN for the whole file on a dedicated connection, the fastest
   * way in; backpressure from the socket keeps memory flat.
   */
  private async copyWriter(importId: string): Promise<MemberBulkWriter> {
    const pool = (this.ds.driver as unknown as { master: Pool }).master;
    const client: PoolClient = await pool.connect();
    const stream = client.query(copyFrom(`COPY roll_member (${COLUMNS}) FROM STDIN`));
    let failure: Error | undefined;
    stream.on('error', (e: Error) => (failure = e));
    let released = false;
    const release = (destroy: boolean) => {
      if (released) return;
      released = true;
      client.release(destroy);
    };
    return {
      write: async (rows) => {
        if (failure) throw failure;
        let chunk = '';
        for (const { line, member: m } of rows) {
          chunk +=
            `${importId}\t${line}\t${copyField(m.memberNumber)}\t${copyField(m.givenNames)}\t${copyField(m.familyName)}\t` +
            `${copyField(searchKey(m.familyName))}\t${copyField(m.addressLine1)}\t${copyField(m.addressLine2)}\t` +
            `${copyField(m.addressLine3)}\t${copyField(m.addressLine4)}\t${copyField(m.postcode)}\t${m.country}\t` +
            `${copyField(m.email)}\t${m.dateOfBirth}\t${m.weight}\t${m.eligible ? 't' : 'f'}\t${m.channel}\tactive\n`;
        }
        if (!stream.write(chunk)) await once(stream, 'drain');
      },
      finish: async () => {
        try {
          stream.end();
          await finished(stream);
          release(false);
        } catch (e) {
          release(true);
          throw e;
        }
      },
      // Destroying the connection aborts the COPY: nothing of it stays in the table.
      abort: async () => {
        stream.destroy();
        release(true);
      },
    };
  }

  /** SQLite: a prepared statement per row inside one transaction per batch (queued like all transactions). */
  private sqliteWriter(importId: string): MemberBulkWriter {
    const db = (this.ds.driver as unknown as { databaseConnection: SqliteConnection }).databaseConnection;
    const insert = db.prepare(`INSERT INTO roll_member (${COLUMNS}) VALUES (${Array(18).fill('?').join(', ')})`);
    return {
      write: (rows) =>
        this.tx.run(async () => {
          for (const { line, member: m } of rows) {
            insert.run(
              importId,
              line,
              m.memberNumber,
              m.givenNames,
              m.familyName,
              searchKey(m.familyName),
              m.addressLine1,
              m.addressLine2,
              m.addressLine3,
              m.addressLine4,
              m.postcode,
              m.country,
              m.email,
              m.dateOfBirth,
              m.weight,
              m.eligible ? 1 : 0,
              m.channel,
              'active',
            );
          }
        }),
      finish: async () => undefined,
      abort: async () => undefined,
    };
  }

  /** Every row whose member number occurs more than once in the version, with the first line it occurs on. */
  findDuplicates(importId: string): Promise<Array<{ position: number; first: number }>> {
    return this.query<Array<{ position: number | string; first: number | string }>>(
      `SELECT m.position AS position, d.first AS first FROM roll_member m
         JOIN (SELECT member_number, MIN(position) AS first FROM roll_member WHERE import_id = $1
               GROUP BY member_number HAVING COUNT(*) > 1) d ON d.member_number = m.member_number
        WHERE m.import_id = $1 ORDER BY m.position`,
      [importId],
    ).then((rows) => rows.map((r) => ({ position: Number(r.position), first: Number(r.first) })));
  }

  async deleteDuplicates(importId: string): Promise<void> {
    await this.tx.run((m) =>
      this.query(
        `DELETE FROM roll_member WHERE import_id = $1 AND member_number IN
           (SELECT member_number FROM roll_member WHERE import_id = $1 GROUP BY member_number HAVING COUNT(*) > 1)`,
        [importId],
        m,
      ),
    );
  }

  /** Fresh statistics after a bulk load, or PostgreSQL plans the joins below as nested loops over millions of rows. */
  async refreshStatistics(): Promise<void> {
    if (this.postgres) await this.ds.query('ANALYZE roll_member');
  }

  async compare(importId: string, baseId: string | null): Promise<VersionComparison> {
    const [total] = await this.query<Array<{ n: number | string }>>('SELECT COUNT(*) AS n FROM roll_member WHERE import_id = $1', [importId]);
    if (!baseId) return { newMembers: Number(total.n), updatedMembers: 0, unchangedMembers: 0, missingMembers: 0 };
    const differs = COMPARED.map((c) => `n.${c} IS DISTINCT FROM b.${c}`).join(' OR ');
    const [row] = await this.query<Array<Record<string, number | string | null>>>(
      `SELECT SUM(CASE WHEN b.member_number IS NULL THEN 1 ELSE 0 END) AS new_members,
              SUM(CASE WHEN b.member_number IS NOT NULL AND (b.status <> 'active' OR ${differs}) THEN 1 ELSE 0 END) AS updated_members
         FROM roll_member n LEFT JOIN roll_member b ON b.import_id = $2 AND b.member_number = n.member_number
        WHERE n.import_id = $1`,
      [importId, baseId],
    );
    const [missing] = await this.query<Array<{ n: number | string }>>(
      `SELECT COUNT(*) AS n FROM roll_member b WHERE b.import_id = $2 AND b.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM roll_member n WHERE n.import_id = $1 AND n.member_number = b.member_number)`,
      [importId, baseId],
    );
    const newMembers = Number(row.new_members ?? 0);
    const updatedMembers = Number(row.updated_members ?? 0);
    return { newMembers, updatedMembers, unchangedMembers: Number(total.n) - newMembers - updatedMembers, missingMembers: Number(missing.n) };
  }

  /**
   * Copies the members of `fromId` that `toId` lacks into `toId`, after its last position, so
   * nobody silently vanishes: as `removed` unless `keepMissing` (then with their old status).
   */
  async carryForwardMissing(manager: EntityManager, fromId: string, toId: string, afterPosition: number, keepMissing: boolean): Promise<number> {
    await this.query(
      `INSERT INTO roll_member (${COLUMNS})
       SELECT CAST($2 AS varchar(36)), CAST($3 AS integer) + ROW_NUMBER() OVER (ORDER BY b.position), b.member_number, b.given_names, b.family_name, b.family_key,
              b.address_line_1, b.address_line_2, b.address_line_3, b.address_line_4, b.postcode, b.country, b.email,
              b.date_of_birth, b.weight, b.eligible, b.channel, CASE WHEN CAST($4 AS boolean) THEN b.status ELSE 'removed' END
         FROM roll_member b
        WHERE b.import_id = $1
          AND NOT EXISTS (SELECT 1 FROM roll_member n WHERE n.import_id = CAST($2 AS varchar(36)) AND n.member_number = b.member_number)`,
      [fromId, toId, afterPosition, keepMissing],
      manager,
    );
    const [row] = await this.query<Array<{ n: number | string | null }>>(
      'SELECT MAX(position) AS n FROM roll_member WHERE import_id = $1',
      [toId],
      manager,
    );
    return Math.max(afterPosition, Number(row.n ?? 0));
  }

  /** Drops the rows of versions nobody can use any more (superseded, discarded, failed). */
  async purgeVersions(importIds: string[]): Promise<void> {
    for (const id of importIds) {
      await this.tx.run((m) => this.query('DELETE FROM roll_member WHERE import_id = $1', [id], m));
    }
  }

  /** Members of a roll version who get a pack: active and eligible, a page at a time by position. */
  async eligiblePage(importId: string, afterPosition: number, limit: number): Promise<RollMemberEntity[]> {
    return this.ds
      .getRepository(RollMemberEntity)
      .createQueryBuilder('m')
      .where('m.import_id = :importId AND m.position > :afterPosition', { importId, afterPosition })
      .andWhere("m.status = 'active' AND m.eligible = :eligible", { eligible: true })
      .orderBy('m.position', 'ASC')
      .take(limit)
      .getMany();
  }

  async countsOf(importId: string): Promise<RollCounts[]> {
    const rows = await this.query<Array<Record<string, unknown>>>(
      `SELECT status, eligible, channel, COUNT(*) AS members, SUM(weight) AS weight FROM roll_member
        WHERE import_id = $1 GROUP BY status, eligible, channel ORDER BY status, eligible, channel`,
      [importId],
    );
    return rows.map((r) => ({
      status: r.status as MemberStatus,
      eligible: r.eligible === true || r.eligible === 1,
      channel: r.channel as ChannelRestriction,
      members: Number(r.members),
      weight: Number(r.weight),
    }));
  }

  /** Helpdesk search: member-number and family-name prefixes use indexes; postcode narrows them. */
  search(importId: string, q: MemberSearch): Promise<[RollMemberEntity[], number]> {
    const qb = this.ds.getRepository(RollMemberEntity).createQueryBuilder('m').where('m.importId = :importId', { importId });
    if (q.memberNumber) qb.andWhere("m.memberNumber LIKE :mn ESCAPE '\\'", { mn: `${escapeLike(q.memberNumber)}%` });
    if (q.name) qb.andWhere("m.familyKey LIKE :fk ESCAPE '\\'", { fk: `${escapeLike(searchKey(q.name))}%` });
    if (q.postcode) qb.andWhere("m.postcode LIKE :pc ESCAPE '\\'", { pc: `${escapeLike(q.postcode.toUpperCase())}%` });
    return qb.orderBy('m.familyKey', 'ASC').addOrderBy('m.memberNumber', 'ASC').take(q.limit).skip(q.offset).getManyAndCount();
  }

  /** The member's eligibility, status and channel in the election's committed roll, in one query (every scan and cast asks). */
  async factsInCommitted(
    electionId: string,
    memberNumber: string,
    manager?: EntityManager,
  ): Promise<Pick<RollMemberEntity, 'eligible' | 'status' | 'channel'> | null> {
    const row = await (manager ?? this.ds.manager)
      .getRepository(RollMemberEntity)
      .createQueryBuilder('m')
      .innerJoin('roll_import', 'i', "i.id = m.import_id AND i.status = 'committed'")
      .select('m.eligible', 'eligible')
      .addSelect('m.status', 'status')
      .addSelect('m.channel', 'channel')
      .where('i.election_id = :electionId AND m.member_number = :memberNumber', { electionId, memberNumber })
      .getRawOne<{ eligible: boolean | number; status: MemberStatus; channel: ChannelRestriction }>();
    // SQLite gives booleans back as 0/1.
    return row ? { eligible: row.eligible === true || row.eligible === 1, status: row.status, channel: row.channel } : null;
  }

  /** The members with these numbers in one roll version, whatever their status (one page: keep `numbers` short). */
  findByNumbers(importId: string, numbers: string[]): Promise<RollMemberEntity[]> {
    return numbers.length === 0 ? Promise.resolve([]) : this.ds.getRepository(RollMemberEntity).findBy({ importId, memberNumber: In(numbers) });
  }

  findByNumber(importId: string, memberNumber: string, manager?: EntityManager): Promise<RollMemberEntity | null> {
    return (manager ?? this.ds.manager).getRepository(RollMemberEntity).findOneBy({ importId, memberNumber });
  }

  async insert(manager: EntityManager, member: RollMemberEntity): Promise<void> {
    await manager.getRepository(RollMemberEntity).insert(member);
  }

  async update(manager: EntityManager, member: RollMemberEntity): Promise<void> {
    const { importId, position, ...rest } = member;
    await manager.getRepository(RollMemberEntity).update({ importId, position }, rest);
  }

  async insertAmendment(manager: EntityManager, a: RollAmendmentEntity): Promise<void> {
    await manager.getRepository(RollAmendmentEntity).save(a);
  }

  /** One page of a version in file order, for streaming exports (keyset pagination). */
  pageAfter(importId: string, afterPosition: number, limit: number): Promise<RollMemberEntity[]> {
    return this.ds
      .getRepository(RollMemberEntity)
      .createQueryBuilder('m')
      .where('m.importId = :importId AND m.position > :afterPosition', { importId, afterPosition })
      .orderBy('m.position', 'ASC')
      .take(limit)
      .getMany();
  }
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
