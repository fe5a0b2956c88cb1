// The frame of every console page: language, who is signed in, the navigation their role
// allows, the confirmation dialog the script opens before a destructive action.
import { ROLE_NAMES } from 'src/admin-console/messages';
import { ELECTION_SCREENS, type ElectionScreenId } from 'src/admin-console/screens';
import { type ViewContext, withLanguage } from 'src/admin-console/view-context';
import type { ElectionStatus } from 'src/elections/election.types';
import { PAGE_LANGUAGES } from 'src/intake-page/page-language';
import { escapeHtml as e } from 'src/results-page/html';

export const CONSOLE_ASSETS = '/admin/assets';

export interface PageParts {
  title: string;
  body: string;
  /** The election whose screens the navigation lists. */
  election?: { id: string; title: string; status: ElectionStatus };
  current?: ElectionScreenId;
  /** The page's own scripts besides console.js, by file name in assets/. */
  scripts?: string[];
}

const LANGUAGE_NAMES = { en: 'English', fr: 'Français' } as const;

function header(v: ViewContext): string {
  const { t, staff } = v;
  const langs = PAGE_LANGUAGES.map(
    (l) => `<a href="${e(withLanguage(v.url, l))}" lang="${l}" hreflang="${l}"${l === v.lang ? ' aria-current="true"' : ''}>${LANGUAGE_NAMES[l]}</a>`,
  ).join(' ');
  const who = staff
    ? `<div class="who"><span>${e(t.signedInAs)} <strong>${e(staff.displayName || staff.email)}</strong> (${e(ROLE_NAMES[v.lang][staff.role])})</span>
<form method="post" data-api-method="POST" data-api-path="/auth/logout" data-then="/admin"><button type="submit" class="link">${e(t.signOut)}</button></form></div>`
    : '';
  return `<header class="top">
<p class="brand"><a href="/admin">${e(t.console)}</a></p>
<nav class="langs" aria-label="${e(t.language)}">${langs}</nav>
${who}
</header>`;
}

function electionNav(v: ViewContext, p: PageParts): string {
  if (!p.election || !v.staff) return '';
  const role = v.staff.role;
  const items = ELECTION_SCREENS.filter((s) => s.roles.includes(role) && (s.when?.(p.election!.status) ?? true)).map((s) => {
    const current = s.id === p.current ? ' aria-current="page"' : '';
    return `<li><a href="${e(s.href(p.election!.id))}"${current}>${e(v.t[s.label])}</a></li>`;
  });
  return `<nav class="tabs" aria-label="${e(v.t.electionNav)}">
<p class="election-name">${e(p.election.title)}</p>
<ul>${items.join('')}</ul>
</nav>`;
}

function confirmDialog(v: ViewContext): string {
  return `<dialog id="confirm-dialog" aria-labelledby="confirm-title">
<form method="dialog">
<h2 id="confirm-title">${e(v.t.confirmTitle)}</h2>
<p id="confirm-text"></p>
<div class="actions"><button type="submit" value="cancel" class="secondary" autofocus>${e(v.t.cancel)}</button>
<button type="submit" value="confirm" class="danger">${e(v.t.confirm)}</button></div>
</form>
</dialog>`;
}

/** A whole console page. The body is HTML already escaped by its view. */
export function renderPage(v: ViewContext, p: PageParts): string {
  return `<!doctype html>
<html lang="${v.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${e(p.title)} · ${e(v.t.console)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${CONSOLE_ASSETS}/console.css">
<script type="module" src="${CONSOLE_ASSETS}/console.js"></script>
${(p.scripts ?? []).map((f) => `<script type="module" src="${CONSOLE_ASSETS}/${e(f)}"></script>`).join('\n')}
</head>
<body data-network-down="${e(v.t.networkDown)}" data-failed="${e(v.t.failed)}" data-working="${e(v.t.working)}">
<a class="skip" href="#main">${e(v.t.skipToContent)}</a>
${header(v)}
${electionNav(v, p)}
<main id="main" tabindex="-1">
${p.body}
</main>
${confirmDialog(v)}
</body>
</html>`;
}
