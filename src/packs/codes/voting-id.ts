// Voting ID: the member's login on the voting page (DESIGN.md §5). 12 Crockford base32 symbols =
// 60 random bits (reliability-anchors "Voting ID length": ≥ 57 bits for 1.6 M members).
import { PackCodeError } from 'src/packs/codes/code-errors';
import { group, normalizeLenient, randomSymbols, secureRandom, type RandomSource } from 'src/packs/codes/crockford';

export const VOTING_ID_LENGTH = 12;
const GROUP = 4;

/** A fresh Voting ID in canonical form (12 symbols, no dashes). */
export function generateVotingId(random: RandomSource = secureRandom): string {
  return randomSymbols(VOTING_ID_LENGTH, random);
}

/** `XXXX-XXXX-XXXX`, for printing and reading aloud. */
export function formatVotingId(votingId: string): string {
  return group(parseVotingId(votingId), GROUP);
}

/** Canonical form of what the member typed: case, spaces, dashes, O/I/L forgiven. */
export function parseVotingId(text: string): string {
  const s = normalizeLenient(text);
  if (s === null) throw new PackCodeError('voting_id', 'unknown_format', 'A Voting ID uses only the letters and digits printed on the letter.');
  if (s.length !== VOTING_ID_LENGTH) {
    throw new PackCodeError('voting_id', 'unknown_format', `A Voting ID has ${VOTING_ID_LENGTH} characters; this one has ${s.length}.`);
  }
  return s;
}
