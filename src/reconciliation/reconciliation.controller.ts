import { Controller, Get, Header, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow } from 'src/platform/http/access.decorators';
import { ReconciliationDto } from 'src/reconciliation/reconciliation.dto';
import { ReconciliationService } from 'src/reconciliation/reconciliation.service';
import { Reconciliation } from 'src/reconciliation/reconciliation.types';

const uuid = new ParseUUIDPipe();

@ApiTags('reconciliation')
@Controller('elections/:electionId/reconciliation')
export class ReconciliationController {
  constructor(private readonly reconciliation: ReconciliationService) {}

  @Get()
  // The dashboard asks again every few seconds during the poll: never a cached, stale answer.
  @Header('Cache-Control', 'no-store')
  @Allow('administrator', 'observer')
  @ApiOperation({ summary: 'Every stage of both channels in figures, the balances that must add up, and turnout over time (docs/CONSOLE.md)' })
  @ApiOkResponse({ type: ReconciliationDto })
  @ApiNotFoundResponse({ description: 'election_not_found' })
  figures(@Param('electionId', uuid) electionId: string): Promise<Reconciliation> {
    return this.reconciliation.figures(electionId);
  }
}
