import { Injectable } from '@nestjs/common';
import { ArchiveWriter } from 'src/crypto/archive/archive-writer';
import { serializeSizedEncryptedTally } from 'src/crypto/tally/encrypted-tally';
import { serializeOwned } from 'src/crypto/tally/partial-decryption';
import { MergedResult } from 'src/tally/merged-result';
import { OnlineTallyInput } from 'src/tally/online-tally-input';
import { TallyRepository } from 'src/tally/tally.repository';

export interface SupersededBallot {
  tracker: string;
  credential: string;
  /** The credential whose postal return counted instead (the same one, or the member's reissued pack). */
  postalCredential: string | null;
  /** The ballot as received. */
  ballot: string;
}

/**
 * What the record builder (src/record) publishes of the tally, once the result is computed.
 * Everything is regenerated from stored bytes, so two calls give the same bytes.
 */
@Injectable()
export class TallyOutcomeService {
  constructor(
    private readonly repo: TallyRepository,
    private readonly input: OnlineTallyInput,
  ) {}

  /**
   * The tallied .bel (docs/RECORD.md): Setup, the ballots that count in acceptance order,
   * EndBallots, EncryptedTally, the partial decryptions in owner order, Result. Null before the
   * result and for an election without the online channel.
   */
  async onlineArchive(electionId: string): Promise<Uint8Array | null> {
    const tally = await this.repo.findTally(electionId);
    const setup = await this.input.setup(electionId);
    if (tally?.status !== 'result_ready' || !setup || tally.encryptedTally === null || tally.result === null) return null;
    const w = new ArchiveWriter(tally.archiveTimestamp);
    w.addSetup(setup.electionRaw, setup.trusteesRaw, (await this.input.credentials(setup)).raw);
    for await (const b of this.input.tallied(electionId)) w.addBallot(b.raw);
    w.addEvent('EndBallots');
    const sized = { numTallied: tally.numTallied ?? 0, totalWeight: BigInt(tally.totalWeight ?? '0') };
    w.addEncryptedTally(tally.encryptedTally, (h) => serializeSizedEncryptedTally({ ...sized, encryptedTally: h }));
    for (const p of await this.repo.partials(electionId)) w.addPartialDecryption(p.raw, (h) => serializeOwned({ owner: p.owner, payload: h }));
    w.addResult(tally.result);
    return w.bytes();
  }

  /** Online ballots left out of the .bel because a postal vote beat them (every ballot of such a credential). */
  async superseded(electionId: string): Promise<SupersededBallot[]> {
    const ballots: Array<{ tracker: string; publicCredential: string; raw: string }> = [];
    for await (const b of this.input.superseded(electionId)) ballots.push(b);
    const postal = await this.repo.countedPostalCredentials(electionId, [...new Set(ballots.map((b) => b.publicCredential))]);
    return ballots.map((b) => ({ tracker: b.tracker, credential: b.publicCredential, postalCredential: postal.get(b.publicCredential) ?? null, ballot: b.raw }));
  }

  /** result.json (docs/RECORD.md), parsed; null before the result. */
  async mergedResult(electionId: string): Promise<MergedResult | null> {
    const tally = await this.repo.findTally(electionId);
    return tally?.mergedResult ? (JSON.parse(tally.mergedResult) as MergedResult) : null;
  }

  /** result.json exactly as stored (its bytes never change). */
  /** When the result was computed (the last needed partial decryption arrived). */
  async resultAt(electionId: string): Promise<Date | null> {
    return (await this.repo.findTally(electionId))?.resultAt ?? null;
  }

  async mergedResultRaw(electionId: string): Promise<string | null> {
    return (await this.repo.findTally(electionId))?.mergedResult ?? null;
  }
}
