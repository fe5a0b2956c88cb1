// What happens in a demo election, decided before it starts: the roll, and for every member what
// they intend to do (vote online, by post, both ways, twice, nothing) and what their ballot says.
// Seeded, so `--seed` repeats a run. The crypto randomness is not seeded: only behaviour is.
import { PrecedencePolicy } from 'src/elections/election.types';
import { Random } from 'src/demo/random';

export type Restriction = 'any' | 'online-only' | 'postal-only';

/** An online vote: the answer of question 1, and those of question 2 ([] is a blank vote there). */
export interface Vote {
  q1: number;
  q2: number[];
}

export type Paper =
  | { kind: 'valid'; q1: number; q2: number[] }
  | { kind: 'blank' }
  | { kind: 'over_vote' }
  /** A paper whose barcode we never printed, found in an accepted envelope. */
  | { kind: 'not_genuine' };

export type Story = 'abstain' | 'online' | 'online_revote' | 'postal' | 'online_then_postal' | 'postal_then_online';

/** When the envelope reaches intake. */
export type PostalArrival = 'while_online_open' | 'after_online_close' | 'late';

export interface MemberPlan {
  number: string;
  dateOfBirth: string;
  restriction: Restriction;
  story: Story;
  /** Online ballots in the order cast. */
  ballots: Vote[];
  paper: Paper | null;
  arrival: PostalArrival | null;
  /** The envelope is scanned twice (two envelopes from one pack, or the same one re-scanned). */
  duplicateReturn: boolean;
  /** Pack lost, replaced before voting; the lost one then turns up at intake too (voided). */
  reissued: boolean;
  /** A postal-only member who tries to vote online (refused). */
  triesOnline: boolean;
}

export const DEMO_QUESTIONS = [
  { question: 'Who should lead the party?', answers: ['Alice Martin', 'Bob Chen', 'Chloé Durand'], min: 1, max: 1, blank: false },
  { question: 'Which priorities for the coming year (one or two)?', answers: ['Housing', 'Climate', 'Health'], min: 1, max: 2, blank: true },
];

const GIVEN = ['Alex', 'Sam', 'Charlie', 'Jordan', 'Morgan', 'Robin', 'Noor', 'Ines', 'Yusuf', 'Mei', 'Olek', 'Zoé', 'Ana', 'Theo'];
const FAMILY = ['Martin', 'Okafor', 'Nowak', 'García', 'Smith', 'Dubois', 'Khan', 'Rossi', 'Jensen', 'Murphy', 'Silva', 'Novak', 'Ahmed', 'Evans'];
const POSTCODES = ['SW1A 1AA', 'EC1A 1BB', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'LS1 4AP', 'G1 1XQ'];

export interface RollMember {
  member_number: string;
  given_names: string;
  family_name: string;
  address_line_1: string;
  postcode: string;
  country: string;
  email: string;
  date_of_birth: string;
  weight: string;
  eligible: string;
  channel: string;
}

export interface Scenario {
  plans: MemberPlan[];
  roll: RollMember[];
}

/** At least `min`, else `share` of `n`, rounded. */
const portion = (n: number, share: number, min: number) => Math.max(min, Math.round(n * share));

function randomVote(r: Random, q2BlankShare: number): Vote {
  const q1 = r.int(3);
  if (r.next() < q2BlankShare) return { q1, q2: [] };
  const first = r.int(3);
  const q2 = r.next() < 0.4 ? [first, (first + 1 + r.int(2)) % 3].sort() : [first];
  return { q1, q2 };
}

function dateOfBirth(r: Random): string {
  const y = 1940 + r.int(65);
  const m = 1 + r.int(12);
  const d = 1 + r.int(28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const MIN_MEMBERS = 40;

/**
 * About 45% vote online and 40% by post; some both ways in each order, some twice online; a few
 * packs lost and replaced; late, duplicate, blank, spoilt and forged returns. Every kind of
 * event appears at least once whatever the size (from MIN_MEMBERS).
 */
export function buildScenario(members: number, r: Random): Scenario {
  if (!Number.isInteger(members) || members < MIN_MEMBERS) throw new RangeError(`a demo needs at least ${MIN_MEMBERS} members`);
  const plans: MemberPlan[] = [];
  for (let i = 1; i <= members; i++) {
    plans.push({
      number: `D${String(i).padStart(6, '0')}`,
      dateOfBirth: dateOfBirth(r),
      restriction: 'any',
      story: 'abstain',
      ballots: [],
      paper: null,
      arrival: null,
      duplicateReturn: false,
      reissued: false,
      triesOnline: false,
    });
  }
  const pool = r.shuffle([...plans]);
  const take = (n: number) => pool.splice(0, n);
  const vote = () => randomVote(r, 0.08);

  for (const p of take(portion(members, 0.04, 2))) {
    p.restriction = 'online-only';
    if (r.next() < 0.8) Object.assign(p, { story: 'online', ballots: [vote()] });
  }
  const postalOnly = take(portion(members, 0.04, 2));
  for (const p of postalOnly) {
    p.restriction = 'postal-only';
    if (r.next() < 0.8) Object.assign(p, { story: 'postal' });
  }
  postalOnly[0].triesOnline = true;
  postalOnly[0].story = 'postal';
  for (const p of take(portion(members, 0.025, 2))) Object.assign(p, { story: 'online_then_postal', ballots: [vote()] });
  for (const p of take(portion(members, 0.025, 2))) Object.assign(p, { story: 'postal_then_online', ballots: [vote()] });
  for (const p of take(portion(members, 0.04, 2))) Object.assign(p, { story: 'online_revote', ballots: [vote(), vote()] });
  const reissued = take(portion(members, 0.003, 2));
  reissued.forEach((p, i) => Object.assign(p, { reissued: true, story: i % 2 === 0 ? 'postal' : 'online', ballots: i % 2 === 0 ? [] : [vote()] }));
  for (const p of pool) {
    const x = r.next();
    if (x < 0.42) Object.assign(p, { story: 'online', ballots: [vote()] });
    else if (x < 0.8) p.story = 'postal';
  }

  // Postal returns: when they arrive, and what the paper inside says.
  const postal = plans.filter((p) => p.story === 'postal' || p.story === 'online_then_postal' || p.story === 'postal_then_online');
  for (const p of postal) {
    p.paper = { kind: 'valid', ...vote() };
    p.arrival = p.story === 'postal' && !p.reissued && r.next() < 0.4 ? 'after_online_close' : 'while_online_open';
  }
  const plain = r.shuffle(postal.filter((p) => p.story === 'postal' && !p.reissued));
  const special = plain.splice(0, portion(members, 0.01, 1) + portion(members, 0.012, 1) * 2 + 1 + portion(members, 0.005, 1));
  let k = 0;
  for (let i = 0; i < portion(members, 0.01, 1); i++) special[k++].arrival = 'late';
  for (let i = 0; i < portion(members, 0.012, 1); i++) special[k++].paper = { kind: 'blank' };
  for (let i = 0; i < portion(members, 0.012, 1); i++) special[k++].paper = { kind: 'over_vote' };
  special[k++].paper = { kind: 'not_genuine' };
  for (let i = 0; i < portion(members, 0.005, 1); i++) special[k++].duplicateReturn = true;
  return { plans, roll: plans.map((p) => rollMember(p, r)) };
}

function rollMember(p: MemberPlan, r: Random): RollMember {
  const onlineOnly = p.restriction === 'online-only';
  return {
    member_number: p.number,
    given_names: r.pick(GIVEN),
    family_name: r.pick(FAMILY),
    // Members abroad who vote online only get their codes by e-mail: no postal address.
    address_line_1: onlineOnly ? '' : `${1 + r.int(200)} ${r.pick(['High Street', 'Station Road', 'Church Lane', 'Mill Road'])}`,
    postcode: r.pick(POSTCODES),
    country: 'GB',
    email: onlineOnly ? `${p.number.toLowerCase()}@members.example.org` : '',
    date_of_birth: p.dateOfBirth,
    weight: '1',
    eligible: 'yes',
    channel: p.restriction,
  };
}

/** What the published rule must do with each member's actions: the demo's own reading of DESIGN.md §8. */
export interface Expectation {
  /** Verdict at intake for the member's (first) return, or null without one. */
  postal: { verdict: 'accept' | 'hold' | 'reject'; reason?: string } | null;
  /** For a vote online after a postal return: `accept`, or the refusal reason. */
  onlineAfterPostal: string | null;
  counted: 'online' | 'postal' | null;
}

const ONLINE_MAY_WIN: ReadonlySet<PrecedencePolicy> = new Set(['online-overrides-postal', 'last-wins']);

export function expectationFor(p: MemberPlan, policy: PrecedencePolicy): Expectation {
  const none: Expectation = { postal: null, onlineAfterPostal: null, counted: p.ballots.length > 0 ? 'online' : null };
  if (p.arrival === null) return none;
  if (p.arrival === 'late') return { postal: { verdict: 'reject', reason: 'late' }, onlineAfterPostal: null, counted: null };
  const closed = p.arrival === 'after_online_close';
  switch (p.story) {
    case 'online_then_postal':
      if (policy === 'first-wins' || policy === 'online-overrides-postal') return { postal: { verdict: 'reject', reason: 'already_voted_online' }, onlineAfterPostal: null, counted: 'online' };
      return { postal: { verdict: policy === 'last-wins' ? 'hold' : 'accept' }, onlineAfterPostal: null, counted: 'postal' };
    case 'postal_then_online': {
      const wins = ONLINE_MAY_WIN.has(policy);
      return { postal: { verdict: wins ? 'hold' : 'accept' }, onlineAfterPostal: wins ? 'accept' : 'already_voted_by_post', counted: wins ? 'online' : 'postal' };
    }
    case 'abstain':
    case 'online':
    case 'online_revote':
    case 'postal':
      return { postal: { verdict: !closed && ONLINE_MAY_WIN.has(policy) ? 'hold' : 'accept' }, onlineAfterPostal: null, counted: 'postal' };
  }
}
