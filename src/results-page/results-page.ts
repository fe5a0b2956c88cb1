// The public result page (docs/TALLY.md "Public result page"): one static HTML document made on
// the server from the published result. Nothing runs in the browser; the chart is SVG; every
// value from the election or the record is escaped (html.ts).
import type { PageLanguage } from 'src/intake-page/page-language';
import { renderChartSvg } from 'src/results-page/chart-svg';
import { byReason, formatBytes, formatCount, formatInstant, formatShare, precedenceRows, questionFigures, turnoutRows, type QuestionFigures } from 'src/results-page/figures';
import { escapeHtml as e } from 'src/results-page/html';
import { LABELS, type Labels, policyExplanation, reasonLabel } from 'src/results-page/labels';
import { belFile, recordFilePath, recordZipPath, reportPath, SIRONA_COMMAND, VERIFY_COMMAND } from 'src/results-page/links';
import type { PublishedResult } from 'src/results-page/published-result';

/** The booth pages' style sheet (src/booth-page) and this page's own additions. */
export const STYLESHEETS = ['/booth/assets/booth.css', '/results/assets/results.css'] as const;

function head(title: string, lang: PageLanguage): string {
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${e(title)}</title>`,
    '<link rel="icon" href="data:,">',
    ...STYLESHEETS.map((href) => `<link rel="stylesheet" href="${href}">`),
    '</head>',
  ].join('\n');
}

function languageBar(title: string, t: Labels): string {
  return `<header class="bar">
  <p class="election-title">${e(title)}</p>
  <nav class="langs" aria-label="${e(t.language)}">
    <a href="?lang=en" lang="en" hreflang="en">English</a>
    <a href="?lang=fr" lang="fr" hreflang="fr">Français</a>
  </nav>
</header>`;
}

const num = (n: number, lang: PageLanguage) => `<td class="num">${e(formatCount(n, lang))}</td>`;

function questionSection(q: QuestionFigures, index: number, r: PublishedResult, lang: PageLanguage, t: Labels): string {
  const id = `q${index + 1}`;
  const channels = (['online', 'postal'] as const).filter((c) => r.channels[c]);
  const header = [t.answer, ...channels.map((c) => (c === 'postal' ? t.postalColumn : t[c])), t.total, t.share];
  const rows = q.answers.map(
    (a) => `<tr><th scope="row">${e(a.answer)}</th>${channels.map((c) => num(a[c], lang)).join('')}${num(a.total, lang)}<td class="num">${e(formatShare(a.share, lang))}</td></tr>`,
  );
  const blank = q.blank
    ? `<tr class="blank-row"><th scope="row">${e(t.blank)}</th>${channels.map((c) => num(q.blank![c], lang)).join('')}${num(q.blank.total, lang)}<td class="num">—</td></tr>`
    : '';
  return `<section class="question-result" aria-labelledby="${id}-heading">
<h2 id="${id}-heading">${e(q.question)}</h2>
<table class="figures">
<thead><tr>${header.map((h, i) => `<th scope="col"${i > 0 ? ' class="num"' : ''}>${e(h)}</th>`).join('')}</tr></thead>
<tbody>${rows.join('')}${blank}</tbody>
</table>
<p class="hint">${e(t.shareNote)}</p>
<figure class="chart-figure">${renderChartSvg(q, `${id}-chart`, lang, t, r.channels)}</figure>
</section>`;
}

function turnoutSection(r: PublishedResult, lang: PageLanguage, t: Labels): string {
  const rows = turnoutRows(r).map(
    (row) => `<tr${row.channel === 'total' ? ' class="total-row"' : ''}><th scope="row">${e(t[row.channel])}</th>${num(row.voters, lang)}<td class="num">${e(formatShare(row.rate, lang))}</td></tr>`,
  );
  return `<section aria-labelledby="turnout-heading">
<h2 id="turnout-heading">${e(t.turnout)}</h2>
<p>${e(t.eligible)}: <strong>${e(formatCount(r.result.turnout.eligible, lang))}</strong></p>
<table class="figures">
<thead><tr><th scope="col">${e(t.channel)}</th><th scope="col" class="num">${e(t.voters)}</th><th scope="col" class="num">${e(t.ofEligible)}</th></tr></thead>
<tbody>${rows.join('')}</tbody>
</table>
<p class="hint">${e(t.turnoutNote)}</p>
</section>`;
}

/** A sub-heading and its table of counts by reason; nothing when every count is zero. */
function reasonTable(counts: Record<string, number>, lang: PageLanguage, t: Labels, heading: string, id: string): string {
  const rows = byReason(counts);
  if (rows.length === 0) return '';
  return `<h3 id="${id}">${e(heading)}</h3>
<table class="figures" aria-labelledby="${id}">
<thead><tr><th scope="col">${e(t.reason)}</th><th scope="col" class="num">${e(t.count)}</th></tr></thead>
<tbody>${rows.map(([code, n]) => `<tr><th scope="row">${e(reasonLabel(code, lang))}</th>${num(n, lang)}</tr>`).join('')}</tbody>
</table>`;
}

function postalSection(r: PublishedResult, lang: PageLanguage, t: Labels): string {
  if (!r.channels.postal) return '';
  const p = r.result.postal;
  const rows: Array<[string, number]> = [
    [t.papers, p.papers],
    [t.valid, p.valid],
    [t.blankPapers, p.blank],
    [t.invalid, p.invalid],
  ];
  const rejected =
    reasonTable(r.result.returns_rejected, lang, t, t.returnsRejected, 'rejected-heading') ||
    `<h3 id="rejected-heading">${e(t.returnsRejected)}</h3>\n<p>${e(t.returnsRejectedNone)}</p>`;
  return `<section aria-labelledby="postal-heading">
<h2 id="postal-heading">${e(t.postalPapers)}</h2>
<table class="figures">
<tbody>${rows.map(([label, n], i) => `<tr${i === 0 ? ' class="total-row"' : ''}><th scope="row">${e(label)}</th>${num(n, lang)}</tr>`).join('')}</tbody>
</table>
${reasonTable(p.invalid_by_reason, lang, t, t.invalidByReason, 'invalid-heading')}
${rejected}
</section>`;
}

// Postal refusals by reason are the intake table of postalSection (which also has the invalid
// codes); only online refusals get their own table here.
function precedenceSection(r: PublishedResult, lang: PageLanguage, t: Labels): string {
  const revoting = r.channels.online ? `<p>${e(r.onlineRevoting ? t.revotingOn : t.revotingOff)}</p>` : '';
  return `<section aria-labelledby="precedence-heading">
<h2 id="precedence-heading">${e(t.precedence)}</h2>
<p class="notice"><strong>${e(t.rule)}:</strong> ${e(policyExplanation(r.precedencePolicy, lang))}</p>
${revoting}
<table class="figures">
<tbody>${precedenceRows(r, t).map(([label, n]) => `<tr><th scope="row">${e(label)}</th>${num(n, lang)}</tr>`).join('')}</tbody>
</table>
${reasonTable(r.precedence.refused.online, lang, t, t.refusedOnline, 'refused-online-heading')}
</section>`;
}

function recordSection(r: PublishedResult, lang: PageLanguage, t: Labels): string {
  const files = r.record.files.map(
    (f) => `<tr><td class="path"><a href="${e(recordFilePath(r.electionId, f.path))}">${e(f.path)}</a></td><td class="num">${e(formatBytes(f.bytes, lang))}</td></tr>`,
  );
  const bel = belFile(r.record.files);
  return `<section aria-labelledby="record-heading">
<h2 id="record-heading">${e(t.record)}</h2>
<p>${e(t.recordIntro)}</p>
<p class="buttons">
<a class="button" href="${e(recordZipPath(r.electionId))}" download>${e(t.downloadZip)} (record.zip, ${e(formatBytes(r.record.zipBytes, lang))})</a>
<a class="button quiet" href="${e(reportPath(r.electionId))}">${e(t.downloadReport)}</a>
</p>
<h3>${e(t.manifest)}</h3>
<p class="hash mono">${e(r.record.manifestSha256)}</p>
<p class="hint">${e(t.manifestNote)}</p>
<h3>${e(t.files)}</h3>
<table class="figures files">
<thead><tr><th scope="col">${e(t.file)}</th><th scope="col" class="num">${e(t.size)}</th></tr></thead>
<tbody>${files.join('')}</tbody>
</table>
</section>
<aside class="verify" aria-labelledby="verify-heading">
<h2 id="verify-heading">${e(t.verify)}</h2>
<p>${e(t.verifyIntro)}</p>
<pre><code>${e(VERIFY_COMMAND)}</code></pre>
${bel ? `<p>${e(t.verifyBel.replace('{file}', bel))}</p>\n<pre><code>${e(SIRONA_COMMAND)}</code></pre>` : ''}
</aside>`;
}

export function renderResultsPage(r: PublishedResult, lang: PageLanguage): string {
  const t = LABELS[lang];
  const when = [`${t.published} ${formatInstant(r.publishedAt, lang, r.timeZone)}`, `${t.tallied} ${formatInstant(r.talliedAt, lang, r.timeZone)}`];
  return `${head(`${t.pageTitle} — ${r.title}`, lang)}
<body>
${languageBar(r.title, t)}
<main>
<p class="kicker">${e(t.resultOf)}</p>
<h1>${e(r.title)}</h1>
${r.description ? `<p class="description">${e(r.description)}</p>` : ''}
<p class="hint">${when.map(e).join('<br>')}</p>
${questionFigures(r)
  .map((q, i) => questionSection(q, i, r, lang, t))
  .join('\n')}
${turnoutSection(r, lang, t)}
${postalSection(r, lang, t)}
${precedenceSection(r, lang, t)}
${recordSection(r, lang, t)}
</main>
</body>
</html>
`;
}

/** For an unknown or unpublished election: the same page kit, in both languages. */
export function renderMissingResultsPage(lang: PageLanguage): string {
  const [en, fr] = [LABELS.en, LABELS.fr];
  return `${head(`${en.missingTitle} · ${fr.missingTitle}`, lang)}
<body>
<main>
<h1>${e(LABELS[lang].missingTitle)}</h1>
<p lang="en">${e(en.missingText)}</p>
<p lang="fr">${e(fr.missingText)}</p>
</main>
</body>
</html>
`;
}
