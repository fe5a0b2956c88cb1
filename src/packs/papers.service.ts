import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { parsePaperId, PackCodeError } from 'src/packs/codes';
import { paperHash } from 'src/packs/pack-generation.service';
import { PacksRepository } from 'src/packs/packs.repository';

export type PaperCheck =
  | { ok: true; paperHash: string }
  | { ok: false; reason: 'unknown_format' | 'bad_check_characters' | 'not_printed' | 'already_used'; message: string };

/**
 * The printed set of paper IDs, for the count: is this paper genuine, and has it been counted
 * already? Only the hash of a paper ID is ever stored (DESIGN.md §5, §11), so callers get the
 * hash back and never keep the paper ID itself.
 */
@Injectable()
export class PapersService {
  constructor(private readonly packs: PacksRepository) {}

  /**
   * Marks the paper used inside the caller's transaction. The conditional update is the lock:
   * of two transactions claiming one paper, the second finds `used` already true (PostgreSQL
   * re-checks the row after the first commits; SQLite runs them one after the other).
   */
  async claim(manager: EntityManager, electionId: string, paperId: string): Promise<PaperCheck> {
    const parsed = parse(electionId, paperId);
    if (!parsed.ok) return parsed;
    if (await this.packs.markPaperUsed(manager, electionId, parsed.paperHash)) return parsed;
    return this.refusal(manager, electionId, parsed.paperHash);
  }

  /**
   * Checks the paper without using it, with its row locked until the caller's transaction ends,
   * so work about one paper (double keying) is serialised.
   */
  async lock(manager: EntityManager, electionId: string, paperId: string): Promise<PaperCheck> {
    const parsed = parse(electionId, paperId);
    if (!parsed.ok) return parsed;
    return this.lockByHash(manager, electionId, parsed.paperHash);
  }

  /** As `lock`, for a paper known by its hash (a group of double-keyed entries). */
  async lockByHash(manager: EntityManager, electionId: string, hash: string): Promise<PaperCheck> {
    const row = await this.packs.lockPaper(manager, electionId, hash);
    if (!row) return notPrinted();
    return row.used ? alreadyUsed() : { ok: true, paperHash: hash };
  }

  /** Marks a paper used whose row the caller locked with `lock`. */
  async claimLocked(manager: EntityManager, electionId: string, hash: string): Promise<PaperCheck> {
    if (await this.packs.markPaperUsed(manager, electionId, hash)) return { ok: true, paperHash: hash };
    return this.refusal(manager, electionId, hash);
  }

  /** The stored form of a well-formed paper ID (whether printed or not); null if it is not one. */
  hashOf(electionId: string, paperId: string): string | null {
    const parsed = parse(electionId, paperId);
    return parsed.ok ? parsed.paperHash : null;
  }

  /** Where the boxes are on this election's ballot paper (mm), saved when the packs were made; null before. */
  async ballotGeometry(electionId: string): Promise<unknown> {
    return (await this.packs.findSetup(electionId))?.geometry ?? null;
  }

  private async refusal(manager: EntityManager, electionId: string, hash: string): Promise<PaperCheck> {
    return (await this.packs.paperExists(manager, electionId, hash)) ? alreadyUsed() : notPrinted();
  }
}

function parse(electionId: string, paperId: string): PaperCheck {
  try {
    return { ok: true, paperHash: paperHash(electionId, parsePaperId(paperId)) };
  } catch (err) {
    if (err instanceof PackCodeError && (err.reason === 'unknown_format' || err.reason === 'bad_check_characters')) {
      return { ok: false, reason: err.reason, message: err.message };
    }
    throw err;
  }
}

const notPrinted = (): PaperCheck => ({ ok: false, reason: 'not_printed', message: 'This paper ID was not printed for this election.' });
const alreadyUsed = (): PaperCheck => ({
  ok: false,
  reason: 'already_used',
  message: 'A paper with this paper ID has already been counted (a photocopy, or the same paper entered twice).',
});
