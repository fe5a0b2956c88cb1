import { pageLanguage, preferredLanguages } from 'src/intake-page/page-language';

describe(pageLanguage.name, () => {
  it('takes ?lang= when the page speaks it', () => {
    expect(pageLanguage('fr', 'en-GB,en;q=0.9')).toBe('fr');
    expect(pageLanguage('en', 'fr-FR')).toBe('en');
  });

  it('ignores an unknown or repeated ?lang= and falls back on Accept-Language', () => {
    expect(pageLanguage('de', 'fr-CA,fr;q=0.9')).toBe('fr');
    expect(pageLanguage(['fr', 'en'], 'en')).toBe('en');
  });

  it('takes the most preferred language it speaks, by q-value then order', () => {
    expect(pageLanguage(undefined, 'de-DE, fr;q=0.8, en;q=0.5')).toBe('fr');
    expect(pageLanguage(undefined, 'en;q=0.4, fr;q=0.9')).toBe('fr');
    expect(pageLanguage(undefined, 'fr, en')).toBe('fr');
    expect(pageLanguage(undefined, 'fr;q=0, en;q=0.1')).toBe('en');
  });

  it('speaks English when nothing matches', () => {
    expect(pageLanguage(undefined, undefined)).toBe('en');
    expect(pageLanguage(undefined, 'de, es;q=0.5, *;q=0.1')).toBe('en');
    expect(pageLanguage(undefined, ';;,q=,')).toBe('en');
  });
});

describe(preferredLanguages.name, () => {
  it('orders tags by weight, keeping the header order for equal weights', () => {
    expect(preferredLanguages('fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5')).toEqual(['fr-ch', 'fr', 'en', 'de', '*']);
    expect(preferredLanguages('en;q=0.5, fr;q=0.5')).toEqual(['en', 'fr']);
  });
});
