import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { bearerToken } from 'src/auth/access.guard';
import { actorOf, AuthService, SignedInStaff } from 'src/auth/auth.service';
import { CurrentStaff } from 'src/auth/current-staff.decorator';
import { Allow, Public } from 'src/platform/http/access.decorators';
import { SubmitPartialDecryptionDto } from 'src/tally/tally.dto';
import { PartialDecryptionReceipt, PartialDecryptionsService } from 'src/tally/partial-decryptions.service';
import { ForTrustees, TallyView, TallyViewService } from 'src/tally/tally-view.service';

const uuid = new ParseUUIDPipe();

@ApiTags('tally')
@Controller('elections/:electionId')
export class TallyController {
  constructor(
    private readonly view: TallyViewService,
    private readonly partials: PartialDecryptionsService,
    private readonly auth: AuthService,
  ) {}

  @Get('tally')
  @Public()
  @ApiOperation({ summary: 'Where the tally stands: encrypted tally, trustees who decrypted, what is still needed' })
  status(@Param('electionId', uuid) electionId: string): Promise<TallyView> {
    return this.view.status(electionId);
  }

  @Get('tally/for-trustees')
  @Public()
  @ApiOperation({ summary: 'The raw election, trustees and encrypted tally a trustee decrypts (409 before the encrypted tally exists)' })
  forTrustees(@Param('electionId', uuid) electionId: string): Promise<ForTrustees> {
    return this.view.forTrustees(electionId);
  }

  @Post('tally/partial-decryptions')
  @Allow('trustee', 'administrator')
  @ApiOperation({ summary: "Upload a trustee's partial decryption: verified, then stored; 201, or 200 for an identical repeat" })
  async submit(
    @Param('electionId', uuid) electionId: string,
    @Body() dto: SubmitPartialDecryptionDto,
    @CurrentStaff() me: SignedInStaff,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Omit<PartialDecryptionReceipt, 'created'>> {
    const { created, ...receipt } = await this.partials.submit(electionId, dto.owner, dto.partialDecryption, actorOf(me));
    res.status(created ? 201 : 200);
    return receipt;
  }

  @Get('result')
  @Public()
  @ApiOperation({ summary: 'result.json: public once published; administrators and observers before' })
  async result(@Param('electionId', uuid) electionId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const raw = await this.view.result(electionId, async () => {
      const token = bearerToken(req);
      return token ? (await this.auth.resolve(token)).role : null;
    });
    // Sent as stored: the record publishes these bytes.
    res.status(200).type('application/json').send(raw);
  }
}
