import { defineErrors } from 'src/platform/errors/domain-error';

export const voterError = defineErrors({
  /** One answer for an unknown Voting ID, a wrong second factor and a spare pack. */
  sign_in_failed: 'unauthenticated',
  sign_in_rate_limited: 'rate_limited',
  voter_not_signed_in: 'unauthenticated',
  voter_session_expired: 'unauthenticated',
  /** Same code as the ballot box's verification queue being full (docs/ONLINE.md). */
  busy: 'unavailable',
});
