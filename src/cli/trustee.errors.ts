import { defineErrors } from 'src/platform/errors/domain-error';

/** What the trustee commands refuse, with a stable code (the CLI prints message and code). */
export const trusteeToolError = defineErrors({
  invalid_option: 'invalid',
  file_unreadable: 'invalid',
  file_invalid: 'invalid',
  file_exists: 'conflict',
  election_mismatch: 'unprocessable',
  not_a_trustee: 'unprocessable',
  self_check_failed: 'unprocessable',
  token_missing: 'unauthenticated',
  server_unreachable: 'unavailable',
  server_refused: 'unprocessable',
  server_answer_invalid: 'unavailable',
});
