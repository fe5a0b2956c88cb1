// Every rejection in the crypto core is a CryptoError with a stable reason code and the path of
// the offending field, so callers (server, CLI, verifier report) can say *why* input was refused.

export const CRYPTO_ERROR_REASONS = [
  'invalid_point_encoding',
  'non_canonical_point',
  'point_not_on_curve',
  'point_not_in_subgroup',
  'scalar_out_of_range',
  'invalid_scalar_encoding',
  'invalid_json',
  'invalid_structure',
  'invalid_credential',
  'invalid_uuid',
  'invalid_choice',
  'unsupported',
  'invalid_archive',
  'dlog_not_found',
  'invalid_argument',
] as const;

export type CryptoErrorReason = (typeof CRYPTO_ERROR_REASONS)[number];

export class CryptoError extends Error {
  override readonly name = 'CryptoError';

  constructor(
    readonly reason: CryptoErrorReason,
    readonly path: string,
    detail: string,
  ) {
    super(path ? `${path}: ${detail}` : detail);
  }
}

export function isCryptoError(e: unknown): e is CryptoError {
  return e instanceof CryptoError;
}
