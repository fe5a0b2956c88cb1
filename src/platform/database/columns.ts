import { Column, ColumnOptions } from 'typeorm';
import { DATABASE_KIND } from 'src/platform/database/database-kind';

/** Column types that exist on both databases; migrations use the same names via `columnTypes`. */
export function columnTypes(kind: string) {
  const pg = kind === 'postgres';
  return {
    dateTime: pg ? 'timestamptz' : 'datetime',
    json: pg ? 'jsonb' : 'text',
    bigint: 'bigint',
    bytes: pg ? 'bytea' : 'blob',
  } as const;
}

const types = columnTypes(DATABASE_KIND);

export function DateTimeColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({ ...options, type: types.dateTime } as ColumnOptions);
}

/** JSON stored natively (jsonb) on PostgreSQL and as text on SQLite; the entity sees objects. */
export function JsonColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({
    ...options,
    type: types.json,
    transformer:
      DATABASE_KIND === 'sqlite'
        ? {
            to: (v: unknown) => (v === undefined || v === null ? v : JSON.stringify(v)),
            from: (v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v),
          }
        : undefined,
  } as ColumnOptions);
}

/** bigint columns come back as strings from pg; numbers below 2^53 are what we store. */
export function BigIntColumn(options: ColumnOptions = {}): PropertyDecorator {
  return Column({
    ...options,
    type: 'bigint',
    transformer: { to: (v: unknown) => v, from: (v: unknown) => (v === null || v === undefined ? v : Number(v)) },
  } as ColumnOptions);
}
