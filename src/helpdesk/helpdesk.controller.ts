import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ElectionsService } from 'src/elections/elections.service';
import { PackLookupService } from 'src/packs/pack-lookup.service';
import { PrecedenceService } from 'src/precedence/precedence.service';
import { Allow } from 'src/platform/http/access.decorators';
import { RollService } from 'src/roll/roll.service';

const uuid = new ParseUUIDPipe();

/**
 * What headquarters' helpdesk may tell a member who phones: whether their vote is in, by which
 * channel, why an attempt was refused, and whether their pack was replaced — never how they voted
 * (nothing here could say it: the ballot is encrypted, the paper anonymous).
 */
@ApiTags('helpdesk')
@Controller('elections/:electionId/members/:memberNumber')
export class HelpdeskController {
  constructor(
    private readonly elections: ElectionsService,
    private readonly roll: RollService,
    private readonly packs: PackLookupService,
    private readonly precedence: PrecedenceService,
  ) {}

  @Get('status')
  @Allow('administrator')
  @ApiOperation({ summary: 'A member’s voting status for the helpdesk: not voted, voted online, postal received / held / pulled, last refusal, packs' })
  async status(@Param('electionId', uuid) electionId: string, @Param('memberNumber') memberNumber: string) {
    await this.elections.get(electionId);
    const [facts, view, packs] = await Promise.all([
      this.roll.memberFacts(electionId, memberNumber),
      this.precedence.helpdeskView(electionId, memberNumber),
      this.packs.memberPacks(electionId, memberNumber),
    ]);
    return {
      memberNumber,
      eligible: facts.eligible,
      channelRestriction: facts.restriction,
      ...view,
      packs: packs.map((p) => ({ serial: p.serial, status: p.status, delivery: p.delivery, voidedAt: p.voidedAt?.toISOString() ?? null })),
      packReplaced: packs.some((p) => p.status === 'voided'),
    };
  }
}
