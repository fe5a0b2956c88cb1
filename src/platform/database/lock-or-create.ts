import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The row with this key, inserted with `defaults` if missing, and locked until the caller's
 * transaction ends: `INSERT … ON CONFLICT DO NOTHING` then `SELECT … FOR UPDATE` on PostgreSQL
 * (concurrent callers for one key queue on the row); on SQLite, transactions are already
 * serialised by `Transactions`, so a plain read suffices.
 */
export async function lockOrCreate<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  key: Record<string, string | number>,
  defaults: Partial<T>,
): Promise<T> {
  const repo = manager.getRepository(target);
  await repo.createQueryBuilder().insert().values({ ...defaults, ...key }).orIgnore().execute();
  const qb = repo.createQueryBuilder('row');
  Object.entries(key).forEach(([prop, value], i) => {
    const column = repo.metadata.findColumnWithPropertyName(prop)?.databaseName ?? prop;
    qb.andWhere(`row.${column} = :k${i}`, { [`k${i}`]: value });
  });
  if (manager.connection.options.type === 'postgres') qb.setLock('pessimistic_write');
  return qb.getOneOrFail();
}
