import { MESSAGES } from 'src/admin-console/messages';
import { etaInWords } from 'src/admin-console/views/packs';

describe('etaInWords', () => {
  const en = MESSAGES.en;
  it.each([
    [null, 'not known until the first batch is done'],
    [0, 'none'],
    [45, 'less than a minute'],
    [80, 'about a minute'],
    [29 * 60 + 40, 'about 30 minutes'],
    [59 * 60 + 40, 'about 1 h'],
    [3 * 3600 + 25 * 60, 'about 3 h 25 min'],
  ])('says %p seconds as “%s”', (seconds, words) => {
    expect(etaInWords(en, seconds)).toBe(words);
  });

  it('speaks French too', () => {
    expect(etaInWords(MESSAGES.fr, 600)).toBe('environ 10 minutes');
  });
});
