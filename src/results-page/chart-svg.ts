// The bar chart, drawn by the server as SVG: no script, nothing third-party, and it prints.
// Horizontal lengths are percentages of the chart's width, so the chart fills a phone or a
// desktop column while its text keeps the page's size (a viewBox would shrink the text on a
// phone). Screen readers get the figure's title and a description with every number; the table
// beside it carries the same numbers for everyone.
import { escapeHtml } from 'src/results-page/html';
import { formatCount, formatShare, type QuestionFigures } from 'src/results-page/figures';
import type { PageLanguage } from 'src/intake-page/page-language';
import type { Labels } from 'src/results-page/labels';

export const CHART_COLOURS = { online: '#1d4ed8', postal: '#b45309', text: '#1a1a1a', axis: '#767b82' } as const;

const ROW = { labelPx: 20, barPx: 18, gapPx: 14 } as const;
const LEGEND_PX = 30;
/** The longest bar, in % of the width; the rest holds the bar's number. */
const BAR_MAX_PCT = 60;
/** Longer labels are cut in the chart; the table shows them whole. */
const LABEL_CHARS = 42;

const pct = (v: number) => `${Math.round(v * 1000) / 1000}%`;
const cut = (s: string) => (s.length > LABEL_CHARS ? `${s.slice(0, LABEL_CHARS - 1)}…` : s);

export function renderChartSvg(q: QuestionFigures, id: string, lang: PageLanguage, t: Labels, channels: { online: boolean; postal: boolean }): string {
  const rowPx = ROW.labelPx + ROW.barPx + ROW.gapPx;
  const height = LEGEND_PX + q.answers.length * rowPx;
  const description = q.answers
    .map((a) => `${a.answer}: ${formatCount(a.total, lang)} (${t.online} ${formatCount(a.online, lang)}, ${t.postal} ${formatCount(a.postal, lang)}), ${formatShare(a.share, lang)}`)
    .join('; ');
  const parts: string[] = [
    `<svg class="chart" role="img" width="100%" height="${height}" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escapeHtml(`${t.chartTitle} — ${q.question}`)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(description)}</desc>`,
    legend(t, channels),
  ];
  q.answers.forEach((a, i) => {
    const top = LEGEND_PX + i * rowPx;
    const barTop = top + ROW.labelPx;
    const scale = q.maxTotal > 0 ? BAR_MAX_PCT / q.maxTotal : 0;
    const onlinePct = a.online * scale;
    const postalPct = a.postal * scale;
    parts.push(
      `<text x="0" y="${top + 15}" font-size="15" fill="${CHART_COLOURS.text}">${escapeHtml(cut(a.answer))}</text>`,
      `<line x1="0" y1="${barTop}" x2="0" y2="${barTop + ROW.barPx}" stroke="${CHART_COLOURS.axis}" stroke-width="2"/>`,
    );
    if (onlinePct > 0) parts.push(`<rect x="0" y="${barTop}" width="${pct(onlinePct)}" height="${ROW.barPx}" fill="${CHART_COLOURS.online}"/>`);
    if (postalPct > 0) parts.push(`<rect x="${pct(onlinePct)}" y="${barTop}" width="${pct(postalPct)}" height="${ROW.barPx}" fill="${CHART_COLOURS.postal}"/>`);
    parts.push(
      `<text x="${pct(onlinePct + postalPct + 1.5)}" y="${barTop + 14}" font-size="14" font-weight="700" fill="${CHART_COLOURS.text}">${escapeHtml(`${formatCount(a.total, lang)} (${formatShare(a.share, lang)})`)}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}

function legend(t: Labels, channels: { online: boolean; postal: boolean }): string {
  const keys = (['online', 'postal'] as const).filter((c) => channels[c]);
  let x = 0;
  return keys
    .map((c) => {
      const item = `<rect x="${x}" y="4" width="14" height="14" fill="${CHART_COLOURS[c]}"/><text x="${x + 20}" y="16" font-size="14" fill="${CHART_COLOURS.text}">${escapeHtml(t[c])}</text>`;
      // Roughly 8 px per character at 14 px, then a gap before the next key.
      x += 20 + t[c].length * 8 + 24;
      return item;
    })
    .join('');
}
