import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiPayloadTooLargeResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { Public } from 'src/platform/http/access.decorators';
import { BodyLimit } from 'src/platform/http/body-limit';
import { JsonRequestGuard } from 'src/platform/http/json-request.guard';
import { SignedInVoter, VoterAuthService } from 'src/voter/voter-auth.service';
import { VoterBallotService } from 'src/voter/voter-ballot.service';
import { CastBallotDto, CastReceiptDto, SignedInDto, SignInDto, VoterStatusDto } from 'src/voter/voter.dto';
import { toVoterStatusDto } from 'src/voter/voter.mapper';
import { CurrentVoter, VoterSession } from 'src/voter/voter-session.guard';
import { VOTER_COOKIE } from 'src/voter/voter-session-token';
import { VoterStatusService } from 'src/voter/voter-status.service';

const uuid = new ParseUUIDPipe();

/** A Belenios ballot for a few questions is a few KiB; 64 KiB leaves room and bounds the verifier's work. */
export const BALLOT_BODY_LIMIT = 64 * 1024;

@ApiTags('voter')
@Controller('elections/:electionId/voter')
@UseGuards(JsonRequestGuard)
@ApiUnsupportedMediaTypeResponse({ description: 'A POST that is not Content-Type: application/json' })
export class VoterController {
  constructor(
    private readonly auth: VoterAuthService,
    private readonly status: VoterStatusService,
    private readonly ballots: VoterBallotService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Member sign-in with the Voting ID and the second factor; sets the hb_voter cookie' })
  @ApiTooManyRequestsResponse({ description: 'sign_in_rate_limited: too many failures for this Voting ID or from this address; see Retry-After' })
  async signIn(
    @Param('electionId', uuid) electionId: string,
    @Body() dto: SignInDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SignedInDto> {
    const { token, voter } = await this.auth.signIn(electionId, dto.votingId, dto.secondFactor, req.ip ?? 'unknown');
    res.cookie(VOTER_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.publicUrl.startsWith('https:'),
      expires: voter.expiresAt,
      path: '/',
    });
    const s = await this.status.status(voter);
    return { status: s.state, explanation: s.explanation, expiresAt: voter.expiresAt.toISOString() };
  }

  @Post('sign-out')
  @VoterSession()
  @HttpCode(204)
  async signOut(@CurrentVoter() voter: SignedInVoter, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.signOut(voter);
    res.clearCookie(VOTER_COOKIE, { path: '/' });
  }

  @Get('me')
  @VoterSession()
  @ApiOperation({ summary: 'The election, the member’s state, and what voting online now would do' })
  async me(@CurrentVoter() voter: SignedInVoter): Promise<VoterStatusDto> {
    return toVoterStatusDto(await this.status.status(voter));
  }

  @Post('ballots')
  @VoterSession()
  @BodyLimit(BALLOT_BODY_LIMIT)
  @ApiOperation({ summary: 'Cast the member’s ballot; the receipt carries its tracker' })
  @ApiPayloadTooLargeResponse({ description: 'payload_too_large: body over 64 KiB' })
  async cast(@CurrentVoter() voter: SignedInVoter, @Body() dto: CastBallotDto): Promise<CastReceiptDto> {
    const r = await this.ballots.cast(voter, dto.ballot, dto.confirmationEmail === true);
    return { tracker: r.tracker, receivedAt: r.receivedAt.toISOString(), explanation: r.explanation, confirmationEmail: r.confirmationEmail };
  }
}
