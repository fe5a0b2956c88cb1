// What the desk shows with a verdict: what is wrong, in words, and what to do with the envelope.
import { CodeRejectReason } from 'src/intake/intake.types';

export const CODE_REJECT_MESSAGES: Record<CodeRejectReason, string> = {
  unknown_format: 'Not an identity code. Scan the barcode on the return slip, or type the code printed under it.',
  letter_qr_code: 'That is the QR code of the letter, not the return slip. Scan the barcode on the return slip.',
  bad_check_characters: 'Mistyped code (the check character does not match). Type it again carefully.',
  unknown_election: 'Invalid code: no election has this code.',
  other_election: 'This envelope belongs to another election. Put it aside for that election.',
  bad_mac: 'Invalid code: it was not issued by this election.',
  unknown_pack: 'Invalid code: no pack of this election has this number.',
  voided_pack: 'This pack was replaced by a new one; its return does not count.',
};

export const DUPLICATE_MESSAGE = 'A return from this pack is already recorded.';
