// Least-squares affine maps from point correspondences: the registration marks say where the
// printed page's millimetre frame lies in the scan (rotation, skew, scale and offset at once).
import { type Affine, type Point } from 'src/scan/read/types';

export function apply(t: Affine, p: Point): Point {
  return { x: t[0] * p.x + t[1] * p.y + t[2], y: t[3] * p.x + t[4] * p.y + t[5] };
}

/** The affine map sending each `from[i]` closest (least squares) to `to[i]`; needs ≥ 3 points not in a line. */
export function fitAffine(from: Point[], to: Point[]): Affine | null {
  if (from.length !== to.length || from.length < 3) return null;
  // Normal equations MᵀM·p = Mᵀu with rows [x, y, 1]; the same matrix serves both output axes.
  const m = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const bu = [0, 0, 0];
  const bv = [0, 0, 0];
  from.forEach((p, i) => {
    const row = [p.x, p.y, 1];
    for (let r = 0; r < 3; r++) {
      for (let c = 0; c < 3; c++) m[r][c] += row[r] * row[c];
      bu[r] += row[r] * to[i].x;
      bv[r] += row[r] * to[i].y;
    }
  });
  const u = solve3(m, bu);
  const v = solve3(m, bv);
  return u && v ? [u[0], u[1], u[2], v[0], v[1], v[2]] : null;
}

/** Largest distance between `to[i]` and the map of `from[i]`, in the units of `to`. */
export function maxResidual(t: Affine, from: Point[], to: Point[]): number {
  return Math.max(...from.map((p, i) => Math.hypot(apply(t, p).x - to[i].x, apply(t, p).y - to[i].y)));
}

/** Mean of the two axis scales (output units per input unit): pixels per millimetre for a page map. */
export function meanScale(t: Affine): number {
  return (Math.hypot(t[0], t[3]) + Math.hypot(t[1], t[4])) / 2;
}

function solve3(a: number[][], b: number[]): number[] | null {
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < 3; col++) {
    let pivot = col;
    for (let r = col + 1; r < 3; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-9) return null;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = 0; r < 3; r++) {
      if (r === col) continue;
      const f = m[r][col] / m[col][col];
      for (let c = col; c < 4; c++) m[r][c] -= f * m[col][c];
    }
  }
  return [m[0][3] / m[0][0], m[1][3] / m[1][1], m[2][3] / m[2][2]];
}
