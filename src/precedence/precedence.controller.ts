import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PrecedenceService } from 'src/precedence/precedence.service';
import { Allow } from 'src/platform/http/access.decorators';

const uuid = new ParseUUIDPipe();

@ApiTags('precedence')
@Controller('elections/:electionId/precedence')
export class PrecedenceController {
  constructor(private readonly precedence: PrecedenceService) {}

  @Get('report')
  @Allow('administrator', 'observer', 'count_supervisor')
  @ApiOperation({ summary: 'What the published rule did: attempts, refusals by reason and channel, overridden, superseded, revoted, set aside' })
  report(@Param('electionId', uuid) electionId: string) {
    return this.precedence.report(electionId);
  }
}
