import { ErrorKind } from 'src/platform/errors/domain-error';

// One exhaustive table: a new kind without a status does not compile.
export const HTTP_STATUS_BY_KIND = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  unprocessable: 422,
  unsupported: 415,
  rate_limited: 429,
  unavailable: 503,
} as const satisfies Record<ErrorKind, number>;
