import * as fs from 'node:fs/promises';
import { Injectable } from '@nestjs/common';
import { ElectionsService } from 'src/elections/elections.service';
import { RECORD_PATHS } from 'src/record/record-format';
import { RecordService } from 'src/record/record.service';
import { PrecedenceSummary, PublishedResult, PublishedResultReader, ResultJson } from 'src/results-page/published-result';
import { TallyOutcomeService } from 'src/tally/tally-outcome.service';

/**
 * The page shows what the published record says: result.json and precedence.json are read from
 * the record's own files, so the page, the PDF and the files an auditor verifies cannot differ.
 */
@Injectable()
export class RecordResultReader implements PublishedResultReader {
  constructor(
    private readonly elections: ElectionsService,
    private readonly record: RecordService,
    private readonly tally: TallyOutcomeService,
  ) {}

  async read(electionId: string): Promise<PublishedResult | null> {
    const e = await this.elections.get(electionId).catch(() => null);
    if (!e || e.status !== 'published') return null;
    const view = await this.record.view(electionId);
    if (view.status !== 'ready' || !view.manifestSha256 || view.zipBytes === null) return null;
    const result = JSON.parse(await this.readRecordFile(electionId, RECORD_PATHS.result)) as ResultJson;
    const precedence = JSON.parse(await this.readRecordFile(electionId, RECORD_PATHS.precedence)) as { decisions: PrecedenceSummary };
    const talliedAt = (await this.tally.resultAt(electionId)) ?? e.updatedAt;
    return {
      electionId: e.id,
      title: e.title,
      description: e.description,
      questions: e.questions,
      channels: e.channels,
      precedencePolicy: e.precedencePolicy,
      onlineRevoting: e.onlineRevoting,
      timeZone: e.timeline.timeZone,
      status: 'published',
      talliedAt: talliedAt.toISOString(),
      publishedAt: e.updatedAt.toISOString(),
      result,
      precedence: precedence.decisions,
      record: { manifestSha256: view.manifestSha256, zipBytes: view.zipBytes, files: view.files },
    };
  }

  private async readRecordFile(electionId: string, path: string): Promise<string> {
    return fs.readFile((await this.record.file(electionId, path)).file, 'utf8');
  }
}
