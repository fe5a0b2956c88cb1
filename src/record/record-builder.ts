import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Inject, Injectable } from '@nestjs/common';
import { ElectionsService } from 'src/elections/elections.service';
import { APP_CONFIG, AppConfig } from 'src/platform/config/app-config';
import { PrecedenceService } from 'src/precedence/precedence.service';
import {
  archivePath,
  batchesJson,
  credentialList,
  cvrLine,
  electionJson,
  jsonFile,
  MANIFEST_PATH,
  RECORD_PATHS,
  RecordFile,
  SUMS_PATH,
  supersededLine,
} from 'src/record/record-format';
import { recordPaths } from 'src/record/record-paths';
import { RecordRepository } from 'src/record/record.repository';
import { RecordDirWriter } from 'src/record/record-writer';
import { writeRecordZip } from 'src/record/record-zip';
import { TALLY_OUTCOME, TallyOutcome } from 'src/record/tally-outcome';

export interface BuiltRecord {
  files: RecordFile[];
  manifestSha256: string;
  zipBytes: number;
}

/**
 * Writes one election's record (docs/RECORD.md) from the database and the tally. The same
 * data gives the same bytes, so a repeated build (a retried job) changes nothing. The record is
 * written beside the published one and swapped in whole: a crash leaves the old record or the
 * new one, never half of one.
 */
@Injectable()
export class RecordBuilder {
  constructor(
    private readonly repo: RecordRepository,
    private readonly elections: ElectionsService,
    private readonly precedence: PrecedenceService,
    @Inject(TALLY_OUTCOME) private readonly tally: TallyOutcome,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async build(electionId: string): Promise<BuiltRecord> {
    const paths = recordPaths(this.config.dataDir, electionId);
    await fs.promises.mkdir(paths.root, { recursive: true });
    await removeLeftovers(paths.root);
    const tmp = path.join(paths.root, `.tmp-${randomUUID()}`);
    const tmpZip = path.join(paths.root, `.tmp-${randomUUID()}.zip`);
    try {
      const written = await this.writeFiles(electionId, new RecordDirWriter(tmp));
      const zipBytes = await writeRecordZip(tmp, [...written.files.map((f) => f.path), MANIFEST_PATH, SUMS_PATH], tmpZip);
      await swapDir(tmp, paths.dir, paths.root);
      await fs.promises.rename(tmpZip, paths.zip);
      return { ...written, zipBytes };
    } finally {
      await fs.promises.rm(tmp, { recursive: true, force: true });
      await fs.promises.rm(tmpZip, { force: true });
    }
  }

  private async writeFiles(electionId: string, w: RecordDirWriter) {
    const e = await this.elections.get(electionId);
    await w.write(RECORD_PATHS.election, electionJson(e));
    const archive = await this.tally.onlineArchive(electionId);
    if (archive) await w.write(archivePath(e.beleniosUuid), archive);
    const superseded = await this.tally.superseded(electionId);
    await w.write(RECORD_PATHS.superseded, lines(superseded, supersededLine));
    await w.write(RECORD_PATHS.cvrs, mapLines(this.repo.cvrsInIdOrder(electionId), cvrLine));
    await w.write(RECORD_PATHS.batches, batchesJson(await this.repo.batchFigures(electionId)));
    await w.write(RECORD_PATHS.countedCredentials, credentialList(await this.repo.countedPostalCredentials(electionId)));
    await w.write(RECORD_PATHS.voided, credentialList(await this.repo.voidedCredentials(electionId)));
    const result = await this.tally.mergedResult(electionId);
    if (result === null) throw new Error('The merged result is not computed yet: the record is built once the result is ready.');
    await w.write(RECORD_PATHS.result, jsonFile(result));
    await w.write(RECORD_PATHS.precedence, jsonFile(await this.precedence.report(electionId)));
    return w.finish(electionId);
  }
}

async function* lines<T>(items: readonly T[], line: (item: T) => string): AsyncGenerator<string> {
  for (const item of items) yield line(item);
}

async function* mapLines<T>(items: AsyncIterable<T>, line: (item: T) => string): AsyncGenerator<string> {
  for await (const item of items) yield line(item);
}

/** Temporary files older than this were left by a crashed build (a live one is much younger). */
const LEFTOVER_MS = 6 * 3600_000;

/** Directories and zips a crashed build left behind; another build's live ones are kept. */
async function removeLeftovers(root: string): Promise<void> {
  const cutoff = Date.now() - LEFTOVER_MS;
  for (const name of await fs.promises.readdir(root)) {
    if (!name.startsWith('.tmp-') && !name.startsWith('.old-')) continue;
    const file = path.join(root, name);
    const stat = await fs.promises.stat(file).catch(() => null);
    if (stat && stat.mtimeMs < cutoff) await fs.promises.rm(file, { recursive: true, force: true });
  }
}

/**
 * A directory cannot be renamed over a non-empty one: the old record moves aside first and is
 * deleted once the new one is in place. Two builds of one election (a job taken over from a
 * worker thought dead) may swap at once; they wrote the same bytes, so whichever lands last wins.
 */
async function swapDir(from: string, to: string, root: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const old = path.join(root, `.old-${randomUUID()}`);
    const hadOld = await fs.promises.rename(to, old).then(
      () => true,
      (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return false;
        throw err;
      },
    );
    try {
      await fs.promises.rename(from, to);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (attempt >= 5 || (code !== 'ENOTEMPTY' && code !== 'EEXIST')) throw err;
    } finally {
      if (hadOld) await fs.promises.rm(old, { recursive: true, force: true });
    }
  }
}
