import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateStaffDto, StaffDto, UpdateStaffDto } from 'src/auth/auth.dto';
import { actorOf, SignedInStaff } from 'src/auth/auth.service';
import { CurrentStaff } from 'src/auth/current-staff.decorator';
import { toStaffDto } from 'src/auth/staff.mapper';
import { StaffService } from 'src/auth/staff.service';
import { Allow } from 'src/platform/http/access.decorators';

@ApiTags('staff')
@Controller('staff')
@Allow('administrator')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Get()
  async list(): Promise<StaffDto[]> {
    return (await this.staff.list()).map(toStaffDto);
  }

  @Post()
  async create(@Body() dto: CreateStaffDto, @CurrentStaff() me: SignedInStaff): Promise<StaffDto> {
    return toStaffDto(await this.staff.create(dto, actorOf(me)));
  }

  @Patch(':id')
  async update(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Body() dto: UpdateStaffDto,
    @CurrentStaff() me: SignedInStaff,
  ): Promise<StaffDto> {
    return toStaffDto(await this.staff.setDisabled(id, dto.disabled, actorOf(me)));
  }
}
