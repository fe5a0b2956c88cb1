import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ChangePasswordDto, LoginDto, SessionDto, StaffDto } from 'src/auth/auth.dto';
import { AuthService, SignedInStaff } from 'src/auth/auth.service';
import { CurrentStaff } from 'src/auth/current-staff.decorator';
import { SESSION_COOKIE } from 'src/auth/session-token';
import { toStaffDto } from 'src/auth/staff.mapper';
import { StaffService } from 'src/auth/staff.service';
import { Allow, Public, ROLES } from 'src/platform/http/access.decorators';
import { JsonRequestGuard } from 'src/platform/http/json-request.guard';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly staff: StaffService,
  ) {}

  @Post('login')
  @Public()
  // JSON only: another site's form cannot sign a browser in to an account of its choosing.
  @UseGuards(JsonRequestGuard)
  @HttpCode(200)
  @ApiOperation({ summary: 'Staff sign-in; rate-limited per account and per client address' })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts; see Retry-After' })
  async login(@Body() dto: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionDto> {
    const { token, staff } = await this.auth.login(dto.email, dto.password, req.ip ?? 'unknown');
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      expires: staff.expiresAt,
      path: '/',
    });
    return { token, expiresAt: staff.expiresAt.toISOString(), staff: toStaffDto(await this.staff.get(staff.staffId)) };
  }

  @Post('logout')
  @Allow(...ROLES)
  @HttpCode(204)
  async logout(@CurrentStaff() me: SignedInStaff, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(me);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @Allow(...ROLES)
  async me(@CurrentStaff() me: SignedInStaff): Promise<StaffDto> {
    return toStaffDto(await this.staff.get(me.staffId));
  }

  @Post('password')
  @Allow(...ROLES)
  @HttpCode(204)
  @ApiOperation({ summary: 'Change your own password; ends all your sessions' })
  async changePassword(@CurrentStaff() me: SignedInStaff, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changeOwnPassword(me, dto.currentPassword, dto.newPassword);
  }
}
