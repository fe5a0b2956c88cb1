import { ownersOf } from 'src/trustees/trustee-kinds';
import type { TrusteeEntity } from 'src/trustees/trustee.entity';
import type { TrusteeDto } from 'src/trustees/trustees.dto';

/** The trustees of an election in order, each with its partial-decryption owner numbers. */
export function toTrusteeDtos(rows: TrusteeEntity[]): TrusteeDto[] {
  const owners = ownersOf(rows);
  return rows.map((t, i) => ({ position: t.position, kind: t.kind, name: t.name, publicKey: t.publicKey, owners: owners[i], addedAt: t.addedAt.toISOString() }));
}

export function toTrusteeDto(t: TrusteeEntity, owners: number[]): TrusteeDto {
  return { position: t.position, kind: t.kind, name: t.name, publicKey: t.publicKey, owners, addedAt: t.addedAt.toISOString() };
}
