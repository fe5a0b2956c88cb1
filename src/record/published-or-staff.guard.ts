import { applyDecorators, CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import { AuthedRequest, bearerToken } from 'src/auth/access.guard';
import { authError } from 'src/auth/auth.errors';
import { AuthService } from 'src/auth/auth.service';
import { ElectionsService } from 'src/elections/elections.service';
import { Public, Role } from 'src/platform/http/access.decorators';

/** Who may read an election's result and record before it is published. */
export const BEFORE_PUBLICATION: readonly Role[] = ['administrator', 'observer'];

/**
 * Anyone may read once the election is published; before that, only administrators and
 * observers (who check the record before the administrator publishes it).
 */
@Injectable()
export class PublishedOrStaffGuard implements CanActivate {
  constructor(
    private readonly elections: ElectionsService,
    private readonly auth: AuthService,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<AuthedRequest>();
    const electionId = String(req.params.electionId);
    // An unknown election answers 404 to everyone, as a published one would.
    const election = await this.elections.get(electionId);
    if (election.status === 'published') return true;
    const token = bearerToken(req);
    if (!token) throw authError('not_signed_in', 'This is public once the election is published; until then, sign in as an administrator or observer.');
    const staff = await this.auth.resolve(token);
    req.staff = staff;
    if (!BEFORE_PUBLICATION.includes(staff.role)) {
      throw authError('role_not_allowed', `Until the election is published, this needs one of these roles: ${BEFORE_PUBLICATION.join(', ')}.`);
    }
    return true;
  }
}

/** The route is public once the election (`:electionId`) is published; staff-only before. */
export const PublicOncePublished = (): MethodDecorator & ClassDecorator =>
  applyDecorators(Public(), UseGuards(PublishedOrStaffGuard), ApiBearerAuth());
