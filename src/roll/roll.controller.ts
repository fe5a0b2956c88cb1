import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { actorOf, SignedInStaff } from 'src/auth/auth.service';
import { CurrentStaff } from 'src/auth/current-staff.decorator';
import { Allow } from 'src/platform/http/access.decorators';
import {
  AddMemberDto,
  AmendMemberDto,
  CommitImportDto,
  MemberDto,
  MemberPageDto,
  MemberSearchQueryDto,
  PageQueryDto,
  RollImportDto,
  RollIssueDto,
  RollSummaryDto,
} from 'src/roll/roll.dto';
import { toImportDto, toIssueDto, toMemberDto, toSummaryDto } from 'src/roll/roll.mapper';
import { RollImportService } from 'src/roll/roll-import.service';
import { RollService } from 'src/roll/roll.service';

const uuid = new ParseUUIDPipe();

function csvFile(stream: NodeJS.ReadableStream, name: string): StreamableFile {
  return new StreamableFile(stream as never, { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${name}"` });
}

@ApiTags('roll')
@Controller('elections/:electionId/roll')
export class RollController {
  constructor(
    private readonly imports: RollImportService,
    private readonly roll: RollService,
  ) {}

  @Get()
  @Allow('administrator', 'observer')
  @ApiOperation({ summary: 'Counts of the current roll by status, eligibility and channel' })
  async summary(@Param('electionId', uuid) electionId: string): Promise<RollSummaryDto> {
    return toSummaryDto(await this.roll.summary(electionId));
  }

  @Post('imports')
  @Allow('administrator')
  @ApiConsumes('text/csv')
  @ApiBody({ description: 'The roll as CSV (UTF-8, header row, comma or semicolon separated)', schema: { type: 'string', format: 'binary' } })
  @ApiOperation({ summary: 'Upload a roll file; answers with the validation report. 409 once the roll is frozen, 413 beyond the upload limit' })
  async upload(@Param('electionId', uuid) electionId: string, @Req() req: Request, @CurrentStaff() me: SignedInStaff): Promise<RollImportDto> {
    const length = req.headers['content-length'];
    const input = { body: req, contentType: req.headers['content-type'], contentLength: length === undefined ? undefined : Number(length) };
    return toImportDto(await this.imports.upload(electionId, input, actorOf(me)));
  }

  @Get('imports')
  @Allow('administrator')
  async listImports(@Param('electionId', uuid) electionId: string): Promise<RollImportDto[]> {
    return (await this.imports.list(electionId)).map(toImportDto);
  }

  @Get('imports/:importId')
  @Allow('administrator')
  async getImport(@Param('electionId', uuid) electionId: string, @Param('importId', uuid) importId: string): Promise<RollImportDto> {
    return toImportDto(await this.imports.get(electionId, importId));
  }

  @Get('imports/:importId/issues')
  @Allow('administrator')
  @ApiOperation({ summary: 'The validation report, in file order' })
  async issues(
    @Param('electionId', uuid) electionId: string,
    @Param('importId', uuid) importId: string,
    @Query() q: PageQueryDto,
  ): Promise<RollIssueDto[]> {
    return (await this.imports.issues(electionId, importId, q.offset, q.limit)).map(toIssueDto);
  }

  @Get('imports/:importId/report.csv')
  @Allow('administrator')
  @ApiProduces('text/csv')
  async report(@Param('electionId', uuid) electionId: string, @Param('importId', uuid) importId: string): Promise<StreamableFile> {
    return csvFile(await this.imports.reportCsv(electionId, importId), `roll-import-${importId}-report.csv`);
  }

  @Post('imports/:importId/commit')
  @Allow('administrator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Make a checked import the roll. 409 with import_has_errors unless acceptInvalidRows' })
  async commit(
    @Param('electionId', uuid) electionId: string,
    @Param('importId', uuid) importId: string,
    @Body() dto: CommitImportDto,
    @CurrentStaff() me: SignedInStaff,
  ): Promise<RollImportDto> {
    return toImportDto(await this.imports.commit(electionId, importId, dto, actorOf(me)));
  }

  @Post('imports/:importId/discard')
  @Allow('administrator')
  @HttpCode(200)
  async discard(
    @Param('electionId', uuid) electionId: string,
    @Param('importId', uuid) importId: string,
    @CurrentStaff() me: SignedInStaff,
  ): Promise<RollImportDto> {
    return toImportDto(await this.imports.discard(electionId, importId, actorOf(me)));
  }

  @Get('export.csv')
  @Allow('administrator')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'The roll as CSV; cells that a spreadsheet would run as formulas are neutralised' })
  async export(@Param('electionId', uuid) electionId: string, @CurrentStaff() me: SignedInStaff): Promise<StreamableFile> {
    return csvFile(await this.roll.exportCsv(electionId, actorOf(me)), 'roll.csv');
  }

  @Get('members')
  @Allow('administrator')
  @ApiOperation({ summary: 'Search members by member number, family name or postcode (prefixes)' })
  async search(@Param('electionId', uuid) electionId: string, @Query() q: MemberSearchQueryDto): Promise<MemberPageDto> {
    const [items, total] = await this.roll.search(electionId, q);
    return { items: items.map(toMemberDto), total, offset: q.offset, limit: q.limit };
  }

  @Post('members')
  @Allow('administrator')
  @ApiOperation({ summary: 'Add a member (audited amendment, with a reason)' })
  async add(@Param('electionId', uuid) electionId: string, @Body() dto: AddMemberDto, @CurrentStaff() me: SignedInStaff): Promise<MemberDto> {
    const { reason, ...fields } = dto;
    const record = {
      givenNames: '',
      addressLine2: null,
      addressLine3: null,
      addressLine4: null,
      postcode: null,
      email: null,
      weight: 1,
      eligible: true,
      channel: 'any' as const,
      familyName: '',
      addressLine1: '',
      country: '',
      dateOfBirth: '',
      ...fields,
    };
    return toMemberDto(await this.roll.addMember(electionId, record, reason, actorOf(me)));
  }

  @Get('members/:memberNumber')
  @Allow('administrator')
  async member(@Param('electionId', uuid) electionId: string, @Param('memberNumber') memberNumber: string): Promise<MemberDto> {
    return toMemberDto(await this.roll.member(electionId, memberNumber));
  }

  @Patch('members/:memberNumber')
  @Allow('administrator')
  @ApiOperation({ summary: 'Amend a member (audited, with a reason): address, email, eligibility, weight, channel, status…' })
  async amend(
    @Param('electionId', uuid) electionId: string,
    @Param('memberNumber') memberNumber: string,
    @Body() dto: AmendMemberDto,
    @CurrentStaff() me: SignedInStaff,
  ): Promise<MemberDto> {
    const { reason, ...patch } = dto;
    return toMemberDto(await this.roll.amendMember(electionId, memberNumber, patch, reason, actorOf(me)));
  }
}
