import { Controller, Get, Header, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { BallotBoardService } from 'src/ballot-box/ballot-board.service';
import { ballotBoxError } from 'src/ballot-box/ballot-box.errors';
import { Public } from 'src/platform/http/access.decorators';

const uuid = new ParseUUIDPipe();

function pageLimit(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^[0-9]{1,4}$/.test(raw)) throw ballotBoxError('invalid_page', 'limit must be a whole number from 1 to 1000.');
  return Number(raw);
}

@ApiTags('ballot box')
@Controller('elections/:electionId/ballot-box')
export class BallotBoxController {
  constructor(private readonly board: BallotBoardService) {}

  @Get('election')
  @Public()
  @ApiOperation({ summary: 'The Belenios election.json ballots are made for (404 before the election opens)' })
  async election(@Param('electionId', uuid) electionId: string, @Res() res: Response): Promise<void> {
    // Sent as stored: its hash is the election fingerprint every ballot carries.
    const raw = await this.board.electionJson(electionId);
    res.status(200).type('application/json').send(raw);
  }

  @Get('trackers')
  @Public()
  @ApiOperation({ summary: 'The public board: trackers in order with their status, paged' })
  trackers(@Param('electionId', uuid) electionId: string, @Query('after') after?: string, @Query('limit') limit?: string) {
    return this.board.trackers(electionId, after, pageLimit(limit));
  }

  @Get('trackers/:tracker')
  @Public()
  tracker(@Param('electionId', uuid) electionId: string, @Param('tracker') tracker: string) {
    return this.board.tracker(electionId, tracker);
  }

  @Get('credentials')
  @Public()
  @ApiOperation({ summary: 'Public credentials used by a ballot that start with a 4-hex prefix (k-anonymous check for postal voters)' })
  credentials(@Param('electionId', uuid) electionId: string, @Query('prefix') prefix?: string) {
    return this.board.credentials(electionId, prefix);
  }

  @Get('archive')
  @Public()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'The Belenios archive (.bel) of the ballot box now' })
  async archive(@Param('electionId', uuid) electionId: string, @Res() res: Response): Promise<void> {
    const { filename, bytes } = await this.board.archive(electionId);
    res.status(200).type('application/octet-stream').attachment(filename).send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  }
}
