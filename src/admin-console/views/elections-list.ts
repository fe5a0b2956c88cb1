import { renderPage } from 'src/admin-console/layout';
import { STATUS_NAMES } from 'src/admin-console/messages';
import { ELECTION_SCREENS } from 'src/admin-console/screens';
import { formatInstant, type ViewContext } from 'src/admin-console/view-context';
import { pageNumber, pager } from 'src/admin-console/views/parts';
import type { ElectionDto } from 'src/elections/elections.dto';
import { escapeHtml as e } from 'src/results-page/html';

export const ELECTIONS_PER_PAGE = 25;

/** The first screen the role may open for an election, if any. */
function firstScreen(v: ViewContext, id: string): string | null {
  const role = v.staff?.role;
  if (role === 'trustee') return `/trustee/${encodeURIComponent(id)}`;
  const s = ELECTION_SCREENS.find((x) => role && x.roles.includes(role));
  return s ? s.href(id) : null;
}

/** Every election, most recently changed first, a page at a time. */
export function renderElectionsList(v: ViewContext, elections: ElectionDto[], pageQuery: unknown, actions: string): string {
  const { t } = v;
  const sorted = [...elections].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  const pages = Math.ceil(sorted.length / ELECTIONS_PER_PAGE);
  const page = pageNumber(pageQuery, pages);
  const rows = sorted.slice((page - 1) * ELECTIONS_PER_PAGE, page * ELECTIONS_PER_PAGE).map((x) => {
    const href = firstScreen(v, x.id);
    const title = href ? `<a href="${e(href)}">${e(x.title)}</a>` : e(x.title);
    return `<tr><th scope="row">${title}</th><td><span class="status status-${e(x.status)}">${e(STATUS_NAMES[v.lang][x.status])}</span></td><td class="num">${x.questions.length}</td><td>${e(formatInstant(x.updatedAt, v.lang, x.timeline.timeZone))}</td></tr>`;
  });
  const table = rows.length
    ? `<div class="table-wrap"><table>
<caption class="visually-hidden">${e(t.elections)}</caption>
<thead><tr><th scope="col">${e(t.title)}</th><th scope="col">${e(t.status)}</th><th scope="col" class="num">${e(t.questions)}</th><th scope="col">${e(t.updated)}</th></tr></thead>
<tbody>${rows.join('\n')}</tbody>
</table></div>
${pager(v, page, pages)}`
    : `<p>${e(t.noElections)}</p>`;
  return renderPage(v, { title: t.elections, body: `<h1>${e(t.elections)}</h1>\n${actions}\n${table}` });
}
