import { defineErrors } from 'src/platform/errors/domain-error';

export const recordError = defineErrors({
  record_not_built: 'not_found',
  record_file_not_found: 'not_found',
  result_not_ready: 'conflict',
  record_not_public: 'forbidden',
});
