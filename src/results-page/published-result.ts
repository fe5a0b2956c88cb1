// What the public result page and the PDF report show (docs/TALLY.md "Public result page"):
// the record's result.json (docs/RECORD.md), the election as published and the record's
// manifest. The page module reads it through PUBLISHED_RESULT_READER and never queries the
// tally or record tables itself, so it depends on no service and the renderers stay pure.
import type { Channels, PrecedencePolicy, Question } from 'src/elections/election.types';

/** One answer's count per channel; `total = online + postal` (RECORD.md result.json). */
export interface ChannelCounts {
  online: number;
  postal: number;
  total: number;
}

export interface ResultQuestion {
  question: string;
  answers: Array<{ answer: string } & ChannelCounts>;
  /** Present only when the question allows a blank vote. */
  blank?: ChannelCounts;
}

/** `result.json` of the record, as docs/RECORD.md defines it. */
export interface ResultJson {
  election: string;
  questions: ResultQuestion[];
  /** num_tallied / total_weight of the `.bel`; null (or absent) for a postal-only election. */
  online?: { ballots: number; weight: number } | null;
  postal: { papers: number; valid: number; blank: number; invalid: number; invalid_by_reason: Record<string, number> };
  turnout: { eligible: number; online: number; postal: number; total: number };
  /** Postal returns refused at intake, by reason. */
  returns_rejected: Record<string, number>;
}

/** What the precedence rule did (the record's precedence.json, in the precedence report's words). */
export interface PrecedenceSummary {
  attempts: { online: number; postal: number };
  /** Attempts refused, by channel and reason. */
  refused: { online: Record<string, number>; postal: Record<string, number> };
  /** Sealed postal envelopes set aside because the member then voted online. */
  postalOverriddenByOnline: number;
  /** Online ballots left out of the tally because the member's postal vote beat them. */
  onlineSupersededByPostal: number;
  /** Online ballots replaced by the same member's later online ballot. */
  onlineReplacedByRevote: number;
  /** Held envelopes released to the count when online voting closed. */
  releasedAtOnlineClose: number;
}

export interface RecordFile {
  path: string;
  sha256: string;
  bytes: number;
}

export interface PublishedResult {
  electionId: string;
  title: string;
  description: string;
  /** In published order; `result.questions` follows the same order. */
  questions: Question[];
  channels: Channels;
  /** The renderers explain the rule in one sentence in the reader's language (policyExplanation). */
  precedencePolicy: PrecedencePolicy;
  onlineRevoting: boolean;
  /** IANA zone in which the election's times are shown. */
  timeZone: string;
  status: 'published';
  /** ISO-8601 UTC instants. */
  talliedAt: string;
  publishedAt: string;
  result: ResultJson;
  precedence: PrecedenceSummary;
  record: {
    /** SHA-256 (hex) of manifest.json: names every file of the record and its hash. */
    manifestSha256: string;
    zipBytes: number;
    files: RecordFile[];
  };
}

/**
 * Where the page finds a published election's result. null: no such election, or not published
 * yet (the page then does not exist for the public). Bound to RecordResultReader, which reads
 * the published record's own files.
 */
export interface PublishedResultReader {
  read(electionId: string): Promise<PublishedResult | null>;
}

export const PUBLISHED_RESULT_READER = Symbol('PUBLISHED_RESULT_READER');
