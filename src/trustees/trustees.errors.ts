import { defineErrors } from 'src/platform/errors/domain-error';

export const trusteeError = defineErrors({
  invalid_trustee_key: 'invalid',
  trustees_fixed: 'conflict',
});
