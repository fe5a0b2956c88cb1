import { createHash, timingSafeEqual } from 'node:crypto';
import { SecondFactor } from 'src/elections/election.types';

/**
 * What a member types as their second factor, in the form the roll stores, or null when it
 * cannot be one. Dates of birth: `YYYY-MM-DD` (the roll's form) or `DD/MM/YYYY` as printed on
 * most European forms (also with `.` or `-`); postcodes: any case, spaces ignored.
 */
export function normaliseSecondFactor(kind: SecondFactor, typed: string): string | null {
  switch (kind) {
    case 'date-of-birth':
      return normaliseDate(typed.trim());
    case 'postcode': {
      const s = typed.replace(/\s+/g, '').toUpperCase();
      return s.length > 0 ? s : null;
    }
    default: {
      const never: never = kind;
      return never;
    }
  }
}

function normaliseDate(s: string): string | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return isoDate(m[1], m[2], m[3]);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return isoDate(m[3], m[2], m[1]);
  return null;
}

function isoDate(y: string, mo: string, d: string): string {
  return `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** The roll's value in the same form, so both sides are compared alike. */
export function rollSecondFactor(kind: SecondFactor, member: { dateOfBirth: string; postcode: string | null }): string | null {
  return kind === 'date-of-birth' ? normaliseSecondFactor(kind, member.dateOfBirth) : member.postcode === null ? null : normaliseSecondFactor(kind, member.postcode);
}

/**
 * Compares in constant time over fixed-length digests, so neither the length nor the first
 * differing character of the roll's value shows in the response time. A missing side never matches.
 */
export function secondFactorMatches(typed: string | null, expected: string | null): boolean {
  const digest = (v: string) => createHash('sha256').update(v).digest();
  const same = timingSafeEqual(digest(typed ?? '\u0000typed'), digest(expected ?? '\u0000expected'));
  return same && typed !== null && expected !== null;
}
