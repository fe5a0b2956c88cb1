import { ACCESS_METADATA, type AccessRule, type Role, ROLES } from 'src/platform/http/access.decorators';

/**
 * The roles an API route allows, read from its own @Allow. A console screen shows what an API
 * route answers and is shown to exactly the roles that route allows: the screen cannot become a
 * second, looser path to the same data when the API's rule changes.
 */
export function rolesOf(controller: abstract new (...args: never[]) => unknown, method: string): readonly Role[] {
  const handler = (controller.prototype as Record<string, unknown>)[method];
  if (typeof handler !== 'function') throw new Error(`${controller.name}.${method} is not a route handler`);
  const rule = (Reflect.getMetadata(ACCESS_METADATA, handler) ?? Reflect.getMetadata(ACCESS_METADATA, controller)) as AccessRule | undefined;
  if (!rule) throw new Error(`${controller.name}.${method} declares no access rule`);
  return rule.kind === 'public' ? ROLES : rule.roles;
}

/** Roles allowed by every one of these routes: a screen that reads several needs them all. */
export function rolesOfAll(...routes: ReadonlyArray<readonly Role[]>): readonly Role[] {
  return ROLES.filter((r) => routes.every((allowed) => allowed.includes(r)));
}
