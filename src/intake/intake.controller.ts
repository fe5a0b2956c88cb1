import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { actorOf, SignedInStaff } from 'src/auth/auth.service';
import { CurrentStaff } from 'src/auth/current-staff.decorator';
import { OpenSessionDto, ScanDto, ScanResultDto, SessionDto, SessionSummaryDto, UndoDto } from 'src/intake/intake.dto';
import { toScanResult, toSessionDto, toSessionSummaryDto } from 'src/intake/intake.mapper';
import { IntakeService } from 'src/intake/intake.service';
import { Allow } from 'src/platform/http/access.decorators';

const uuid = new ParseUUIDPipe();

@ApiTags('intake')
@Controller('elections/:electionId/intake')
export class IntakeController {
  constructor(private readonly intake: IntakeService) {}

  @Post('sessions')
  @Allow('count_staff', 'count_supervisor')
  @ApiOperation({ summary: 'Start scanning at a station (one open session per station)' })
  async open(@Param('electionId', uuid) electionId: string, @Body() dto: OpenSessionDto, @CurrentStaff() me: SignedInStaff): Promise<SessionDto> {
    return toSessionDto(await this.intake.openSession(electionId, dto.station, dto.trayCapacity, actorOf(me)));
  }

  @Get('sessions')
  @Allow('count_staff', 'count_supervisor', 'administrator', 'observer')
  async sessions(@Param('electionId', uuid) electionId: string): Promise<SessionDto[]> {
    return (await this.intake.listSessions(electionId)).map(toSessionDto);
  }

  @Get('sessions/:sessionId')
  @Allow('count_staff', 'count_supervisor', 'administrator', 'observer')
  @ApiOperation({ summary: 'A session with its running counts per verdict and per tray' })
  async session(@Param('electionId', uuid) electionId: string, @Param('sessionId', uuid) sessionId: string): Promise<SessionSummaryDto> {
    return toSessionSummaryDto(await this.intake.summary(electionId, sessionId));
  }

  @Post('sessions/:sessionId/close')
  @Allow('count_staff', 'count_supervisor')
  @HttpCode(200)
  async close(@Param('electionId', uuid) electionId: string, @Param('sessionId', uuid) sessionId: string, @CurrentStaff() me: SignedInStaff): Promise<SessionDto> {
    return toSessionDto(await this.intake.closeSession(electionId, sessionId, actorOf(me)));
  }

  @Post('scans')
  @Allow('count_staff', 'count_supervisor')
  @ApiOperation({ summary: 'Record one returned envelope: the verdict (accept, hold or reject with a reason) and its tray and position' })
  @ApiCreatedResponse({ type: ScanResultDto, description: 'Recorded (a rejection is a verdict, not an error)' })
  @ApiOkResponse({ type: ScanResultDto, description: 'This scan id was recorded before: the stored answer, unchanged' })
  @ApiConflictResponse({ description: 'scan_id_reused, session_closed' })
  async scan(@Param('electionId', uuid) electionId: string, @Body() dto: ScanDto, @CurrentStaff() me: SignedInStaff, @Res({ passthrough: true }) res: Response): Promise<ScanResultDto> {
    const { scan, replayed } = await this.intake.scan(electionId, dto, actorOf(me));
    res.status(replayed ? 200 : 201);
    return toScanResult(scan, replayed);
  }

  @Post('sessions/:sessionId/undo')
  @Allow('count_supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Undo the session’s last scan that still stands, with a reason (supervisor)' })
  @ApiConflictResponse({ description: 'nothing_to_undo, or undo_not_possible when the member’s state changed since' })
  async undo(@Param('electionId', uuid) electionId: string, @Param('sessionId', uuid) sessionId: string, @Body() dto: UndoDto, @CurrentStaff() me: SignedInStaff): Promise<{ undone: ScanResultDto }> {
    return { undone: toScanResult(await this.intake.undoLast(electionId, sessionId, dto.reason, actorOf(me)), false) };
  }

  @Get('pull-list')
  @Allow('count_staff', 'count_supervisor', 'administrator', 'observer')
  @ApiOperation({ summary: 'Held envelopes whose member then voted online: tray, position, pack serial' })
  pullList(@Param('electionId', uuid) electionId: string) {
    return this.intake.pullList(electionId);
  }

  @Post('pull-list/:packSerial/pulled')
  @Allow('count_supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Confirm that an envelope on the pull list was found and set aside' })
  confirmPulled(@Param('electionId', uuid) electionId: string, @Param('packSerial', ParseIntPipe) packSerial: number, @CurrentStaff() me: SignedInStaff) {
    return this.intake.confirmPulled(electionId, packSerial, actorOf(me));
  }

  @Get('released')
  @Allow('count_staff', 'count_supervisor', 'administrator', 'observer')
  @ApiOperation({ summary: 'Envelopes released to the count, in tray order; `final` once no later vote can change the list' })
  released(@Param('electionId', uuid) electionId: string) {
    return this.intake.released(electionId);
  }

  @Get('report')
  @Allow('count_staff', 'count_supervisor', 'administrator', 'observer')
  @ApiOperation({ summary: 'Returns by verdict, by reason and per day' })
  report(@Param('electionId', uuid) electionId: string) {
    return this.intake.report(electionId);
  }
}
