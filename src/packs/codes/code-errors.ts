// Why a code was refused. The mail room answers "invalid code" to a typo and a forgery alike
// (reliability-anchors B6); the reason is for the log and the tests.
export const CODE_ERROR_REASONS = [
  'unknown_format',
  'bad_check_characters',
  'unknown_election',
  'bad_mac',
] as const;
export type CodeErrorReason = (typeof CODE_ERROR_REASONS)[number];

export type CodeKind = 'voting_id' | 'identity_code' | 'paper_id';

export class PackCodeError extends Error {
  constructor(
    readonly kind: CodeKind,
    readonly reason: CodeErrorReason,
    message: string,
  ) {
    super(message);
    this.name = 'PackCodeError';
  }
}
