import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readRollFile, RollFileBatch, RollFileError, RollFileSummary } from 'src/roll/csv/roll-file-reader';
import { RowValidator } from 'src/roll/csv/row-validator';

const FIXTURE = path.join(__dirname, '../../../test/fixtures/roll/roll-with-errors.csv');
const validator = new RowValidator({ today: '2025-06-01' });

async function readAll(file: string): Promise<RollFileBatch & { summary?: RollFileSummary }> {
  const out: RollFileBatch & { summary?: RollFileSummary } = { members: [], issues: [] };
  for await (const b of readRollFile(file, validator, { batchSize: 3, onSummary: (s) => (out.summary = s) })) {
    out.members.push(...b.members);
    out.issues.push(...b.issues);
  }
  return out;
}

function tmpFile(content: string | Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'roll-reader-'));
  const file = path.join(dir, 'roll.csv');
  fs.writeFileSync(file, content);
  return file;
}

describe(readRollFile.name, () => {
  it('reads good rows and reports every bad row with its line, column and reason', async () => {
    const { members, issues, summary } = await readAll(FIXTURE);
    expect(members.map((m) => [m.line, m.member.memberNumber])).toEqual([
      [2, 'M0001'],
      [3, 'M0002'],
      [4, 'M0003'],
      [12, 'M0001'], // duplicates within the file are found by the database pass, not here
      [23, 'M0020'],
      [25, 'M0022'],
    ]);
    expect(issues.map((i) => [i.line, i.column, i.code])).toEqual([
      [5, 'member_number', 'missing_value'],
      [6, 'date_of_birth', 'impossible_date'],
      [7, 'date_of_birth', 'date_in_future'],
      [8, 'country', 'bad_country'],
      [9, 'email', 'bad_email'],
      [10, 'weight', 'bad_weight'],
      [11, 'eligible', 'unknown_eligibility'],
      [13, null, 'wrong_column_count'],
      [14, 'channel', 'unknown_channel'],
      [15, 'postcode', 'missing_postcode'],
      [16, 'postcode', 'bad_postcode'],
      [17, 'date_of_birth', 'bad_date'],
      [18, 'weight', 'bad_weight'],
      [19, 'family_name', 'control_character'], // a quoted line break; the record spans lines 19–20
      [21, 'weight', 'weight_too_large'],
      [24, 'address_line_1', 'too_long'],
    ]);
    expect(summary).toEqual({ rows: 22, valid: 6, invalid: 16, lastLine: 25, separator: ',' });
  });

  it('accepts a member abroad with an e-mail address and no postal address, but not one with neither', async () => {
    const header = 'member_number,family_name,address_line_1,postcode,country,email,date_of_birth,channel\n';
    const { members, issues } = await readAll(
      tmpFile(
        header +
          'A1,Abroad,,,JP,a1@example.org,1980-01-01,online-only\n' +
          'A2,Nowhere,,,JP,,1980-01-01,any\n' +
          'A3,Paper,,,FR,a3@example.org,1980-01-01,postal-only\n',
      ),
    );
    expect(members.map((m) => [m.member.memberNumber, m.member.addressLine1, m.member.postcode])).toEqual([['A1', '', null]]);
    expect(issues.map((i) => [i.line, i.column, i.message])).toEqual([
      [3, 'address_line_1', 'a postal address or an e-mail address is required'],
      [4, 'address_line_1', 'a postal-only member needs a postal address'],
    ]);
  });

  it('normalises values: country upper case, defaults for weight, eligibility and channel', async () => {
    const { members } = await readAll(FIXTURE);
    expect(members[1].member).toEqual({
      memberNumber: 'M0002',
      givenNames: 'Bob',
      familyName: 'Chen',
      addressLine1: '2 Rue de la Paix, Bât. B',
      addressLine2: null,
      addressLine3: null,
      addressLine4: null,
      postcode: '75002',
      country: 'FR',
      email: null,
      dateOfBirth: '1985-12-31',
      weight: 1,
      eligible: true,
      channel: 'postal-only',
    });
    expect(members[2].member).toMatchObject({ familyName: 'Durand "Cloclo"', postcode: null, eligible: false, weight: 2, channel: 'online-only' });
  });

  it('never puts a value in a message (dates of birth and postcodes are second factors)', async () => {
    const { issues } = await readAll(FIXTURE);
    const text = issues.map((i) => i.message).join('\n');
    for (const secret of ['2999-01-01', '1990-02-30', '01/02/1980', '12345', 'not-an-email', 'XX']) expect(text).not.toContain(secret);
  });

  it('accepts semicolons, a byte-order mark, CRLF line ends and header aliases', async () => {
    const file = tmpFile(
      '\ufeffmembership_no;FIRST NAME;last-name;address;postal code;country code;DOB\r\n7;Zoë;Ng;1 Quay;SW1A 1AA;gb;1999-09-09\r\n',
    );
    const { members, issues, summary } = await readAll(file);
    expect(issues).toEqual([]);
    expect(summary?.separator).toBe(';');
    expect(members).toEqual([{ line: 2, member: expect.objectContaining({ memberNumber: '7', givenNames: 'Zoë', country: 'GB', weight: 1 }) }]);
  });

  it('refuses a header with unknown or missing columns, naming them', async () => {
    const err = await readAll(tmpFile('member_number,emial,family_name\n1,a@b.c,X\n')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RollFileError);
    expect((err as RollFileError).code).toBe('csv_header_invalid');
    expect((err as RollFileError).problems).toEqual(
      expect.arrayContaining([expect.stringContaining('"emial" is not a roll column'), 'the required column date_of_birth is missing']),
    );
  });

  it('refuses malformed CSV with the line, without quoting the content', async () => {
    const err = (await readAll(tmpFile('member_number,family_name,address_line_1,country,date_of_birth\n1,A,B,GB,1980-01-01\n2,"Sec"ret,B,GB,1980-01-01\n')).catch(
      (e: unknown) => e,
    )) as RollFileError;
    expect(err.code).toBe('csv_malformed');
    expect(err.line).toBe(3);
    expect(err.message).toMatch(/^Line 3: /);
    expect(err.message).not.toContain('ret');
  });

  it('refuses binary content and empty files', async () => {
    await expect(readAll(tmpFile(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])))).rejects.toMatchObject({ code: 'not_csv' });
    await expect(readAll(tmpFile(''))).rejects.toMatchObject({ code: 'csv_empty' });
  });

  it('reports bytes that are not UTF-8', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('member_number,family_name,address_line_1,country,date_of_birth,postcode\n1,'),
      Buffer.from([0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]), // "Müller" in Latin-1
      Buffer.from(',B,DE,1980-01-01,10115\n'),
    ]);
    const { issues } = await readAll(tmpFile(latin1));
    expect(issues).toEqual([{ line: 2, column: 'family_name', code: 'invalid_encoding', message: expect.any(String) }]);
  });
});
