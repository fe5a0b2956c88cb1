// The reconciliation dashboard (issue 9): where every paper and every ballot went, per channel,
// with the closing balances that must add up. A balance that does not is shown in red and says
// so in words, with the difference. The figures are the reconciliation API's, unchanged.
import { renderPage } from 'src/admin-console/layout';
import { fill, STATUS_NAMES } from 'src/admin-console/messages';
import { formatCount, formatInstant, type ViewContext } from 'src/admin-console/view-context';
import { renderTurnoutChart } from 'src/admin-console/views/turnout-chart';
import type { ElectionDto } from 'src/elections/elections.dto';
import type { Reconciliation, ReconciliationBalance, ReconciliationTerm } from 'src/reconciliation/reconciliation.types';
import { reasonLabel } from 'src/results-page/labels';
import { escapeHtml as e } from 'src/results-page/html';

/** Seconds between refreshes while votes can still arrive; none once the count is over. */
export function refreshSeconds(status: string): number | null {
  return ['open', 'online_closed', 'postal_closed', 'counting', 'tallying'].includes(status) ? 15 : null;
}

type Line = { key: string; value: number; depth: number; strong?: boolean };

const REASON_PREFIX = 'postal.rejectedByReason.';

/** A figure's name as people say it; a refusal reason by the words the result page uses. */
function figureLabel(v: ViewContext, key: string): string {
  if (key.startsWith(REASON_PREFIX)) return reasonLabel(key.slice(REASON_PREFIX.length), v.lang);
  return (v.t.figures as Record<string, string>)[key] ?? key;
}

function flow(v: ViewContext, id: string, heading: string, lines: Line[]): string {
  const rows = lines.map(
    (l) =>
      `<tr class="depth-${l.depth}${l.strong ? ' strong' : ''}"><th scope="row">${e(figureLabel(v, l.key))}</th><td class="num">${e(formatCount(l.value, v.lang))}</td></tr>`,
  );
  return `<section class="flow" aria-labelledby="${id}-h"><h2 id="${id}-h">${e(heading)}</h2>
<table><caption class="visually-hidden">${e(heading)}</caption><tbody>${rows.join('')}</tbody></table></section>`;
}

function postalLines(r: Reconciliation): Line[] {
  const p = r.postal;
  const reasons = Object.entries(p.rejectedByReason)
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => ({ key: `${REASON_PREFIX}${reason}`, value: n }));
  return [
    { key: 'packs.printed', value: r.packs.printed, depth: 0, strong: true },
    { key: 'packs.byPost', value: r.packs.byPost, depth: 1 },
    { key: 'packs.byEmail', value: r.packs.byEmail, depth: 1 },
    { key: 'packs.emailed', value: r.packs.emailed, depth: 2 },
    { key: 'packs.emailPending', value: r.packs.emailPending, depth: 2 },
    { key: 'packs.undeliverable', value: r.packs.undeliverable, depth: 2 },
    { key: 'packs.voided', value: r.packs.voided, depth: 1 },
    { key: 'packs.reissued', value: r.packs.reissued, depth: 1 },
    { key: 'postal.returnsReceived', value: p.returnsReceived, depth: 0, strong: true },
    { key: 'postal.accepted', value: p.accepted, depth: 1 },
    { key: 'postal.held', value: p.held, depth: 1 },
    { key: 'postal.rejected', value: p.rejected, depth: 1 },
    ...reasons.map((x) => ({ ...x, depth: 2 })),
    { key: 'postal.pullList', value: p.pullList, depth: 1 },
    { key: 'postal.pulled', value: p.pulled, depth: 2 },
    { key: 'postal.stillHeld', value: p.stillHeld, depth: 1 },
    { key: 'postal.releasedToCount', value: p.releasedToCount, depth: 1 },
    { key: 'postal.envelopesOpened', value: p.envelopesOpened, depth: 0, strong: true },
    { key: 'postal.papersCounted', value: p.papersCounted, depth: 1 },
    { key: 'postal.valid', value: p.papersByKind.valid, depth: 2 },
    { key: 'postal.blank', value: p.papersByKind.blank, depth: 2 },
    { key: 'postal.invalid', value: p.papersByKind.invalid, depth: 2 },
    { key: 'postal.inAdjudication', value: p.inAdjudication, depth: 1 },
    { key: 'postal.waitingForPages', value: p.waitingForPages, depth: 1 },
    { key: 'postal.awaitingSecondEntry', value: p.awaitingSecondEntry, depth: 1 },
    { key: 'postal.keyingDisputed', value: p.keyingDisputed, depth: 1 },
    { key: 'postal.batchesClosedWithMismatch', value: p.batchesClosedWithMismatch, depth: 1 },
  ];
}

function onlineLines(r: Reconciliation): Line[] {
  const o = r.online;
  return [
    { key: 'online.ballotsCast', value: o.ballotsCast, depth: 0, strong: true },
    { key: 'online.voters', value: o.voters, depth: 1 },
    { key: 'online.revoted', value: o.revoted, depth: 1 },
    { key: 'online.supersededByRevote', value: o.supersededByRevote, depth: 1 },
    { key: 'online.supersededByPostal', value: o.supersededByPostal, depth: 1 },
    { key: 'online.counted', value: o.counted, depth: 0, strong: true },
  ];
}

function memberLines(r: Reconciliation): Line[] {
  return [
    { key: 'eligible', value: r.eligible, depth: 0, strong: true },
    { key: 'members.countedOnline', value: r.members.countedOnline, depth: 1 },
    { key: 'members.countedPostal', value: r.members.countedPostal, depth: 1 },
    { key: 'members.notVoted', value: r.members.notVoted, depth: 1 },
  ];
}

const sum = (terms: ReconciliationTerm[]) => terms.reduce((n, x) => n + x.value, 0);

function side(v: ViewContext, terms: ReconciliationTerm[]): string {
  const parts = terms.map((x) => `${e(figureLabel(v, x.key))} <span class="num">${e(formatCount(x.value, v.lang))}</span>`);
  return `${parts.join(' + ')}${terms.length > 1 ? ` = <strong class="num">${e(formatCount(sum(terms), v.lang))}</strong>` : ''}`;
}

function balanceRow(v: ViewContext, b: ReconciliationBalance): string {
  const diff = sum(b.left) - sum(b.right);
  const verdict = b.ok
    ? `<td class="verdict good">✓ ${e(v.t.balanced)}</td>`
    : `<td class="verdict bad">✗ ${e(fill(v.t.mismatch, { diff: formatCount(Math.abs(diff), v.lang) }))}</td>`;
  const name = (v.t.balances as Record<string, string>)[b.id] ?? b.id;
  return `<tr class="${b.ok ? 'balanced' : 'unbalanced'}"><th scope="row">${e(name)}</th><td>${side(v, b.left)}</td><td>${side(v, b.right)}</td>${verdict}</tr>`;
}

function balances(v: ViewContext, r: Reconciliation): string {
  const bad = r.balances.filter((b) => !b.ok);
  const banner = bad.length
    ? `<p class="banner bad" role="alert">${e(fill(v.t.balancesBad, { n: bad.length }))}</p>`
    : `<p class="banner good">${e(v.t.balancesGood)}</p>`;
  return `<section aria-labelledby="balances-h"><h2 id="balances-h">${e(v.t.closingBalances)}</h2>
${banner}
<div class="table-wrap"><table class="balances">
<thead><tr><th scope="col">${e(v.t.balance)}</th><th scope="col">${e(v.t.leftSide)}</th><th scope="col">${e(v.t.rightSide)}</th><th scope="col">${e(v.t.verdict)}</th></tr></thead>
<tbody>${r.balances.map((b) => balanceRow(v, b)).join('')}</tbody></table></div></section>`;
}

/** The live part of the page: everything but the heading, refreshed by the script. */
export function renderDashboardFigures(v: ViewContext, x: ElectionDto, r: Reconciliation): string {
  const seconds = refreshSeconds(r.status);
  return `<p class="as-of">${e(v.t.generatedAt)} ${e(formatInstant(r.generatedAt, v.lang, x.timeline.timeZone))} · ${e(STATUS_NAMES[v.lang][x.status])}${seconds ? ` · ${e(fill(v.t.liveUpdates, { seconds }))}` : ''}</p>
${balances(v, r)}
<div class="flows">
${flow(v, 'postal-flow', v.t.postalFlow, postalLines(r))}
${flow(v, 'online-flow', v.t.onlineFlow, onlineLines(r))}
${flow(v, 'members-flow', v.t.membersFlow, memberLines(r))}
</div>
<section aria-labelledby="turnout-h"><h2 id="turnout-h">${e(v.t.turnoutOverTime)}</h2>
${renderTurnoutChart(v, x, r)}
</section>`;
}

export function renderDashboard(v: ViewContext, x: ElectionDto, r: Reconciliation): string {
  const seconds = refreshSeconds(r.status);
  return renderPage(v, {
    title: `${v.t.dashboard} · ${x.title}`,
    election: { id: x.id, title: x.title, status: x.status },
    current: 'dashboard',
    body: `<h1>${e(v.t.dashboard)}</h1>
<p>${e(v.t.dashboardIntro)}</p>
<div id="dashboard-figures"${seconds ? ` data-live="${seconds}"` : ''}>
${renderDashboardFigures(v, x, r)}
</div>`,
  });
}
