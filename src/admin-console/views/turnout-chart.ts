// Turnout over time per channel, drawn by the server as SVG (no script, prints, CSP-clean).
// Cumulative lines, so the last point of each is the channel's turnout so far. Screen readers
// and keyboard users get the same numbers in the table below the chart.
import { fill } from 'src/admin-console/messages';
import { formatCount, formatInstant, type ViewContext } from 'src/admin-console/view-context';
import type { ElectionDto } from 'src/elections/elections.dto';
import type { Reconciliation } from 'src/reconciliation/reconciliation.types';
import { CHART_COLOURS } from 'src/results-page/chart-svg';
import { escapeHtml as e } from 'src/results-page/html';

const W = 720;
const H = 260;
const PAD = { left: 56, right: 16, top: 16, bottom: 40 } as const;

function niceMax(n: number): number {
  if (n <= 5) return 5;
  const p = 10 ** Math.floor(Math.log10(n));
  return [1, 2, 5, 10].map((m) => m * p).find((m) => m >= n) ?? n;
}

export function renderTurnoutChart(v: ViewContext, x: ElectionDto, r: Reconciliation): string {
  const points = r.turnout.points;
  if (points.length === 0) return `<p>${e(v.t.noTurnoutYet)}</p>`;
  const tz = x.timeline.timeZone;
  const times = points.map((p) => Date.parse(p.at));
  const t0 = times[0];
  const t1 = Math.max(times[times.length - 1], t0 + 1);
  const top = niceMax(Math.max(...points.map((p) => Math.max(p.online, p.postal))));
  const px = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const py = (n: number) => H - PAD.bottom - (n / top) * (H - PAD.top - PAD.bottom);
  // Online dashed and drawn last, so it stays visible where both lines run together.
  const line = (channel: 'online' | 'postal') =>
    `<polyline fill="none" stroke="${CHART_COLOURS[channel]}" stroke-width="3"${channel === 'online' ? ' stroke-dasharray="8 5"' : ''} points="${points.map((p, i) => `${px(times[i]).toFixed(1)},${py(p[channel]).toFixed(1)}`).join(' ')}"/>`;
  const last = points[points.length - 1];
  // Counts are whole: a half-way tick only where it is one.
  const ticks = (Number.isInteger(top / 2) ? [0, top / 2, top] : [0, top]).map(
    (n) => `<text x="${PAD.left - 8}" y="${py(n) + 5}" font-size="13" text-anchor="end" fill="${CHART_COLOURS.text}">${e(formatCount(n, v.lang))}</text><line x1="${PAD.left}" x2="${W - PAD.right}" y1="${py(n)}" y2="${py(n)}" stroke="#d5d9df"/>`,
  );
  const desc = fill(v.t.turnoutChartDesc, { online: formatCount(last.online, v.lang), postal: formatCount(last.postal, v.lang), at: formatInstant(last.at, v.lang, tz) });
  const svg = `<svg class="turnout-chart" role="img" viewBox="0 0 ${W} ${H}" width="100%" aria-labelledby="turnout-title turnout-desc">
<title id="turnout-title">${e(v.t.turnoutOverTime)}</title><desc id="turnout-desc">${e(desc)}</desc>
${ticks.join('')}
<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="${CHART_COLOURS.axis}" stroke-width="2"/>
<text x="${PAD.left}" y="${H - 12}" font-size="13" fill="${CHART_COLOURS.text}">${e(formatInstant(points[0].at, v.lang, tz))}</text>
<text x="${W - PAD.right}" y="${H - 12}" font-size="13" text-anchor="end" fill="${CHART_COLOURS.text}">${e(formatInstant(last.at, v.lang, tz))}</text>
${line('postal')}${line('online')}
</svg>`;
  const legend = `<ul class="legend"><li><span class="key key-online"></span>${e(v.t.online)}: ${e(formatCount(last.online, v.lang))}</li><li><span class="key key-postal"></span>${e(v.t.postal)}: ${e(formatCount(last.postal, v.lang))}</li></ul>`;
  const rows = points.map((p) => `<tr><td>${e(formatInstant(p.at, v.lang, tz))}</td><td class="num">${e(formatCount(p.online, v.lang))}</td><td class="num">${e(formatCount(p.postal, v.lang))}</td></tr>`);
  const table = `<details><summary>${e(v.t.turnoutTable)}</summary><div class="table-wrap"><table><thead><tr><th scope="col">${e(v.t.when)}</th><th scope="col" class="num">${e(v.t.online)}</th><th scope="col" class="num">${e(v.t.postal)}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div></details>`;
  return `<figure class="turnout">${svg}${legend}</figure>${table}`;
}
