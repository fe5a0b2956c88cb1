import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, SignedInStaff } from 'src/auth/auth.service';
import { CurrentStaff } from 'src/auth/current-staff.decorator';
import { CreateElectionDto, ElectionDto, EventDto, EventQueryDto, TransitionDto, UpdateElectionDto } from 'src/elections/elections.dto';
import { toElectionDto, toEventDto } from 'src/elections/elections.mapper';
import { ElectionsService, NextStep } from 'src/elections/elections.service';
import { ChainCheck, EventLogService } from 'src/events/event-log.service';
import { Allow, ROLES } from 'src/platform/http/access.decorators';

const uuid = new ParseUUIDPipe();

@ApiTags('elections')
@Controller('elections')
export class ElectionsController {
  constructor(
    private readonly elections: ElectionsService,
    private readonly events: EventLogService,
  ) {}

  @Get()
  @Allow(...ROLES)
  async list(): Promise<ElectionDto[]> {
    return (await this.elections.list()).map(toElectionDto);
  }

  @Post()
  @Allow('administrator')
  @ApiOperation({ summary: 'Create a draft election' })
  async create(@Body() dto: CreateElectionDto, @CurrentStaff() me: SignedInStaff): Promise<ElectionDto> {
    return toElectionDto(await this.elections.create(dto, actorOf(me)));
  }

  @Get(':id')
  @Allow(...ROLES)
  async get(@Param('id', uuid) id: string): Promise<ElectionDto> {
    return toElectionDto(await this.elections.get(id));
  }

  @Patch(':id')
  @Allow('administrator')
  @ApiOperation({ summary: 'Edit a draft; 409 once the roll is frozen, or when `version` is stale' })
  async update(@Param('id', uuid) id: string, @Body() dto: UpdateElectionDto, @CurrentStaff() me: SignedInStaff): Promise<ElectionDto> {
    const { version, ...patch } = dto;
    return toElectionDto(await this.elections.update(id, patch, version, actorOf(me)));
  }

  @Get(':id/lifecycle')
  @Allow('administrator', 'observer')
  @ApiOperation({ summary: 'Current status, the possible next statuses and what blocks each (pre-launch checklist)' })
  async lifecycle(@Param('id', uuid) id: string): Promise<{ status: string; next: NextStep[] }> {
    return this.elections.nextSteps(id);
  }

  @Post(':id/transitions')
  @Allow('administrator')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the election to another status' })
  @ApiConflictResponse({ description: 'illegal_transition, transition_blocked (with problems) or transition_not_manual' })
  async transition(@Param('id', uuid) id: string, @Body() dto: TransitionDto, @CurrentStaff() me: SignedInStaff): Promise<ElectionDto> {
    return toElectionDto(await this.elections.transition(id, dto.to, actorOf(me), { reason: dto.reason }));
  }

  @Get(':id/events')
  @Allow('administrator', 'observer')
  @ApiOperation({ summary: 'The election’s event log, oldest first; page with `after`' })
  async listEvents(@Param('id', uuid) id: string, @Query() q: EventQueryDto): Promise<EventDto[]> {
    await this.elections.get(id);
    const rows = await this.events.list({
      electionId: id,
      stream: q.stream,
      type: q.type,
      actorId: q.actor,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      afterId: q.after,
      limit: q.limit ?? 100,
    });
    return rows.map(toEventDto);
  }

  @Get(':id/events/integrity')
  @Allow('administrator', 'observer')
  @ApiOperation({ summary: 'Recompute every hash link of the election’s event chains' })
  async integrity(@Param('id', uuid) id: string): Promise<{ ok: boolean; chains: ChainCheck[] }> {
    await this.elections.get(id);
    const chains = await this.events.verifyElection(id);
    return { ok: chains.every((c) => c.ok), chains };
  }
}
