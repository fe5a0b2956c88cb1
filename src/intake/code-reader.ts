// Reads what a scanner or a person typed at the intake desk, before anything is looked up.
import { CodeErrorReason, PackCodeError } from 'src/packs/codes/code-errors';
import { ELECTION_CODE_LENGTH, parseIdentityCode } from 'src/packs/codes/identity-code';
import { normalizeLenient } from 'src/packs/codes/crockford';
import { IdentityKey } from 'src/packs/pack-lookup.service';

export type ReadCode =
  | { ok: true; code: string; packSerial: number }
  /** `code` is the canonical form when the text had an identity code's shape, else null. */
  | { ok: false; reason: CodeErrorReason | 'letter_qr_code'; code: string | null; electionCode: string | null };

/** The longest text the desk accepts; a scanner never sends more for an identity code. */
export const MAX_SCANNED_LENGTH = 100;

/**
 * The letter's QR code opens the voting page with the Voting ID and the credential in the URL
 * fragment. Scanned by mistake, it must be recognised and dropped: that text is a secret.
 */
export function looksLikeVotingLink(text: string): boolean {
  return /:\/\/|#|[?&=]/.test(text);
}

export function readIdentityCode(text: string, key: IdentityKey): ReadCode {
  if (looksLikeVotingLink(text)) return { ok: false, reason: 'letter_qr_code', code: null, electionCode: null };
  const canonical = normalizeLenient(text);
  try {
    const fields = parseIdentityCode(text, (electionCode) => (electionCode === key.electionCode ? key.macKey : undefined));
    return { ok: true, code: canonical ?? text, packSerial: fields.packSerial };
  } catch (e) {
    if (!(e instanceof PackCodeError)) throw e;
    const shaped = e.reason !== 'unknown_format' ? canonical : null;
    return { ok: false, reason: e.reason, code: shaped, electionCode: shaped ? shaped.slice(0, ELECTION_CODE_LENGTH) : null };
  }
}
