import { Readable } from 'node:stream';
import { SYSTEM } from 'src/events/actor';
import { RollImportService } from 'src/roll/roll-import.service';
import type { TestApp } from 'test/support/test-app';

// Builders for roll CSV files in tests: small, readable, with overrides per row.
export const ROLL_HEADER =
  'member_number,given_names,family_name,address_line_1,address_line_2,address_line_3,address_line_4,postcode,country,email,date_of_birth,weight,eligible,channel';

export interface RowFields {
  member_number: string;
  given_names?: string;
  family_name?: string;
  address_line_1?: string;
  postcode?: string;
  country?: string;
  email?: string;
  date_of_birth?: string;
  weight?: string;
  eligible?: string;
  channel?: string;
}

const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function rollRow(f: RowFields): string {
  return [
    f.member_number,
    f.given_names ?? 'Alex',
    f.family_name ?? `Member${f.member_number}`,
    f.address_line_1 ?? `${f.member_number} High Street`,
    '',
    '',
    '',
    f.postcode ?? 'SW1A 1AA',
    f.country ?? 'GB',
    f.email ?? '',
    f.date_of_birth ?? '1980-01-01',
    f.weight ?? '1',
    f.eligible ?? 'yes',
    f.channel ?? 'any',
  ]
    .map(quote)
    .join(',');
}

export function rollCsv(rows: RowFields[]): string {
  return [ROLL_HEADER, ...rows.map(rollRow)].join('\n') + '\n';
}

export function members(from: number, to: number): RowFields[] {
  const out: RowFields[] = [];
  for (let i = from; i <= to; i++) out.push({ member_number: `M${String(i).padStart(4, '0')}` });
  return out;
}

/** Imports and commits a roll for an election in draft, through the real import service. */
export async function commitRoll(t: TestApp, electionId: string, rows: RowFields[] = members(1, 5)): Promise<void> {
  const csv = rollCsv(rows);
  const svc = t.get(RollImportService);
  const imp = await svc.upload(electionId, { body: Readable.from([csv]), contentType: 'text/csv', contentLength: Buffer.byteLength(csv) }, SYSTEM);
  await svc.commit(electionId, imp.id, {}, SYSTEM);
}

/**
 * Members abroad with an e-mail address and no postal address: their packs are e-mailed, not
 * rendered, so a roll of thousands gets its packs in a second (the identity codes are the same).
 */
export function byEmail(rows: RowFields[]): RowFields[] {
  return rows.map((r) => ({ ...r, address_line_1: '', email: `${r.member_number.toLowerCase()}@example.org` }));
}
