import * as fs from 'node:fs';
import { Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow } from 'src/platform/http/access.decorators';
import { PublicOncePublished } from 'src/record/published-or-staff.guard';
import { RecordService, RecordView } from 'src/record/record.service';

const uuid = new ParseUUIDPipe();

@ApiTags('record')
@Controller('elections/:electionId/record')
export class RecordController {
  constructor(private readonly record: RecordService) {}

  @Get()
  @PublicOncePublished()
  @ApiOperation({ summary: 'The election record: its status and, once built, its files with their hashes' })
  status(@Param('electionId', uuid) electionId: string): Promise<RecordView> {
    return this.record.view(electionId);
  }

  @Post()
  @Allow('administrator')
  @HttpCode(202)
  @ApiOperation({ summary: 'Build (or rebuild) the record; the build runs as a job' })
  build(@Param('electionId', uuid) electionId: string): Promise<RecordView> {
    return this.record.requestBuild(electionId, { again: true });
  }

  @Get('download')
  @PublicOncePublished()
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: 'record.zip: every file of the record' })
  async download(@Param('electionId', uuid) electionId: string, @Res() res: Response): Promise<void> {
    const { file, filename } = await this.record.zip(electionId);
    res.status(200).type('application/zip').attachment(filename);
    await send(file, res);
  }

  @Get('files/*path')
  @PublicOncePublished()
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: 'One file of the record, by its path in the manifest' })
  async file(@Param('electionId', uuid) electionId: string, @Param('path') requested: string | string[], @Res() res: Response): Promise<void> {
    // Express 5 gives a wildcard as its segments.
    const { file, contentType } = await this.record.file(electionId, Array.isArray(requested) ? requested.join('/') : requested);
    res.status(200).setHeader('Content-Type', contentType);
    await send(file, res);
  }
}

function send(file: string, res: Response): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = fs.createReadStream(file);
    stream.on('error', reject);
    res.on('finish', () => resolve());
    stream.pipe(res);
  });
}
