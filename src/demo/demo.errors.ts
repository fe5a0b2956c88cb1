import { defineErrors } from 'src/platform/errors/domain-error';

export const demoError = defineErrors({
  demo_invalid_option: 'invalid',
  demo_out_not_empty: 'conflict',
  demo_database_not_empty: 'conflict',
  /** The server answered something the demo did not expect (status or body). */
  demo_unexpected_answer: 'unprocessable',
  /** What the election produced differs from what the members cast. */
  demo_result_mismatch: 'unprocessable',
  demo_verification_failed: 'unprocessable',
  demo_timeout: 'unavailable',
});
