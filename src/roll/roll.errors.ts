import { defineErrors } from 'src/platform/errors/domain-error';

export const rollError = defineErrors({
  roll_frozen: 'conflict',
  roll_closed: 'conflict',
  no_roll: 'not_found',
  import_not_found: 'not_found',
  import_not_ready: 'conflict',
  import_has_errors: 'conflict',
  import_stale: 'conflict',
  member_not_found: 'not_found',
  member_exists: 'conflict',
  member_invalid: 'invalid',
  csv_malformed: 'invalid',
  csv_header_invalid: 'invalid',
  csv_empty: 'invalid',
  not_csv: 'invalid',
  upload_too_large: 'too_large',
  upload_media_type: 'unsupported',
  upload_incomplete: 'invalid',
});
