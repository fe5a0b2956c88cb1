import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { commonError } from 'src/platform/errors/domain-error';

const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every state-changing request must say it is JSON. A cross-site form can only send form or
 * text bodies, and a cross-site script cannot set this type without a CORS preflight we never
 * answer; with SameSite=Strict cookies this closes cross-site request forgery.
 */
@Injectable()
export class JsonRequestGuard implements CanActivate {
  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request>();
    if (SAFE_METHODS.has(req.method)) return true;
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json') throw commonError('unsupported_media_type', 'Send this request as JSON (Content-Type: application/json).');
    return true;
  }
}
