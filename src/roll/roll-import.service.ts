import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { stringify } from 'csv-stringify';
import { EntityManager } from 'typeorm';
import { ElectionEntity } from 'src/elections/election.entity';
import { ElectionsService } from 'src/elections/elections.service';
import { Actor } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { Transactions } from 'src/platform/database/transactions';
import { neutraliseCell } from 'src/roll/csv/csv-safety';
import { readRollFile, RollFileError, RollFileSummary } from 'src/roll/csv/roll-file-reader';
import { RowValidator, todayIso } from 'src/roll/csv/row-validator';
import { RollImportEntity } from 'src/roll/roll-import.entity';
import { RollImportsRepository } from 'src/roll/roll-imports.repository';
import { RollIssueEntity } from 'src/roll/roll-issue.entity';
import { RollMembersRepository } from 'src/roll/roll-members.repository';
import { rollError } from 'src/roll/roll.errors';
import { RowIssue } from 'src/roll/roll.types';
import { storeUpload } from 'src/roll/upload-store';

export interface UploadInput {
  body: NodeJS.ReadableStream;
  contentType: string | undefined;
  contentLength: number | undefined;
}

export interface CommitOptions {
  /** Keep members missing from the new file as they were, instead of marking them removed. */
  keepMissing?: boolean;
  /** Commit the valid rows of a file that has bad rows; the bad rows are left out. */
  acceptInvalidRows?: boolean;
}

// Browsers label .csv files inconsistently (Windows says Excel); all of these are CSV text.
const CSV_TYPES = new Set(['text/csv', 'application/csv', 'text/plain', 'application/vnd.ms-excel']);
const STAGE_BATCH = 5000;

/** The roll may be replaced by an import only while the election is a draft (DESIGN.md §3). */
export function assertImportable(e: ElectionEntity): void {
  if (e.status !== 'draft') {
    throw rollError('roll_frozen', `The roll is frozen (the election is ${e.status}); change it with amendments.`, { status: e.status });
  }
}

/**
 * Upload → validation report → commit or discard. Validated rows are bulk-loaded once, as a new
 * roll version; committing switches the election to it in one transaction, carrying forward the
 * members the file lacks, so a failure at any point leaves the previous roll as it was.
 */
@Injectable()
export class RollImportService {
  private readonly logger = new Logger('roll');

  constructor(
    private readonly imports: RollImportsRepository,
    private readonly members: RollMembersRepository,
    private readonly elections: ElectionsService,
    private readonly events: EventLogService,
    private readonly tx: Transactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async upload(electionId: string, input: UploadInput, actor: Actor): Promise<RollImportEntity> {
    const mediaType = (input.contentType ?? '').split(';')[0].trim().toLowerCase();
    if (!CSV_TYPES.has(mediaType)) {
      throw rollError('upload_media_type', 'Send the roll as a CSV file (Content-Type: text/csv).', { accepted: [...CSV_TYPES] });
    }
    const limit = this.config.limits.uploadBytes;
    if (input.contentLength !== undefined && input.contentLength > limit) {
      throw rollError('upload_too_large', `The file is larger than the upload limit of ${limit} bytes.`, { limit });
    }
    assertImportable(await this.elections.get(electionId));
    await this.purgeUnusedVersions();

    const stored = await storeUpload(input.body, path.join(this.config.dataDir, 'uploads'), limit);
    try {
      const base = await this.imports.findCommitted(electionId);
      const imp = newImport(electionId, 'file', actor, base?.id ?? null);
      imp.fileSha256 = stored.sha256;
      imp.fileBytes = stored.bytes;
      await this.tx.run((m) => this.imports.insert(m, imp));
      return await this.validate(imp, stored.path);
    } finally {
      await fs.promises.rm(stored.path, { force: true });
    }
  }

  private async validate(imp: RollImportEntity, file: string): Promise<RollImportEntity> {
    const writer = await this.members.openBulkWriter(imp.id);
    let summary: RollFileSummary | undefined;
    let seq = 1;
    try {
      const validator = new RowValidator({ today: todayIso() });
      for await (const batch of readRollFile(file, validator, { batchSize: STAGE_BATCH, onSummary: (s) => (summary = s) })) {
        if (batch.members.length > 0) await writer.write(batch.members);
        if (batch.issues.length > 0) seq = await this.imports.insertIssues(imp.id, batch.issues, seq);
      }
      await writer.finish();
    } catch (e) {
      await writer.abort();
      await this.members.purgeVersions([imp.id]);
      if (e instanceof RollFileError) {
        imp.status = 'rejected';
        imp.failure = e.message;
        await this.tx.run((m) => this.imports.save(m, imp));
        throw rollError(e.code, e.message, { importId: imp.id, ...(e.line ? { line: e.line } : {}), ...(e.problems ? { problems: e.problems } : {}) });
      }
      imp.status = 'failed';
      imp.failure = 'The import stopped on an internal error; upload the file again.';
      await this.tx.run((m) => this.imports.save(m, imp)).catch(() => undefined);
      throw e;
    }
    const s = summary!;
    await this.members.refreshStatistics();

    // Duplicates need the whole file: the database finds them in one set-based pass, and every
    // occurrence is refused, because which one is right is for the administrator to decide.
    const duplicates = await this.members.findDuplicates(imp.id);
    if (duplicates.length > 0) {
      const issues: RowIssue[] = duplicates.map((d) => ({
        line: d.position,
        column: 'member_number',
        code: 'duplicate_member_number',
        message: d.position === d.first ? 'member number appears again later in the file' : `member number already on line ${d.first}`,
      }));
      seq = await this.imports.insertIssues(imp.id, issues, seq);
      await this.members.deleteDuplicates(imp.id);
    }
    const cmp = await this.members.compare(imp.id, imp.baseImportId);

    Object.assign(imp, {
      status: 'ready',
      rows: s.rows,
      valid: s.valid - duplicates.length,
      invalid: s.invalid + duplicates.length,
      duplicates: duplicates.length,
      ...cmp,
      issueCount: seq - 1,
      lastPosition: s.lastLine,
      validatedAt: new Date(),
    } satisfies Partial<RollImportEntity>);
    await this.tx.run((m) => this.imports.save(m, imp));
    this.logger.log({ importId: imp.id, electionId: imp.electionId, rows: s.rows, invalid: imp.invalid }, 'roll import validated');
    return imp;
  }

  async get(electionId: string, importId: string): Promise<RollImportEntity> {
    const imp = await this.imports.findById(electionId, importId);
    if (!imp) throw rollError('import_not_found', 'No roll import with this id for this election.');
    return imp;
  }

  list(electionId: string): Promise<RollImportEntity[]> {
    return this.imports.listNewestFirst(electionId, 50);
  }

  async issues(electionId: string, importId: string, offset: number, limit: number): Promise<RollIssueEntity[]> {
    await this.get(electionId, importId);
    return this.imports.issuesPage(importId, offset, limit);
  }

  /** The validation report as CSV, streamed page by page. */
  async reportCsv(electionId: string, importId: string): Promise<Readable> {
    await this.get(electionId, importId);
    const imports = this.imports;
    async function* rows() {
      yield ['line', 'column', 'code', 'message'];
      for (let offset = 0; ; offset += 5000) {
        const page = await imports.issuesPage(importId, offset, 5000);
        for (const x of page) yield [String(x.line), x.column ?? '', x.code, x.message].map(neutraliseCell);
        if (page.length < 5000) return;
      }
    }
    return Readable.from(rows()).pipe(stringify({ bom: true }));
  }

  async commit(electionId: string, importId: string, options: CommitOptions, actor: Actor): Promise<RollImportEntity> {
    const { imp, baseId } = await this.tx.run(async (m) => {
      assertImportable(await this.elections.lockForUpdate(m, electionId));
      const imp = await this.lockReady(m, electionId, importId);
      if (imp.invalid > 0 && !options.acceptInvalidRows) {
        throw rollError('import_has_errors', `${imp.invalid} rows have errors: correct the file and upload it again, or accept leaving them out.`, {
          invalid: imp.invalid,
        });
      }
      const current = await this.imports.findCommitted(electionId, m);
      if ((current?.id ?? null) !== imp.baseImportId) {
        throw rollError('import_stale', 'Another roll was committed after this file was checked; upload it again to compare with the current roll.');
      }
      const keepMissing = options.keepMissing ?? false;
      if (current) {
        imp.lastPosition = await this.members.carryForwardMissing(m, current.id, imp.id, imp.lastPosition, keepMissing);
        current.status = 'superseded';
        await this.imports.save(m, current);
      }
      Object.assign(imp, {
        status: 'committed',
        keepMissing,
        skippedInvalid: imp.invalid > 0,
        committedAt: new Date(),
        committedBy: actor.kind === 'staff' ? actor.staffId : null,
      } satisfies Partial<RollImportEntity>);
      await this.imports.save(m, imp);
      await this.events.append(m, {
        electionId,
        type: 'roll.import_committed',
        actor,
        data: {
          importId: imp.id,
          replaced: current?.id ?? null,
          fileSha256: imp.fileSha256,
          rows: imp.rows,
          members: imp.valid,
          skippedInvalidRows: imp.invalid,
          newMembers: imp.newMembers,
          updatedMembers: imp.updatedMembers,
          unchangedMembers: imp.unchangedMembers,
          missingMembers: imp.missingMembers,
          missingMembersKept: keepMissing,
        },
      });
      return { imp, baseId: current?.id ?? null };
    });
    // The superseded version is garbage now; if this fails, the next upload sweeps it.
    if (baseId) await this.members.purgeVersions([baseId]).catch(() => undefined);
    return imp;
  }

  async discard(electionId: string, importId: string, actor: Actor): Promise<RollImportEntity> {
    const imp = await this.tx.run(async (m) => {
      const imp = await this.lockReady(m, electionId, importId);
      imp.status = 'discarded';
      await this.imports.save(m, imp);
      await this.events.append(m, { electionId, type: 'roll.import_discarded', actor, data: { importId, fileSha256: imp.fileSha256 } });
      return imp;
    });
    await this.members.purgeVersions([imp.id]).catch(() => undefined);
    return imp;
  }

  private async lockReady(m: EntityManager, electionId: string, importId: string): Promise<RollImportEntity> {
    const imp = await this.imports.lockById(m, electionId, importId);
    if (!imp) throw rollError('import_not_found', 'No roll import with this id for this election.');
    if (imp.status !== 'ready') {
      throw rollError('import_not_ready', `This import is ${imp.status}; only a checked import that is ready can be committed or discarded.`, {
        status: imp.status,
      });
    }
    return imp;
  }

  private async purgeUnusedVersions(): Promise<void> {
    const ids = await this.imports.idsWithStatus(['superseded', 'discarded', 'rejected', 'failed']);
    await this.members.purgeVersions(ids);
  }
}

export function newImport(electionId: string, source: RollImportEntity['source'], actor: Actor, baseImportId: string | null): RollImportEntity {
  return {
    id: randomUUID(),
    electionId,
    status: 'validating',
    source,
    baseImportId,
    fileSha256: null,
    fileBytes: 0,
    rows: 0,
    valid: 0,
    invalid: 0,
    duplicates: 0,
    newMembers: 0,
    updatedMembers: 0,
    unchangedMembers: 0,
    missingMembers: 0,
    issueCount: 0,
    lastPosition: 0,
    failure: null,
    keepMissing: null,
    skippedInvalid: null,
    createdBy: actor.kind === 'staff' ? actor.staffId : null,
    createdAt: new Date(),
    validatedAt: null,
    committedBy: null,
    committedAt: null,
  };
}
