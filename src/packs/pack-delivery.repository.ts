import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DeliveryState, PackDeliveryEntity } from 'src/packs/pack-delivery.entity';
import { PackEntity } from 'src/packs/pack.entity';

@Injectable()
export class PackDeliveryRepository {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Active e-mail packs still to send (never sent, or only failed so far), in serial order. */
  async toSend(electionId: string, serials?: number[]): Promise<PackEntity[]> {
    const qb = this.ds
      .getRepository(PackEntity)
      .createQueryBuilder('p')
      .leftJoin(PackDeliveryEntity, 'd', 'd.election_id = p.election_id AND d.serial = p.serial')
      .where("p.election_id = :electionId AND p.delivery = 'email' AND p.status = 'active' AND p.kind = 'member'", { electionId })
      .andWhere("(d.state IS NULL OR d.state = 'failed')")
      .orderBy('p.serial', 'ASC');
    if (serials) qb.andWhere('p.serial IN (:...serials)', { serials: serials.length ? serials : [-1] });
    return qb.getMany();
  }

  find(electionId: string, serial: number): Promise<PackDeliveryEntity | null> {
    return this.ds.getRepository(PackDeliveryEntity).findOneBy({ electionId, serial });
  }

  async record(electionId: string, serial: number, state: DeliveryState, detail: string | null, messageId: string | null): Promise<PackDeliveryEntity> {
    const repo = this.ds.getRepository(PackDeliveryEntity);
    const before = await repo.findOneBy({ electionId, serial });
    const row: PackDeliveryEntity = { electionId, serial, channel: 'email', state, attempts: (before?.attempts ?? 0) + (state === 'undeliverable' && before?.state === 'sent' ? 0 : 1), detail, messageId: messageId ?? before?.messageId ?? null, updatedAt: new Date() };
    await repo.save(row);
    return row;
  }

  list(electionId: string, state?: DeliveryState): Promise<Array<PackDeliveryEntity & { memberNumber: string | null }>> {
    const qb = this.ds
      .getRepository(PackDeliveryEntity)
      .createQueryBuilder('d')
      .innerJoin(PackEntity, 'p', 'p.election_id = d.election_id AND p.serial = d.serial')
      .select(['d.serial AS serial', 'd.state AS state', 'd.attempts AS attempts', 'd.detail AS detail', 'd.updated_at AS "updatedAt"', 'p.member_number AS "memberNumber"'])
      .where('d.election_id = :electionId', { electionId })
      .orderBy('d.serial', 'ASC');
    if (state) qb.andWhere('d.state = :state', { state });
    return qb.getRawMany();
  }

  /** E-mail member packs (voided ones too) that no send has been tried for yet. */
  countEmailNeverAttempted(electionId: string): Promise<number> {
    return this.ds
      .getRepository(PackEntity)
      .createQueryBuilder('p')
      .leftJoin(PackDeliveryEntity, 'd', 'd.election_id = p.election_id AND d.serial = p.serial')
      .where("p.election_id = :electionId AND p.delivery = 'email' AND p.kind = 'member' AND d.serial IS NULL", { electionId })
      .getCount();
  }

  async countByState(electionId: string): Promise<Record<string, number>> {
    const rows = await this.ds
      .getRepository(PackDeliveryEntity)
      .createQueryBuilder('d')
      .select('d.state', 'state')
      .addSelect('COUNT(*)', 'n')
      .where('d.election_id = :electionId', { electionId })
      .groupBy('d.state')
      .getRawMany<{ state: string; n: string | number }>();
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }
}
