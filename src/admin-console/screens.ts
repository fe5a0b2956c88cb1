import { rolesOf } from 'src/admin-console/api-roles';
import type { ConsoleMessages } from 'src/admin-console/messages';
import { ElectionsController } from 'src/elections/elections.controller';
import { PacksController } from 'src/packs/packs.controller';
import type { Role } from 'src/platform/http/access.decorators';

/** Staff who have console screens; count staff and supervisors work at their desks (intake, adjudication). */
export const CONSOLE_ROLES: readonly Role[] = ['administrator', 'credential_authority', 'trustee', 'observer'];

export type ElectionScreenId = 'overview' | 'events' | 'packs';

export interface ElectionScreen {
  id: ElectionScreenId;
  label: keyof ConsoleMessages;
  /** The roles of the API routes the screen reads (api-roles.ts). */
  roles: readonly Role[];
  href: (electionId: string) => string;
}

const base = (id: string) => `/admin/elections/${encodeURIComponent(id)}`;

/** The screens of one election, in the order of its navigation. */
export const ELECTION_SCREENS: readonly ElectionScreen[] = [
  { id: 'overview', label: 'overview', roles: rolesOf(ElectionsController, 'lifecycle'), href: base },
  { id: 'events', label: 'auditLog', roles: rolesOf(ElectionsController, 'listEvents'), href: (id) => `${base(id)}/events` },
  { id: 'packs', label: 'packs', roles: rolesOf(PacksController, 'status'), href: (id) => `${base(id)}/packs` },
];

export function screen(id: ElectionScreenId): ElectionScreen {
  const s = ELECTION_SCREENS.find((x) => x.id === id);
  if (!s) throw new Error(`no console screen ${id}`);
  return s;
}

/** Whether this role may act through a route, e.g. see the lifecycle buttons. */
export const mayUse = (role: Role, roles: readonly Role[]): boolean => roles.includes(role);
