import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { PackEntity, PackSetupEntity } from 'src/packs/pack.entity';

export interface IdentityKey {
  electionCode: string;
  macKey: Uint8Array;
}

/**
 * Read side of the packs for the channels: the key that checks identity codes, and a pack by
 * serial. The key never changes once packs are generated, so it is kept in memory; pack rows
 * are read each time, because a reissue voids a pack at any moment.
 */
@Injectable()
export class PackLookupService {
  private readonly keys = new Map<string, IdentityKey>();

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async identityKey(electionId: string): Promise<IdentityKey | null> {
    const cached = this.keys.get(electionId);
    if (cached) return cached;
    const setup = await this.ds.getRepository(PackSetupEntity).findOneBy({ electionId });
    if (!setup) return null;
    const key = { electionCode: setup.electionCode, macKey: Buffer.from(setup.macKey, 'hex') };
    if (setup.completedAt) this.keys.set(electionId, key);
    return key;
  }

  /** Whether some election's packs carry this election code (an envelope of another ballot). */
  electionCodeExists(electionCode: string): Promise<boolean> {
    return this.ds.getRepository(PackSetupEntity).existsBy({ electionCode });
  }

  /**
   * A pack by serial. With `share`, the row is locked against a reissue until the caller's
   * transaction ends (PostgreSQL), so a vote decided on it cannot race the pack being voided.
   */
  pack(manager: EntityManager, electionId: string, serial: number, lock?: 'share'): Promise<PackEntity | null> {
    const qb = manager.getRepository(PackEntity).createQueryBuilder('p').where('p.election_id = :electionId AND p.serial = :serial', { electionId, serial });
    if (lock && manager.connection.options.type === 'postgres') qb.setLock('pessimistic_read');
    return qb.getOne();
  }

  /** The pack whose Voting ID has this hash (`votingIdHash`), whatever its status: member sign-in. */
  packByVotingIdHash(electionId: string, votingIdHash: string): Promise<PackEntity | null> {
    return this.ds.getRepository(PackEntity).findOneBy({ electionId, votingIdHash });
  }

  /** The language the election's packs were printed in (what members read), null before the print run. */
  async packLanguage(electionId: string): Promise<string | null> {
    const setup = await this.ds.getRepository(PackSetupEntity).findOne({ where: { electionId }, select: { electionId: true, language: true } });
    return setup?.language ?? null;
  }

  /** Every pack a member has had in an election, newest first (a reissue voids the older one). */
  memberPacks(electionId: string, memberNumber: string): Promise<PackEntity[]> {
    return this.ds.getRepository(PackEntity).find({ where: { electionId, memberNumber }, order: { serial: 'DESC' } });
  }
}
