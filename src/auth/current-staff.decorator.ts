import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthedRequest } from 'src/auth/access.guard';
import { authError } from 'src/auth/auth.errors';
import { SignedInStaff } from 'src/auth/auth.service';

/** The signed-in staff member of an @Allow route (the guard has already checked the role). */
export const CurrentStaff = createParamDecorator((_: unknown, ctx: ExecutionContext): SignedInStaff => {
  const staff = ctx.switchToHttp().getRequest<AuthedRequest>().staff;
  if (!staff) throw authError('not_signed_in', 'Sign in to use this page.');
  return staff;
});
