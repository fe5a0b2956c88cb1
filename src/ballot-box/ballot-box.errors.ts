import { defineErrors } from 'src/platform/errors/domain-error';

// Codes and statuses are the contract in docs/ONLINE.md ("Cast rejections").
export const ballotBoxError = defineErrors({
  malformed_ballot: 'invalid',
  payload_too_large: 'too_large',
  ballot_invalid: 'unprocessable',
  wrong_election: 'unprocessable',
  credential_not_yours: 'forbidden',
  credential_voided: 'conflict',
  ballot_replayed: 'conflict',
  precedence_refused: 'conflict',
  busy: 'unavailable',
  ballot_box_not_open: 'not_found',
  tracker_not_found: 'not_found',
  invalid_prefix: 'invalid',
  invalid_page: 'invalid',
  setup_mismatch: 'conflict',
});
