import { renderPage } from 'src/admin-console/layout';
import { fill, ROLE_NAMES } from 'src/admin-console/messages';
import type { ViewContext } from 'src/admin-console/view-context';
import type { Role } from 'src/platform/http/access.decorators';
import { escapeHtml as e } from 'src/results-page/html';

/** Where staff without console screens work instead. */
function desks(v: ViewContext, role: Role, trusteeOf: ReadonlyArray<{ id: string; title: string }>): string[] {
  const { t } = v;
  if (role === 'count_staff' || role === 'count_supervisor') {
    return [`<a href="/intake">${e(t.deskIntake)}</a>`, `<a href="/count/adjudication">${e(t.deskAdjudication)}</a>`];
  }
  if (role === 'trustee') return trusteeOf.map((x) => `<a href="/trustee/${encodeURIComponent(x.id)}">${e(fill(t.deskTrustee, { title: x.title }))}</a>`);
  return [];
}

function deskList(v: ViewContext, links: string[]): string {
  return links.length ? `<h2>${e(v.t.yourScreens)}</h2><ul class="desks">${links.map((l) => `<li>${l}</li>`).join('')}</ul>` : `<p>${e(v.t.noDesk)}</p>`;
}

/** 403: the screen exists but not for this role; says where this person does work. */
export function renderRefused(v: ViewContext, role: Role, trusteeOf: ReadonlyArray<{ id: string; title: string }> = []): string {
  const { t } = v;
  return renderPage(v, {
    title: t.refusedTitle,
    body: `<h1>${e(t.refusedTitle)}</h1>
<p>${e(fill(t.refusedText, { role: ROLE_NAMES[v.lang][role] }))}</p>
${deskList(v, desks(v, role, trusteeOf))}`,
  });
}

export function renderNotFound(v: ViewContext): string {
  return renderPage(v, { title: v.t.notFoundTitle, body: `<h1>${e(v.t.notFoundTitle)}</h1><p>${e(v.t.notFoundText)}</p><p><a href="/admin">${e(v.t.elections)}</a></p>` });
}
