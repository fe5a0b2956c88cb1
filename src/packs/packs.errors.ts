import { defineErrors } from 'src/platform/errors/domain-error';

export const packsError = defineErrors({
  credential_seed_missing: 'unavailable',
  roll_not_frozen: 'conflict',
  packs_already_generated: 'conflict',
  packs_not_generated: 'not_found',
  batch_not_found: 'not_found',
  unknown_template: 'invalid',
  reissue_not_possible: 'conflict',
  no_active_pack: 'not_found',
  member_has_voted: 'conflict',
  no_spare_credentials: 'conflict',
  reissue_not_printed: 'not_found',
});
