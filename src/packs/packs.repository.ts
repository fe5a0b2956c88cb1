import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PackEntity, PackSetupEntity, PaperEntity } from 'src/packs/pack.entity';

const INSERT_CHUNK = 500;

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

  async recordChecksum(electionId: string, batchFile: string, sha256: string): Promise<void> {
    await this.ds.transaction(async (m) => {
      const setup = await m.getRepository(PackSetupEntity).findOneByOrFail({ electionId });
      await m.getRepository(PackSetupEntity).update({ electionId }, { checksums: { ...setup.checksums, [batchFile]: sha256 } });
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

  countEmailed(electionId: string): Promise<number> {
    return this.ds.getRepository(PackEntity).countBy({ electionId, kind: 'member', delivery: 'email', status: 'active' });
  }

  countPrinted(electionId: string): Promise<number> {
    return this.ds.getRepository(PackEntity).countBy({ electionId, kind: 'member', delivery: 'post' });
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
