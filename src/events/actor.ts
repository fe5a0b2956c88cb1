import { Role } from 'src/platform/http/access.decorators';

/** Who caused a change: a signed-in staff member, the system itself, or an anonymous voter. */
export type StaffActor = { kind: 'staff'; staffId: string; role: Role; email?: string };

export type Actor =
  | StaffActor
  | { kind: 'system'; process?: string }
  | { kind: 'voter' };

export const SYSTEM: Actor = { kind: 'system' };
