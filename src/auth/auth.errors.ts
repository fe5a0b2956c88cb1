import { defineErrors } from 'src/platform/errors/domain-error';

export const authError = defineErrors({
  invalid_credentials: 'unauthenticated',
  session_expired: 'unauthenticated',
  not_signed_in: 'unauthenticated',
  role_not_allowed: 'forbidden',
  route_without_access_rule: 'forbidden',
  login_rate_limited: 'rate_limited',
  email_taken: 'conflict',
  weak_password: 'invalid',
  staff_not_found: 'not_found',
  cannot_disable_self: 'conflict',
});
