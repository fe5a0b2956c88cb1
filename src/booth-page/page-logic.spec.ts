import { inputKind, plaintext, ruleWords, selectionError, type Question } from 'src/booth-page/assets/choices.js';
import { parseFragment } from 'src/booth-page/assets/fragment.js';
import { translate } from 'src/booth-page/assets/messages.js';
import { credentialProblem, formatWhen, receiptText, stateView, statusWords, waitMinutes } from 'src/booth-page/assets/view.js';
import { checkChoices } from 'src/crypto/ballot/create-ballot';
import { parseCredential } from 'src/crypto/credential/credential';
import { isCryptoError } from 'src/crypto/errors';

// The booth's decisions without a browser; test/http/booth-page.spec.ts checks they are wired.

const q = (min: number, max: number, blank = false, answers = ['Ana', 'Ben', 'Cleo', 'Dev']): Question => ({ question: 'Board', answers, min, max, blank });
const words = (question: Question) => ruleWords(question).map((w) => translate('en', w.key, w.params)).join(' ');
const errorWords = (question: Question, selected: number[], blank = false) => {
  const e = selectionError(question, { selected, blank });
  return e ? translate('en', e.key, { ...e.params, orBlank: e.params?.orBlank ? translate('en', 'orBlank') : '' }) : null;
};

describe('question rules', () => {
  it('uses radio buttons only when exactly one answer is chosen', () => {
    expect(inputKind(q(1, 1))).toBe('radio');
    expect(inputKind(q(1, 1, true))).toBe('radio');
    expect(inputKind(q(0, 1))).toBe('checkbox');
    expect(inputKind(q(1, 3))).toBe('checkbox');
  });

  it('says the rule in words', () => {
    expect(words(q(1, 1))).toBe('Choose 1 answer.');
    expect(words(q(0, 1))).toBe('Choose 1 answer, or none.');
    expect(words(q(2, 2))).toBe('Choose 2 answers.');
    expect(words(q(1, 3, true))).toBe('Choose between 1 and 3 answers. You may vote blank.');
    expect(words(q(0, 3))).toBe('Choose up to 3 answers, or none.');
    expect(ruleWords(q(1, 3, true)).map((w) => translate('fr', w.key, w.params))).toEqual(['Choisissez entre 1 et 3 réponses.', 'Vous pouvez voter blanc.']);
  });

  it('names what is wrong with a selection, and accepts what the ballot can prove', () => {
    expect(errorWords(q(1, 1), [])).toBe('Choose an answer.');
    expect(errorWords(q(1, 1, true), [])).toBe('Choose an answer, or vote blank.');
    expect(errorWords(q(2, 3), [1])).toBe('You chose 1: choose at least 2.');
    expect(errorWords(q(1, 2, true), [0, 1, 2])).toBe('You chose 3: choose at most 2.');
    expect(errorWords(q(1, 2, true), [0], true)).toBe('A blank vote has no answer: untick the answers, or untick the blank vote.');
    expect(errorWords(q(1, 2, true), [], true)).toBeNull();
    expect(errorWords(q(0, 2), [])).toBeNull();
    expect(errorWords(q(1, 2), [3])).toBeNull();
  });

  it('turns a valid selection into the vector createBallot proves (blank flag first)', () => {
    expect(plaintext(q(1, 1), { selected: [2], blank: false })).toEqual([0, 0, 1, 0]);
    expect(plaintext(q(1, 2, true), { selected: [0, 3], blank: false })).toEqual([0, 1, 0, 0, 1]);
    expect(plaintext(q(1, 2, true), { selected: [], blank: true })).toEqual([1, 0, 0, 0, 0]);
    expect(() => plaintext(q(1, 1), { selected: [], blank: false })).toThrow();
  });

  it('agrees with the crypto module on every selection of small questions: valid here ⇔ provable there', () => {
    for (const [min, max, blank] of [[1, 1, false], [1, 1, true], [0, 2, false], [1, 3, true], [2, 2, true]] as const) {
      const question = q(min, max, blank, ['A', 'B', 'C']);
      for (let mask = 0; mask < 16; mask++) {
        const selected = [0, 1, 2].filter((i) => mask & (1 << i));
        const isBlank = Boolean(mask & 8);
        if (isBlank && !blank) continue;
        const vector = (blank ? [isBlank ? 1 : 0] : []).concat([0, 1, 2].map((i) => (selected.includes(i) ? 1 : 0)));
        let provable = true;
        try {
          checkChoices(question, vector, 'q');
        } catch (e) {
          if (!isCryptoError(e)) throw e;
          provable = false;
        }
        expect({ min, max, blank, selected, isBlank, valid: selectionError(question, { selected, blank: isBlank }) === null }).toEqual({ min, max, blank, selected, isBlank, valid: provable });
      }
    }
  });
});

describe(parseFragment.name, () => {
  it('reads the Voting ID and credential of the QR code', () => {
    expect(parseFragment('#vid=K7M2-Q9XD-4HNP&cred=2aYbT-8RwqJz-KpL3m-9XhVfD')).toEqual({ votingId: 'K7M2-Q9XD-4HNP', credential: '2aYbT-8RwqJz-KpL3m-9XhVfD' });
    expect(parseFragment('vid=K7M2Q9XD4HNP')).toEqual({ votingId: 'K7M2Q9XD4HNP', credential: '' });
  });

  it('gives empty strings for an empty or foreign fragment', () => {
    expect(parseFragment('')).toEqual({ votingId: '', credential: '' });
    expect(parseFragment('#main')).toEqual({ votingId: '', credential: '' });
  });
});

describe('what the pages say', () => {
  const election = { id: 'e', title: 'Board 2027', timeZone: 'Europe/Paris' };

  it('says each state plainly, with what to do', () => {
    expect(stateView({ election, state: 'postal_counts' }, 'en')).toEqual({
      heading: 'You have voted by post',
      text: expect.stringMatching(/cannot vote online as well/),
      detail: '',
    });
    expect(stateView({ election, state: 'pack_replaced' }, 'fr').heading).toBe('Ce courrier a été remplacé');
    const voted = stateView({ election, state: 'voted_online', lastBallot: { tracker: 'T1', receivedAt: '2027-03-01T09:30:00Z' } }, 'en');
    expect(voted.detail).toBe('Your signature reference: T1, received on March 1, 2027 at 10:30 AM (Europe/Paris).');
    expect(stateView({ election: { ...election, onlineOpensAt: '2027-03-01T08:00:00Z' }, state: 'not_open' }, 'en').text).toBe(
      'Online voting opens on March 1, 2027 at 9:00 AM (Europe/Paris). Come back then, with the same letter.',
    );
    for (const state of ['voted_online', 'postal_counts', 'pack_replaced', 'not_eligible', 'postal_only', 'not_open', 'closed']) {
      for (const lang of ['en', 'fr']) expect(stateView({ election, state }, lang).heading).not.toBe('');
    }
  });

  it('explains a mistyped credential in both languages', () => {
    const detail = (input: string) => {
      try {
        parseCredential(input);
        return '';
      } catch (e) {
        return (e as Error).message.replace(/^credential: /, '');
      }
    };
    // Regression: the hint for a zero used to suggest 'O', which is refused as well.
    expect(credentialProblem(detail('0aYbT-8RwqJz-KpL3m-9XhVfD'), 'en')).toBe(
      "This credential is not right: character 1 '0' is not valid: '0' (zero) is not used: did you mean 'o' (lower-case)? Credentials never contain 0, O, I or l.",
    );
    expect(credentialProblem(detail('0aYbT-8RwqJz-KpL3m-9XhVfD'), 'fr')).toMatch(/^Ce code de vote n’est pas correct : le caractère 1 « 0 » \(zéro\)/);
    expect(credentialProblem(detail('2aYbT8RwqJz'), 'fr')).toBe('Ce code de vote n’est pas correct : un code de vote a 22 caractères, et non 11.');
    expect(credentialProblem(detail('2aYb-8RwqJz-KpL3m-9XhVfD'), 'fr')).toMatch(/il faut 4 groupes de 5-6-5-6 caractères .* et non 4-6-5-6\.$/);
    expect(credentialProblem(detail('2aYbT-8Rwq+z-KpL3m-9XhVfD'), 'fr')).toMatch(/le caractère 10 « \+ » n’est pas valable/);
    for (const c of ['O', 'I', 'l']) expect(credentialProblem(detail(`${c}aYbT-8RwqJz-KpL3m-9XhVfD`), 'fr')).toMatch(/Les codes ne contiennent jamais/);
  });

  it('writes the receipt file with the election, tracker, time and board address', () => {
    const text = receiptText('en', { title: 'Board 2027', tracker: 'abc+/XYZ', receivedAt: '2027-03-01T09:30:00Z', timeZone: 'UTC', boardUrl: 'https://vote.example.org/board/e?tracker=abc' });
    expect(text.split('\r\n')).toEqual([
      'Online vote receipt',
      '',
      'Election: Board 2027',
      'Signature reference: abc+/XYZ',
      'Received: March 1, 2027 at 9:30 AM (UTC)',
      '',
      expect.stringMatching(/^Keep your signature reference/),
      'Find it on the public board: https://vote.example.org/board/e?tracker=abc',
      '',
    ]);
  });

  it('names board statuses, times and waits', () => {
    expect(statusWords('superseded', 'fr')).toBe('Remplacé par un vote par correspondance');
    expect(statusWords('counts', 'en')).toBe('Counts');
    expect(formatWhen('not a date', 'en', 'UTC')).toBe('');
    expect(formatWhen('2027-03-01T09:30:00Z', 'en', 'Nowhere/Else')).toBe('March 1, 2027 at 9:30 AM (UTC)');
    expect([waitMinutes(900), waitMinutes(61), waitMinutes(undefined)]).toEqual([15, 2, 1]);
  });
});
