import { renderPage } from 'src/admin-console/layout';
import { fill, ROLE_NAMES } from 'src/admin-console/messages';
import type { Role } from 'src/platform/http/access.decorators';
import { formatInstant, type ViewContext, withQuery } from 'src/admin-console/view-context';
import type { StaffDto } from 'src/auth/auth.dto';
import type { ElectionDto, EventDto } from 'src/elections/elections.dto';
import type { ChainCheck } from 'src/events/event-log.service';
import { escapeHtml as e } from 'src/results-page/html';

export const EVENTS_PER_PAGE = 50;

/** The filters as typed (kept in the form), and those that were not understood. */
export interface EventFilters {
  stream: string;
  type: string;
  actor: string;
  from: string;
  to: string;
  invalid: Array<keyof Omit<EventFilters, 'invalid'>>;
}

function integrity(v: ViewContext, chains: ChainCheck[]): string {
  const broken = chains.find((c) => !c.ok);
  if (broken) {
    return `<p class="banner bad" role="alert">${e(fill(v.t.chainBroken, { chain: broken.chain.split(':').pop() ?? broken.chain, seq: broken.brokenAt ?? '?', reason: broken.reason ?? '' }))}</p>`;
  }
  const events = chains.reduce((n, c) => n + c.events, 0);
  return `<p class="banner good">${e(fill(v.t.chainOk, { events, chains: chains.length }))}</p>`;
}

function actorSelect(v: ViewContext, f: EventFilters, people: StaffDto[]): string {
  const options = people.map((p) => `<option value="${e(p.id)}"${p.id === f.actor ? ' selected' : ''}>${e(p.displayName || p.email)} (${e(ROLE_NAMES[v.lang][p.role] ?? p.role)})</option>`);
  return `<div class="field"><label for="f-actor">${e(v.t.actorPerson)}</label>
<select id="f-actor" name="actor"><option value="">${e(v.t.anyone)}</option>${options.join('')}</select></div>`;
}

function filterForm(v: ViewContext, f: EventFilters, action: string, people: StaffDto[] | null): string {
  const { t } = v;
  const field = (name: keyof Omit<EventFilters, 'invalid'>, label: string, type = 'text', extra = '') => {
    const bad = f.invalid.includes(name);
    return `<div class="field"><label for="f-${name}">${e(label)}</label>
<input id="f-${name}" name="${name}" type="${type}" value="${e(f[name])}"${extra}${bad ? ` aria-invalid="true" aria-describedby="f-${name}-error"` : ''}>
${bad ? `<p id="f-${name}-error" class="field-error">${e(v.t.filterIgnored)}</p>` : ''}</div>`;
  };
  return `<form class="filters" method="get" action="${e(action)}" aria-labelledby="filters-h">
<h2 id="filters-h">${e(t.filters)}</h2>
<input type="hidden" name="lang" value="${v.lang}">
${field('type', t.eventType, 'text', ' maxlength="80"')}
${people ? actorSelect(v, f, people) : field('actor', t.actor, 'text', ' maxlength="36"')}
${field('stream', t.stream, 'text', ' maxlength="40"')}
${field('from', t.from, 'date')}
${field('to', t.to, 'date')}
<div class="actions"><button type="submit">${e(t.apply)}</button> <a href="${e(action)}?lang=${v.lang}">${e(t.clear)}</a></div>
</form>`;
}

function row(v: ViewContext, x: ElectionDto, ev: EventDto, names: Map<string, string>): string {
  const role = ev.actor.role ? (ROLE_NAMES[v.lang][ev.actor.role as Role] ?? ev.actor.role) : null;
  const who = ev.actor.id ? (names.get(ev.actor.id) ?? ev.actor.id) : null;
  const actor = ev.actor.kind === 'system' ? v.t.system : [who, role].filter(Boolean).join(' · ') || ev.actor.kind;
  const data = JSON.stringify(ev.data, null, 2);
  return `<tr><td>${e(formatInstant(ev.occurredAt, v.lang, x.timeline.timeZone))}</td><td>${e(ev.stream)} #${ev.seq}</td><th scope="row"><code>${e(ev.type)}</code></th><td>${e(actor)}</td>
<td>${data === '{}' ? '' : `<details><summary>${e(v.t.details)}</summary><pre>${e(data)}</pre></details>`}</td></tr>`;
}

/** The audit log: the chain's integrity, filters, and the events a page at a time (cursor `after`). */
export function renderEvents(v: ViewContext, x: ElectionDto, events: EventDto[], chains: ChainCheck[], f: EventFilters, hasMore: boolean, people: StaffDto[] | null = null): string {
  const { t } = v;
  const names = new Map((people ?? []).map((p) => [p.id, p.displayName || p.email]));
  const action = `/admin/elections/${encodeURIComponent(x.id)}/events`;
  const table = events.length
    ? `<div class="table-wrap"><table class="events">
<caption class="visually-hidden">${e(t.auditLog)}</caption>
<thead><tr><th scope="col">${e(t.when)}</th><th scope="col">${e(t.stream)}</th><th scope="col">${e(t.event)}</th><th scope="col">${e(t.actorPerson)}</th><th scope="col">${e(t.details)}</th></tr></thead>
<tbody>${events.map((ev) => row(v, x, ev, names)).join('\n')}</tbody></table></div>`
    : `<p>${e(t.noEvents)}</p>`;
  const last = events.at(-1);
  const nav = [
    new URL(v.url, 'http://x').searchParams.has('after') ? `<a href="${e(withQuery(v.url, { after: undefined }))}">${e(t.firstEvents)}</a>` : '',
    hasMore && last ? `<a href="${e(withQuery(v.url, { after: last.id }))}" rel="next">${e(t.olderEvents)}</a>` : '',
  ].filter(Boolean);
  return renderPage(v, {
    title: `${t.auditLog} · ${x.title}`,
    election: { id: x.id, title: x.title, status: x.status },
    current: 'events',
    body: `<h1>${e(t.auditLog)}</h1>
<p>${e(t.auditIntro)}</p>
${integrity(v, chains)}
${filterForm(v, f, action, people)}
${table}
${nav.length ? `<nav class="pager" aria-label="${e(t.pagination)}">${nav.join(' ')}</nav>` : ''}`,
  });
}
