import { defineErrors } from 'src/platform/errors/domain-error';

export const tallyError = defineErrors({
  tally_not_ready: 'conflict',
  tally_complete: 'conflict',
  already_decrypted: 'conflict',
  unknown_owner: 'invalid',
  invalid_partial_decryption: 'invalid',
  partial_decryption_invalid: 'unprocessable',
  result_not_ready: 'conflict',
});
