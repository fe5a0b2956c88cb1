import { tallyDecisions } from 'src/precedence/decision-tally';

describe('tallying what the rule did', () => {
  it('sorts decisions into refused, overridden, superseded, revoted and released', () => {
    const t = tallyDecisions(
      [
        { event: 'postal_return', verdict: 'accept', reason: null, effects: ['supersede_online', 'accept_envelope'], decisions: 3 },
        { event: 'postal_return', verdict: 'reject', reason: 'late', effects: [], decisions: 2 },
        { event: 'online_cast', verdict: 'reject', reason: 'already_voted_by_post', effects: [], decisions: 1 },
        { event: 'online_cast', verdict: 'accept', reason: null, effects: ['count_online', 'replace_online'], decisions: 4 },
        { event: 'online_cast', verdict: 'accept', reason: null, effects: ['count_online', 'pull_envelope'], decisions: 5 },
        { event: 'online_close', verdict: 'none', reason: null, effects: ['release_envelope'], decisions: 6 },
      ],
      7,
    );
    expect(t).toEqual({
      attempts: { online: 10, postal: 5 },
      accepted: { online: 9, postal: 3, heldSealed: 0 },
      refused: { online: { already_voted_by_post: 1 }, postal: { late: 2 } },
      postalOverriddenByOnline: 5,
      onlineSupersededByPostal: 3,
      onlineReplacedByRevote: 4,
      releasedAtOnlineClose: 6,
      reverted: 7,
    });
  });
});
