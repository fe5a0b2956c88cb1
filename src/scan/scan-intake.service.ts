import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { assertCounting, COUNT_STREAM, lockOpenBatch } from 'src/count/count-guards';
import { countError } from 'src/count/count.errors';
import { CountRepository } from 'src/count/count.repository';
import { type PaperContent } from 'src/count/paper-content';
import { type Question } from 'src/elections/election.types';
import { ElectionsService } from 'src/elections/elections.service';
import { Actor } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { PapersService } from 'src/packs/papers.service';
import { Transactions } from 'src/platform/database/transactions';
import { isUniqueViolation } from 'src/platform/database/unique-violation';
import {
  type AdjudicationReason,
  type BallotGeometry,
  DEFAULT_DECODE_LIMITS,
  pageDoubts,
  type PageReading,
  SCAN_MIMES,
  ScanDecodeError,
  type ScanMime,
  type ScanPage,
  type ScanThresholds,
} from 'src/scan/read';
import { readingOf, storedReading } from 'src/scan/stored-reading';
import { ScanPageResultDto, ScanUploadResultDto } from 'src/scan/scan.dto';
import { ScanPageEntity } from 'src/scan/scan.entities';
import { scanError } from 'src/scan/scan.errors';
import { ScanPagesRepository } from 'src/scan/scan-pages.repository';
import { SCAN_READER, type ScanReader } from 'src/scan/scan-reader';
import { ScanSettingsService } from 'src/scan/scan-settings.service';
import { ScanStore } from 'src/scan/scan-store';

/** What every page of one upload shares. */
interface Upload {
  electionId: string;
  batchId: string;
  questions: Question[];
  geometry: BallotGeometry;
  thresholds: ScanThresholds;
  sha256: string;
  mime: ScanMime;
  file: string;
}

type PageOutcome = ScanPageResultDto & { recorded: boolean };

/**
 * Scanned ballot papers into a count batch (DESIGN.md §7 stage 2, docs/SCANNING.md). The image
 * is decoded and read before any transaction; then, per page, the paper is checked against the
 * printed set and either recorded at once — paper claimed and record stored in the same
 * transaction as the page — or left for a supervisor with every reason it was not.
 */
@Injectable()
export class ScanIntakeService {
  constructor(
    private readonly count: CountRepository,
    private readonly scans: ScanPagesRepository,
    private readonly papers: PapersService,
    private readonly elections: ElectionsService,
    private readonly settings: ScanSettingsService,
    private readonly store: ScanStore,
    private readonly events: EventLogService,
    private readonly tx: Transactions,
    @Inject(SCAN_READER) private readonly reader: ScanReader,
  ) {}

  async upload(electionId: string, batchId: string, contentType: string | undefined, bytes: Buffer, actor: Actor): Promise<ScanUploadResultDto> {
    const mime = scanMime(contentType);
    const election = await this.elections.get(electionId);
    assertCounting(election);
    // Refuse early what the transaction would refuse anyway, before the costly reading.
    const found = await this.count.findBatch(electionId, batchId);
    if (!found) throw countError('batch_not_found', 'No count batch with this id in this election.');
    if (found.status === 'closed') throw countError('batch_closed', `Batch ${found.label} is closed.`, { batchId });
    if (bytes.length === 0) throw scanError('not_an_image', 'The request body is empty: send the scanned file itself.');

    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const earlier = await this.scans.pagesOfImage(electionId, sha256);
    if (earlier.length > 0) return duplicates(earlier);

    const geometry = await this.geometry(electionId);
    const pages = await this.decode(bytes, mime);
    const readings: PageReading[] = [];
    for (const page of pages) readings.push(await this.reader.readBallotPage(page, geometry));
    const thresholds = await this.settings.thresholds(electionId);

    const { file, created } = await this.store.put(electionId, sha256, mime, bytes);
    const upload: Upload = { electionId, batchId, questions: election.questions, geometry, thresholds, sha256, mime, file };
    try {
      return await this.tx.run(async (m) => {
        await lockOpenBatch(this.count, m, electionId, batchId, 'share');
        const raced = await this.scans.pagesOfImage(electionId, sha256, m);
        if (raced.length > 0) return duplicates(raced);
        const outcomes: PageOutcome[] = [];
        for (const [i, reading] of readings.entries()) outcomes.push(await this.settle(m, upload, pages[i].imagePage, reading, actor));
        // A later page of the same file may have completed a paper an earlier page waited for.
        for (const o of outcomes) {
          if (o.status !== 'waiting_for_pages') continue;
          const now = await this.scans.findPage(electionId, o.pageId, m);
          if (now) Object.assign(o, { status: now.status, reasons: now.reasons });
        }
        await this.events.append(m, {
          electionId,
          stream: COUNT_STREAM,
          type: 'count.scan_uploaded',
          actor,
          data: { batchId, pages: outcomes.length, recorded: outcomes.filter((o) => o.recorded).length, adjudication: outcomes.filter((o) => o.status === 'adjudication').length },
        });
        return { pages: outcomes.map(({ recorded: _, ...o }) => o) };
      });
    } catch (e) {
      // The same bytes uploaded twice at once: the other upload stored them; answer as a re-upload.
      if (isUniqueViolation(e)) return duplicates(await this.scans.pagesOfImage(electionId, sha256));
      if (created && (await this.scans.pagesOfImage(electionId, sha256)).length === 0) await this.store.remove(file);
      throw e;
    }
  }

  /**
   * One page: its doubts (the reader's, then the database's), then recorded, waiting for the
   * paper's other pages, or left for adjudication.
   */
  private async settle(m: EntityManager, u: Upload, imagePage: number, reading: PageReading, actor: Actor): Promise<PageOutcome> {
    const multiPage = u.geometry.pages.length > 1;
    const interpretation = multiPage ? null : this.reader.interpretPaper(u.questions, u.geometry, u.thresholds, [reading]);
    const reasons: AdjudicationReason[] = interpretation ? [...interpretation.reasons] : pageDoubts(reading, u.thresholds);
    const page: ScanPageEntity = {
      id: randomUUID(),
      electionId: u.electionId,
      batchId: u.batchId,
      imageSha256: u.sha256,
      imagePage,
      imageFile: u.file,
      mime: u.mime,
      paperHash: null,
      ballotPage: reading.ballotPage,
      reading: storedReading(reading),
      thresholds: u.thresholds,
      status: 'adjudication',
      reasons,
      proposed: interpretation?.proposed ?? null,
      decision: null,
      decidedBy: null,
      decisionNote: null,
      decidedAt: null,
    };
    if (reading.paperId !== null) {
      // Locks the paper's row: two scans of one paper are settled one after the other.
      const check = await this.papers.lock(m, u.electionId, reading.paperId);
      if (check.ok) {
        page.paperHash = check.paperHash;
        const unsettled = await this.scans.unsettledPagesOfPaper(m, u.electionId, check.paperHash);
        if (unsettled.some((p) => p.ballotPage === reading.ballotPage)) reasons.push('ballot_page_already_read');
      } else {
        // A used paper keeps its hash on the page, so a decision to record it is refused as a second count.
        if (check.reason === 'already_used') page.paperHash = this.papers.hashOf(u.electionId, reading.paperId);
        reasons.push(check.reason === 'already_used' ? 'paper_already_used' : check.reason === 'not_printed' ? 'paper_not_printed' : 'barcode_not_a_paper_id');
      }
    }
    const outcome = (recordId?: string, content?: PaperContent): PageOutcome => ({
      pageId: page.id,
      imagePage,
      status: page.status,
      reasons: page.reasons,
      duplicate: false,
      ...(recordId && content ? { recordId, kind: content.kind } : {}),
      recorded: recordId !== undefined,
    });
    if (reasons.length > 0 || page.paperHash === null) {
      if (reasons.length === 0) reasons.push('barcode_unreadable');
      await this.scans.insertPage(m, page);
      return outcome();
    }
    if (!multiPage) {
      const content = interpretation!.proposed!;
      page.status = 'recorded';
      await this.scans.insertPage(m, page);
      const recordId = await this.record(m, u, page, content, actor);
      return outcome(recordId, content);
    }
    page.status = 'waiting_for_pages';
    await this.scans.insertPage(m, page);
    return this.completePaper(m, u, page, reading.paperId!, actor, outcome);
  }

  /**
   * A clean page of a multi-page paper: once every page of the paper has been read clean, the
   * paper is interpreted as a whole and recorded, or all its pages go to a supervisor.
   */
  private async completePaper(
    m: EntityManager,
    u: Upload,
    page: ScanPageEntity,
    paperId: string,
    actor: Actor,
    outcome: (recordId?: string, content?: PaperContent) => PageOutcome,
  ): Promise<PageOutcome> {
    const pages = await this.scans.unsettledPagesOfPaper(m, u.electionId, page.paperHash!);
    const byBallotPage = u.geometry.pages.map((g) => pages.find((p) => p.ballotPage === g.ballotPage && p.status === 'waiting_for_pages'));
    if (byBallotPage.some((p) => p === undefined)) return outcome();
    const whole = byBallotPage as ScanPageEntity[];
    const interpretation = this.reader.interpretPaper(
      u.questions,
      u.geometry,
      u.thresholds,
      whole.map((p) => readingOf(p.reading, paperId, p.ballotPage)),
    );
    for (const p of whole) {
      p.proposed = interpretation.proposed;
      p.reasons = interpretation.reasons;
      p.status = interpretation.reasons.length > 0 || !interpretation.proposed ? 'adjudication' : 'recorded';
      if (p.status === 'adjudication' && p.reasons.length === 0) p.reasons = ['barcode_unreadable'];
      await this.scans.savePage(m, p);
    }
    page.status = whole[0].status;
    page.reasons = whole[0].reasons;
    if (page.status !== 'recorded') return outcome();
    // The record names the image of the paper's first page.
    const recordId = await this.record(m, u, whole[0], interpretation.proposed!, actor);
    return outcome(recordId, interpretation.proposed!);
  }

  private async record(m: EntityManager, u: Upload, page: ScanPageEntity, content: PaperContent, actor: Actor): Promise<string> {
    const claimed = await this.papers.claimLocked(m, u.electionId, page.paperHash!);
    // The row was locked and found unused in this transaction: a refusal here is a bug, not input.
    if (!claimed.ok) throw new Error(`a locked, unused paper could not be claimed (${claimed.reason})`);
    const recordId = randomUUID();
    await this.count.insertCvr(m, u.electionId, u.batchId, recordId, content, { sha256: page.imageSha256, page: page.imagePage });
    await this.events.append(m, { electionId: u.electionId, stream: COUNT_STREAM, type: 'count.paper_recorded', actor, data: { batchId: u.batchId, entry: 'scanned' } });
    return recordId;
  }

  private async geometry(electionId: string): Promise<BallotGeometry> {
    const g = (await this.papers.ballotGeometry(electionId)) as BallotGeometry | null;
    if (!g || g.version !== 1 || !Array.isArray(g.pages) || g.pages.length === 0) {
      throw scanError('no_ballot_geometry', 'This election has no ballot-paper geometry: its packs were not generated by this system.');
    }
    return g;
  }

  private async decode(bytes: Buffer, mime: ScanMime): Promise<ScanPage[]> {
    try {
      const pages = await this.reader.decodeScan(bytes, mime, DEFAULT_DECODE_LIMITS);
      if (pages.length === 0) throw scanError('not_an_image', 'The file holds no page.');
      return pages;
    } catch (e) {
      if (e instanceof ScanDecodeError) throw scanError(e.code, e.message);
      throw e;
    }
  }
}

/** The Content-Type of an upload, if it is one the reader takes. */
export function scanMime(contentType: string | undefined): ScanMime {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  const mime = SCAN_MIMES.find((m) => m === type);
  if (!mime) throw scanError('unsupported_scan_type', `Send the scan as one of ${SCAN_MIMES.join(', ')} (Content-Type), not ${type || 'nothing'}.`);
  return mime;
}

function duplicates(pages: ScanPageEntity[]): ScanUploadResultDto {
  return {
    pages: pages.map((p) => ({
      pageId: p.id,
      imagePage: p.imagePage,
      status: p.status,
      reasons: p.reasons,
      duplicate: true,
    })),
  };
}
