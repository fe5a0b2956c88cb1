import { Question } from 'src/elections/election.types';
import { choiceProblems, parseContent, sameContent } from 'src/count/paper-content';

const leader: Question = { question: 'Leader?', answers: ['A', 'B', 'C'], min: 1, max: 1, blank: true };
const board: Question = { question: 'Board?', answers: ['P', 'Q', 'R', 'S'], min: 2, max: 3, blank: false };

describe(parseContent.name, () => {
  it('accepts exactly one of choices, blank and invalid with a reason', () => {
    expect(parseContent([leader], { choices: [[0, 1, 0]] })).toEqual({ content: { kind: 'valid', choices: [[0, 1, 0]] } });
    expect(parseContent([leader], { blank: true })).toEqual({ content: { kind: 'blank' } });
    expect(parseContent([leader], { invalid: true, reason: 'over_vote' })).toEqual({ content: { kind: 'invalid', reason: 'over_vote' } });
  });

  it('refuses none, several, an invalid paper without a known reason, and a reason on a valid paper', () => {
    for (const input of [{}, { blank: true, invalid: true, reason: 'over_vote' }, { invalid: true }, { invalid: true, reason: 'ugly' }, { blank: true, reason: 'over_vote' }]) {
      expect(parseContent([leader], input)).toHaveProperty('fields');
    }
  });
});

describe(choiceProblems.name, () => {
  it('follows min, max and blank per question, naming the question', () => {
    expect(choiceProblems([leader, board], [[1, 0, 0], [1, 1, 0, 0]])).toEqual({});
    expect(choiceProblems([leader, board], [[0, 0, 0], [1, 1, 1, 0]])).toEqual({});
    expect(Object.keys(choiceProblems([leader, board], [[1, 1, 0], [1, 0, 0, 0]]))).toEqual(['choices.0', 'choices.1']);
    expect(choiceProblems([leader, board], [[1, 0, 0], [0, 0, 0, 0]])['choices.1'][0]).toMatch(/at least 2/);
    expect(choiceProblems([leader, board], [[1, 0, 0], [1, 1, 1, 1]])['choices.1'][0]).toMatch(/over_vote/);
  });

  it('refuses the wrong shape: question count, answer count, values other than 0 and 1', () => {
    expect(choiceProblems([leader], [])).toHaveProperty('choices');
    expect(choiceProblems([leader], 'x')).toHaveProperty('choices');
    expect(choiceProblems([leader], [[1, 0]])).toHaveProperty(['choices.0']);
    expect(choiceProblems([leader], [[2, 0, 0]])).toHaveProperty(['choices.0']);
    expect(choiceProblems([leader], [['1', 0, 0]])).toHaveProperty(['choices.0']);
  });
});

describe(sameContent.name, () => {
  it('compares what two entries say', () => {
    expect(sameContent({ kind: 'valid', choices: [[0, 1, 0]] }, { kind: 'valid', choices: [[0, 1, 0]] })).toBe(true);
    expect(sameContent({ kind: 'valid', choices: [[0, 1, 0]] }, { kind: 'valid', choices: [[1, 0, 0]] })).toBe(false);
    expect(sameContent({ kind: 'invalid', reason: 'over_vote' }, { kind: 'invalid', reason: 'identifying_marks' })).toBe(false);
    expect(sameContent({ kind: 'blank' }, { kind: 'blank' })).toBe(true);
  });
});
