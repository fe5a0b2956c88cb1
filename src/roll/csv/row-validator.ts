import { COUNTRY_CODES, POSTCODE_FORMATS, POSTCODE_GENERIC, POSTCODE_OPTIONAL } from 'src/roll/csv/countries';
import { HeaderMap } from 'src/roll/csv/header';
import {
  ChannelRestriction,
  IssueCode,
  MAX_LENGTH,
  MAX_WEIGHT,
  MemberRecord,
  ROLL_COLUMNS,
  RollColumn,
  RowIssue,
} from 'src/roll/roll.types';

// Validation runs once per row of files with millions of rows: fixed regexes without nested
// quantifiers (linear time), no per-row closures, and messages that never contain the value
// (dates of birth and postcodes are a voter's second factor, DESIGN.md §11).

// C0 controls, DEL and C1 controls. A newline inside a quoted field is one of them.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// What the UTF-8 decoder substitutes for bytes that are not UTF-8 (e.g. a Latin-1 export).
const REPLACEMENT = '\ufffd';
const MEMBER_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
// Separated by '.' which no class matches: no ambiguity, no backtracking.
const EMAIL = /^[^\s@]{1,64}@[^\s@.]+(\.[^\s@.]+)+$/;
const WEIGHT = /^[0-9]{1,12}$/;
const EARLIEST_BIRTH = '1900-01-01';

const ELIGIBLE: Record<string, boolean> = { '': true, yes: true, y: true, true: true, '1': true, no: false, n: false, false: false, '0': false };
const CHANNELS: Record<string, ChannelRestriction> = {
  '': 'any',
  any: 'any',
  both: 'any',
  'postal-only': 'postal-only',
  postal: 'postal-only',
  'online-only': 'online-only',
  online: 'online-only',
};

export interface ValidatorOptions {
  /** Today as `YYYY-MM-DD` (injected so tests do not depend on the clock). */
  today: string;
}

export type RowResult = { ok: true; member: MemberRecord } | { ok: false; issues: RowIssue[] };

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Normalised postcode: upper case, inner runs of spaces collapsed. */
export function normalisePostcode(raw: string): string {
  return raw.toUpperCase().replace(/ {2,}/g, ' ');
}

/** Checks one member's fields; shared by the file import and by amendments. */
export class RowValidator {
  constructor(private readonly options: ValidatorOptions) {}

  /** `fields` is one CSV record; `line` is where it starts in the file (header = line 1). */
  validateRecord(fields: string[], line: number, header: HeaderMap): RowResult {
    if (fields.length !== header.width) {
      return this.fail(line, null, 'wrong_column_count', `expected ${header.width} columns, found ${fields.length}`);
    }
    const issues: RowIssue[] = [];
    const v = {} as Record<RollColumn, string>;
    for (const column of ROLL_COLUMNS) {
      const i = header.index[column];
      v[column] = i === -1 ? '' : this.clean(fields[i], line, column, issues);
    }
    if (issues.length > 0) return { ok: false, issues };
    return this.validateValues(v, line);
  }

  /** Field values already trimmed and free of control characters (absent = ''). */
  validateValues(v: Record<RollColumn, string>, line: number): RowResult {
    const issues: RowIssue[] = [];

    for (const column of ROLL_COLUMNS) {
      if (v[column].length > MAX_LENGTH[column]) this.note(issues, line, column, 'too_long', `longer than ${MAX_LENGTH[column]} characters`);
    }
    if (issues.length > 0) return { ok: false, issues };

    if (v.member_number === '') this.note(issues, line, 'member_number', 'missing_value', 'member number is required');
    else if (!MEMBER_NUMBER.test(v.member_number)) {
      this.note(issues, line, 'member_number', 'bad_member_number', 'member number may contain only letters, digits and . _ / -');
    }
    if (v.family_name === '') this.note(issues, line, 'family_name', 'missing_value', 'family name is required');
    // Members abroad may have no postal address: their codes go by e-mail (DESIGN.md §5).
    const postal = v.address_line_1 !== '';
    if (!postal && v.email === '') {
      this.note(issues, line, 'address_line_1', 'missing_value', 'a postal address or an e-mail address is required');
    } else if (!postal && CHANNELS[v.channel.toLowerCase()] === 'postal-only') {
      this.note(issues, line, 'address_line_1', 'missing_value', 'a postal-only member needs a postal address');
    }

    const country = v.country.toUpperCase();
    if (country === '') this.note(issues, line, 'country', 'missing_value', 'country is required');
    else if (!COUNTRY_CODES.has(country)) this.note(issues, line, 'country', 'bad_country', 'not an ISO 3166-1 alpha-2 country code');

    const postcode = normalisePostcode(v.postcode);
    if (postcode === '') {
      if (postal && country !== '' && COUNTRY_CODES.has(country) && !POSTCODE_OPTIONAL.has(country)) {
        this.note(issues, line, 'postcode', 'missing_postcode', 'postcode is required for this country');
      }
    } else {
      const format = POSTCODE_FORMATS[country] ?? POSTCODE_GENERIC;
      if (!format.test(postcode)) this.note(issues, line, 'postcode', 'bad_postcode', 'not a valid postcode for the country');
    }

    if (v.email !== '' && !EMAIL.test(v.email)) this.note(issues, line, 'email', 'bad_email', 'not an email address');

    this.checkDate(v.date_of_birth, line, issues);

    let weight = 1;
    if (v.weight !== '') {
      if (!WEIGHT.test(v.weight) || (weight = Number(v.weight)) === 0) {
        this.note(issues, line, 'weight', 'bad_weight', 'weight must be a whole number of at least 1');
      } else if (weight > MAX_WEIGHT) this.note(issues, line, 'weight', 'weight_too_large', `weight may not exceed ${MAX_WEIGHT}`);
    }

    const eligible = ELIGIBLE[v.eligible.toLowerCase()];
    if (eligible === undefined) this.note(issues, line, 'eligible', 'unknown_eligibility', 'eligible must be yes or no');
    const channel = CHANNELS[v.channel.toLowerCase()];
    if (channel === undefined) this.note(issues, line, 'channel', 'unknown_channel', 'channel must be any, postal-only or online-only');

    if (issues.length > 0) return { ok: false, issues };
    return {
      ok: true,
      member: {
        memberNumber: v.member_number,
        givenNames: v.given_names,
        familyName: v.family_name,
        addressLine1: v.address_line_1,
        addressLine2: v.address_line_2 || null,
        addressLine3: v.address_line_3 || null,
        addressLine4: v.address_line_4 || null,
        postcode: postcode || null,
        country,
        email: v.email || null,
        dateOfBirth: v.date_of_birth,
        weight,
        eligible,
        channel,
      },
    };
  }

  private checkDate(value: string, line: number, issues: RowIssue[]): void {
    const column = 'date_of_birth';
    if (value === '') {
      issues.push({ line, column, code: 'missing_value', message: 'date of birth is required' });
      return;
    }
    const m = ISO_DATE.exec(value);
    if (!m) {
      issues.push({ line, column, code: 'bad_date', message: 'date of birth must be written YYYY-MM-DD' });
      return;
    }
    const month = Number(m[2]);
    const day = Number(m[3]);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(Number(m[1]), month)) {
      issues.push({ line, column, code: 'impossible_date', message: 'date of birth is not a calendar date' });
    } else if (value > this.options.today) {
      // ISO dates compare correctly as strings.
      issues.push({ line, column, code: 'date_in_future', message: 'date of birth is in the future' });
    } else if (value < EARLIEST_BIRTH) {
      issues.push({ line, column, code: 'date_too_early', message: `date of birth is before ${EARLIEST_BIRTH}` });
    }
  }

  /** Trims; reports control characters and undecodable bytes (the field is then unusable). */
  private clean(raw: string, line: number, column: RollColumn, issues: RowIssue[]): string {
    if (CONTROL.test(raw)) {
      issues.push({ line, column, code: 'control_character', message: 'contains a control character (tab, line break or similar)' });
      return '';
    }
    if (raw.includes(REPLACEMENT)) {
      issues.push({ line, column, code: 'invalid_encoding', message: 'contains bytes that are not UTF-8; save the file as UTF-8' });
      return '';
    }
    return raw.trim();
  }

  private note(issues: RowIssue[], line: number, column: RollColumn, code: IssueCode, message: string): void {
    issues.push({ line, column, code, message });
  }

  private fail(line: number, column: RollColumn | null, code: IssueCode, message: string): RowResult {
    return { ok: false, issues: [{ line, column, code, message }] };
  }
}
