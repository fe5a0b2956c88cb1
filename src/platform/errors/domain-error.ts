// Domain errors carry a stable code and a kind; only the HTTP layer (and the CLI) turn kinds
// into statuses or exit codes, so services, workers and the CLI share one error type.
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'too_large'
  | 'unprocessable'
  | 'unsupported'
  | 'rate_limited'
  | 'unavailable';

export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    readonly details?: { fields?: FieldErrors; [key: string]: unknown },
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/**
 * Declares a module's error codes with their kind, and returns a typed factory:
 *   const rollError = defineErrors({ roll_frozen: 'conflict' });
 *   throw rollError('roll_frozen', 'The roll is frozen');
 */
export function defineErrors<T extends Record<string, ErrorKind>>(table: T) {
  return <K extends keyof T & string>(code: K, message: string, details?: DomainError['details']): DomainError =>
    new DomainError(code, table[code], message, details);
}

export const commonError = defineErrors({
  validation_failed: 'invalid',
  not_found: 'not_found',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  conflict: 'conflict',
  rate_limited: 'rate_limited',
  payload_too_large: 'too_large',
  unsupported_media_type: 'unsupported',
  unavailable: 'unavailable',
});
