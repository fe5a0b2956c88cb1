// Tally-phase checks: the encrypted tally recomputed from last(B) with weights and compared byte
// for byte with the archive (num_tallied, total_weight, encoding); partial decryption proofs
// against the owner's key; enough shares; the result recomputed and compared byte for byte.
import { decodeUtf8 } from 'src/crypto/encoding/json';
import { sha256Hex } from 'src/crypto/encoding/sha256';
import { isCryptoError } from 'src/crypto/errors';
import type { Ciphertext } from 'src/crypto/ballot/ciphertext';
import type { SetupState } from 'src/crypto/verify/verify-setup';
import type { Reporter } from 'src/crypto/verify/report';
import { TallyAccumulator, serializeEncryptedTally, serializeSizedEncryptedTally, type EncryptedTally } from 'src/crypto/tally/encrypted-tally';
import { parseOwned, parsePartialDecryption, verifyPartialDecryption, type PartialDecryption } from 'src/crypto/tally/partial-decryption';
import { combineFactors, computeResult, serializeResult, type ElectionResult } from 'src/crypto/tally/result';
import { ownerSlots } from 'src/crypto/trustees/trustees';

export class TallyState {
  private readonly tally: EncryptedTally;
  private readonly tallyBytes: string;
  readonly numTallied: number;
  readonly totalWeight: bigint;
  private readonly decryptions = new Map<number, PartialDecryption>();
  resultValue: ElectionResult | undefined;

  constructor(
    private readonly r: Reporter,
    private readonly setup: SetupState,
    lastBallots: ReadonlyMap<string, { answers: readonly { choices: readonly Ciphertext[] }[]; weight: bigint }>,
  ) {
    const acc = new TallyAccumulator(setup.election);
    for (const b of lastBallots.values()) acc.add(b.answers, b.weight);
    this.tally = acc.result();
    this.tallyBytes = serializeEncryptedTally(this.tally);
    this.numTallied = acc.numTallied;
    this.totalWeight = acc.totalWeight;
  }

  encryptedTally(tallyData: { hash: string; body: Uint8Array }, sizedBody: Uint8Array, where: string): void {
    const r = this.r;
    r.check('tally.encrypted_tally', 'Encrypted tally equals the recomputation from the last ballot of each credential', decodeUtf8(tallyData.body, 'encrypted_tally') === this.tallyBytes, where, 'the encrypted tally in the archive differs from the recomputed one (ciphertexts or encoding)');
    const expected = serializeSizedEncryptedTally({ numTallied: this.numTallied, totalWeight: this.totalWeight, encryptedTally: sha256Hex(this.tallyBytes) });
    const actual = decodeUtf8(sizedBody, 'sized_encrypted_tally');
    r.check('tally.sized', 'num_tallied, total_weight and the tally hash match the recomputation', actual === expected, where, `archive has ${actual.slice(0, 200)}, expected ${expected}`);
  }

  partialDecryption(pdData: { hash: string; body: Uint8Array }, ownedBody: Uint8Array, where: string): void {
    const r = this.r;
    const owned = parseOwned(ownedBody);
    const slots = ownerSlots(this.setup.trustees);
    if (!r.check('decryption.owner', 'Partial decryption owners are valid trustee indices, each at most once', owned.owner >= 1 && owned.owner <= slots.length && !this.decryptions.has(owned.owner), where, `owner ${owned.owner} is unknown or repeated`)) return;
    r.check('decryption.payload', 'owned_partial_decryption names the partial decryption before it', owned.payload === pdData.hash, where, 'payload hash mismatch');
    let pd: PartialDecryption;
    try {
      pd = parsePartialDecryption(pdData.body);
    } catch (e) {
      if (!isCryptoError(e)) throw e;
      r.fail('decryption.proofs', 'Partial decryption proofs verify against the owner key', where, `${e.reason}: ${e.message}`);
      return;
    }
    const v = verifyPartialDecryption(this.setup.election.fingerprint, this.tally, slots[owned.owner - 1].key, pd);
    const ok = v.shapeOk && v.invalid.length === 0;
    r.check('decryption.proofs', 'Partial decryption proofs verify against the owner key', ok, `${where} (owner ${owned.owner})`, v.shapeOk ? `invalid proofs at ${JSON.stringify(v.invalid.slice(0, 5))}` : 'shape differs from the tally');
    if (ok) this.decryptions.set(owned.owner, pd);
  }

  result(body: Uint8Array, where: string): void {
    const r = this.r;
    let result: ElectionResult;
    try {
      const factors = combineFactors(this.setup.trustees, this.tally, this.decryptions);
      r.pass('decryption.enough', 'Enough valid partial decryptions (every Single, threshold of each Pedersen block)');
      result = computeResult(this.tally, factors, this.totalWeight);
    } catch (e) {
      if (!isCryptoError(e)) throw e;
      r.fail(e.reason === 'dlog_not_found' ? 'result.matches' : 'decryption.enough', e.reason === 'dlog_not_found' ? 'Result equals the decryption of the tally' : 'Enough valid partial decryptions (every Single, threshold of each Pedersen block)', where, e.message);
      return;
    }
    this.resultValue = result;
    const expected = serializeResult(result);
    const actual = decodeUtf8(body, 'result');
    r.check('result.matches', 'Result equals the decryption of the tally', actual === expected, where, `archive has ${actual.slice(0, 200)}, decryption gives ${expected}`);
    // Weighted counts per question cannot exceed the total weight (sanity for blank questions).
    r.check('result.bounds', 'Each count is at most the total weight', result.every((row) => row.every((n) => n <= this.totalWeight)), where, 'count above total weight');
  }

  finish(stage: string): void {
    if (stage === 'EndBallots') this.r.note('tally.encrypted_tally', 'Encrypted tally equals the recomputation from the last ballot of each credential', 'no EncryptedTally event yet');
  }
}
