// The vocabulary of the member roll (DESIGN.md §2, §5, §8).

export const CHANNEL_RESTRICTIONS = ['any', 'postal-only', 'online-only'] as const;
export type ChannelRestriction = (typeof CHANNEL_RESTRICTIONS)[number];

export const MEMBER_STATUSES = ['active', 'removed'] as const;
/** `removed`: was on an earlier roll and is missing from a later import (kept, never deleted). */
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** One member as validated from a file or an amendment; what both databases store. */
export interface MemberRecord {
  memberNumber: string;
  givenNames: string;
  familyName: string;
  addressLine1: string;
  addressLine2: string | null;
  addressLine3: string | null;
  addressLine4: string | null;
  postcode: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  email: string | null;
  /** ISO `YYYY-MM-DD`: a calendar date, never converted through time zones. */
  dateOfBirth: string;
  weight: number;
  eligible: boolean;
  channel: ChannelRestriction;
}

/** The roll's columns, in file order: import header names, export header, report column names. */
export const ROLL_COLUMNS = [
  'member_number',
  'given_names',
  'family_name',
  'address_line_1',
  'address_line_2',
  'address_line_3',
  'address_line_4',
  'postcode',
  'country',
  'email',
  'date_of_birth',
  'weight',
  'eligible',
  'channel',
] as const;
export type RollColumn = (typeof ROLL_COLUMNS)[number];

export const REQUIRED_COLUMNS: readonly RollColumn[] = ['member_number', 'family_name', 'address_line_1', 'country', 'date_of_birth'];

/** Largest vote weight a member may carry (block votes of affiliated bodies stay far below). */
export const MAX_WEIGHT = 1_000_000;

export const MAX_LENGTH: Record<RollColumn, number> = {
  member_number: 64,
  given_names: 200,
  family_name: 200,
  address_line_1: 200,
  address_line_2: 200,
  address_line_3: 200,
  address_line_4: 200,
  postcode: 16,
  country: 2,
  email: 254,
  date_of_birth: 10,
  weight: 12,
  eligible: 5,
  channel: 16,
};

/** One problem with one row: line number and column only — never the value (DESIGN.md §11). */
export interface RowIssue {
  line: number;
  column: RollColumn | null;
  code: IssueCode;
  message: string;
}

export const ISSUE_CODES = [
  'wrong_column_count',
  'missing_value',
  'too_long',
  'control_character',
  'invalid_encoding',
  'bad_member_number',
  'bad_date',
  'impossible_date',
  'date_in_future',
  'date_too_early',
  'bad_country',
  'bad_postcode',
  'missing_postcode',
  'bad_email',
  'bad_weight',
  'weight_too_large',
  'unknown_eligibility',
  'unknown_channel',
  'duplicate_member_number',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];
