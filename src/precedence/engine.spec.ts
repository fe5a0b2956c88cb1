import fc from 'fast-check';
import { PRECEDENCE_POLICIES, PrecedencePolicy } from 'src/elections/election.types';
import {
  Circumstances,
  confirmPulled,
  countedChannel,
  decide,
  Decision,
  Effect,
  ElectionRule,
  EnvelopeState,
  IncomingEvent,
  INITIAL_STATE,
  MemberState,
  OnlineState,
} from 'src/precedence/engine';

const OPEN: Circumstances = { onlineOpen: true, onlineClosed: false, postalOpen: true, postalDeadlinePassed: false, eligible: true, restriction: 'any' };
const ONLINE_CLOSED: Circumstances = { ...OPEN, onlineOpen: false, onlineClosed: true };
const cast: IncomingEvent = { kind: 'online_cast' };
const post: IncomingEvent = { kind: 'postal_return' };
const close: IncomingEvent = { kind: 'online_close' };

/** Applies events in order, as the service does, returning every decision. */
function run(rule: ElectionRule, steps: Array<[IncomingEvent, Circumstances]>): { state: MemberState; decisions: Decision[] } {
  let state = INITIAL_STATE;
  const decisions: Decision[] = [];
  for (const [event, c] of steps) {
    const d = decide(rule, state, event, c);
    decisions.push(d);
    state = d.next;
  }
  return { state, decisions };
}

const summary = (d: Decision) => (d.verdict === 'reject' ? `reject:${d.reason}` : `${d.verdict}:${d.effects.join('+')}`);

describe('precedence engine — the published rules', () => {
  const rule = (policy: PrecedencePolicy, onlineRevoting = true): ElectionRule => ({ policy, onlineRevoting });

  describe('first-wins', () => {
    it('online first: the postal return is refused', () => {
      const r = run(rule('first-wins'), [[cast, OPEN], [post, OPEN]]);
      expect(r.decisions.map(summary)).toEqual(['accept:count_online', 'reject:already_voted_online']);
      expect(countedChannel(r.state)).toBe('online');
    });
    it('postal first: accepted at once (identity can be separated), online refused', () => {
      const r = run(rule('first-wins'), [[post, OPEN], [cast, OPEN]]);
      expect(r.decisions.map(summary)).toEqual(['accept:accept_envelope', 'reject:already_voted_by_post']);
      expect(countedChannel(r.state)).toBe('postal');
    });
  });

  describe('online-overrides-postal', () => {
    it('postal while online is open is held; a later online vote pulls it', () => {
      const r = run(rule('online-overrides-postal'), [[post, OPEN], [cast, OPEN], [close, ONLINE_CLOSED]]);
      expect(r.decisions.map(summary)).toEqual(['hold:hold_envelope', 'accept:count_online+pull_envelope', 'none:']);
      expect(r.state).toEqual({ online: 'counted', onlineBallots: 1, envelope: 'pull' });
    });
    it('a held envelope is released to the count when online voting closes', () => {
      const r = run(rule('online-overrides-postal'), [[post, OPEN], [close, ONLINE_CLOSED]]);
      expect(r.decisions.map(summary)).toEqual(['hold:hold_envelope', 'none:release_envelope']);
      expect(r.state.envelope).toBe('accepted');
    });
    it('postal after an online vote is refused; postal after online closed is accepted directly', () => {
      expect(run(rule('online-overrides-postal'), [[cast, OPEN], [post, OPEN]]).decisions.map(summary)[1]).toBe('reject:already_voted_online');
      expect(run(rule('online-overrides-postal'), [[post, ONLINE_CLOSED]]).decisions.map(summary)).toEqual(['accept:accept_envelope']);
    });
  });

  describe('postal-overrides-online', () => {
    it('postal after online supersedes the online ballot (excluded from the tally)', () => {
      const r = run(rule('postal-overrides-online'), [[cast, OPEN], [post, OPEN]]);
      expect(r.decisions.map(summary)).toEqual(['accept:count_online', 'accept:supersede_online+accept_envelope']);
      expect(r.state).toEqual({ online: 'superseded', onlineBallots: 1, envelope: 'accepted' });
      expect(countedChannel(r.state)).toBe('postal');
    });
    it('online after postal is refused; postal is never held', () => {
      expect(run(rule('postal-overrides-online'), [[post, OPEN], [cast, OPEN]]).decisions.map(summary)).toEqual([
        'accept:accept_envelope',
        'reject:already_voted_by_post',
      ]);
    });
  });

  describe('last-wins', () => {
    it('online → postal → online: each later vote replaces the earlier one', () => {
      const r = run(rule('last-wins'), [[cast, OPEN], [post, OPEN], [cast, OPEN], [close, ONLINE_CLOSED]]);
      expect(r.decisions.map(summary)).toEqual([
        'accept:count_online',
        'hold:supersede_online+hold_envelope',
        'accept:count_online+replace_online+pull_envelope',
        'none:',
      ]);
      expect(countedChannel(r.state)).toBe('online');
    });
    it('postal after online has closed replaces the online ballot and is accepted at once', () => {
      const r = run(rule('last-wins'), [[cast, OPEN], [close, ONLINE_CLOSED], [post, ONLINE_CLOSED]]);
      expect(r.decisions.map(summary)[2]).toBe('accept:supersede_online+accept_envelope');
      expect(countedChannel(r.state)).toBe('postal');
    });
  });

  describe('for every rule', () => {
    it.each(PRECEDENCE_POLICIES.map((p) => [p]))('%s: a revote follows the revoting setting', (policy) => {
      expect(run(rule(policy, true), [[cast, OPEN], [cast, OPEN]]).decisions.map(summary)[1]).toBe('accept:count_online+replace_online');
      expect(run(rule(policy, false), [[cast, OPEN], [cast, OPEN]]).decisions.map(summary)[1]).toBe('reject:revoting_not_allowed');
    });

    it.each(PRECEDENCE_POLICIES.map((p) => [p]))('%s: deadlines, eligibility and channel restrictions refuse a vote and change nothing', (policy) => {
      const r = rule(policy);
      const cases: Array<[IncomingEvent, Circumstances, string]> = [
        [cast, ONLINE_CLOSED, 'online_closed'],
        [cast, { ...OPEN, onlineOpen: false }, 'online_not_open'],
        [post, { ...OPEN, postalDeadlinePassed: true, postalOpen: false }, 'late'],
        [post, { ...OPEN, postalOpen: false }, 'election_not_open'],
        [cast, { ...OPEN, eligible: false }, 'not_eligible'],
        [post, { ...OPEN, eligible: false }, 'not_eligible'],
        [cast, { ...OPEN, restriction: 'postal-only' }, 'channel_not_allowed'],
        [post, { ...OPEN, restriction: 'online-only' }, 'channel_not_allowed'],
      ];
      for (const [event, c, reason] of cases) {
        const d = decide(r, INITIAL_STATE, event, c);
        expect({ reason, d: summary(d) }).toEqual({ reason, d: `reject:${reason}` });
        expect(d.next).toBe(INITIAL_STATE);
      }
    });

    it.each(PRECEDENCE_POLICIES.map((p) => [p]))('%s: a second return from the same pack is a duplicate', (policy) => {
      const d = run(rule(policy), [[post, OPEN], [post, OPEN]]).decisions[1];
      expect(summary(d)).toBe('reject:duplicate_return');
    });
  });
});

// Every reachable state × every event × every circumstance, for every rule.
describe('precedence engine — exhaustive invariants', () => {
  const onlineStates: OnlineState[] = ['none', 'counted', 'superseded'];
  const envelopes: EnvelopeState[] = ['none', 'held', 'accepted', 'pull', 'pulled'];
  const events: IncomingEvent[] = [cast, post, close];
  const bools = [false, true];
  const circumstances: Circumstances[] = [];
  for (const onlineOpen of bools)
    for (const onlineClosed of bools)
      for (const postalOpen of bools)
        for (const postalDeadlinePassed of bools)
          for (const eligible of bools)
            for (const restriction of ['any', 'postal-only', 'online-only'] as const) {
              if (onlineOpen && onlineClosed) continue;
              if (postalOpen && postalDeadlinePassed) continue;
              circumstances.push({ onlineOpen, onlineClosed, postalOpen, postalDeadlinePassed, eligible, restriction });
            }

  const cases: Array<[ElectionRule, MemberState, IncomingEvent, Circumstances]> = [];
  for (const policy of PRECEDENCE_POLICIES)
    for (const onlineRevoting of bools)
      for (const online of onlineStates)
        for (const envelope of envelopes)
          for (const event of events)
            for (const c of circumstances) {
              // A member never has an online ballot counted and a live envelope at once.
              if (online === 'counted' && (envelope === 'held' || envelope === 'accepted')) continue;
              cases.push([{ policy, onlineRevoting }, { online, onlineBallots: online === 'none' ? 0 : 1, envelope }, event, c]);
            }

  it('covers thousands of combinations', () => expect(cases.length).toBeGreaterThan(5000));

  it('is total, never counts a member twice, and a refusal changes nothing', () => {
    for (const [rule, state, event, c] of cases) {
      const d = decide(rule, state, event, c);
      const bothCount = d.next.online === 'counted' && (d.next.envelope === 'held' || d.next.envelope === 'accepted');
      expect(bothCount).toBe(false);
      if (d.verdict === 'reject') expect(d.next).toBe(state);
    }
  });

  it('never resurrects a settled envelope, and never holds one once online voting has closed', () => {
    for (const [rule, state, event, c] of cases) {
      const d = decide(rule, state, event, c);
      if (state.envelope === 'accepted' || state.envelope === 'pulled') expect(d.next.envelope).toBe(state.envelope);
      if (state.envelope === 'pull') expect(['pull']).toContain(d.next.envelope);
      if (c.onlineClosed && d.next.envelope === 'held') expect(state.envelope).toBe('held');
      if (event.kind === 'online_close') expect(d.next.envelope).not.toBe('held');
    }
  });

  it('holds envelopes only under rules where a later online vote can win, and never accepts one online can still beat', () => {
    for (const [rule, state, event, c] of cases) {
      const d = decide(rule, state, event, c);
      const onlineCanWin = rule.policy === 'online-overrides-postal' || rule.policy === 'last-wins';
      if (d.verdict === 'hold') expect(onlineCanWin && !c.onlineClosed).toBe(true);
      if ((d.effects as Effect[]).includes('accept_envelope')) expect(onlineCanWin && !c.onlineClosed).toBe(false);
    }
  });

  it('under first-wins, the first channel that counts is final', () => {
    for (const [rule, state, event, c] of cases) {
      if (rule.policy !== 'first-wins') continue;
      const before = countedChannel(state);
      const after = countedChannel(decide(rule, state, event, c).next);
      if (before !== null) expect(after).toBe(before);
    }
  });
});

describe('precedence engine — random histories', () => {
  const eventArb = fc.constantFrom<IncomingEvent>(cast, post, close);
  it('any history leaves at most one counted vote, and every accepted vote is counted, replaced, superseded or pulled', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PRECEDENCE_POLICIES), fc.boolean(), fc.array(eventArb, { maxLength: 12 }), (policy, onlineRevoting, evs) => {
        let closed = false;
        let state = INITIAL_STATE;
        const accepted: string[] = [];
        for (const e of evs) {
          if (e.kind === 'online_close') closed = true;
          const c = closed ? ONLINE_CLOSED : OPEN;
          const d = decide({ policy, onlineRevoting }, state, e, c);
          if (d.verdict !== 'reject' && d.verdict !== 'none') accepted.push(e.kind);
          state = d.next;
        }
        const counted = countedChannel(state);
        if (accepted.length > 0) expect(counted).not.toBeNull();
        if (accepted.includes('postal_return') && counted === 'online') expect(['pull']).toContain(state.envelope);
        if (accepted.includes('online_cast') && counted === 'postal') expect(state.online).toBe('superseded');
        if (closed) expect(state.envelope).not.toBe('held');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('confirming a pulled envelope', () => {
  it('moves only an envelope on the pull list to pulled', () => {
    expect(confirmPulled({ online: 'counted', onlineBallots: 1, envelope: 'pull' })).toEqual({ ok: true, next: { online: 'counted', onlineBallots: 1, envelope: 'pulled' } });
    for (const envelope of ['none', 'held', 'accepted', 'pulled'] as const) {
      expect(confirmPulled({ online: 'counted', onlineBallots: 1, envelope }).ok).toBe(false);
    }
  });
});
