import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { commonError } from 'src/platform/errors/domain-error';
import type { SizedRequest } from 'src/platform/http/body-parsers';

const BODY_LIMIT = 'hb:body-limit';

/**
 * Refuses a body larger than `limitBytes` on this route with 413 `payload_too_large`. The one
 * body parser (JSON_BODY_LIMIT_KB) has read it already and recorded its size; this route's own
 * limit is checked before any handler, pipe or service sees the body.
 */
@Injectable()
export class BodyLimitGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const limit = this.reflector.get<number | undefined>(BODY_LIMIT, ctx.getHandler());
    const bytes = ctx.switchToHttp().getRequest<SizedRequest>().bodyBytes ?? 0;
    if (limit !== undefined && bytes > limit) throw commonError('payload_too_large', `The request body is larger than ${limit} bytes.`);
    return true;
  }
}

export const BodyLimit = (limitBytes: number): MethodDecorator => applyDecorators(SetMetadata(BODY_LIMIT, limitBytes), UseGuards(BodyLimitGuard));
