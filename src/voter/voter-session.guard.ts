import { applyDecorators, CanActivate, createParamDecorator, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from 'src/platform/http/access.decorators';
import { VoterAuthService, SignedInVoter } from 'src/voter/voter-auth.service';
import { VOTER_COOKIE, voterTokenOf } from 'src/voter/voter-session-token';
import { voterError } from 'src/voter/voter.errors';

export type VoterRequest = Request & { voter?: SignedInVoter };

/**
 * Admits a request only with a live voter session (the hb_voter cookie) for the election in the
 * path. Staff sessions and bearer tokens are not looked at: a staff member is not a voter.
 */
@Injectable()
export class VoterSessionGuard implements CanActivate {
  constructor(private readonly auth: VoterAuthService) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<VoterRequest>();
    const token = voterTokenOf(req.header('cookie'));
    if (!token) throw voterError('voter_not_signed_in', 'Sign in with your Voting ID to continue.');
    req.voter = await this.auth.resolve(token, String(req.params.electionId));
    return true;
  }
}

/** A voter route: open to the staff guard (members have no staff account), checked by the voter session instead. */
export const VoterSession = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    Public(),
    UseGuards(VoterSessionGuard),
    ApiCookieAuth(VOTER_COOKIE),
    ApiUnauthorizedResponse({ description: 'No voter session, or it ended: sign in again' }),
  );

/** The member signed in on a @VoterSession route. */
export const CurrentVoter = createParamDecorator((_: unknown, ctx: ExecutionContext): SignedInVoter => {
  const voter = ctx.switchToHttp().getRequest<VoterRequest>().voter;
  if (!voter) throw voterError('voter_not_signed_in', 'Sign in with your Voting ID to continue.');
  return voter;
});
