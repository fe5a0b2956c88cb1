// A published result as the tally and record modules will hand it to the result page: the
// numbers add up as docs/RECORD.md requires (total = online + postal, turnout = sums).
import type { PublishedResult } from 'src/results-page/published-result';

export const PUBLISHED_ELECTION_ID = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';

export function publishedResult(overrides: Partial<PublishedResult> = {}): PublishedResult {
  const base: PublishedResult = {
    electionId: PUBLISHED_ELECTION_ID,
    title: 'Party leadership ballot 2027',
    description: 'Election of the party leader and the national committee by all members.',
    questions: [
      { question: 'Who should lead the party?', answers: ['Alice Martin', 'Bruno Okafor', 'Chloé Dvořák'], min: 1, max: 1, blank: true },
      { question: 'Elect the national committee (up to 2)', answers: ['Dev Patel', 'Eva Novak', 'Farid Haddad'], min: 1, max: 2, blank: false },
    ],
    channels: { online: true, postal: true },
    precedencePolicy: 'online-overrides-postal',
    onlineRevoting: true,
    timeZone: 'Europe/Paris',
    status: 'published',
    talliedAt: '2027-03-14T18:40:00.000Z',
    publishedAt: '2027-03-15T09:05:00.000Z',
    result: {
      election: PUBLISHED_ELECTION_ID,
      questions: [
        {
          question: 'Who should lead the party?',
          answers: [
            { answer: 'Alice Martin', online: 4210, postal: 1873, total: 6083 },
            { answer: 'Bruno Okafor', online: 3127, postal: 2004, total: 5131 },
            { answer: 'Chloé Dvořák', online: 988, postal: 415, total: 1403 },
          ],
          blank: { online: 152, postal: 61, total: 213 },
        },
        {
          question: 'Elect the national committee (up to 2)',
          answers: [
            { answer: 'Dev Patel', online: 5012, postal: 2530, total: 7542 },
            { answer: 'Eva Novak', online: 4480, postal: 2911, total: 7391 },
            { answer: 'Farid Haddad', online: 3905, postal: 1277, total: 5182 },
          ],
        },
      ],
      online: { ballots: 8477, weight: 8477 },
      postal: { papers: 4391, valid: 4353, blank: 0, invalid: 38, invalid_by_reason: { over_vote: 21, identifying_marks: 9, no_ballot_paper: 8 } },
      turnout: { eligible: 20000, online: 8477, postal: 4391, total: 12868 },
      returns_rejected: { late: 57, already_voted_online: 112, voided_pack: 6, duplicate_return: 3 },
    },
    precedence: {
      attempts: { online: 8731, postal: 4569 },
      refused: { online: { online_closed: 14 }, postal: { late: 57, already_voted_online: 112, duplicate_return: 3 } },
      postalOverriddenByOnline: 240,
      onlineSupersededByPostal: 0,
      onlineReplacedByRevote: 240,
      releasedAtOnlineClose: 4391,
    },
    record: {
      manifestSha256: '9f2b5c0e7a1d4e3f8b6c2a9d0e1f7c3b5a8d4e2f6c1b9a7d3e5f0c2b4a6d8e1f',
      zipBytes: 18_734_112,
      files: [
        { path: 'SHA256SUMS', sha256: 'a'.repeat(64), bytes: 812 },
        { path: 'credentials/voided.txt', sha256: 'b'.repeat(64), bytes: 390 },
        { path: 'election.json', sha256: 'c'.repeat(64), bytes: 1804 },
        { path: 'manifest.json', sha256: 'd'.repeat(64), bytes: 1620 },
        { path: `online/${'0e4a1c9f'}.bel`, sha256: 'e'.repeat(64), bytes: 41_220_871 },
        { path: 'online/superseded.jsonl', sha256: 'f'.repeat(64), bytes: 0 },
        { path: 'postal/batches.json', sha256: '1'.repeat(64), bytes: 5120 },
        { path: 'postal/counted-credentials.txt', sha256: '2'.repeat(64), bytes: 285_415 },
        { path: 'postal/cvrs.jsonl', sha256: '3'.repeat(64), bytes: 301_877 },
        { path: 'precedence.json', sha256: '4'.repeat(64), bytes: 733 },
        { path: 'result.json', sha256: '5'.repeat(64), bytes: 1190 },
      ],
    },
  };
  return { ...base, ...overrides };
}

/** The same election run by post only: no online counts, no `.bel` in the record. */
export function postalOnlyResult(overrides: Partial<PublishedResult> = {}): PublishedResult {
  const r = publishedResult();
  const postal = <T extends { postal: number }>(c: T) => ({ ...c, online: 0, total: c.postal });
  return publishedResult({
    channels: { online: false, postal: true },
    precedencePolicy: 'first-wins',
    onlineRevoting: false,
    result: {
      ...r.result,
      questions: r.result.questions.map((q) => ({ ...q, answers: q.answers.map(postal), ...(q.blank ? { blank: postal(q.blank) } : {}) })),
      online: null,
      turnout: { ...r.result.turnout, online: 0, total: r.result.turnout.postal },
    },
    precedence: { ...r.precedence, attempts: { online: 0, postal: r.precedence.attempts.postal }, refused: { online: {}, postal: r.precedence.refused.postal }, postalOverriddenByOnline: 0, onlineReplacedByRevote: 0, releasedAtOnlineClose: 0 },
    record: { ...r.record, files: r.record.files.filter((f) => !f.path.startsWith('online/')) },
    ...overrides,
  });
}
