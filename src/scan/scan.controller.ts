import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Put, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { actorOf, SignedInStaff } from 'src/auth/auth.service';
import { CurrentStaff } from 'src/auth/current-staff.decorator';
import { Allow } from 'src/platform/http/access.decorators';
import { SCAN_MIMES } from 'src/scan/read';
import { AdjudicationService, DecisionResult } from 'src/scan/adjudication.service';
import { AdjudicationQueryDto, ScanDecisionDto, ScanPageDto, ScanSettingsDto, ScanThresholdsDto, ScanUploadResultDto } from 'src/scan/scan.dto';
import { ScanIntakeService } from 'src/scan/scan-intake.service';
import { ScanSettingsService } from 'src/scan/scan-settings.service';

const uuid = new ParseUUIDPipe();

@ApiTags('count')
@Controller('elections/:electionId/count')
export class ScanController {
  constructor(
    private readonly intake: ScanIntakeService,
    private readonly adjudication: AdjudicationService,
    private readonly settings: ScanSettingsService,
  ) {}

  @Post('batches/:batchId/scans')
  @Allow('count_staff', 'count_supervisor')
  @ApiOperation({ summary: 'Upload a scan (PNG, JPEG, TIFF or PDF, the file itself as the body): each page recorded or sent to adjudication' })
  @ApiConsumes(...SCAN_MIMES)
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  upload(
    @Param('electionId', uuid) electionId: string,
    @Param('batchId', uuid) batchId: string,
    @Req() req: Request,
    @CurrentStaff() me: SignedInStaff,
  ): Promise<ScanUploadResultDto> {
    const body: unknown = req.body;
    return this.intake.upload(electionId, batchId, req.headers['content-type'], Buffer.isBuffer(body) ? body : Buffer.alloc(0), actorOf(me));
  }

  @Get('adjudication')
  @Allow('count_staff', 'count_supervisor', 'administrator', 'observer')
  @ApiOperation({ summary: 'Scanned pages waiting for a supervisor (or for their paper’s other pages), with the machine’s reading' })
  queue(@Param('electionId', uuid) electionId: string, @Query() q: AdjudicationQueryDto): Promise<ScanPageDto[]> {
    return this.adjudication.queue(electionId, q);
  }

  @Get('scans/:pageId')
  @Allow('count_staff', 'count_supervisor', 'administrator', 'observer')
  page(@Param('electionId', uuid) electionId: string, @Param('pageId', uuid) pageId: string): Promise<ScanPageDto> {
    return this.adjudication.page(electionId, pageId);
  }

  @Get('scans/:pageId/image')
  @Allow('count_staff', 'count_supervisor', 'administrator', 'observer')
  @Header('Cache-Control', 'no-store')
  @ApiProduces('image/png')
  @ApiOperation({ summary: 'The page as a PNG, each box outlined by verdict with its fill' })
  async image(@Param('electionId', uuid) electionId: string, @Param('pageId', uuid) pageId: string): Promise<StreamableFile> {
    return new StreamableFile(await this.adjudication.image(electionId, pageId), { type: 'image/png' });
  }

  @Post('scans/:pageId/decision')
  @Allow('count_supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decide a page: the paper’s content (as keyed entry) or discard: true, with a note' })
  decide(
    @Param('electionId', uuid) electionId: string,
    @Param('pageId', uuid) pageId: string,
    @Body() dto: ScanDecisionDto,
    @CurrentStaff() me: SignedInStaff,
  ): Promise<DecisionResult> {
    return this.adjudication.decide(electionId, pageId, dto, actorOf(me));
  }

  @Get('scan-settings')
  @Allow('count_staff', 'count_supervisor', 'administrator', 'observer')
  @ApiOperation({ summary: 'The fill thresholds: below emptyBelow empty, from markedFrom marked, in between to a person' })
  getSettings(@Param('electionId', uuid) electionId: string): Promise<ScanSettingsDto> {
    return this.settings.get(electionId);
  }

  @Put('scan-settings')
  @Allow('administrator')
  @ApiOperation({ summary: 'Set the fill thresholds for pages read from now on' })
  setSettings(@Param('electionId', uuid) electionId: string, @Body() dto: ScanThresholdsDto, @CurrentStaff() me: SignedInStaff): Promise<ScanSettingsDto> {
    return this.settings.set(electionId, dto, actorOf(me));
  }
}
