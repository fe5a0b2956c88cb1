// `online.election_matches`: the archive is this election's — same Belenios uuid, same questions
// with the same answers in the same order and the same rules (min, max, blank).
import type { Reporter } from 'src/crypto/verify/report';
import { RECORD_CHECKS, conclude, needs, type RecordContext } from 'src/verify/record/record-context';

export function checkElectionMatches(r: Reporter, ctx: RecordContext): void {
  const id = 'online.election_matches';
  if (!ctx.online.ok && ctx.online.reason === 'postal-only') {
    r.pass(id, RECORD_CHECKS[id]);
    r.note(id, RECORD_CHECKS[id], 'postal-only election: no archive');
    return;
  }
  const got = needs(r, id, ctx.election, ctx.online);
  if (!got) return;
  const [election, online] = got;
  const bel = online.facts.election;
  if (!bel) return void r.fail(id, RECORD_CHECKS[id], online.path, `no readable election in the archive${online.facts.problem ? ` (${online.facts.problem})` : ''}`);
  const failures: { where: string; reason: string }[] = [];
  if (bel.uuid !== election.beleniosUuid) failures.push({ where: 'uuid', reason: `the .bel is election ${bel.uuid}, election.json says ${election.beleniosUuid}` });
  if (bel.questions.length !== election.questions.length) failures.push({ where: 'questions', reason: `the .bel has ${bel.questions.length} questions, election.json ${election.questions.length}` });
  election.questions.forEach((q, i) => {
    const b = bel.questions[i];
    if (!b) return;
    const mine = JSON.stringify([q.question, q.answers, q.min, q.max, q.blank]);
    const theirs = JSON.stringify([b.question, b.answers, b.min, b.max, b.blank]);
    if (mine !== theirs) failures.push({ where: `questions[${i}]`, reason: `election.json has ${mine}, the .bel ${theirs} ([question, answers, min, max, blank])` });
  });
  conclude(r, id, 1 + election.questions.length, failures);
}
