import { defineErrors } from 'src/platform/errors/domain-error';

export const electionError = defineErrors({
  election_not_found: 'not_found',
  illegal_transition: 'conflict',
  transition_blocked: 'conflict',
  transition_not_manual: 'conflict',
  election_not_editable: 'conflict',
  stale_version: 'conflict',
  invalid_settings: 'invalid',
});
