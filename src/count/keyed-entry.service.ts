import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { assertCounting, COUNT_STREAM, lockOpenBatch, staffIdOf } from 'src/count/count-guards';
import { EntryGroupDto, EntryResultDto, KeyedEntryDto, ResolveEntriesDto } from 'src/count/count.dto';
import { CountBatchEntity, CountEntryEntity } from 'src/count/count.entities';
import { countError } from 'src/count/count.errors';
import { contentColumns, contentOf, CountRepository, UNSETTLED } from 'src/count/count.repository';
import { ContentInput, PAPERLESS_REASONS, PaperContent, parseContent, sameContent } from 'src/count/paper-content';
import { Question } from 'src/elections/election.types';
import { ElectionsService } from 'src/elections/elections.service';
import { Actor } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { PaperCheck, PapersService } from 'src/packs/papers.service';
import { Transactions } from 'src/platform/database/transactions';
import { commonError } from 'src/platform/errors/domain-error';

export type ResolveResult = EntryResultDto | { status: 'discarded'; batchId: string; groupId: string };

/**
 * Keyed entry of ballot papers (DESIGN.md §7: "keyed entry is the fallback"). Each paper's ID
 * is matched against the printed set and marked used in the same transaction that stores its
 * cast-vote record, so a photocopy or a second entry of one paper is refused. In a
 * double-keyed batch a paper is recorded only when two operators agree, or a supervisor says.
 *
 * The log says that a paper was recorded in a batch, never what it said or which paper it
 * was: in time order, contents would rebuild the intake order the record must not reveal.
 */
@Injectable()
export class KeyedEntryService {
  constructor(
    private readonly count: CountRepository,
    private readonly papers: PapersService,
    private readonly elections: ElectionsService,
    private readonly events: EventLogService,
    private readonly tx: Transactions,
  ) {}

  async record(electionId: string, batchId: string, dto: KeyedEntryDto, actor: Actor): Promise<EntryResultDto> {
    const election = await this.elections.get(electionId);
    assertCounting(election);
    const content = contentOrThrow(election.questions, dto);
    const paperless = content.kind === 'invalid' && PAPERLESS_REASONS.has(content.reason);
    if (paperless && dto.paperId !== undefined) {
      throw countError('paper_id_not_expected', `A paper recorded as invalid (${dto.reason}) is recorded without a paper ID.`, {
        fields: { paperId: ['leave out for this reason'] },
      });
    }
    if (!paperless && dto.paperId === undefined) {
      throw countError('paper_id_required', 'Key the paper ID under the paper barcode (or record the paper as invalid: paper_missing_barcode).', {
        fields: { paperId: ['required'] },
      });
    }
    return this.tx.run(async (m) => {
      const batch = await lockOpenBatch(this.count, m, electionId, batchId, 'share');
      if (paperless) return this.store(m, batch, content, 'single', actor);
      if (!batch.doubleKeying) {
        const paper = await this.papers.claim(m, electionId, dto.paperId!);
        if (!paper.ok) throw paperError(paper);
        // The paper is locked now: a double-keyed batch may not have started on it.
        if ((await this.count.entriesOfPaper(m, electionId, paper.paperHash)).some((e) => UNSETTLED.includes(e.status))) {
          throw countError('paper_awaiting_other_batch', 'This paper ID has been keyed once in a double-keyed batch and waits there.');
        }
        return this.store(m, batch, content, 'single', actor);
      }
      const paper = await this.papers.lock(m, electionId, dto.paperId!);
      if (!paper.ok) throw paperError(paper);
      return this.keyTwice(m, batch, paper.paperHash, content, dto.keyedBy ?? null, actor);
    });
  }

  /**
   * Round one waits; round two by another operator records the paper if both say the same,
   * and otherwise leaves both for a supervisor. The paper's row is locked by the caller, so
   * two entries of one paper are decided one after the other.
   */
  private async keyTwice(
    m: EntityManager,
    batch: CountBatchEntity,
    paperHash: string,
    content: PaperContent,
    keyedBy: string | null,
    actor: Actor,
  ): Promise<EntryResultDto> {
    const all = await this.count.entriesOfPaper(m, batch.electionId, paperHash);
    const open = all.filter((e) => UNSETTLED.includes(e.status));
    if (open.some((e) => e.batchId !== batch.id)) {
      throw countError('paper_awaiting_other_batch', 'This paper ID has been keyed in another batch and waits there.');
    }
    if (open.some((e) => e.status === 'disputed')) {
      throw countError('paper_in_dispute', 'The entries of this paper disagree; a count supervisor resolves them.', { groupId: open[0].groupId });
    }
    const operatorId = staffIdOf(actor);
    const first = open.find((e) => e.status === 'pending');
    if (first && first.operatorId === operatorId) {
      throw countError('same_operator', 'You keyed this paper already; a different operator keys it the second time.');
    }
    const id = randomUUID();
    const entry: CountEntryEntity = {
      id,
      electionId: batch.electionId,
      batchId: batch.id,
      groupId: first?.groupId ?? id,
      paperHash,
      round: all.length + 1,
      operatorId,
      keyedBy,
      ...contentColumns(content),
      status: 'pending',
    };
    if (!first) {
      await this.count.insertEntry(m, entry);
      await this.events.append(m, { electionId: batch.electionId, stream: COUNT_STREAM, type: 'count.paper_keyed', actor, data: { batchId: batch.id, round: 1 } });
      return { status: 'awaiting_second_entry', batchId: batch.id };
    }
    if (!sameContent(contentOf(first), content)) {
      entry.status = 'disputed';
      await this.count.insertEntry(m, entry);
      await this.count.setEntryStatus(m, [first.id], 'disputed');
      await this.events.append(m, {
        electionId: batch.electionId,
        stream: COUNT_STREAM,
        type: 'count.entries_disagree',
        actor,
        data: { batchId: batch.id, groupId: entry.groupId },
      });
      return { status: 'disputed', batchId: batch.id, groupId: entry.groupId };
    }
    entry.status = 'agreed';
    await this.count.insertEntry(m, entry);
    await this.count.setEntryStatus(m, [first.id], 'agreed');
    const paper = await this.papers.claimLocked(m, batch.electionId, paperHash);
    if (!paper.ok) throw paperError(paper);
    return this.store(m, batch, content, 'double', actor);
  }

  /** The papers of a batch keyed once or in dispute, with what each operator keyed. */
  async unsettled(electionId: string, batchId: string): Promise<EntryGroupDto[]> {
    await this.elections.get(electionId);
    const batch = await this.count.findBatch(electionId, batchId);
    if (!batch) throw countError('batch_not_found', 'No count batch with this id in this election.');
    const groups = new Map<string, EntryGroupDto>();
    for (const e of await this.count.unsettledEntries(batchId)) {
      const g = groups.get(e.groupId) ?? { groupId: e.groupId, status: e.status, entries: [] };
      g.entries.push({
        id: e.id,
        round: e.round,
        operatorId: e.operatorId,
        keyedBy: e.keyedBy,
        kind: e.kind,
        choices: e.choices,
        reason: e.invalidReason,
        status: e.status,
      });
      groups.set(e.groupId, g);
    }
    return [...groups.values()];
  }

  /**
   * A supervisor settles a paper's entries: records what one entry says, records what they
   * key themselves (with the paper in hand), or discards them all (e.g. a mistyped paper ID
   * that matched another printed paper) so the paper can be keyed again.
   */
  async resolve(electionId: string, batchId: string, groupId: string, dto: ResolveEntriesDto, actor: Actor): Promise<ResolveResult> {
    const election = await this.elections.get(electionId);
    assertCounting(election);
    const { acceptEntry, discard, ...rest } = dto;
    const rekey = rest.choices !== undefined || rest.blank !== undefined || rest.invalid !== undefined || rest.reason !== undefined;
    if ([acceptEntry !== undefined, discard === true, rekey].filter(Boolean).length !== 1) {
      throw commonError('validation_failed', 'Give exactly one of acceptEntry, discard: true, or the paper’s content.', {
        fields: { acceptEntry: ['give exactly one of acceptEntry, discard: true, or choices / blank / invalid'] },
      });
    }
    const keyed = rekey ? contentOrThrow(election.questions, rest) : null;
    return this.tx.run(async (m) => {
      const batch = await lockOpenBatch(this.count, m, electionId, batchId, 'share');
      const before = await this.count.entriesOfGroup(m, electionId, groupId);
      if (before.length === 0 || before[0].batchId !== batchId) throw countError('entries_not_found', 'No keyed entries with this id in this batch.');
      const paper = await this.papers.lockByHash(m, electionId, before[0].paperHash);
      // Read again under the paper's lock: another supervisor may have settled them meanwhile.
      const open = (await this.count.entriesOfGroup(m, electionId, groupId)).filter((e) => UNSETTLED.includes(e.status));
      if (open.length === 0) throw countError('nothing_to_resolve', 'These entries are settled already.');
      const log = (resolution: string) =>
        this.events.append(m, { electionId, stream: COUNT_STREAM, type: 'count.entries_resolved', actor, data: { batchId, groupId, resolution } });

      if (discard) {
        await this.count.setEntryStatus(m, ids(open), 'discarded');
        await log('discarded');
        return { status: 'discarded', batchId, groupId };
      }
      let content: PaperContent;
      if (keyed) {
        content = keyed;
        await this.count.insertEntry(m, {
          id: randomUUID(),
          electionId,
          batchId,
          groupId,
          paperHash: before[0].paperHash,
          round: (await this.count.entriesOfPaper(m, electionId, before[0].paperHash)).length + 1,
          operatorId: staffIdOf(actor),
          keyedBy: null,
          ...contentColumns(keyed),
          status: 'accepted',
        });
        await this.count.setEntryStatus(m, ids(open), 'overruled');
      } else {
        const chosen = open.find((e) => e.id === acceptEntry);
        if (!chosen) throw countError('entry_not_in_group', 'acceptEntry is not one of the entries waiting in this group.', { fields: { acceptEntry: ['not in this group'] } });
        content = contentOf(chosen);
        await this.count.setEntryStatus(m, [chosen.id], 'accepted');
        await this.count.setEntryStatus(m, ids(open.filter((e) => e.id !== chosen.id)), 'overruled');
      }
      if (!paper.ok) throw paperError(paper);
      const claimed = await this.papers.claimLocked(m, electionId, paper.paperHash);
      if (!claimed.ok) throw paperError(claimed);
      await log(keyed ? 'rekeyed' : 'accepted_entry');
      return { ...(await this.store(m, batch, content, 'resolved', actor)), groupId };
    });
  }

  private async store(m: EntityManager, batch: CountBatchEntity, content: PaperContent, entry: 'single' | 'double' | 'resolved', actor: Actor): Promise<EntryResultDto> {
    // A random id: the record's id says nothing about when it was made.
    const recordId = randomUUID();
    await this.count.insertCvr(m, batch.electionId, batch.id, recordId, content);
    await this.events.append(m, { electionId: batch.electionId, stream: COUNT_STREAM, type: 'count.paper_recorded', actor, data: { batchId: batch.id, entry } });
    return { status: 'recorded', batchId: batch.id, recordId, kind: content.kind };
  }
}

const ids = (entries: CountEntryEntity[]) => entries.map((e) => e.id);

export function contentOrThrow(questions: Question[], input: ContentInput): PaperContent {
  const parsed = parseContent(questions, input);
  if ('fields' in parsed) {
    const [field, problems] = Object.entries(parsed.fields)[0];
    throw commonError('validation_failed', `${field}: ${problems[0]}`, { fields: parsed.fields });
  }
  return parsed.content;
}

export function paperError(p: Exclude<PaperCheck, { ok: true }>) {
  switch (p.reason) {
    case 'unknown_format':
    case 'bad_check_characters':
      return countError('paper_id_invalid', p.message, { reason: p.reason, fields: { paperId: [p.message] } });
    case 'not_printed':
      return countError('paper_not_printed', `${p.message} Check it, or record the paper as invalid: not_genuine.`, { fields: { paperId: [p.message] } });
    case 'already_used':
      return countError('paper_already_used', p.message);
    default: {
      const never: never = p.reason;
      return never;
    }
  }
}
