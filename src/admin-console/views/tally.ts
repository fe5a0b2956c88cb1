// Close and tally (issue 9): the closing steps, the pull list, the count batches, the trustees'
// progress, the merged result with its chart and split by channel, and the record. Each part is
// what the API route it names answers.
import { renderPage } from 'src/admin-console/layout';
import { fill } from 'src/admin-console/messages';
import { formatCount, formatInstant, type ViewContext } from 'src/admin-console/view-context';
import { lifecycleSteps } from 'src/admin-console/views/election-overview';
import { apiForm, pageNumber, pager } from 'src/admin-console/views/parts';
import type { CountSummaryDto } from 'src/count/count.dto';
import type { ElectionDto } from 'src/elections/elections.dto';
import type { NextStep } from 'src/elections/elections.service';
import type { RecordView } from 'src/record/record.service';
import { renderChartSvg } from 'src/results-page/chart-svg';
import { formatShare, questionFigures, turnoutRows } from 'src/results-page/figures';
import { escapeHtml as e } from 'src/results-page/html';
import { LABELS } from 'src/results-page/labels';
import type { ResultJson } from 'src/results-page/published-result';
import type { TallyView } from 'src/tally/tally-view.service';

export const PULL_LIST_PER_PAGE = 50;

export interface PullList {
  toPull: number;
  pulled: number;
  items: Array<{ packSerial: number; tray: string | null; position: number | null; status: 'to_pull' | 'pulled' }>;
}

export interface TallyScreenData {
  election: ElectionDto;
  next: NextStep[];
  mayMove: boolean;
  pullList: PullList;
  count: CountSummaryDto;
  tally: TallyView;
  /** result.json once computed (administrators and observers see it before publication). */
  result: ResultJson | null;
  /** null before the record's first build. */
  record: RecordView | null;
  mayBuildRecord: boolean;
  pullPage: unknown;
}

const n = (v: ViewContext, x: number | null) => `<td class="num">${x === null ? '—' : e(formatCount(x, v.lang))}</td>`;
const yesNo = (v: ViewContext, ok: boolean, yes: string, no: string) => `<td class="verdict ${ok ? 'good' : 'bad'}">${ok ? '✓' : '✗'} ${e(ok ? yes : no)}</td>`;

function pullListSection(v: ViewContext, d: TallyScreenData): string {
  const { t } = v;
  const items = d.pullList.items;
  const pages = Math.ceil(items.length / PULL_LIST_PER_PAGE);
  const page = pageNumber(d.pullPage, pages);
  const rows = items.slice((page - 1) * PULL_LIST_PER_PAGE, page * PULL_LIST_PER_PAGE).map(
    (i) => `<tr><td>${e(i.tray ?? '—')}</td>${n(v, i.position)}${n(v, i.packSerial)}<td>${e(i.status === 'pulled' ? t.pulled : t.toPull)}</td></tr>`,
  );
  return `<section aria-labelledby="pull-h"><h2 id="pull-h">${e(t.pullList)}</h2>
<p>${e(fill(t.pullListSummary, { toPull: formatCount(d.pullList.toPull, v.lang), pulled: formatCount(d.pullList.pulled, v.lang) }))}</p>
${
  rows.length
    ? `<div class="table-wrap"><table><thead><tr><th scope="col">${e(t.tray)}</th><th scope="col" class="num">${e(t.position)}</th><th scope="col" class="num">${e(t.packSerial)}</th><th scope="col">${e(t.status)}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>
${pager(v, page, pages, 'pullPage')}`
    : ''
}</section>`;
}

function countSection(v: ViewContext, d: TallyScreenData): string {
  const { t } = v;
  const c = d.count;
  const rows = c.batches.map(
    (b) =>
      `<tr><th scope="row">${e(b.label)}</th><td>${e(b.status === 'open' ? t.batchOpen : t.batchClosed)}</td>${n(v, b.envelopesOpened)}${n(v, b.recorded)}${n(v, b.valid)}${n(v, b.blank)}${n(v, b.invalid)}${n(v, b.awaitingSecondEntry + b.disputed)}${n(v, b.scan.inAdjudication)}${yesNo(v, b.reconciled, t.reconciled, b.mismatchReason ?? t.notReconciled)}</tr>`,
  );
  const tot = c.totals;
  return `<section aria-labelledby="count-h"><h2 id="count-h">${e(t.countBatches)}</h2>
<p class="banner ${tot.reconciled ? 'good' : 'bad'}"${tot.reconciled ? '' : ' role="alert"'}>${e(
    fill(tot.reconciled ? t.countReconciled : t.countNotReconciled, {
      released: formatCount(tot.envelopesReleased, v.lang),
      opened: formatCount(tot.envelopesOpened, v.lang),
      notOpened: formatCount(tot.envelopesNotOpened, v.lang),
      recorded: formatCount(tot.recorded, v.lang),
    }),
  )}</p>
${
  rows.length
    ? `<div class="table-wrap"><table><thead><tr><th scope="col">${e(t.batch)}</th><th scope="col">${e(t.status)}</th><th scope="col" class="num">${e(t.envelopesOpened)}</th><th scope="col" class="num">${e(t.recorded)}</th><th scope="col" class="num">${e(t.valid)}</th><th scope="col" class="num">${e(t.blank)}</th><th scope="col" class="num">${e(t.invalid)}</th><th scope="col" class="num">${e(t.keyingPending)}</th><th scope="col" class="num">${e(t.inAdjudication)}</th><th scope="col">${e(t.reconciliation)}</th></tr></thead>
<tbody>${rows.join('')}</tbody>
<tfoot><tr><th scope="row">${e(t.total)}</th><td></td>${n(v, tot.envelopesOpened)}${n(v, tot.recorded)}${n(v, tot.valid)}${n(v, tot.blank)}${n(v, tot.invalid)}<td></td><td></td>${yesNo(v, tot.reconciled, t.reconciled, t.notReconciled)}</tr></tfoot></table></div>`
    : `<p>${e(t.noBatches)}</p>`
}</section>`;
}

function trusteesSection(v: ViewContext, d: TallyScreenData): string {
  const { t } = v;
  const rows = d.tally.trustees.map(
    (x) =>
      `<tr><th scope="row">${e(x.name || `#${x.owner}`)}</th><td>${e(x.kind === 'pedersen' ? fill(t.groupMember, { group: x.group ?? '?', member: x.member ?? '?' }) : t.singleTrustee)}</td>${yesNo(v, x.decrypted, t.decrypted, t.waiting)}</tr>`,
  );
  const done = d.tally.trustees.filter((x) => x.decrypted).length;
  return `<section aria-labelledby="trustees-h"><h2 id="trustees-h">${e(t.trusteeProgress)}</h2>
<p>${e(fill(t.trusteesSummary, { done, total: d.tally.trustees.length, needed: d.tally.needed, status: d.tally.status.replace(/_/g, ' ') }))}</p>
${d.tally.online ? `<p>${e(fill(t.onlineTallied, { n: formatCount(d.tally.online.numTallied, v.lang), superseded: formatCount(d.tally.online.superseded, v.lang) }))}</p>` : ''}
${rows.length ? `<div class="table-wrap"><table><thead><tr><th scope="col">${e(t.trustee)}</th><th scope="col">${e(t.kind)}</th><th scope="col">${e(t.decryption)}</th></tr></thead><tbody>${rows.join('')}</tbody></table></div>` : ''}
</section>`;
}

function resultSection(v: ViewContext, d: TallyScreenData): string {
  const { t } = v;
  const L = LABELS[v.lang];
  if (!d.result) return `<section aria-labelledby="result-h"><h2 id="result-h">${e(t.result)}</h2><p>${e(t.noResultYet)}</p></section>`;
  const x = d.election;
  const figures = questionFigures({ result: d.result, questions: x.questions });
  const channels = (['online', 'postal'] as const).filter((c) => x.channels[c]);
  const questions = figures.map((q, i) => {
    const head = [L.answer, ...channels.map((c) => L[c]), L.total, L.share];
    const rows = q.answers.map(
      (a) => `<tr><th scope="row">${e(a.answer)}</th>${channels.map((c) => n(v, a[c])).join('')}${n(v, a.total)}<td class="num">${e(formatShare(a.share, v.lang))}</td></tr>`,
    );
    const blank = q.blank ? `<tr><th scope="row">${e(L.blank)}</th>${channels.map((c) => n(v, q.blank![c])).join('')}${n(v, q.blank.total)}<td class="num">—</td></tr>` : '';
    return `<h3>${e(q.question)}</h3>
<div class="table-wrap"><table><thead><tr>${head.map((h, j) => `<th scope="col"${j ? ' class="num"' : ''}>${e(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}${blank}</tbody></table></div>
<figure class="chart-figure">${renderChartSvg(q, `q${i + 1}-chart`, v.lang, L, x.channels)}</figure>`;
  });
  const turnout = turnoutRows({ result: d.result, channels: x.channels }).map(
    (r) => `<tr><th scope="row">${e(L[r.channel])}</th>${n(v, r.voters)}<td class="num">${e(formatShare(r.rate, v.lang))}</td></tr>`,
  );
  return `<section aria-labelledby="result-h"><h2 id="result-h">${e(t.result)}</h2>
${x.status === 'published' ? '' : `<p class="warning">${e(t.resultNotPublic)}</p>`}
${questions.join('\n')}
<h3>${e(L.turnout)}</h3>
<div class="table-wrap"><table><thead><tr><th scope="col">${e(L.channel)}</th><th scope="col" class="num">${e(L.voters)}</th><th scope="col" class="num">${e(L.ofEligible)}</th></tr></thead><tbody>${turnout.join('')}</tbody></table></div>
</section>`;
}

function recordSection(v: ViewContext, d: TallyScreenData): string {
  const { t } = v;
  const id = encodeURIComponent(d.election.id);
  const r = d.record ?? { status: 'not_built', files: [], manifestSha256: null, zipBytes: null, builtAt: null, error: null };
  const facts = [`<dt>${e(t.status)}</dt><dd>${e(r.status.replace(/_/g, ' '))}</dd>`];
  if (r.builtAt) facts.push(`<dt>${e(t.builtAt)}</dt><dd>${e(formatInstant(r.builtAt, v.lang, d.election.timeline.timeZone))}</dd>`);
  if (r.manifestSha256) facts.push(`<dt>${e(t.manifestSha256)}</dt><dd><code class="hash">${e(r.manifestSha256)}</code></dd>`);
  if (r.files.length) facts.push(`<dt>${e(t.files)}</dt><dd>${e(formatCount(r.files.length, v.lang))}</dd>`);
  if (r.error) facts.push(`<dt>${e(t.error)}</dt><dd class="problems">${e(r.error)}</dd>`);
  const links: string[] = [];
  if (r.manifestSha256) links.push(`<a class="button" href="/elections/${id}/record/download" download>${e(t.downloadRecord)}</a>`);
  if (d.election.status === 'published') {
    links.push(`<a href="/elections/${id}/report.pdf">${e(t.pdfReport)}</a>`, `<a href="/results/${id}">${e(t.publicResultPage)}</a>`);
  }
  const build =
    d.mayBuildRecord && d.result
      ? apiForm({ method: 'POST', path: `/elections/${id}/record`, fields: '', button: r.manifestSha256 ? t.rebuildRecord : t.buildRecord, confirm: t.confirmBuildRecord })
      : '';
  return `<section aria-labelledby="record-h"><h2 id="record-h">${e(t.record)}</h2>
<dl class="facts">${facts.join('')}</dl>
${links.length ? `<p class="links">${links.join(' ')}</p>` : ''}
${d.election.status === 'published' ? '' : `<p class="hint">${e(t.reportAfterPublication)}</p>`}
${build}</section>`;
}

export function renderTally(v: ViewContext, d: TallyScreenData): string {
  const { t } = v;
  const x = d.election;
  const live = ['online_closed', 'postal_closed', 'counting', 'tallying'].includes(x.status);
  return renderPage(v, {
    title: `${t.closeAndTally} · ${x.title}`,
    election: { id: x.id, title: x.title, status: x.status },
    current: 'tally',
    body: `<h1>${e(t.closeAndTally)}</h1>
<section aria-labelledby="closing-h"><h2 id="closing-h">${e(t.lifecycle)}</h2>${lifecycleSteps(v, x, d.next, d.mayMove)}</section>
<div id="tally-figures"${live ? ' data-live="10"' : ''}>
${pullListSection(v, d)}
${countSection(v, d)}
${trusteesSection(v, d)}
${resultSection(v, d)}
${recordSection(v, d)}
</div>`,
  });
}
