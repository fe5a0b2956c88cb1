import { rolesOf, rolesOfAll } from 'src/admin-console/api-roles';
import { CountController } from 'src/count/count.controller';
import { IntakeController } from 'src/intake/intake.controller';
import { ReconciliationController } from 'src/reconciliation/reconciliation.controller';
import { RecordController } from 'src/record/record.controller';
import type { MessageKey } from 'src/admin-console/messages';
import type { ElectionStatus } from 'src/elections/election.types';
import { ElectionsController } from 'src/elections/elections.controller';
import { settingsEditable } from 'src/elections/lifecycle';
import { PacksController } from 'src/packs/packs.controller';
import type { Role } from 'src/platform/http/access.decorators';
import { RollController } from 'src/roll/roll.controller';
import { TrusteesController } from 'src/trustees/trustees.controller';

/** Staff who have console screens; count staff and supervisors work at their desks (intake, adjudication). */
export const CONSOLE_ROLES: readonly Role[] = ['administrator', 'credential_authority', 'trustee', 'observer'];

export type ElectionScreenId = 'overview' | 'edit' | 'roll' | 'trustees' | 'packs' | 'dashboard' | 'tally' | 'events';

export interface ElectionScreen {
  id: ElectionScreenId;
  label: MessageKey;
  /** The roles of the API routes the screen reads (api-roles.ts). */
  roles: readonly Role[];
  href: (electionId: string) => string;
  /** Only in these statuses (default: always); the page itself still answers, saying why it has nothing to do. */
  when?: (status: ElectionStatus) => boolean;
}

/** The roles every one of these API routes allows, among the console's. */
export const consoleRoles = (...routes: ReadonlyArray<readonly Role[]>): readonly Role[] => rolesOfAll(...routes).filter((r) => CONSOLE_ROLES.includes(r));

const base = (id: string) => `/admin/elections/${encodeURIComponent(id)}`;

/** The screens of one election, in the order of its navigation. */
export const ELECTION_SCREENS: readonly ElectionScreen[] = [
  { id: 'overview', label: 'overview', roles: consoleRoles(rolesOf(ElectionsController, 'lifecycle')), href: base },
  { id: 'edit', label: 'editSettings', roles: consoleRoles(rolesOf(ElectionsController, 'update')), href: (id) => `${base(id)}/edit`, when: settingsEditable },
  { id: 'roll', label: 'rollTab', roles: consoleRoles(rolesOf(RollController, 'summary')), href: (id) => `${base(id)}/roll` },
  {
    id: 'trustees',
    label: 'trusteesTab',
    // Trustees work on their own page (/trustee/:id); the console's list is for those who set up and watch the election.
    roles: consoleRoles(rolesOf(TrusteesController, 'list'), rolesOf(ElectionsController, 'lifecycle')),
    href: (id) => `${base(id)}/trustees`,
  },
  { id: 'packs', label: 'packs', roles: consoleRoles(rolesOf(PacksController, 'status')), href: (id) => `${base(id)}/packs` },
  { id: 'dashboard', label: 'dashboard', roles: consoleRoles(rolesOf(ReconciliationController, 'figures')), href: (id) => `${base(id)}/dashboard` },
  {
    id: 'tally',
    label: 'closeAndTally',
    roles: consoleRoles(rolesOf(ElectionsController, 'lifecycle'), rolesOf(CountController, 'summary'), rolesOf(IntakeController, 'pullList'), rolesOf(RecordController, 'status')),
    href: (id) => `${base(id)}/tally`,
  },
  { id: 'events', label: 'auditLog', roles: consoleRoles(rolesOf(ElectionsController, 'listEvents')), href: (id) => `${base(id)}/events` },
];

export function screen(id: ElectionScreenId): ElectionScreen {
  const s = ELECTION_SCREENS.find((x) => x.id === id);
  if (!s) throw new Error(`no console screen ${id}`);
  return s;
}

/** Whether this role may act through a route, e.g. see the lifecycle buttons. */
export const mayUse = (role: Role, roles: readonly Role[]): boolean => roles.includes(role);
