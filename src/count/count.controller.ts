import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { actorOf, SignedInStaff } from 'src/auth/auth.service';
import { CurrentStaff } from 'src/auth/current-staff.decorator';
import { CountBatchesService } from 'src/count/count-batches.service';
import {
  BatchDto,
  CloseBatchDto,
  CountSummaryDto,
  CreateBatchDto,
  EntryGroupDto,
  EntryResultDto,
  KeyedEntryDto,
  ResolveEntriesDto,
  UpdateBatchDto,
} from 'src/count/count.dto';
import { KeyedEntryService, ResolveResult } from 'src/count/keyed-entry.service';
import { Allow } from 'src/platform/http/access.decorators';

const uuid = new ParseUUIDPipe();

@ApiTags('count')
@Controller('elections/:electionId/count')
export class CountController {
  constructor(
    private readonly batches: CountBatchesService,
    private readonly entries: KeyedEntryService,
  ) {}

  @Post('batches')
  @Allow('count_staff', 'count_supervisor')
  @ApiOperation({ summary: 'Open a count batch (the election must be counting)' })
  create(@Param('electionId', uuid) electionId: string, @Body() dto: CreateBatchDto, @CurrentStaff() me: SignedInStaff): Promise<BatchDto> {
    return this.batches.create(electionId, dto, actorOf(me));
  }

  @Get('batches')
  @Allow('count_staff', 'count_supervisor', 'administrator', 'observer')
  list(@Param('electionId', uuid) electionId: string): Promise<BatchDto[]> {
    return this.batches.list(electionId);
  }

  @Get('batches/:batchId')
  @Allow('count_staff', 'count_supervisor', 'administrator', 'observer')
  @ApiOperation({ summary: 'A batch with its reconciliation figures' })
  get(@Param('electionId', uuid) electionId: string, @Param('batchId', uuid) batchId: string): Promise<BatchDto> {
    return this.batches.get(electionId, batchId);
  }

  @Patch('batches/:batchId')
  @Allow('count_staff', 'count_supervisor')
  @ApiOperation({ summary: 'Set or correct the number of envelopes opened, until the batch is closed' })
  update(
    @Param('electionId', uuid) electionId: string,
    @Param('batchId', uuid) batchId: string,
    @Body() dto: UpdateBatchDto,
    @CurrentStaff() me: SignedInStaff,
  ): Promise<BatchDto> {
    return this.batches.setEnvelopesOpened(electionId, batchId, dto.envelopesOpened, actorOf(me));
  }

  @Post('batches/:batchId/records')
  @Allow('count_staff', 'count_supervisor')
  @ApiOperation({ summary: 'Key one ballot paper: 201 recorded, or 202 when a double-keyed batch waits for a second entry or a supervisor' })
  @ApiConflictResponse({ description: 'paper_already_used, batch_closed, election_not_counting, same_operator, paper_in_dispute' })
  async record(
    @Param('electionId', uuid) electionId: string,
    @Param('batchId', uuid) batchId: string,
    @Body() dto: KeyedEntryDto,
    @CurrentStaff() me: SignedInStaff,
    @Res({ passthrough: true }) res: Response,
  ): Promise<EntryResultDto> {
    const result = await this.entries.record(electionId, batchId, dto, actorOf(me));
    res.status(result.status === 'recorded' ? 201 : 202);
    return result;
  }

  @Post('batches/:batchId/close')
  @Allow('count_staff', 'count_supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a batch that reconciles; a supervisor may close one that does not by giving mismatchReason' })
  @ApiConflictResponse({ description: 'batch_does_not_reconcile (with envelopesOpened and recorded), batch_has_unsettled_entries, envelopes_not_counted' })
  close(
    @Param('electionId', uuid) electionId: string,
    @Param('batchId', uuid) batchId: string,
    @Body() dto: CloseBatchDto,
    @CurrentStaff() me: SignedInStaff,
  ): Promise<BatchDto> {
    return this.batches.close(electionId, batchId, dto.mismatchReason, actorOf(me));
  }

  // The entries themselves are hidden from count staff: the second operator keys blind.
  @Get('batches/:batchId/entries')
  @Allow('count_supervisor', 'administrator', 'observer')
  @ApiOperation({ summary: 'Papers of a double-keyed batch keyed once or in dispute, with every entry' })
  unsettled(@Param('electionId', uuid) electionId: string, @Param('batchId', uuid) batchId: string): Promise<EntryGroupDto[]> {
    return this.entries.unsettled(electionId, batchId);
  }

  @Post('batches/:batchId/entries/:groupId/resolve')
  @Allow('count_supervisor')
  @HttpCode(200)
  @ApiOperation({ summary: 'Settle a paper’s entries: acceptEntry, the paper’s content keyed again, or discard: true' })
  resolve(
    @Param('electionId', uuid) electionId: string,
    @Param('batchId', uuid) batchId: string,
    @Param('groupId', uuid) groupId: string,
    @Body() dto: ResolveEntriesDto,
    @CurrentStaff() me: SignedInStaff,
  ): Promise<ResolveResult> {
    return this.entries.resolve(electionId, batchId, groupId, dto, actorOf(me));
  }

  @Get('summary')
  @Allow('count_staff', 'count_supervisor', 'administrator', 'observer')
  @ApiOperation({ summary: 'Per batch and in total: envelopes opened, papers recorded by kind, reconciliation; the postal result per answer' })
  summary(@Param('electionId', uuid) electionId: string): Promise<CountSummaryDto> {
    return this.batches.summary(electionId);
  }
}
