import { defineErrors } from 'src/platform/errors/domain-error';

export const countError = defineErrors({
  election_not_counting: 'conflict',
  batch_not_found: 'not_found',
  batch_closed: 'conflict',
  envelopes_not_counted: 'conflict',
  batch_does_not_reconcile: 'conflict',
  batch_has_unsettled_entries: 'conflict',
  batch_has_pages_in_adjudication: 'conflict',
  mismatch_needs_supervisor: 'forbidden',
  paper_id_required: 'invalid',
  paper_id_not_expected: 'invalid',
  paper_id_invalid: 'invalid',
  paper_not_printed: 'invalid',
  paper_already_used: 'conflict',
  paper_awaiting_other_batch: 'conflict',
  paper_in_dispute: 'conflict',
  same_operator: 'conflict',
  entries_not_found: 'not_found',
  nothing_to_resolve: 'conflict',
  entry_not_in_group: 'invalid',
});
