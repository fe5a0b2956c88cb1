import { ElectionStatus } from 'src/elections/election.types';

/**
 * Allowed transitions (DESIGN.md §3). `manual` ones are requested by an administrator through
 * the API; the others are made by the system when their work completes (pack generation, the
 * trustees' decryption), through the same service, so every transition is checked and logged.
 */
export const TRANSITIONS: Record<ElectionStatus, ReadonlyArray<{ to: ElectionStatus; manual: boolean }>> = {
  draft: [
    { to: 'roll_frozen', manual: true },
    { to: 'cancelled', manual: true },
  ],
  roll_frozen: [
    { to: 'draft', manual: true },
    { to: 'packs_ready', manual: false },
    { to: 'cancelled', manual: true },
  ],
  packs_ready: [
    { to: 'open', manual: true },
    { to: 'cancelled', manual: true },
  ],
  open: [{ to: 'online_closed', manual: true }],
  online_closed: [{ to: 'postal_closed', manual: true }],
  postal_closed: [{ to: 'counting', manual: true }],
  counting: [{ to: 'tallying', manual: true }],
  tallying: [{ to: 'result_ready', manual: false }],
  result_ready: [{ to: 'published', manual: true }],
  published: [],
  cancelled: [],
};

export function findTransition(from: ElectionStatus, to: ElectionStatus): { to: ElectionStatus; manual: boolean } | undefined {
  return TRANSITIONS[from].find((t) => t.to === to);
}

/** Settings can change only before the roll is frozen: afterwards packs and the public record depend on them. */
export function settingsEditable(status: ElectionStatus): boolean {
  return status === 'draft';
}
