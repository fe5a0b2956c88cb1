// The result the demo must get back, computed from what every member did (the demo knows every
// plaintext) — independently of the server's counting, so a bug there shows as a mismatch.
import { PrecedencePolicy } from 'src/elections/election.types';
import { DEMO_QUESTIONS, expectationFor, MemberPlan } from 'src/demo/scenario';

export interface ChannelSplit {
  online: number;
  postal: number;
  total: number;
}

/** The shape of RECORD.md's result.json, for the parts the demo checks. */
export interface MergedResult {
  questions: Array<{ question: string; answers: Array<{ answer: string } & ChannelSplit>; blank?: ChannelSplit }>;
  online: { ballots: number; weight: number };
  postal: { papers: number; valid: number; blank: number; invalid: number; invalid_by_reason: Record<string, number> };
  turnout: { eligible: number; online: number; postal: number; total: number };
  returns_rejected: Record<string, number>;
}

export interface ExpectedFigures {
  result: MergedResult;
  /** What the precedence report must say the rule did. */
  precedence: { postalOverriddenByOnline: number; onlineSupersededByPostal: number; onlineReplacedByRevote: number; refused: { online: Record<string, number>; postal: Record<string, number> } };
}

const split = (): ChannelSplit => ({ online: 0, postal: 0, total: 0 });
const bump = (m: Record<string, number>, k: string, n = 1) => (m[k] = (m[k] ?? 0) + n);

export function expectedFigures(plans: readonly MemberPlan[], policy: PrecedencePolicy): ExpectedFigures {
  const questions = DEMO_QUESTIONS.map((q) => ({ question: q.question, answers: q.answers.map((answer) => ({ answer, ...split() })), ...(q.blank ? { blank: split() } : {}) }));
  const postal = { papers: 0, valid: 0, blank: 0, invalid: 0, invalid_by_reason: {} as Record<string, number> };
  const rejected: Record<string, number> = {};
  const precedence = { postalOverriddenByOnline: 0, onlineSupersededByPostal: 0, onlineReplacedByRevote: 0, refused: { online: {} as Record<string, number>, postal: {} as Record<string, number> } };
  let online = 0;
  const addVote = (v: { q1: number; q2: number[] }, channel: 'online' | 'postal') => {
    questions[0].answers[v.q1][channel]++;
    if (v.q2.length === 0) questions[1].blank![channel]++;
    for (const a of v.q2) questions[1].answers[a][channel]++;
  };
  for (const p of plans) {
    const x = expectationFor(p, policy);
    if (p.ballots.length > 1) precedence.onlineReplacedByRevote += p.ballots.length - 1;
    if (p.triesOnline) bump(precedence.refused.online, 'channel_not_allowed');
    if (p.reissued) bump(rejected, 'voided_pack');
    if (p.duplicateReturn) {
      bump(rejected, 'duplicate_return');
      bump(precedence.refused.postal, 'duplicate_return');
    }
    if (x.postal?.verdict === 'reject') {
      bump(rejected, x.postal.reason!);
      bump(precedence.refused.postal, x.postal.reason!);
    }
    if (x.onlineAfterPostal && x.onlineAfterPostal !== 'accept') bump(precedence.refused.online, x.onlineAfterPostal);
    if (p.story === 'postal_then_online' && x.counted === 'online') precedence.postalOverriddenByOnline++;
    if (p.story === 'online_then_postal' && x.counted === 'postal') precedence.onlineSupersededByPostal++;
    if (x.counted === 'online') {
      online++;
      addVote(p.ballots[p.ballots.length - 1], 'online');
    } else if (x.counted === 'postal') {
      const paper = p.paper!;
      postal.papers++;
      if (paper.kind === 'valid') {
        postal.valid++;
        addVote(paper, 'postal');
      } else if (paper.kind === 'blank') {
        postal.blank++;
        questions[1].blank!.postal++;
      } else {
        postal.invalid++;
        bump(postal.invalid_by_reason, paper.kind);
      }
    }
  }
  for (const q of questions) for (const c of [...q.answers, ...(q.blank ? [q.blank] : [])]) c.total = c.online + c.postal;
  return {
    result: {
      questions,
      online: { ballots: online, weight: online },
      postal,
      turnout: { eligible: plans.length, online, postal: postal.papers, total: online + postal.papers },
      returns_rejected: rejected,
    },
    precedence,
  };
}
