// The trustees of an election (docs/CONSOLE.md "Trustees"): who holds the keys that decrypt the
// online tally, and, before the election opens, the forms that register their public keys.
import { renderPage } from 'src/admin-console/layout';
import { fill, STATUS_NAMES } from 'src/admin-console/messages';
import { formatInstant, type ViewContext } from 'src/admin-console/view-context';
import { apiForm, hidden } from 'src/admin-console/views/parts';
import type { ElectionDto } from 'src/elections/elections.dto';
import { escapeHtml as e } from 'src/results-page/html';
import type { TrusteeDto } from 'src/trustees/trustees.dto';

/**
 * What the administrator reads back to a trustee to check the registered key is theirs: the
 * start and end of the "public_key" their own .pubkey file holds (a group of k of n for a
 * threshold group, whose members check their keys with `trustee check`).
 */
export function keySummary(kind: string, publicKey: string): string {
  try {
    const json = JSON.parse(publicKey) as { public_key?: unknown; threshold?: unknown; certs?: unknown };
    if (kind === 'pedersen') return `${String(json.threshold)} / ${Array.isArray(json.certs) ? json.certs.length : '?'}`;
    const pk = typeof json.public_key === 'string' ? json.public_key : '';
    return pk.length > 20 ? `${pk.slice(0, 8)}…${pk.slice(-8)}` : pk;
  } catch {
    // Stored keys were checked on the way in; an unreadable one is shown as nothing, not guessed.
    return '';
  }
}

function registerForms(v: ViewContext, x: ElectionDto): string {
  const { t } = v;
  const path = `/elections/${encodeURIComponent(x.id)}/trustees`;
  const form = (kind: 'single' | 'pedersen', heading: string, field: 'publicKey' | 'parameters', label: string, hint: string) => {
    const id = `register-${kind}`;
    return `<section class="register" aria-labelledby="${id}-h"><h3 id="${id}-h">${e(heading)}</h3>
${apiForm({
  method: 'POST',
  path,
  confirm: t.confirmRegisterTrustee,
  button: t.registerTrustee,
  fields: `${hidden('kind', kind)}
<div class="field"><label for="${id}-name">${e(t.trusteeName)}</label><input id="${id}-name" name="name" maxlength="200" required></div>
<div class="field"><label for="${id}-key">${e(label)}</label>
<textarea id="${id}-key" name="${field}" rows="5" required spellcheck="false" aria-describedby="${id}-hint"></textarea>
<p id="${id}-hint" class="hint">${e(hint)}</p></div>`,
})}</section>`;
  };
  return `<h2>${e(t.registerTrustees)}</h2>
<p>${e(t.registerIntro)}</p>
<div class="registers">
${form('single', t.singleTrusteeHeading, 'publicKey', t.trusteePublicKey, t.trusteePublicKeyHint)}
${form('pedersen', t.groupHeading, 'parameters', t.thresholdParameters, t.thresholdParametersHint)}
</div>`;
}

export function renderTrustees(v: ViewContext, x: ElectionDto, trustees: TrusteeDto[], mayChange: boolean, mayRegister: boolean): string {
  const { t } = v;
  const rows = trustees.map(
    (r) =>
      `<tr><td class="num">${r.position}</td><th scope="row">${e(r.name)}</th><td>${e(r.kind === 'pedersen' ? t.thresholdGroup : t.singleTrustee)}</td><td>${e(r.owners.join(', '))}</td><td><code>${e(keySummary(r.kind, r.publicKey))}</code></td><td>${e(formatInstant(r.addedAt, v.lang, x.timeline.timeZone))}</td></tr>`,
  );
  const table = rows.length
    ? `<div class="table-wrap"><table><caption class="visually-hidden">${e(t.trusteesTab)}</caption>
<thead><tr><th scope="col" class="num">#</th><th scope="col">${e(t.trusteeName)}</th><th scope="col">${e(t.kind)}</th><th scope="col">${e(t.owners)}</th><th scope="col">${e(t.fingerprint)}</th><th scope="col">${e(t.addedAt)}</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></div>`
    : `<p class="banner bad">${e(t.noTrustees)}</p>`;
  const fixed = mayChange ? '' : `<p class="hint">${e(fill(t.trusteesFixed, { status: STATUS_NAMES[v.lang][x.status] }))}</p>`;
  return renderPage(v, {
    title: `${t.trusteesTab} · ${x.title}`,
    election: { id: x.id, title: x.title, status: x.status },
    current: 'trustees',
    body: `<h1>${e(t.trusteesTab)}</h1>
<p>${e(t.trusteesIntro)} <a href="/trustee/${encodeURIComponent(x.id)}">${e(t.trusteePageLink)}</a></p>
${table}
${fixed}
${mayChange && mayRegister ? registerForms(v, x) : ''}`,
  });
}
