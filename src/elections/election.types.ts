// The vocabulary of an election's settings (DESIGN.md §3, §8). Published with the election.

export const ELECTION_STATUSES = [
  'draft',
  'roll_frozen',
  'packs_ready',
  'open',
  'online_closed',
  'postal_closed',
  'counting',
  'tallying',
  'result_ready',
  'published',
  'cancelled',
] as const;
export type ElectionStatus = (typeof ELECTION_STATUSES)[number];

export const PRECEDENCE_POLICIES = ['first-wins', 'last-wins', 'online-overrides-postal', 'postal-overrides-online'] as const;
export type PrecedencePolicy = (typeof PRECEDENCE_POLICIES)[number];

export const SECOND_FACTORS = ['date-of-birth', 'postcode'] as const;
export type SecondFactor = (typeof SECOND_FACTORS)[number];

/** A Belenios homomorphic question: choose between min and max answers; blank if allowed. */
export interface Question {
  question: string;
  answers: string[];
  min: number;
  max: number;
  blank: boolean;
}

export interface Channels {
  online: boolean;
  postal: boolean;
}

/** Instants are ISO-8601 UTC strings; the time zone says how to show them to people. */
export interface Timeline {
  onlineOpensAt: string | null;
  onlineClosesAt: string | null;
  postalDeadline: string | null;
  timeZone: string;
}

export interface ElectionSettings {
  title: string;
  description: string;
  questions: Question[];
  channels: Channels;
  precedencePolicy: PrecedencePolicy;
  onlineRevoting: boolean;
  secondFactor: SecondFactor;
  timeline: Timeline;
}

export const DEFAULT_SETTINGS: Omit<ElectionSettings, 'title'> = {
  description: '',
  questions: [],
  channels: { online: true, postal: true },
  precedencePolicy: 'online-overrides-postal',
  onlineRevoting: true,
  secondFactor: 'date-of-birth',
  timeline: { onlineOpensAt: null, onlineClosesAt: null, postalDeadline: null, timeZone: 'UTC' },
};
