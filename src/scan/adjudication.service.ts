import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { assertCounting, COUNT_STREAM, lockOpenBatch, staffIdOf } from 'src/count/count-guards';
import { countError } from 'src/count/count.errors';
import { CountRepository } from 'src/count/count.repository';
import { contentOrThrow, paperError } from 'src/count/keyed-entry.service';
import { PAPERLESS_REASONS, type PaperContent } from 'src/count/paper-content';
import { type Question } from 'src/elections/election.types';
import { ElectionsService } from 'src/elections/elections.service';
import { Actor } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { PapersService } from 'src/packs/papers.service';
import { Transactions } from 'src/platform/database/transactions';
import { commonError } from 'src/platform/errors/domain-error';
import { boxVerdict, type GreyImage } from 'src/scan/read';
import { AdjudicationQueryDto, ScanDecisionDto, ScanPageDto } from 'src/scan/scan.dto';
import { type PageDecision, ScanPageEntity, UNSETTLED_PAGES } from 'src/scan/scan.entities';
import { scanError } from 'src/scan/scan.errors';
import { ScanPagesRepository } from 'src/scan/scan-pages.repository';
import { SCAN_READER, type ScanReader } from 'src/scan/scan-reader';
import { ScanStore } from 'src/scan/scan-store';
import { outlinedPage } from 'src/scan/outlined-page';

export interface DecisionResult {
  pageId: string;
  status: 'decided' | 'discarded';
  recordId?: string;
  kind?: PaperContent['kind'];
  /** Other pages of the same paper settled by this decision. */
  alsoSettled: string[];
}

/**
 * The adjudication queue (docs/SCANNING.md): pages the machine could not record by itself, shown
 * with what it measured; a count supervisor decides each, with a reason. The machine's reading
 * is kept beside the decision, never overwritten.
 */
@Injectable()
export class AdjudicationService {
  constructor(
    private readonly count: CountRepository,
    private readonly scans: ScanPagesRepository,
    private readonly papers: PapersService,
    private readonly elections: ElectionsService,
    private readonly store: ScanStore,
    private readonly events: EventLogService,
    private readonly tx: Transactions,
    @Inject(SCAN_READER) private readonly reader: ScanReader,
  ) {}

  async queue(electionId: string, q: AdjudicationQueryDto): Promise<ScanPageDto[]> {
    const election = await this.elections.get(electionId);
    const pages = await this.scans.queue(electionId, { batchId: q.batchId, statuses: q.status ? [q.status] : UNSETTLED_PAGES });
    return pages.map((p) => toPageDto(p, election.questions));
  }

  async page(electionId: string, pageId: string): Promise<ScanPageDto> {
    const election = await this.elections.get(electionId);
    return toPageDto(await this.found(electionId, pageId), election.questions);
  }

  /** The page as scanned, each box outlined in the colour of its verdict with its fill beside it. */
  async image(electionId: string, pageId: string): Promise<Buffer> {
    await this.elections.get(electionId);
    const page = await this.found(electionId, pageId);
    let bytes: Buffer;
    try {
      bytes = await this.store.read(page.imageFile);
    } catch {
      throw scanError('scan_image_missing', 'The stored image of this page is missing from the scan store.');
    }
    const pages = await this.reader.decodeScan(bytes, page.mime);
    const image: GreyImage | undefined = pages.find((p) => p.imagePage === page.imagePage)?.image;
    if (!image) throw scanError('scan_image_missing', 'The stored image no longer has this page.');
    return outlinedPage(image, page.reading.boxes, page.thresholds);
  }

  async decide(electionId: string, pageId: string, dto: ScanDecisionDto, actor: Actor): Promise<DecisionResult> {
    const election = await this.elections.get(electionId);
    assertCounting(election);
    const { discard, note, paperId, ...given } = dto;
    const contentGiven = given.choices !== undefined || given.blank !== undefined || given.invalid !== undefined || given.reason !== undefined;
    if ((discard === true) === contentGiven) {
      throw commonError('validation_failed', 'Give exactly one of discard: true or the paper’s content (choices, blank: true, invalid: true with a reason).', {
        fields: { choices: ['give exactly one of discard: true, choices, blank: true, or invalid: true with a reason'] },
      });
    }
    const content = contentGiven ? contentOrThrow(election.questions, given) : null;
    const paperless = content?.kind === 'invalid' && PAPERLESS_REASONS.has(content.reason);
    if (paperId !== undefined && (discard || paperless)) {
      throw countError('paper_id_not_expected', 'A discarded page, or a paper recorded without its paper ID, takes no paper ID.', {
        fields: { paperId: ['leave out for this decision'] },
      });
    }
    return this.tx.run(async (m) => {
      const page = await this.scans.lockPage(m, electionId, pageId);
      if (!page) throw scanError('scan_page_not_found', 'No scanned page with this id in this election.');
      if (!UNSETTLED_PAGES.includes(page.status)) {
        throw scanError('scan_page_settled', `This page is ${page.status} already; it is not decided again.`, { status: page.status });
      }
      const batch = await lockOpenBatch(this.count, m, electionId, page.batchId, 'share');
      if (paperId !== undefined && page.paperHash !== null) {
        throw countError('paper_id_not_expected', 'The machine read this page’s paper ID; it is not keyed again.', { fields: { paperId: ['leave out: read from the barcode'] } });
      }

      let decision: PageDecision = { outcome: 'discarded' };
      let recordId: string | undefined;
      if (content) {
        if (!paperless) {
          const claimed =
            page.paperHash !== null
              ? await this.papers.claimLocked(m, electionId, page.paperHash)
              : paperId !== undefined
                ? await this.papers.claim(m, electionId, paperId)
                : null;
          if (!claimed) {
            throw countError('paper_id_required', 'The machine could not read this paper’s barcode: key the paper ID printed under it (or record it as invalid: paper_missing_barcode).', {
              fields: { paperId: ['required'] },
            });
          }
          if (!claimed.ok) throw paperError(claimed);
          page.paperHash = claimed.paperHash;
        }
        recordId = randomUUID();
        await this.count.insertCvr(m, electionId, batch.id, recordId, content, { sha256: page.imageSha256, page: page.imagePage });
        await this.events.append(m, { electionId, stream: COUNT_STREAM, type: 'count.paper_recorded', actor, data: { batchId: batch.id, entry: 'adjudicated' } });
        decision = { outcome: 'recorded', paperKeyed: paperId !== undefined, ...content };
      }

      // Recording a paper settles its other pages (a multi-page paper); a discard is this page's alone.
      const siblings = recordId !== undefined && page.paperHash && !paperless ? (await this.scans.unsettledPagesOfPaper(m, electionId, page.paperHash)).filter((p) => p.id !== page.id) : [];
      const decidedAt = new Date();
      for (const p of [page, ...siblings]) {
        p.status = decision.outcome === 'recorded' ? 'decided' : 'discarded';
        p.decision = decision;
        p.decidedBy = staffIdOf(actor);
        p.decisionNote = note.trim();
        p.decidedAt = decidedAt;
        await this.scans.savePage(m, p);
      }
      await this.events.append(m, {
        electionId,
        stream: COUNT_STREAM,
        type: 'count.scan_decided',
        actor,
        data: { batchId: batch.id, outcome: decision.outcome, pages: 1 + siblings.length },
      });
      return {
        pageId: page.id,
        status: page.status as DecisionResult['status'],
        ...(recordId && content ? { recordId, kind: content.kind } : {}),
        alsoSettled: siblings.map((p) => p.id),
      };
    });
  }

  private async found(electionId: string, pageId: string): Promise<ScanPageEntity> {
    const page = await this.scans.findPage(electionId, pageId);
    if (!page) throw scanError('scan_page_not_found', 'No scanned page with this id in this election.');
    return page;
  }
}

function answerLabel(questions: Question[], question: number, answer: number | null): string {
  if (answer === null) return 'blank';
  return questions[question]?.answers[answer] ?? `answer ${answer + 1}`;
}

function toPageDto(p: ScanPageEntity, questions: Question[]): ScanPageDto {
  const base = `/elections/${p.electionId}/count/scans/${p.id}`;
  return {
    pageId: p.id,
    batchId: p.batchId,
    imageSha256: p.imageSha256,
    imagePage: p.imagePage,
    mime: p.mime,
    ballotPage: p.ballotPage,
    status: p.status,
    reasons: p.reasons,
    thresholds: p.thresholds,
    proposed: p.proposed,
    reading: { failure: p.reading.failure, orientation: p.reading.orientation, residualMm: p.reading.residualMm },
    boxes: p.reading.boxes.map((b) => ({
      question: b.question,
      answer: b.answer,
      label: answerLabel(questions, b.question, b.answer),
      fill: b.fill,
      trace: b.trace,
      verdict: boxVerdict(b.fill, p.thresholds, b.trace),
      corners: b.corners,
    })),
    decision: p.decision,
    decidedBy: p.decidedBy,
    decisionNote: p.decisionNote,
    decidedAt: p.decidedAt?.toISOString() ?? null,
    links: { self: base, image: `${base}/image`, decision: `${base}/decision` },
  };
}
