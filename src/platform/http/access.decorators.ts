import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';

// Staff roles (DESIGN.md §2). Each staff account has exactly one. A count supervisor does what
// count staff do, and also corrects their mistakes (undoing a scan, confirming pulled envelopes).
export const ROLES = ['administrator', 'credential_authority', 'count_staff', 'count_supervisor', 'trustee', 'observer'] as const;
export type Role = (typeof ROLES)[number];

export const ACCESS_METADATA = 'hb:access';
export type AccessRule = { kind: 'public' } | { kind: 'roles'; roles: readonly Role[] };

/** Anyone may call this route (voters, auditors, health checks). */
export const Public = (): MethodDecorator & ClassDecorator =>
  SetMetadata(ACCESS_METADATA, { kind: 'public' } satisfies AccessRule);

/**
 * Only signed-in staff with one of these roles. Every route must carry @Public or @Allow;
 * the global guard refuses a route that declares neither (fail closed).
 */
export const Allow = (...roles: [Role, ...Role[]]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(ACCESS_METADATA, { kind: 'roles', roles } satisfies AccessRule),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'Not signed in, or the session expired' }),
    ApiForbiddenResponse({ description: `Allowed roles: ${roles.join(', ')}` }),
  );
