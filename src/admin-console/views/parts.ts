// Small pieces several views share.
import type { ViewContext } from 'src/admin-console/view-context';
import { fill } from 'src/admin-console/messages';
import { withQuery } from 'src/admin-console/view-context';
import { escapeHtml as e } from 'src/results-page/html';

export interface ApiFormOptions {
  method: 'POST' | 'PATCH' | 'PUT';
  /** The API route the script sends the form to, as JSON: the console has no write path of its own. */
  path: string;
  /** Inputs already escaped, e.g. from hidden(). */
  fields: string;
  button: string;
  /** Asked in the confirmation dialog before sending; a destructive action always has one. */
  confirm?: string;
  /** Where to go afterwards; the page reloads when absent. */
  then?: string;
  danger?: boolean;
}

export const hidden = (name: string, value: string): string => `<input type="hidden" name="${e(name)}" value="${e(value)}">`;

// Forms say method="post" although the script sends them: should a form be submitted before the
// script has run, the browser posts it to the page (which has no POST route) instead of putting
// its fields, a password among them, into a URL.
export function apiForm(o: ApiFormOptions): string {
  const attrs = [
    `data-api-method="${o.method}"`,
    `data-api-path="${e(o.path)}"`,
    o.confirm ? `data-confirm="${e(o.confirm)}"` : '',
    o.then ? `data-then="${e(o.then)}"` : '',
  ].filter(Boolean);
  return `<form class="api-form" method="post" ${attrs.join(' ')}>
${o.fields}
<button type="submit"${o.danger ? ' class="danger"' : ''}>${e(o.button)}</button>
<p class="form-error" role="alert" hidden></p>
</form>`;
}

/** Previous/next links for a page-numbered list. */
export function pager(v: ViewContext, page: number, pages: number, param = 'page'): string {
  if (pages <= 1) return '';
  const link = (p: number, label: string, rel: string) =>
    p >= 1 && p <= pages ? `<a href="${e(withQuery(v.url, { [param]: p === 1 ? undefined : p }))}" rel="${rel}">${e(label)}</a>` : `<span aria-disabled="true">${e(label)}</span>`;
  return `<nav class="pager" aria-label="${e(v.t.pagination)}">
${link(page - 1, v.t.previous, 'prev')}
<span>${e(fill(v.t.pageOf, { page, pages }))}</span>
${link(page + 1, v.t.next, 'next')}
</nav>`;
}

/** The page number asked for, clamped to the pages there are. */
export function pageNumber(query: unknown, pages: number): number {
  const n = typeof query === 'string' && /^\d{1,6}$/.test(query) ? Number(query) : 1;
  return Math.min(Math.max(1, n), Math.max(1, pages));
}
