import { normaliseSecondFactor, rollSecondFactor, secondFactorMatches } from 'src/voter/second-factor';

describe('second factor', () => {
  it.each([
    ['1980-01-31', '1980-01-31'],
    [' 1980-1-3 ', '1980-01-03'],
    ['31/01/1980', '1980-01-31'],
    ['3.1.1980', '1980-01-03'],
    ['31-01-1980', '1980-01-31'],
  ])('reads the date of birth %p as %p', (typed, iso) => {
    expect(normaliseSecondFactor('date-of-birth', typed)).toBe(iso);
  });

  it.each(['', '1980/01/31', '80-01-31', 'yesterday'])('refuses %p as a date of birth', (typed) => {
    expect(normaliseSecondFactor('date-of-birth', typed)).toBeNull();
  });

  it('compares postcodes without spaces and in any case', () => {
    expect(normaliseSecondFactor('postcode', ' sw1a 1aa')).toBe(rollSecondFactor('postcode', { dateOfBirth: '1980-01-01', postcode: 'SW1A 1AA' }));
  });

  it('never matches a missing value, even against another missing value', () => {
    expect(secondFactorMatches(null, null)).toBe(false);
    expect(secondFactorMatches('SW1A1AA', null)).toBe(false);
    expect(secondFactorMatches('SW1A1AA', 'SW1A1AA')).toBe(true);
    expect(secondFactorMatches('SW1A1AB', 'SW1A1AA')).toBe(false);
  });
});
