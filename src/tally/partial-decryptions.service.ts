import { Injectable, Logger } from '@nestjs/common';
import { isCryptoError } from 'src/crypto/errors';
import { parseEncryptedTally } from 'src/crypto/tally/encrypted-tally';
import { parsePartialDecryption, serializePartialDecryption, verifyPartialDecryption, type PartialDecryption } from 'src/crypto/tally/partial-decryption';
import { combineFactors, computeResult, serializeResult } from 'src/crypto/tally/result';
import { ElectionsService } from 'src/elections/elections.service';
import { LifecycleChecks } from 'src/elections/lifecycle-checks';
import { Actor } from 'src/events/actor';
import { EventLogService } from 'src/events/event-log.service';
import { Transactions } from 'src/platform/database/transactions';
import { OnlineTallyInput } from 'src/tally/online-tally-input';
import { TallyResultService } from 'src/tally/tally-result.service';
import { TallyEntity } from 'src/tally/tally.entities';
import { tallyError } from 'src/tally/tally.errors';
import { TallyRepository } from 'src/tally/tally.repository';

export interface PartialDecryptionReceipt {
  owner: number;
  accepted: true;
  /** False for an identical repeat of one already stored. */
  created: boolean;
  decrypted: number;
  needed: number;
  resultReady: boolean;
}

/**
 * Trustees' partial decryptions (docs/TALLY.md): each is verified against its owner's key
 * before anything is stored; the one that completes the quorum computes the result, merges the
 * postal count and moves the election to `result_ready` in the same transaction, under the
 * election's row lock, so two last decryptions at once give one result.
 */
@Injectable()
export class PartialDecryptionsService {
  private readonly logger = new Logger('tally');

  constructor(
    private readonly repo: TallyRepository,
    private readonly input: OnlineTallyInput,
    private readonly results: TallyResultService,
    private readonly elections: ElectionsService,
    private readonly lifecycle: LifecycleChecks,
    private readonly events: EventLogService,
    private readonly tx: Transactions,
  ) {}

  async submit(electionId: string, owner: number, payload: unknown, actor: Actor): Promise<PartialDecryptionReceipt> {
    await this.elections.get(electionId);
    const tally = await this.repo.findTally(electionId);
    const setup = await this.input.setup(electionId);
    if (!tally?.encryptedTally || !setup) throw tallyError('tally_not_ready', 'The encrypted tally has not been computed yet.');
    const quorum = this.input.quorum(setup);
    if (!quorum.isOwner(owner)) {
      throw tallyError('unknown_owner', `owner must be between 1 and ${quorum.slots.length} (the trustees' partial decryption owners).`, { fields: { owner: ['unknown owner'] } });
    }
    const fingerprint = this.input.election(setup).fingerprint;
    const encrypted = parseEncryptedTally(tally.encryptedTally);
    const partial = parsed(payload);
    const check = verifyPartialDecryption(fingerprint, encrypted, quorum.slots[owner - 1].key, partial);
    if (!check.shapeOk) {
      throw tallyError('partial_decryption_invalid', 'The partial decryption does not have one factor and one proof per choice of the tally.', { reason: 'shape', invalid: [] });
    }
    if (check.invalid.length > 0) {
      throw tallyError('partial_decryption_invalid', `${check.invalid.length} decryption proof(s) do not verify against the key of owner ${owner}.`, { reason: 'proof', invalid: check.invalid });
    }
    const raw = serializePartialDecryption(partial);

    const receipt = await this.tx.run(async (m) => {
      const e = await this.elections.lockForUpdate(m, electionId);
      const existing = await this.repo.findPartial(m, electionId, owner);
      const current = (await this.repo.findTally(electionId, m)) as TallyEntity;
      if (existing) {
        if (existing.raw !== raw) throw tallyError('already_decrypted', `Owner ${owner} has already sent a different partial decryption.`, { owner });
        const stored = await this.repo.partials(electionId, m);
        return { owner, accepted: true, created: false, decrypted: stored.length, needed: quorum.needed, resultReady: current.status === 'result_ready' } as const;
      }
      if (current.status !== 'awaiting_decryptions') throw tallyError('tally_complete', 'Enough trustees have decrypted: the result is computed.', { status: current.status });
      await this.repo.insertPartial(m, { electionId, owner, raw, receivedAt: new Date(), receivedBy: actor.kind === 'staff' ? actor.staffId : null });
      await this.events.append(m, { electionId, type: 'tally.partial_decryption', actor, data: { owner, partialDecryption: raw } });
      const stored = await this.repo.partials(electionId, m);
      const resultReady = quorum.complete(stored.map((p) => p.owner));
      if (resultReady) {
        const byOwner = new Map(stored.map((p) => [p.owner, parsePartialDecryption(p.raw, `partial_decryption[${p.owner}]`)]));
        const totalWeight = BigInt(current.totalWeight ?? '0');
        const result = computeResult(encrypted, combineFactors(quorum.trustees, encrypted, byOwner), totalWeight);
        await this.results.finish(m, e, { raw: serializeResult(result), result, numTallied: current.numTallied ?? 0, totalWeight });
      }
      return { owner, accepted: true, created: true, decrypted: stored.length, needed: quorum.needed, resultReady } as const;
    });
    if (receipt.created && receipt.resultReady) {
      for (const f of await this.lifecycle.entered('result_ready', electionId)) {
        this.logger.warn(`election ${electionId} entered result_ready; the after-commit work of ${f.owner} failed; ${f.owner} recovers it`);
      }
    }
    return receipt;
  }
}

/** The uploaded partial decryption (object or JSON text); a malformed one is a 400 with the crypto reason. */
function parsed(payload: unknown): PartialDecryption {
  try {
    return parsePartialDecryption(typeof payload === 'string' ? payload : (payload as Parameters<typeof parsePartialDecryption>[0]), 'partialDecryption');
  } catch (e) {
    if (isCryptoError(e)) throw tallyError('invalid_partial_decryption', `The partial decryption is not valid: ${e.message}`, { reason: e.reason, path: e.path });
    throw e;
  }
}
