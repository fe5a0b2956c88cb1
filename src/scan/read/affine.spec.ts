import { apply, fitAffine, maxResidual, meanScale } from 'src/scan/read/affine';
import { type Affine } from 'src/scan/read/types';

const marks = [
  { x: 0, y: 0 },
  { x: 186, y: 0 },
  { x: 0, y: 273 },
  { x: 186, y: 273 },
];

describe('fitAffine', () => {
  it('recovers a page turned 2.5°, scaled 1.02 and shifted, from its four marks', () => {
    const a = (2.5 * Math.PI) / 180;
    const s = 5.9 * 1.02;
    const truth: Affine = [s * Math.cos(a), -s * Math.sin(a), 73.4, s * Math.sin(a), s * Math.cos(a), 61.2];
    const t = fitAffine(
      marks,
      marks.map((p) => apply(truth, p)),
    )!;
    t.forEach((v, i) => expect(v).toBeCloseTo(truth[i], 6));
    expect(meanScale(t)).toBeCloseTo(s, 6);
  });

  it('reports how far a displaced mark is from the best fit', () => {
    const to = marks.map((p) => ({ x: p.x * 6 + 70, y: p.y * 6 + 70 }));
    to[3] = { x: to[3].x + 24, y: to[3].y };
    const t = fitAffine(marks, to)!;
    expect(maxResidual(t, marks, to) / meanScale(t)).toBeGreaterThan(0.5);
  });

  it('gives no map for points in a line', () => {
    expect(fitAffine([marks[0], marks[1], { x: 93, y: 0 }], [marks[0], marks[1], { x: 93, y: 0 }])).toBeNull();
  });
});
