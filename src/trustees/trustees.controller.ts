import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, SignedInStaff } from 'src/auth/auth.service';
import { CurrentStaff } from 'src/auth/current-staff.decorator';
import { Allow, ROLES } from 'src/platform/http/access.decorators';
import { AddTrusteeDto, TrusteeDto } from 'src/trustees/trustees.dto';
import { toTrusteeDto, toTrusteeDtos } from 'src/trustees/trustees.mapper';
import { TrusteesService } from 'src/trustees/trustees.service';

const uuid = new ParseUUIDPipe();

@ApiTags('trustees')
@Controller('elections/:electionId/trustees')
export class TrusteesController {
  constructor(private readonly trustees: TrusteesService) {}

  @Post()
  @Allow('administrator')
  @ApiOperation({ summary: 'Register a single trustee key or a Pedersen group (checked in full); before the election opens' })
  async add(@Param('electionId', uuid) electionId: string, @Body() dto: AddTrusteeDto, @CurrentStaff() me: SignedInStaff): Promise<TrusteeDto> {
    const { row, owners } = await this.trustees.add(electionId, dto, actorOf(me));
    return toTrusteeDto(row, owners);
  }

  @Get()
  @Allow(...ROLES)
  async list(@Param('electionId', uuid) electionId: string): Promise<TrusteeDto[]> {
    return toTrusteeDtos(await this.trustees.list(electionId));
  }
}
