import { type Question } from 'src/elections/election.types';
import { boxVerdict, DEFAULT_THRESHOLDS, interpretPaper } from 'src/scan/read/interpret';
import { type BallotGeometry, type BoxReading, type PageReading } from 'src/scan/read/types';

const leader: Question = { question: 'Leader?', answers: ['A', 'B', 'C'], min: 1, max: 1, blank: true };
const board: Question = { question: 'Board?', answers: ['D', 'E', 'F', 'G'], min: 2, max: 2, blank: false };
const CLEAR = 0.3;
const NONE = 0.001;

function geometryOf(pages: number): BallotGeometry {
  const page = (n: number) => ({ ballotPage: n, barcodeText: '', marks: {} as never, barcode: { x: 0, y: 0, width: 1, height: 1 }, boxes: [] });
  return { version: 1, unit: 'mm', frame: '', page: { width: 210, height: 297, topLeftMarkCentre: { x: 12, y: 12 } }, markSize: 6, pages: Array.from({ length: pages }, (_, i) => page(i + 1)) };
}

const corners = [
  { x: 0, y: 0 },
  { x: 1, y: 0 },
  { x: 1, y: 1 },
  { x: 0, y: 1 },
] as BoxReading['corners'];

/** A reading of one page holding the given questions' boxes, with `fills[q][a]` (blank box last). */
function reading(questions: Array<[number, number[]]>, over: Partial<PageReading> = {}, trace = 0): PageReading {
  const boxes: BoxReading[] = questions.flatMap(([q, fills]) =>
    fills.map((fill, i) => ({ question: q, answer: i < [leader, board][q].answers.length ? i : null, fill, trace: fill > 0.01 ? 0.3 : trace, corners })),
  );
  return { failure: null, orientation: 0, transform: [1, 0, 0, 0, 1, 0], residualMm: 0.1, paperId: 'X', ballotPage: 1, boxes, ...over };
}

const one = (r: PageReading) => interpretPaper([leader], geometryOf(1), DEFAULT_THRESHOLDS, [r]);

describe('interpretPaper', () => {
  it('records one clear mark at once', () => {
    expect(one(reading([[0, [NONE, CLEAR, NONE, NONE]]]))).toEqual({
      verdicts: [['empty', 'marked', 'empty', 'empty']],
      proposed: { kind: 'valid', choices: [[0, 1, 0]] },
      reasons: [],
    });
  });

  it('records a paper with no ink in any box as blank', () => {
    expect(one(reading([[0, [NONE, NONE, NONE, NONE]]]))).toMatchObject({ proposed: { kind: 'blank' }, reasons: [] });
  });

  it('takes a mark in the blank box as that question left blank', () => {
    expect(one(reading([[0, [NONE, NONE, NONE, CLEAR]]]))).toMatchObject({ proposed: { kind: 'valid', choices: [[0, 0, 0]] }, reasons: [] });
  });

  it('sends a marginal mark to a person, proposing what the clear marks say', () => {
    const r = one(reading([[0, [NONE, CLEAR, 0.045, NONE]]]));
    expect(r.reasons).toEqual(['marginal_mark']);
    expect(r.verdicts[0][2]).toBe('marginal');
    expect(r.proposed).toEqual({ kind: 'valid', choices: [[0, 1, 0]] });
  });

  it('sends a faint line across a box to a person although it holds little ink', () => {
    const r = one(reading([[0, [NONE, NONE, 0.01, NONE]]], {}, 0));
    expect(r.reasons).toEqual([]);
    const faint = one({ ...reading([[0, [NONE, NONE, NONE, NONE]]]), boxes: reading([[0, [NONE, NONE, NONE, NONE]]]).boxes.map((b, i) => (i === 2 ? { ...b, fill: 0.01, trace: 0.09 } : b)) });
    expect(faint.reasons).toEqual(['marginal_mark']);
  });

  it('sends two marks where one is allowed to a person as an over-vote', () => {
    expect(one(reading([[0, [CLEAR, CLEAR, NONE, NONE]]]))).toMatchObject({ proposed: { kind: 'invalid', reason: 'over_vote' }, reasons: ['over_vote'] });
  });

  it('takes an answer and the blank box both marked as an over-vote', () => {
    expect(one(reading([[0, [CLEAR, NONE, NONE, CLEAR]]])).reasons).toEqual(['over_vote']);
  });

  it('takes too few marks for a question that needs two as an under-vote', () => {
    const r = interpretPaper([leader, board], geometryOf(1), DEFAULT_THRESHOLDS, [
      reading([
        [0, [CLEAR, NONE, NONE, NONE]],
        [1, [CLEAR, NONE, NONE, NONE]],
      ]),
    ]);
    expect(r).toMatchObject({ proposed: { kind: 'invalid', reason: 'under_vote' }, reasons: ['under_vote'] });
  });

  it('combines the pages of a two-page paper', () => {
    const r = interpretPaper([leader, board], geometryOf(2), DEFAULT_THRESHOLDS, [reading([[0, [NONE, NONE, CLEAR, NONE]]]), reading([[1, [CLEAR, NONE, CLEAR, NONE]]], { ballotPage: 2 })]);
    expect(r).toEqual({
      verdicts: [
        ['empty', 'empty', 'marked', 'empty'],
        ['marked', 'empty', 'marked', 'empty'],
      ],
      proposed: { kind: 'valid', choices: [[0, 0, 1], [1, 0, 1, 0]] },
      reasons: [],
    });
  });

  it('sends an upside-down or sideways page to a person even when it reads cleanly', () => {
    expect(one(reading([[0, [NONE, CLEAR, NONE, NONE]]], { orientation: 180 })).reasons).toEqual(['upside_down']);
    expect(one(reading([[0, [NONE, CLEAR, NONE, NONE]]], { orientation: 90 })).reasons).toEqual(['sideways']);
  });

  it('proposes nothing for a page that could not be read', () => {
    const r = one({ ...reading([]), failure: 'barcode_unreadable' });
    expect(r).toEqual({ verdicts: [[null, null, null, null]], proposed: null, reasons: ['barcode_unreadable'] });
  });

  it('refuses a paper given the wrong number of pages', () => {
    expect(() => interpretPaper([leader], geometryOf(2), DEFAULT_THRESHOLDS, [reading([[0, [NONE, CLEAR, NONE, NONE]]])])).toThrow(/2 ballot page/);
  });
});

describe('boxVerdict', () => {
  it('is monotone in fill: empty, then marginal, then marked', () => {
    const order = { empty: 0, marginal: 1, marked: 2 };
    let last = 0;
    for (let f = 0; f <= 1; f += 0.005) {
      const v = order[boxVerdict(f, DEFAULT_THRESHOLDS)];
      expect(v).toBeGreaterThanOrEqual(last);
      last = v;
    }
    expect(last).toBe(2);
  });
});
