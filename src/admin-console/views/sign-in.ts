import { renderPage } from 'src/admin-console/layout';
import type { ViewContext } from 'src/admin-console/view-context';
import { escapeHtml as e } from 'src/results-page/html';

/** The sign-in form; the script posts it to /auth/login, which sets the session cookie. */
export function renderSignIn(v: ViewContext): string {
  const { t } = v;
  return renderPage(v, {
    title: t.signInTitle,
    body: `<h1>${e(t.signInTitle)}</h1>
<p>${e(t.signInIntro)}</p>
<noscript><p class="warning">${e(t.needsScript)}</p></noscript>
<form id="sign-in" class="stack narrow" method="post" action="/auth/login" data-api-method="POST" data-api-path="/auth/login" data-busy="${e(t.signingIn)}">
<label for="email">${e(t.email)}</label>
<input id="email" name="email" type="email" autocomplete="username" required>
<label for="password">${e(t.password)}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${e(t.signInButton)}</button>
<p class="form-error" role="alert" hidden></p>
</form>`,
  });
}
