import { Body, Controller, Get, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, SignedInStaff } from 'src/auth/auth.service';
import { CurrentStaff } from 'src/auth/current-staff.decorator';
import { Allow, ROLES } from 'src/platform/http/access.decorators';
import { ownersOf } from 'src/trustees/trustee-kinds';
import { TrusteeEntity } from 'src/trustees/trustee.entity';
import { AddTrusteeDto, TrusteeDto } from 'src/trustees/trustees.dto';
import { TrusteesService } from 'src/trustees/trustees.service';

const uuid = new ParseUUIDPipe();

const toDto = (t: TrusteeEntity, owners: number[]): TrusteeDto => ({ position: t.position, kind: t.kind, name: t.name, publicKey: t.publicKey, owners, addedAt: t.addedAt.toISOString() });

@ApiTags('trustees')
@Controller('elections/:electionId/trustees')
export class TrusteesController {
  constructor(private readonly trustees: TrusteesService) {}

  @Post()
  @Allow('administrator')
  @ApiOperation({ summary: 'Register a single trustee key or a Pedersen group (checked in full); before the election opens' })
  async add(@Param('electionId', uuid) electionId: string, @Body() dto: AddTrusteeDto, @CurrentStaff() me: SignedInStaff): Promise<TrusteeDto> {
    const { row, owners } = await this.trustees.add(electionId, dto, actorOf(me));
    return toDto(row, owners);
  }

  @Get()
  @Allow(...ROLES)
  async list(@Param('electionId', uuid) electionId: string): Promise<TrusteeDto[]> {
    const rows = await this.trustees.list(electionId);
    const owners = ownersOf(rows);
    return rows.map((t, i) => toDto(t, owners[i]));
  }
}
