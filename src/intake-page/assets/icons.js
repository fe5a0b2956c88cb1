// @ts-check
// A shape per verdict, so colour is never the only signal: a circle with a tick to accept, a
// square with a pause sign to hold, an octagon with a cross to reject, a triangle with an
// exclamation mark when nothing was recorded.

const SVG = 'http://www.w3.org/2000/svg';

/** @typedef {import('./api.js').Verdict | 'not_recorded' | 'idle'} IconKind */

/** @type {Record<IconKind, Array<[string, Record<string, string>]>>} */
const SHAPES = {
  accept: [
    ['circle', { cx: '50', cy: '50', r: '44' }],
    ['path', { d: 'M28 52 L44 68 L73 34' }],
  ],
  hold: [
    ['rect', { x: '8', y: '8', width: '84', height: '84', rx: '8' }],
    ['path', { d: 'M40 30 V70 M60 30 V70' }],
  ],
  reject: [
    ['polygon', { points: '32,6 68,6 94,32 94,68 68,94 32,94 6,68 6,32' }],
    ['path', { d: 'M32 32 L68 68 M68 32 L32 68' }],
  ],
  not_recorded: [
    ['polygon', { points: '50,6 95,90 5,90' }],
    ['path', { d: 'M50 34 V62 M50 72 V76' }],
  ],
  idle: [],
};

/**
 * @param {SVGSVGElement} svg
 * @param {IconKind} kind
 */
export function drawIcon(svg, kind) {
  svg.replaceChildren(
    ...SHAPES[kind].map(([name, attrs]) => {
      const el = document.createElementNS(SVG, name);
      for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
      return el;
    }),
  );
}
