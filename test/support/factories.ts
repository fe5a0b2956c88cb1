import { CreateElectionDto } from 'src/elections/elections.dto';

/** A complete, valid election; override any field. Dates are relative to now so it stays valid. */
export function electionInput(overrides: Partial<CreateElectionDto> = {}): CreateElectionDto {
  const day = 24 * 3600_000;
  const now = Date.now();
  return {
    title: 'Leadership ballot (test)',
    description: 'Choose the next party leader.',
    questions: [{ question: 'Who should lead the party?', answers: ['Alice Martin', 'Bob Chen', 'Chloé Durand'], min: 1, max: 1, blank: true }],
    channels: { online: true, postal: true },
    precedencePolicy: 'online-overrides-postal',
    onlineRevoting: true,
    secondFactor: 'date-of-birth',
    timeline: {
      onlineOpensAt: new Date(now + 10 * day).toISOString(),
      onlineClosesAt: new Date(now + 30 * day).toISOString(),
      postalDeadline: new Date(now + 31 * day).toISOString(),
      timeZone: 'Europe/London',
    },
    ...overrides,
  };
}
