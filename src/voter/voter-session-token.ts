import { createHash, randomBytes } from 'node:crypto';

export const VOTER_COOKIE = 'hb_voter';

/** 256 random bits; the cookie carries the token, the database its SHA-256. */
export function newVoterToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashVoterToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The voter cookie's value, if the request has one (a staff bearer token is not looked at). */
export function voterTokenOf(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === VOTER_COOKIE) {
      try {
        return decodeURIComponent(rest.join('=')) || undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
