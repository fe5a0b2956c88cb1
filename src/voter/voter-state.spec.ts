import { Circumstances, decide, ElectionRule, INITIAL_STATE, MemberState } from 'src/precedence/engine';
import { castPreview, StateFacts, stateExplanation, voterState } from 'src/voter/voter-state';

const OPEN: Circumstances = { onlineOpen: true, onlineClosed: false, postalOpen: true, postalDeadlinePassed: false, eligible: true, restriction: 'any' };
const TIMELINE = { onlineOpensAt: '2026-06-01T08:00:00Z', onlineClosesAt: '2026-06-08T17:00:00Z', timeZone: 'Europe/London' };

function facts(member: MemberState, c: Partial<Circumstances> = {}, rule: ElectionRule = { policy: 'last-wins', onlineRevoting: true }, packVoided = false): StateFacts {
  return { packVoided, preview: decide(rule, member, { kind: 'online_cast' }, { ...OPEN, ...c }), member, timeline: TIMELINE };
}

describe('voter state', () => {
  it.each<[string, StateFacts, string]>([
    ['nothing yet', facts(INITIAL_STATE), 'can_vote'],
    ['a sealed postal vote online can replace', facts({ ...INITIAL_STATE, envelope: 'held' }), 'can_vote'],
    ['a postal vote that stands', facts({ ...INITIAL_STATE, envelope: 'accepted' }, {}, { policy: 'first-wins', onlineRevoting: true }), 'postal_counts'],
    ['an online vote without revoting', facts({ online: 'counted', onlineBallots: 1, envelope: 'none' }, {}, { policy: 'last-wins', onlineRevoting: false }), 'voted_online'],
    ['an ineligible member', facts(INITIAL_STATE, { eligible: false }), 'not_eligible'],
    ['a postal-only member', facts(INITIAL_STATE, { restriction: 'postal-only' }), 'postal_only'],
    ['before opening', facts(INITIAL_STATE, { onlineOpen: false }), 'not_open'],
    ['after closing', facts(INITIAL_STATE, { onlineOpen: false, onlineClosed: true }), 'closed'],
    ['a voided pack, whatever else', facts(INITIAL_STATE, {}, undefined, true), 'pack_replaced'],
  ])('%s → %s', (_, f, state) => {
    expect(voterState(f)).toBe(state);
  });

  it('names the closing time in the election’s time zone', () => {
    const f = facts(INITIAL_STATE);
    expect(stateExplanation(voterState(f), f)).toBe('You can vote online until Monday, 8 June 2026 at 18:00 BST.');
  });

  it('says what a cast would do in a member’s words', () => {
    expect(castPreview(facts({ ...INITIAL_STATE, envelope: 'held' })).explanation).toBe('A postal vote from you has been received; voting online will replace it.');
    expect(castPreview(facts({ online: 'counted', onlineBallots: 1, envelope: 'none' })).explanation).toMatch(/replace your earlier online ballot/);
    expect(castPreview(facts(INITIAL_STATE, { onlineOpen: false, onlineClosed: true }))).toEqual({
      verdict: 'reject',
      reason: 'online_closed',
      explanation: 'Voting online now would not be accepted: online voting has closed.',
    });
    expect(castPreview(facts(INITIAL_STATE, {}, undefined, true))).toMatchObject({ verdict: 'reject', reason: 'credential_voided' });
  });
});
