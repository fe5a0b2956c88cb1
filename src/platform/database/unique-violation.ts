import { QueryFailedError } from 'typeorm';

/** True when an insert failed on a primary or unique key, on PostgreSQL or SQLite. */
export function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const driverError = e.driverError as { code?: string } | undefined;
  const code = driverError?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
