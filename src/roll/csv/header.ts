import { REQUIRED_COLUMNS, ROLL_COLUMNS, RollColumn } from 'src/roll/roll.types';

// Header names are compared after lower-casing and dropping everything but letters and digits,
// so "Member Number", "member_number" and "MEMBER-NUMBER" are one name.
const ALIASES: Record<RollColumn, string[]> = {
  member_number: ['membernumber', 'membershipnumber', 'memberno', 'memberid', 'membershipno'],
  given_names: ['givennames', 'givenname', 'firstname', 'firstnames', 'forename', 'forenames'],
  family_name: ['familyname', 'surname', 'lastname'],
  address_line_1: ['addressline1', 'address1', 'addr1', 'address'],
  address_line_2: ['addressline2', 'address2', 'addr2'],
  address_line_3: ['addressline3', 'address3', 'addr3'],
  address_line_4: ['addressline4', 'address4', 'addr4'],
  postcode: ['postcode', 'postalcode', 'zip', 'zipcode'],
  country: ['country', 'countrycode'],
  email: ['email', 'emailaddress'],
  date_of_birth: ['dateofbirth', 'dob', 'birthdate'],
  weight: ['weight', 'voteweight', 'votes'],
  eligible: ['eligible', 'eligibility'],
  channel: ['channel', 'channelrestriction', 'delivery', 'deliverypreference'],
};

const BY_ALIAS = new Map<string, RollColumn>();
for (const column of ROLL_COLUMNS) for (const alias of ALIASES[column]) BY_ALIAS.set(alias, column);

export function normaliseHeaderName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Where each roll column is in the file (-1: absent), and how many columns each row must have. */
export interface HeaderMap {
  index: Record<RollColumn, number>;
  width: number;
}

export type HeaderResult = { ok: true; map: HeaderMap } | { ok: false; problems: string[] };

/**
 * Unknown columns are refused rather than ignored: a misspelt "emial" column would otherwise
 * drop every email address without a word.
 */
export function mapHeader(names: string[]): HeaderResult {
  const index = Object.fromEntries(ROLL_COLUMNS.map((c) => [c, -1])) as Record<RollColumn, number>;
  const problems: string[] = [];
  names.forEach((raw, i) => {
    const column = BY_ALIAS.get(normaliseHeaderName(raw));
    const shown = JSON.stringify(raw.slice(0, 40));
    if (!column) problems.push(`column ${i + 1} ${shown} is not a roll column (expected: ${ROLL_COLUMNS.join(', ')})`);
    else if (index[column] !== -1) problems.push(`column ${i + 1} ${shown} repeats ${column}`);
    else index[column] = i;
  });
  for (const c of REQUIRED_COLUMNS) if (index[c] === -1) problems.push(`the required column ${c} is missing`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, map: { index, width: names.length } };
}
