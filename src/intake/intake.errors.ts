import { defineErrors } from 'src/platform/errors/domain-error';

export const intakeError = defineErrors({
  session_not_found: 'not_found',
  session_closed: 'conflict',
  station_busy: 'conflict',
  packs_not_generated: 'conflict',
  intake_not_open: 'conflict',
  scan_id_reused: 'conflict',
  nothing_to_undo: 'conflict',
  undo_not_possible: 'conflict',
  pack_not_found: 'not_found',
  not_on_pull_list: 'conflict',
});
