import { EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

/**
 * Which case the caller expects, to spend one statement in it on PostgreSQL: `present` (a chain
 * head, a station) locks with `SELECT … FOR UPDATE` first; `missing` (a member's first decision)
 * inserts first. The other case costs one or two more statements; the result is the same.
 */
export type LockOrCreateExpect = 'present' | 'missing';

/**
 * The row with this key, inserted with `defaults` if missing, and locked until the caller's
 * transaction ends (concurrent callers for one key queue on the row). On PostgreSQL:
 * `SELECT … FOR UPDATE`, and if there is no row `INSERT … ON CONFLICT DO NOTHING`; a row this
 * transaction inserted is locked by the insert, and one another transaction inserted first is
 * then locked with `SELECT … FOR UPDATE` (the insert waited for that transaction to end). On
 * SQLite, transactions are already serialised by `Transactions`, so a plain read suffices.
 */
export async function lockOrCreate<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  key: Record<string, string | number>,
  defaults: Partial<T>,
  expect: LockOrCreateExpect = 'present',
): Promise<T> {
  const repo = manager.getRepository(target);
  if (manager.connection.options.type !== 'postgres') {
    await repo.createQueryBuilder().insert().values({ ...defaults, ...key }).orIgnore().execute();
    return lockedRow(repo, key, false).getOneOrFail();
  }
  if (expect === 'present') {
    const row = await lockedRow(repo, key, true).getOne();
    if (row) return row;
  }
  const firstKey = repo.metadata.findColumnWithPropertyName(Object.keys(key)[0])?.databaseName ?? Object.keys(key)[0];
  const inserted = await repo.createQueryBuilder().insert().values({ ...defaults, ...key }).orIgnore().returning(`"${firstKey}"`).execute();
  if (Array.isArray(inserted.raw) && inserted.raw.length === 1) return repo.create({ ...defaults, ...key } as T);
  return lockedRow(repo, key, true).getOneOrFail();
}

function lockedRow<T extends ObjectLiteral>(repo: Repository<T>, key: Record<string, string | number>, forUpdate: boolean) {
  const qb = repo.createQueryBuilder('row');
  Object.entries(key).forEach(([prop, value], i) => {
    const column = repo.metadata.findColumnWithPropertyName(prop)?.databaseName ?? prop;
    qb.andWhere(`row.${column} = :k${i}`, { [`k${i}`]: value });
  });
  if (forUpdate) qb.setLock('pessimistic_write');
  return qb;
}
