import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, MoreThanOrEqual, Not } from 'typeorm';
import { PackBatchEntity, PackEntity, PackSetupEntity, PaperEntity } from 'src/packs/pack.entity';

const INSERT_CHUNK = 500;

export interface BatchProgress {
  batches: number;
  rendered: number;
  /** Member packs in all batches / in rendered batches. */
  total: number;
  done: number;
  /** Unrendered batches whose last run failed (being retried, or failed for good). */
  failing: number;
  firstStartedAt: Date | null;
  lastRenderedAt: Date | null;
}

@Injectable()
export class PacksRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  findSetup(electionId: string, manager?: EntityManager): Promise<PackSetupEntity | null> {
    return (manager ?? this.ds.manager).getRepository(PackSetupEntity).findOneBy({ electionId });
  }

  electionCodeTaken(code: string): Promise<boolean> {
    return this.ds.getRepository(PackSetupEntity).existsBy({ electionCode: code });
  }

  async insertSetup(manager: EntityManager, setup: PackSetupEntity): Promise<void> {
    await manager.getRepository(PackSetupEntity).insert(setup as never);
  }

  /** Member packs per print batch, from the stored plan. */
  async packsPerBatch(electionId: string): Promise<Array<{ batch: number; packs: number }>> {
    const rows = await this.ds
      .getRepository(PackEntity)
      .createQueryBuilder('p')
      .select('p.batch', 'batch')
      .addSelect('COUNT(*)', 'packs')
      .where("p.election_id = :electionId AND p.kind = 'member' AND p.batch IS NOT NULL", { electionId })
      .groupBy('p.batch')
      .orderBy('p.batch', 'ASC')
      .getRawMany<{ batch: string | number; packs: string | number }>();
    return rows.map((r) => ({ batch: Number(r.batch), packs: Number(r.packs) }));
  }

  /** Creates the batch rows not there yet (a rerun, or a run stored before batches had rows). */
  async insertBatches(electionId: string, batches: Array<{ batch: number; packs: number }>): Promise<void> {
    if (batches.length === 0) return;
    const rows = batches.map((b) => ({ electionId, batch: b.batch, packs: b.packs, sha256: null, manifest: null, attempts: 0, error: null, startedAt: null, renderedAt: null, renderedBy: null }));
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      await this.ds.getRepository(PackBatchEntity).createQueryBuilder().insert().values(rows.slice(i, i + INSERT_CHUNK)).orIgnore().execute();
    }
  }

  findBatch(electionId: string, batch: number): Promise<PackBatchEntity | null> {
    return this.ds.getRepository(PackBatchEntity).findOneBy({ electionId, batch });
  }

  /** Batches not yet rendered, in order: what a (re)started run still has to queue. */
  async pendingBatches(electionId: string): Promise<number[]> {
    const rows = await this.ds.getRepository(PackBatchEntity).find({ select: { batch: true }, where: { electionId, sha256: IsNull() }, order: { batch: 'ASC' } });
    return rows.map((r) => r.batch);
  }

  async startBatch(electionId: string, batch: number, attempt: number, at: Date, jobId: string | null): Promise<void> {
    const batches = this.ds.getRepository(PackBatchEntity);
    await batches.update({ electionId, batch }, { attempts: attempt, jobId });
    await batches.update({ electionId, batch, startedAt: IsNull() }, { startedAt: at });
  }

  /** A retried batch starts afresh: its earlier attempts and error no longer say the run failed. */
  async resetBatch(electionId: string, batch: number): Promise<void> {
    await this.ds.getRepository(PackBatchEntity).update({ electionId, batch, sha256: IsNull() }, { attempts: 0, error: null });
  }

  async recordBatchError(electionId: string, batch: number, message: string): Promise<void> {
    await this.ds.getRepository(PackBatchEntity).update({ electionId, batch }, { error: message.slice(0, 300) });
  }

  /**
   * Records a rendered batch and says whether every batch of the run is now rendered. The
   * election's setup row is locked first (PostgreSQL), so of two workers finishing the last two
   * batches at once the second sees the first one's checksum: one of them always sees the run
   * complete. (SQLite has one writer at a time, which gives the same order.)
   */
  async recordBatch(electionId: string, batch: number, sha256: string, manifest: string, at: Date, by: string): Promise<{ complete: boolean }> {
    return this.ds.transaction(async (m) => {
      const qb = m.getRepository(PackSetupEntity).createQueryBuilder('s').where('s.election_id = :electionId', { electionId });
      if (m.connection.options.type === 'postgres') qb.setLock('pessimistic_write');
      await qb.getOneOrFail();
      await m.getRepository(PackBatchEntity).update({ electionId, batch }, { sha256, manifest, error: null, renderedAt: at, renderedBy: by.slice(0, 100) });
      const left = await m.getRepository(PackBatchEntity).countBy({ electionId, sha256: IsNull() });
      return { complete: left === 0 };
    });
  }

  /** Checksum of every rendered batch, by file name. */
  async batchChecksums(electionId: string, fileName: (batch: number) => string): Promise<Record<string, string>> {
    const rows = await this.ds.getRepository(PackBatchEntity).find({ select: { batch: true, sha256: true }, where: { electionId, sha256: Not(IsNull()) }, order: { batch: 'ASC' } });
    return Object.fromEntries(rows.map((r) => [fileName(r.batch), r.sha256!]));
  }

  /** Manifest lines of rendered batches `from`…`from + limit - 1`, in batch order (paged: a big run has megabytes of them). */
  manifestPage(electionId: string, fromBatch: number, limit: number): Promise<PackBatchEntity[]> {
    return this.ds
      .getRepository(PackBatchEntity)
      .find({ select: { batch: true, manifest: true }, where: { electionId, batch: MoreThanOrEqual(fromBatch), sha256: Not(IsNull()) }, order: { batch: 'ASC' }, take: limit });
  }

  /** The run's progress, summed over its batches. */
  async batchProgress(electionId: string): Promise<BatchProgress> {
    const row = await this.ds
      .getRepository(PackBatchEntity)
      .createQueryBuilder('b')
      .select('COUNT(*)', 'batches')
      .addSelect('COUNT(b.sha256)', 'rendered')
      .addSelect('COALESCE(SUM(b.packs), 0)', 'total')
      .addSelect('COALESCE(SUM(CASE WHEN b.sha256 IS NOT NULL THEN b.packs ELSE 0 END), 0)', 'done')
      .addSelect('SUM(CASE WHEN b.sha256 IS NULL AND b.error IS NOT NULL THEN 1 ELSE 0 END)', 'failing')
      .addSelect('MIN(b.started_at)', 'firstStarted')
      .addSelect('MAX(b.rendered_at)', 'lastRendered')
      .where('b.election_id = :electionId', { electionId })
      .getRawOne<Record<string, string | number | Date | null>>();
    const date = (v: unknown) => (v === null || v === undefined ? null : new Date(typeof v === 'string' && !/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? `${v.replace(' ', 'T')}Z` : (v as string | Date)));
    return {
      batches: Number(row?.batches ?? 0),
      rendered: Number(row?.rendered ?? 0),
      total: Number(row?.total ?? 0),
      done: Number(row?.done ?? 0),
      failing: Number(row?.failing ?? 0),
      firstStartedAt: date(row?.firstStarted),
      lastRenderedAt: date(row?.lastRendered),
    };
  }

  /** Unrendered batches that used every attempt with no failure recorded: the last run died. */
  silentlyStopped(electionId: string, attempts: number, limit: number): Promise<PackBatchEntity[]> {
    return this.ds.getRepository(PackBatchEntity).find({
      select: { batch: true, attempts: true, jobId: true },
      where: { electionId, sha256: IsNull(), error: IsNull(), attempts: MoreThanOrEqual(attempts), jobId: Not(IsNull()) },
      order: { batch: 'ASC' },
      take: limit,
    });
  }

  /** Failed runs' messages of batches still unrendered, most attempted first. */
  failingBatches(electionId: string, limit: number): Promise<PackBatchEntity[]> {
    return this.ds.getRepository(PackBatchEntity).find({
      select: { batch: true, attempts: true, error: true },
      where: { electionId, sha256: IsNull(), error: Not(IsNull()) },
      order: { attempts: 'DESC', batch: 'ASC' },
      take: limit,
    });
  }

  async markCompleted(manager: EntityManager, electionId: string, at: Date): Promise<void> {
    await manager.getRepository(PackSetupEntity).update({ electionId }, { completedAt: at });
  }

  async insertPacks(manager: EntityManager, packs: PackEntity[]): Promise<void> {
    for (let i = 0; i < packs.length; i += INSERT_CHUNK) await manager.getRepository(PackEntity).insert(packs.slice(i, i + INSERT_CHUNK));
  }

  async insertPapers(manager: EntityManager, papers: PaperEntity[]): Promise<void> {
    for (let i = 0; i < papers.length; i += INSERT_CHUNK) await manager.getRepository(PaperEntity).insert(papers.slice(i, i + INSERT_CHUNK));
  }

  /** Sets `used` only if it was false; true when this call changed it. */
  async markPaperUsed(manager: EntityManager, electionId: string, paperHash: string): Promise<boolean> {
    const res = await manager
      .getRepository(PaperEntity)
      .createQueryBuilder()
      .update()
      .set({ used: true })
      .where('election_id = :electionId AND paper_hash = :paperHash AND used = :unused', { electionId, paperHash, unused: false })
      .execute();
    return res.affected === 1;
  }

  paperExists(manager: EntityManager, electionId: string, paperHash: string): Promise<boolean> {
    return manager.getRepository(PaperEntity).existsBy({ electionId, paperHash });
  }

  /** The paper's row, locked until the caller's transaction ends (PostgreSQL `FOR UPDATE`). */
  lockPaper(manager: EntityManager, electionId: string, paperHash: string): Promise<PaperEntity | null> {
    const qb = manager
      .getRepository(PaperEntity)
      .createQueryBuilder('p')
      .where('p.election_id = :electionId AND p.paper_hash = :paperHash', { electionId, paperHash });
    if (manager.connection.options.type === 'postgres') qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  findPack(electionId: string, serial: number): Promise<PackEntity | null> {
    return this.ds.getRepository(PackEntity).findOneBy({ electionId, serial });
  }

  /** The member's current pack, locked for update (PostgreSQL) until the transaction ends. */
  lockActivePack(manager: EntityManager, electionId: string, memberNumber: string): Promise<PackEntity | null> {
    const qb = manager
      .getRepository(PackEntity)
      .createQueryBuilder('p')
      .where('p.election_id = :electionId AND p.member_number = :memberNumber AND p.status = :active', { electionId, memberNumber, active: 'active' });
    if (manager.connection.options.type === 'postgres') qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  /** The lowest unused spare, locked; concurrent reissues skip each other's spare (PostgreSQL). */
  lockFirstSpare(manager: EntityManager, electionId: string): Promise<PackEntity | null> {
    const qb = manager
      .getRepository(PackEntity)
      .createQueryBuilder('p')
      .where('p.election_id = :electionId AND p.status = :spare', { electionId, spare: 'spare' })
      .orderBy('p.serial', 'ASC')
      .limit(1);
    if (manager.connection.options.type === 'postgres') qb.setLock('pessimistic_write').setOnLocked('skip_locked');
    return qb.getOne();
  }

  async updatePack(manager: EntityManager, pack: PackEntity, changes: Partial<Pick<PackEntity, 'kind' | 'memberNumber' | 'status' | 'delivery' | 'voidedAt'>>): Promise<void> {
    await manager.getRepository(PackEntity).update({ electionId: pack.electionId, serial: pack.serial }, changes);
    Object.assign(pack, changes);
  }

  /**
   * Spares handed to members by a reissue: member packs among the last `spares` serials of the
   * print run, where pack-plan puts the spares (as the ballot box's `sparesFrom` reads them).
   */
  async countReissued(electionId: string): Promise<number> {
    const row = await this.ds
      .getRepository(PackEntity)
      .createQueryBuilder('p')
      .innerJoin(PackSetupEntity, 's', 's.election_id = p.election_id')
      .select('COUNT(*)', 'n')
      .where("p.election_id = :electionId AND p.kind = 'member'", { electionId })
      .andWhere('p.serial > (SELECT MAX(q.serial) FROM pack q WHERE q.election_id = :electionId) - s.spares')
      .getRawOne<{ n: string | number }>();
    return Number(row?.n ?? 0);
  }

  countEmailed(electionId: string): Promise<number> {
    return this.ds.getRepository(PackEntity).countBy({ electionId, kind: 'member', delivery: 'email', status: 'active' });
  }

  /** Member packs of one print batch, in print order. */
  batchPacks(electionId: string, batch: number): Promise<PackEntity[]> {
    return this.ds.getRepository(PackEntity).find({ where: { electionId, batch, kind: 'member' }, order: { sequence: 'ASC' } });
  }

  countByStatus(electionId: string): Promise<Array<{ kind: string; status: string; delivery: string | null; packs: number }>> {
    return this.ds
      .getRepository(PackEntity)
      .createQueryBuilder('p')
      .select('p.kind', 'kind')
      .addSelect('p.status', 'status')
      .addSelect('p.delivery', 'delivery')
      .addSelect('COUNT(*)', 'packs')
      .where('p.election_id = :electionId', { electionId })
      .groupBy('p.kind')
      .addGroupBy('p.status')
      .addGroupBy('p.delivery')
      .getRawMany<{ kind: string; status: string; delivery: string | null; packs: string | number }>()
      .then((rows) => rows.map((r) => ({ ...r, packs: Number(r.packs) })));
  }
}
