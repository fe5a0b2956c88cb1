import { VoterStatusDto } from 'src/voter/voter.dto';
import { VoterStatus } from 'src/voter/voter-status.service';

export function toVoterStatusDto(s: VoterStatus): VoterStatusDto {
  const e = s.election;
  return {
    election: {
      id: e.id,
      title: e.title,
      description: e.description,
      questions: e.questions.map((q) => ({ question: q.question, answers: [...q.answers], min: q.min, max: q.max, blank: q.blank })),
      revoting: e.onlineRevoting,
      policy: e.precedencePolicy,
      onlineOpensAt: e.timeline.onlineOpensAt,
      onlineClosesAt: e.timeline.onlineClosesAt,
      timeZone: e.timeline.timeZone,
    },
    state: s.state,
    explanation: s.explanation,
    castPreview: s.castPreview,
    lastBallot: s.lastBallot ? { tracker: s.lastBallot.tracker, receivedAt: s.lastBallot.receivedAt.toISOString() } : null,
  };
}
