import { renderPage } from 'src/admin-console/layout';
import { fill } from 'src/admin-console/messages';
import { formatCount, formatInstant, type ViewContext } from 'src/admin-console/view-context';
import { apiForm, pager } from 'src/admin-console/views/parts';
import { IMPORT_STATUS_WORDS } from 'src/admin-console/views/roll-words';
import type { ElectionDto } from 'src/elections/elections.dto';
import { escapeHtml as e } from 'src/results-page/html';
import type { RollImportDto, RollIssueDto } from 'src/roll/roll.dto';

export const ISSUES_PER_PAGE = 50;

export interface ReportPage {
  imp: RollImportDto;
  issues: RollIssueDto[];
  pageNumber: number;
  /** Whether the reader may commit or discard (and the election still takes files). */
  mayDecide: boolean;
}

function counts(v: ViewContext, x: ElectionDto, i: RollImportDto): string {
  const { t } = v;
  const n = (k: number) => e(formatCount(k, v.lang));
  const row = (label: string, value: string, id?: string) => `<dt>${e(label)}</dt><dd${id ? ` id="${id}"` : ''}>${value}</dd>`;
  return `<dl class="facts report-counts">
${row(t.reportStatus, e(t[IMPORT_STATUS_WORDS[i.status]]), 'report-status')}
${row(t.uploadedAt, e(formatInstant(i.createdAt, v.lang, x.timeline.timeZone)))}
${i.failure ? row(t.reportFailure, e(i.failure)) : ''}
${row(t.reportRows, n(i.rows))}
${row(t.reportValid, n(i.valid), 'report-valid')}
${row(t.reportInvalid, `${n(i.invalid)}${i.duplicates ? ` (${e(fill(t.reportDuplicates, { count: formatCount(i.duplicates, v.lang) }))})` : ''}`, 'report-invalid')}
${row(t.reportNew, n(i.newMembers))}
${row(t.reportUpdated, n(i.updatedMembers))}
${row(t.reportUnchanged, n(i.unchangedMembers))}
${row(t.reportMissing, n(i.missingMembers))}
${i.fileSha256 ? row(t.reportHash, `<code class="hash">${e(i.fileSha256)}</code>`) : ''}
</dl>`;
}

function issues(v: ViewContext, x: ElectionDto, p: ReportPage): string {
  const { t } = v;
  const { imp } = p;
  if (imp.issueCount === 0) return imp.status === 'rejected' || imp.status === 'failed' ? '' : `<p class="ok">${e(t.noIssues)}</p>`;
  const csv = `/elections/${encodeURIComponent(x.id)}/roll/imports/${encodeURIComponent(imp.id)}/report.csv`;
  const rows = p.issues.map(
    (i) => `<tr><th scope="row" class="num">${i.line}</th><td>${i.column ? `<code>${e(i.column)}</code>` : '—'}</td><td><code>${e(i.code)}</code></td><td>${e(i.message)}</td></tr>`,
  );
  return `<section aria-labelledby="issues-h">
<h2 id="issues-h">${e(t.issuesTitle)}</h2>
<p><a href="${e(csv)}" download>${e(t.downloadReport)}</a></p>
<div class="table-wrap"><table id="issues"><caption class="visually-hidden">${e(t.issuesTitle)}</caption>
<thead><tr><th scope="col" class="num">${e(t.issueLine)}</th><th scope="col">${e(t.issueColumn)}</th><th scope="col">${e(t.issueCode)}</th><th scope="col">${e(t.issueReason)}</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>
${pager(v, p.pageNumber, Math.ceil(imp.issueCount / ISSUES_PER_PAGE))}
</section>`;
}

function decide(v: ViewContext, x: ElectionDto, i: RollImportDto): string {
  const { t } = v;
  const path = `/elections/${encodeURIComponent(x.id)}/roll/imports/${encodeURIComponent(i.id)}`;
  const back = `/admin/elections/${encodeURIComponent(x.id)}/roll?lang=${v.lang}`;
  const check = (name: string, label: string, hint?: string) =>
    `<div class="field check"><input id="c-${name}" name="${name}" type="checkbox"${hint ? ` aria-describedby="c-${name}-hint"` : ''}><label for="c-${name}">${e(label)}</label></div>
${hint ? `<p id="c-${name}-hint" class="hint">${e(hint)}</p>` : ''}`;
  const options = [
    i.invalid > 0 ? check('acceptInvalidRows', fill(t.acceptInvalid, { count: formatCount(i.invalid, v.lang) }), t.acceptInvalidHint) : '',
    i.missingMembers > 0 ? check('keepMissing', fill(t.keepMissing, { count: formatCount(i.missingMembers, v.lang) })) : '',
  ].join('\n');
  return `<section aria-labelledby="decide-h" class="decide">
<h2 id="decide-h">${e(t.decideTitle)}</h2>
${apiForm({
  method: 'POST',
  path: `${path}/commit`,
  fields: options,
  button: t.commitButton,
  confirm: fill(t.confirmCommit, {
    title: x.title,
    valid: formatCount(i.valid, v.lang),
    new: formatCount(i.newMembers, v.lang),
    updated: formatCount(i.updatedMembers, v.lang),
  }),
  then: back,
})}
${apiForm({ method: 'POST', path: `${path}/discard`, fields: '', button: t.discardButton, confirm: t.confirmDiscard, then: back, danger: true })}
</section>`;
}

/** One checked file: its counts, its bad rows a page at a time, and commit or discard while it waits. */
export function renderRollReport(v: ViewContext, x: ElectionDto, p: ReportPage): string {
  const { t } = v;
  return renderPage(v, {
    title: `${t.reportTitle} · ${x.title}`,
    election: { id: x.id, title: x.title, status: x.status },
    current: 'roll',
    body: `<p><a href="/admin/elections/${e(encodeURIComponent(x.id))}/roll?lang=${v.lang}">${e(t.backToRoll)}</a></p>
<h1>${e(t.reportTitle)}</h1>
<p>${e(t.reportIntro)}</p>
${counts(v, x, p.imp)}
${issues(v, x, p)}
${p.mayDecide && p.imp.status === 'ready' && x.status === 'draft' ? decide(v, x, p.imp) : ''}`,
  });
}
