import { generatePedersen } from 'src/crypto/trustees/pedersen';
import { generateSingleTrustee } from 'src/crypto/trustees/trustee-key';
import { DecryptionQuorum } from 'src/tally/decryption-quorum';
import { mergeResult, PostalSums } from 'src/tally/merged-result';

const QUESTIONS = [
  { question: 'Leader', answers: ['Alice', 'Bob'], min: 1, max: 1, blank: true },
  { question: 'Board', answers: ['Dev', 'Eve', 'Fay'], min: 1, max: 2, blank: false },
];

describe(mergeResult.name, () => {
  it('adds online (blank column first) and postal per answer; a blank paper is blank only where blank is allowed', () => {
    const postal = new PostalSums(QUESTIONS);
    postal.add({ kind: 'valid', choices: [[0, 1], [1, 1, 0]], invalidReason: null });
    // Nothing chosen for the leader (allowed: blank) on an otherwise valid paper.
    postal.add({ kind: 'valid', choices: [[0, 0], [0, 0, 1]], invalidReason: null });
    postal.add({ kind: 'blank', choices: null, invalidReason: null });
    postal.add({ kind: 'invalid', choices: null, invalidReason: 'over_vote' });
    const merged = mergeResult({
      electionId: 'e',
      questions: QUESTIONS,
      online: { result: [[1n, 5n, 2n], [3n, 4n, 0n]], numTallied: 8, totalWeight: 8n },
      postal,
      envelopesOpened: 4,
      eligible: 20,
      returnsRejected: [{ reason: 'late', returns: 2 }],
    });
    expect(merged.questions).toEqual([
      {
        question: 'Leader',
        answers: [
          { answer: 'Alice', online: 5, postal: 0, total: 5 },
          { answer: 'Bob', online: 2, postal: 1, total: 3 },
        ],
        blank: { online: 1, postal: 2, total: 3 },
      },
      {
        question: 'Board',
        answers: [
          { answer: 'Dev', online: 3, postal: 1, total: 4 },
          { answer: 'Eve', online: 4, postal: 1, total: 5 },
          { answer: 'Fay', online: 0, postal: 1, total: 1 },
        ],
      },
    ]);
    expect(merged).toMatchObject({
      online: { ballots: 8, weight: 8 },
      postal: { papers: 4, valid: 2, blank: 1, invalid: 1, invalid_by_reason: { over_vote: 1 } },
      turnout: { eligible: 20, online: 8, postal: 4, total: 12 },
      returns_rejected: { late: 2 },
    });
  });
});

describe(DecryptionQuorum.name, () => {
  const quorum = new DecryptionQuorum([
    { kind: 'Single', key: generateSingleTrustee().publicKey },
    { kind: 'Pedersen', parameters: generatePedersen(3, 2).parameters },
  ]);

  it('needs every single trustee and the threshold of each group, whichever members', () => {
    expect(quorum.needed).toBe(3);
    expect(quorum.complete([1, 2, 4])).toBe(true);
    expect(quorum.complete([1, 3, 4])).toBe(true);
    expect(quorum.complete([2, 3, 4])).toBe(false);
    expect(quorum.complete([1, 2])).toBe(false);
    expect([0, 1, 4, 5, 1.5].map((o) => quorum.isOwner(o))).toEqual([false, true, true, false, false]);
  });
});
