import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { authError } from 'src/auth/auth.errors';
import { AuthService, SignedInStaff } from 'src/auth/auth.service';
import { SESSION_COOKIE } from 'src/auth/session-token';
import { ACCESS_METADATA, AccessRule } from 'src/platform/http/access.decorators';

export type AuthedRequest = Request & { staff?: SignedInStaff };

export function bearerToken(req: Request): string | undefined {
  const header = req.header('authorization');
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || undefined;
  const cookie = req.header('cookie');
  if (!cookie) return undefined;
  for (const part of cookie.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/** Global guard: every route declares @Public or @Allow(roles); a route with neither is refused. */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('access');

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_METADATA, [ctx.getHandler(), ctx.getClass()]);
    if (!rule) {
      this.logger.error(`route ${ctx.getClass().name}.${ctx.getHandler().name} declares no access rule`);
      throw authError('route_without_access_rule', 'This route is not available.');
    }
    if (rule.kind === 'public') return true;
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const token = bearerToken(req);
    if (!token) throw authError('not_signed_in', 'Sign in to use this page.');
    const staff = await this.auth.resolve(token);
    req.staff = staff;
    if (!rule.roles.includes(staff.role)) {
      throw authError('role_not_allowed', `This action needs one of these roles: ${rule.roles.join(', ')}.`);
    }
    return true;
  }
}
