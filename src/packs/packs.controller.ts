import * as fs from 'node:fs';
import * as path from 'node:path';
import { Body, Controller, Get, Header, HttpCode, Param, ParseIntPipe, ParseUUIDPipe, Post, Query, StreamableFile } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, SignedInStaff } from 'src/auth/auth.service';
import { CurrentStaff } from 'src/auth/current-staff.decorator';
import { PackGenerationService } from 'src/packs/pack-generation.service';
import { DeliveryQueryDto, GeneratePacksDto, PacksStatusDto, PreviewQueryDto, ReissueDto, ReissueResultDto, UndeliverableDto } from 'src/packs/packs.dto';
import { PackMailerService } from 'src/packs/email/pack-mailer.service';
import { PackPreviewService } from 'src/packs/pack-preview.service';
import { packsError } from 'src/packs/packs.errors';
import { PacksService } from 'src/packs/packs.service';
import { batchFileName } from 'src/packs/print-files';
import { ReissueService } from 'src/packs/reissue.service';
import { Allow } from 'src/platform/http/access.decorators';

const uuid = new ParseUUIDPipe();

@ApiTags('packs')
@Controller('elections/:electionId/packs')
export class PacksController {
  constructor(
    private readonly generation: PackGenerationService,
    private readonly packs: PacksService,
    private readonly reissues: ReissueService,
    private readonly mailer: PackMailerService,
    private readonly previews: PackPreviewService,
  ) {}

  @Post()
  @Allow('administrator', 'credential_authority')
  @HttpCode(202)
  @ApiOperation({ summary: 'Start the print run for a frozen roll (a queued job; idempotent)' })
  async generate(@Param('electionId', uuid) electionId: string, @Body() dto: GeneratePacksDto, @CurrentStaff() me: SignedInStaff): Promise<{ jobId: string }> {
    return this.generation.request(electionId, dto.template ?? 'default', dto.language ?? 'en', actorOf(me));
  }

  @Post('retry')
  @Allow('administrator', 'credential_authority')
  @HttpCode(202)
  @ApiOperation({ summary: 'Queue again the print batches of an unfinished run that have no file yet (after a batch failed every attempt)' })
  @ApiConflictResponse({ description: 'packs_already_generated' })
  retry(@Param('electionId', uuid) electionId: string, @CurrentStaff() me: SignedInStaff): Promise<{ batches: number[] }> {
    return this.generation.retry(electionId, actorOf(me));
  }

  @Get()
  @Allow('administrator', 'credential_authority', 'observer')
  @ApiOperation({ summary: 'Progress of the print run (done/total, packs/s, ETA) and the packs by status' })
  status(@Param('electionId', uuid) electionId: string): Promise<PacksStatusDto> {
    return this.packs.status(electionId);
  }

  @Get('manifest.csv')
  @Allow('administrator', 'credential_authority')
  @ApiOperation({ summary: 'Batch, sequence, pack serial and page range of every printed pack (no codes)' })
  async manifest(@Param('electionId', uuid) electionId: string): Promise<StreamableFile> {
    const file = path.join(await this.packs.outputDir(electionId), 'manifest.csv');
    return new StreamableFile(fs.createReadStream(file), { type: 'text/csv; charset=utf-8', disposition: 'attachment; filename="manifest.csv"' });
  }

  @Get('batches/:batch')
  @Allow('credential_authority')
  @ApiOperation({ summary: 'One print batch PDF (the printer’s file; it contains every code of its packs)' })
  async batch(@Param('electionId', uuid) electionId: string, @Param('batch', ParseIntPipe) batch: number): Promise<StreamableFile> {
    const file = path.join(await this.packs.outputDir(electionId), batchFileName(batch));
    if (!fs.existsSync(file)) throw packsError('batch_not_found', `No print batch ${batch}.`);
    return new StreamableFile(fs.createReadStream(file), { type: 'application/pdf', disposition: `attachment; filename="${batchFileName(batch)}"` });
  }

  @Get('preview.png')
  @Allow('administrator', 'credential_authority')
  @Header('Cache-Control', 'private, no-store')
  @ApiOperation({ summary: 'One page of a member’s pack as an image, laid out as printed with the member’s name and address but placeholders for every code' })
  async preview(@Param('electionId', uuid) electionId: string, @Query() q: PreviewQueryDto): Promise<StreamableFile> {
    return new StreamableFile(await this.previews.preview(electionId, q.member, q.page ?? 1), { type: 'image/png' });
  }

  @Post('reissues')
  @Allow('administrator')
  @ApiOperation({ summary: 'Replace a member’s pack (lost, damaged, never arrived): void it and assign a spare credential; refused once the member has voted' })
  @ApiConflictResponse({ description: 'member_has_voted, no_spare_credentials, reissue_not_possible' })
  async reissue(@Param('electionId', uuid) electionId: string, @Body() dto: ReissueDto, @CurrentStaff() me: SignedInStaff): Promise<ReissueResultDto> {
    return this.reissues.reissue(electionId, dto.memberNumber, dto.reason, dto.delivery, actorOf(me));
  }

  @Get('reissues/:serial')
  @Allow('credential_authority')
  @ApiOperation({ summary: 'The printed replacement pack (PDF with the new codes), once the job has rendered it' })
  async reissued(@Param('electionId', uuid) electionId: string, @Param('serial', ParseIntPipe) serial: number): Promise<StreamableFile> {
    const file = this.reissues.reissueFile(electionId, serial);
    if (!file) throw packsError('reissue_not_printed', `No printed replacement pack ${serial} (yet).`);
    return new StreamableFile(fs.createReadStream(file), { type: 'application/pdf', disposition: `attachment; filename="${path.basename(file)}"` });
  }

  @Get('deliveries')
  @Allow('administrator', 'credential_authority')
  @ApiOperation({ summary: 'E-mailed packs and how their delivery went (filter by state, e.g. undeliverable: those members need a pack by post)' })
  deliveries(@Param('electionId', uuid) electionId: string, @Query() q: DeliveryQueryDto) {
    return this.mailer.list(electionId, q.state);
  }

  @Post('deliveries/:serial/undeliverable')
  @Allow('administrator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a bounce reported after sending; then reissue the member’s pack by post' })
  undeliverable(@Param('electionId', uuid) electionId: string, @Param('serial', ParseIntPipe) serial: number, @Body() dto: UndeliverableDto, @CurrentStaff() me: SignedInStaff) {
    return this.mailer.markUndeliverable(electionId, serial, dto.detail, actorOf(me));
  }
}
