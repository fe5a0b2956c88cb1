// result.json of the record (docs/RECORD.md "result.json"): the online Result and the postal
// cast-vote records added per answer, with turnout and the returns refused at intake.
import { Question } from 'src/elections/election.types';
import { CvrRow } from 'src/tally/tally.repository';

export interface ChannelCount {
  online: number;
  postal: number;
  total: number;
}

export interface MergedResult {
  election: string;
  questions: Array<{ question: string; answers: Array<{ answer: string } & ChannelCount>; blank?: ChannelCount }>;
  online: { ballots: number; weight: number };
  postal: { papers: number; valid: number; blank: number; invalid: number; invalid_by_reason: Record<string, number> };
  turnout: { eligible: number; online: number; postal: number; total: number };
  returns_rejected: Record<string, number>;
}

/** Sums of the postal cast-vote records, per answer and per question's blank. */
export class PostalSums {
  readonly votes: number[][];
  readonly blanks: number[];
  papers = 0;
  valid = 0;
  blank = 0;
  invalid = 0;
  readonly invalidByReason: Record<string, number> = {};

  constructor(private readonly questions: readonly Question[]) {
    this.votes = questions.map((q) => q.answers.map(() => 0));
    this.blanks = questions.map(() => 0);
  }

  add(cvr: CvrRow): void {
    this.papers += 1;
    switch (cvr.kind) {
      case 'valid':
        this.valid += 1;
        this.questions.forEach((_, i) => {
          const c = cvr.choices?.[i] ?? [];
          // Choosing nothing is allowed only where blank is: that question's blank vote.
          if (c.every((x) => x === 0)) this.blanks[i] += 1;
          c.forEach((x, j) => (this.votes[i][j] += x));
        });
        return;
      case 'blank':
        this.blank += 1;
        this.questions.forEach((q, i) => {
          if (q.blank) this.blanks[i] += 1;
        });
        return;
      case 'invalid': {
        this.invalid += 1;
        const reason = cvr.invalidReason ?? 'unknown';
        this.invalidByReason[reason] = (this.invalidByReason[reason] ?? 0) + 1;
        return;
      }
      default: {
        const never: never = cvr.kind;
        return never;
      }
    }
  }
}

export interface MergeInput {
  electionId: string;
  questions: readonly Question[];
  /** The Belenios result (a blank-allowed question's first column is its blank count); null without the online channel. */
  online: { result: readonly (readonly bigint[])[]; numTallied: number; totalWeight: bigint } | null;
  postal: PostalSums;
  envelopesOpened: number;
  eligible: number;
  returnsRejected: ReadonlyArray<{ reason: string; returns: number }>;
}

const count = (online: number, postal: number): ChannelCount => ({ online, postal, total: online + postal });

export function mergeResult(input: MergeInput): MergedResult {
  const { postal, online } = input;
  const numTallied = online?.numTallied ?? 0;
  return {
    election: input.electionId,
    questions: input.questions.map((q, i) => {
      const row = online?.result[i].map(Number);
      const onlineBlank = row && q.blank ? row[0] : 0;
      const onlineAnswers = row ? (q.blank ? row.slice(1) : row) : q.answers.map(() => 0);
      return {
        question: q.question,
        answers: q.answers.map((answer, j) => ({ answer, ...count(onlineAnswers[j], postal.votes[i][j]) })),
        ...(q.blank ? { blank: count(onlineBlank, postal.blanks[i]) } : {}),
      };
    }),
    online: { ballots: numTallied, weight: Number(online?.totalWeight ?? 0n) },
    postal: { papers: postal.papers, valid: postal.valid, blank: postal.blank, invalid: postal.invalid, invalid_by_reason: { ...postal.invalidByReason } },
    turnout: { eligible: input.eligible, online: numTallied, postal: input.envelopesOpened, total: numTallied + input.envelopesOpened },
    returns_rejected: Object.fromEntries(input.returnsRejected.map((r) => [r.reason, r.returns])),
  };
}
