import { renderPage } from 'src/admin-console/layout';
import { type ConsoleMessages, fill, type MessageKey, STATUS_NAMES } from 'src/admin-console/messages';
import { formatCount, formatInstant, type ViewContext, withQuery } from 'src/admin-console/view-context';
import { apiForm } from 'src/admin-console/views/parts';
import type { ElectionDto } from 'src/elections/elections.dto';
import type { PacksStatusDto } from 'src/packs/packs.dto';
import { escapeHtml as e } from 'src/results-page/html';

/** Seconds between refreshes of the progress while a run is queued or printing. */
export const PACKS_LIVE_SECONDS = 2;
export const BATCHES_PER_PAGE = 25;
export const UNDELIVERABLE_PER_PAGE = 25;

export interface DeliveryRow {
  serial: number;
  memberNumber: string | null;
  detail: string | null;
  updatedAt: string;
}

export interface ReissueRow {
  memberNumber: string;
  voidedSerial: number;
  serial: number;
  delivery: string;
  reason: string;
  at: string;
}

/** What the reader's role may do here: each flag is the roles of the API route it calls. */
export interface PacksPermissions {
  start: boolean;
  retry: boolean;
  manifest: boolean;
  batches: boolean;
  deliveries: boolean;
  undeliverable: boolean;
  reissue: boolean;
  reissues: boolean;
  printed: boolean;
  preview: boolean;
}

export interface PacksScreen {
  election: ElectionDto;
  status: PacksStatusDto;
  templates: string[];
  may: PacksPermissions;
  batchPage: number;
  undeliverable: DeliveryRow[];
  undeliverablePage: number;
  reissues: ReissueRow[];
  /** The page was reached right after a reissue: say what it did. */
  justReissued: boolean;
  printed: number[];
  preview: { pages: number | null; member: string; page: number; error: string | null };
}

type Msg = MessageKey;

/** The time left as people say it; null when no batch is done yet. */
export function etaInWords(t: ConsoleMessages, seconds: number | null): string {
  if (seconds === null) return t.etaUnknown;
  if (seconds <= 0) return t.etaDone;
  if (seconds < 60) return t.etaLessThanMinute;
  const minutes = Math.round(seconds / 60);
  if (minutes === 1) return t.etaOneMinute;
  if (minutes < 60) return fill(t.etaMinutes, { n: minutes });
  const h = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? fill(t.etaWholeHours, { h }) : fill(t.etaHours, { h, m: minutes % 60 });
}

const api = (x: ElectionDto, rest = '') => `/elections/${encodeURIComponent(x.id)}/packs${rest}`;

/** A page-numbered list's links, by its own query parameter: the screen has several lists. */
function pagerBy(v: ViewContext, param: string, page: number, pages: number, anchor: string): string {
  if (pages <= 1) return '';
  const link = (p: number, label: string, rel: string) =>
    p >= 1 && p <= pages ? `<a href="${e(withQuery(v.url, { [param]: p === 1 ? undefined : p }))}#${anchor}" rel="${rel}">${e(label)}</a>` : `<span aria-disabled="true">${e(label)}</span>`;
  return `<nav class="pager" aria-label="${e(v.t.pagination)}">
${link(page - 1, v.t.previous, 'prev')}
<span>${e(fill(v.t.pageOf, { page, pages }))}</span>
${link(page + 1, v.t.next, 'next')}
</nav>`;
}

/** A form sent to the API by console.js, its inputs tied to the error it shows. */
function fieldForm(o: { id: string; path: string; fields: string; button: string; confirm?: string; then?: string; danger?: boolean }): string {
  return `<form class="api-form stack" method="post" id="${e(o.id)}" data-api-method="POST" data-api-path="${e(o.path)}"${o.confirm ? ` data-confirm="${e(o.confirm)}"` : ''}${o.then ? ` data-then="${e(o.then)}"` : ''}>
${o.fields}
<button type="submit"${o.danger ? ' class="danger"' : ''}>${e(o.button)}</button>
<p class="form-error" id="${e(o.id)}-error" role="alert" tabindex="-1" hidden></p>
</form>`;
}

/** A labelled control; `describedBy` names the hint and the form's error. */
function field(id: string, label: string, control: string, hint?: string): string {
  return `<div class="field"><label for="${e(id)}">${e(label)}</label>${hint ? `<p class="hint" id="${e(id)}-hint">${e(hint)}</p>` : ''}${control}</div>`;
}

const STATUS_TEXT: Record<string, Msg> = {
  not_started: 'packsNotStarted',
  queued: 'packsQueued',
  generating: 'packsGenerating',
  generated: 'packsGenerated',
  failed: 'packsFailed',
};

function startForm(v: ViewContext, s: PacksScreen): string {
  const { t } = v;
  const x = s.election;
  if (x.status !== 'roll_frozen') return `<p class="warning">${e(fill(t.cannotStartPacks, { status: STATUS_NAMES[v.lang][x.status] }))}</p>`;
  if (!s.may.start) return '';
  const err = 'start-packs-error';
  const templates = s.templates.map((n) => `<option value="${e(n)}"${n === 'default' ? ' selected' : ''}>${e(n)}</option>`).join('');
  const langs = (['en', 'fr'] as const).map((l) => `<option value="${l}"${l === v.lang ? ' selected' : ''}>${e(t[l === 'en' ? 'languageEn' : 'languageFr'])}</option>`).join('');
  return `<h3>${e(t.startPacks)}</h3>
<p>${e(t.startPacksIntro)}</p>
${fieldForm({
  id: 'start-packs',
  path: api(x),
  fields: field('pack-template', t.packTemplate, `<select id="pack-template" name="template" aria-describedby="${err}">${templates}</select>`) + field('pack-language', t.packLanguage, `<select id="pack-language" name="language" aria-describedby="${err}">${langs}</select>`),
  button: t.startPacks,
  confirm: fill(t.startPacksConfirm, { title: x.title }),
})}`;
}

function progress(v: ViewContext, s: PacksScreen): string {
  const { t } = v;
  const st = s.status;
  const p = st.progress;
  if (st.status === 'not_started') return '';
  if (!p) return `<progress aria-label="${e(t.progressLabel)}"></progress>`;
  const percent = p.total > 0 ? Math.floor((p.done / p.total) * 100) : 100;
  const done = fill(t.progressDone, { done: formatCount(p.done, v.lang), total: formatCount(p.total, v.lang), percent, batchesDone: formatCount(p.batchesDone, v.lang), batches: formatCount(p.batches, v.lang) });
  const failing = p.failing.length
    ? `<h3>${e(t.failingBatches)}</h3>
<div class="table-wrap"><table><thead><tr><th scope="col">${e(t.batch)}</th><th scope="col" class="num">${e(t.attempts)}</th><th scope="col">${e(t.error)}</th></tr></thead>
<tbody>${p.failing.map((f) => `<tr><th scope="row">${f.batch}</th><td class="num">${f.attempts}</td><td class="error-text">${e(f.error)}</td></tr>`).join('')}</tbody></table></div>
${st.status === 'failed' && s.may.retry ? apiForm({ method: 'POST', path: api(s.election, '/retry'), fields: '', button: t.retryBatches }) : ''}`
    : '';
  return `<div class="progress-block">
<label for="pack-progress-bar">${e(t.progressLabel)}</label>
<progress id="pack-progress-bar" max="${p.total}" value="${p.done}">${percent} %</progress>
<p class="progress-figures">${e(done)}</p>
<dl class="facts">
<dt>${e(t.rateLabel)}</dt><dd>${e(fill(t.packsPerSecond, { rate: p.packsPerSecond.toLocaleString(v.lang === 'fr' ? 'fr-FR' : 'en-GB') }))}</dd>
<dt>${e(t.etaLabel)}</dt><dd>${e(etaInWords(t, p.etaSeconds))}</dd>
</dl>
</div>
${failing}`;
}

function runFacts(v: ViewContext, s: PacksScreen): string {
  const setup = s.status.setup;
  if (!setup) return '';
  const { t } = v;
  return `<h3>${e(t.runFacts)}</h3>
<dl class="facts">
<dt>${e(t.members)}</dt><dd>${e(formatCount(setup.members, v.lang))}</dd>
<dt>${e(t.spares)}</dt><dd>${e(formatCount(setup.spares, v.lang))}</dd>
<dt>${e(t.packTemplate)}</dt><dd>${e(setup.template)} · ${e(setup.language === 'fr' ? t.languageFr : t.languageEn)}</dd>
<dt>${e(t.electionCodeLabel)}</dt><dd><code>${e(setup.electionCode)}</code></dd>
${setup.completedAt ? `<dt>${e(t.completedAt)}</dt><dd>${e(formatInstant(setup.completedAt, v.lang, s.election.timeline.timeZone))}</dd>` : ''}
</dl>`;
}

function downloads(v: ViewContext, s: PacksScreen): string {
  const { t } = v;
  if (!s.may.manifest && !s.may.batches) return '';
  const setup = s.status.setup;
  const head = `<h2 id="downloads-h">${e(t.downloads)}</h2>`;
  if (s.status.status !== 'generated' || !setup) return `${head}<p>${e(t.noDownloadsYet)}</p>`;
  const files = Object.entries(setup.checksums).sort(([a], [b]) => a.localeCompare(b));
  const pages = Math.max(1, Math.ceil(files.length / BATCHES_PER_PAGE));
  const page = Math.min(s.batchPage, pages);
  const rows = files.slice((page - 1) * BATCHES_PER_PAGE, page * BATCHES_PER_PAGE).map(([file, sha]) => {
    const batch = Number(/(\d+)/.exec(file)?.[1] ?? 0);
    // Only the credential authority may fetch a batch: nobody else gets a link that would be refused.
    const name = s.may.batches ? `<a href="${e(api(s.election, `/batches/${batch}`))}" download>${e(file)}</a>` : e(file);
    return `<tr><th scope="row" class="file-name">${name}</th><td><code class="hash">${e(sha)}</code></td></tr>`;
  });
  return `${head}
${s.may.manifest ? `<p><a class="button secondary-link" href="${e(api(s.election, '/manifest.csv'))}" download>${e(t.manifestLink)}</a></p>` : ''}
<p class="hint">${e(s.may.batches ? t.batchesIntroCa : t.batchesIntroAdmin)}</p>
<div class="table-wrap"><table class="batches"><thead><tr><th scope="col">${e(t.file)}</th><th scope="col">SHA-256</th></tr></thead>
<tbody>${rows.join('')}</tbody></table></div>
${pagerBy(v, 'bpage', page, pages, 'downloads-h')}`;
}

function deliveries(v: ViewContext, s: PacksScreen): string {
  if (!s.may.deliveries) return '';
  const { t } = v;
  const counts = s.status.emails;
  const names: Record<string, Msg> = { sent: 'deliverySent', undeliverable: 'deliveryUndeliverable', failed: 'deliveryFailed' };
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const countTable = total
    ? `<div class="table-wrap"><table class="compact"><thead><tr><th scope="col">${e(t.deliveryState)}</th><th scope="col" class="num">${e(t.deliveryCount)}</th></tr></thead>
<tbody>${Object.keys(names).map((k) => `<tr><th scope="row">${e(t[names[k]])}</th><td class="num">${e(formatCount(counts[k] ?? 0, v.lang))}</td></tr>`).join('')}</tbody></table></div>`
    : `<p>${e(t.noEmails)}</p>`;
  const pages = Math.max(1, Math.ceil(s.undeliverable.length / UNDELIVERABLE_PER_PAGE));
  const page = Math.min(s.undeliverablePage, pages);
  const rows = s.undeliverable.slice((page - 1) * UNDELIVERABLE_PER_PAGE, page * UNDELIVERABLE_PER_PAGE);
  const list = rows.length
    ? `<div class="table-wrap"><table><thead><tr><th scope="col">${e(t.member)}</th><th scope="col" class="num">${e(t.serial)}</th><th scope="col">${e(t.detail)}</th><th scope="col">${e(t.updated)}</th></tr></thead>
<tbody>${rows.map((r) => `<tr><th scope="row">${e(r.memberNumber ?? '')}</th><td class="num">${r.serial}</td><td class="error-text">${e(r.detail ?? '')}</td><td>${e(formatInstant(r.updatedAt, v.lang, s.election.timeline.timeZone))}</td></tr>`).join('')}</tbody></table></div>
${pagerBy(v, 'upage', page, pages, 'undeliverable-h')}`
    : `<p>${e(t.noUndeliverable)}</p>`;
  const err = 'mark-undeliverable-error';
  const mark = s.may.undeliverable
    ? `<h3>${e(t.markUndeliverable)}</h3>
<p>${e(t.markUndeliverableIntro)}</p>
${fieldForm({
  id: 'mark-undeliverable',
  path: api(s.election, '/deliveries/{serial}/undeliverable'),
  fields:
    field('bounce-serial', t.serial, `<input id="bounce-serial" name="serial" required inputmode="numeric" pattern="[0-9]{1,10}" size="10" aria-describedby="${err}" data-path-param>`) +
    field('bounce-detail', t.bounceDetail, `<input id="bounce-detail" name="detail" required minlength="3" maxlength="300" aria-describedby="${err}">`),
  button: t.markUndeliverableButton,
  confirm: t.markUndeliverableConfirm,
})}`
    : '';
  return `<section aria-labelledby="emails-h">
<h2 id="emails-h">${e(t.emailDeliveries)}</h2>
${countTable}
<h3 id="undeliverable-h">${e(t.undeliverableList)}</h3>
${list}
${mark}
</section>`;
}

function reissue(v: ViewContext, s: PacksScreen): string {
  const { t } = v;
  if (!s.may.reissue && !s.may.reissues && !s.may.printed) return '';
  const deliveryName = (d: string) => (d === 'email' ? t.deliveryEmail : t.deliveryPost);
  const last = s.reissues[0];
  const banner = s.justReissued && last ? `<p class="banner good" role="status">${e(fill(t.reissueDone, { voided: last.voidedSerial, member: last.memberNumber, serial: last.serial, delivery: deliveryName(last.delivery) }))}</p>` : '';
  const err = 'reissue-form-error';
  const reasons = (['reasonLost', 'reasonDamaged', 'reasonNotReceived', 'reasonStolen'] as const).map((k) => `<option value="${e(t[k])}"></option>`).join('');
  const form = s.may.reissue
    ? `<p>${e(t.reissueIntro)}</p>
${fieldForm({
  id: 'reissue-form',
  path: api(s.election, '/reissues'),
  then: `${withQuery(v.url, { reissued: 1 })}#reissue-h`,
  fields:
    field('reissue-member', t.memberNumber, `<input id="reissue-member" name="memberNumber" required maxlength="64" autocomplete="off" aria-describedby="${err}">`) +
    field('reissue-reason', t.reissueReason, `<input id="reissue-reason" name="reason" list="reissue-reasons" required minlength="3" maxlength="300" aria-describedby="reissue-reason-hint ${err}"><datalist id="reissue-reasons">${reasons}</datalist>`, t.reissueReasonHint) +
    field('reissue-delivery', t.delivery, `<select id="reissue-delivery" name="delivery" aria-describedby="${err}"><option value="">${e(t.deliveryAsBefore)}</option><option value="post">${e(t.deliveryPost)}</option><option value="email">${e(t.deliveryEmail)}</option></select>`),
  button: t.reissueButton,
  confirm: t.reissueConfirm,
  danger: true,
})}`
    : '';
  const table = s.may.reissues
    ? `<h3>${e(t.recentReissues)}</h3>
${s.reissues.length
  ? `<div class="table-wrap"><table><thead><tr><th scope="col">${e(t.member)}</th><th scope="col" class="num">${e(t.voidedSerial)}</th><th scope="col" class="num">${e(t.newSerial)}</th><th scope="col">${e(t.delivery)}</th><th scope="col">${e(t.reissueReason)}</th><th scope="col">${e(t.when)}</th></tr></thead>
<tbody>${s.reissues.map((r) => `<tr><th scope="row">${e(r.memberNumber)}</th><td class="num">${r.voidedSerial}</td><td class="num">${r.serial}</td><td>${e(deliveryName(r.delivery))}</td><td>${e(r.reason)}</td><td>${e(formatInstant(r.at, v.lang, s.election.timeline.timeZone))}</td></tr>`).join('')}</tbody></table></div>`
  : `<p>${e(t.noReissues)}</p>`}`
    : '';
  const printed = s.may.printed
    ? `<h3>${e(t.printedReplacements)}</h3>
<p class="hint">${e(t.printedReplacementsIntro)}</p>
${s.printed.length ? `<ul class="printed">${s.printed.map((n) => `<li><a href="${e(api(s.election, `/reissues/${n}`))}" download>${e(t.newSerial)} ${n}</a></li>`).join('')}</ul>` : `<p>${e(t.noPrintedReplacements)}</p>`}`
    : '';
  return `<section aria-labelledby="reissue-h">
<h2 id="reissue-h">${e(t.reissue)}</h2>
${banner}${form}${table}${printed}
</section>`;
}

function preview(v: ViewContext, s: PacksScreen): string {
  if (!s.may.preview) return '';
  const { t } = v;
  const p = s.preview;
  const head = `<h2 id="preview-h">${e(t.preview)}</h2>`;
  if (p.pages === null) return `<section aria-labelledby="preview-h">${head}<p>${e(t.previewNotYet)}</p></section>`;
  const invalid = p.error ? ' aria-invalid="true"' : '';
  const pageOptions = Array.from({ length: p.pages }, (_, i) => i + 1)
    .map((n) => `<option value="${n}"${n === p.page ? ' selected' : ''}>${e(fill(t.previewPageName, { page: n, pages: p.pages! }))}</option>`)
    .join('');
  const form = `<form class="filters" method="get" action="${e(`/admin/elections/${encodeURIComponent(s.election.id)}/packs`)}#preview-h">
<input type="hidden" name="lang" value="${v.lang}">
${field('preview-member', t.memberNumber, `<input id="preview-member" name="member" value="${e(p.member)}" required maxlength="64" autocomplete="off"${invalid}${p.error ? ' aria-describedby="preview-member-error"' : ''}>`)}
${field('preview-page', t.previewPage, `<select id="preview-page" name="ppage">${pageOptions}</select>`)}
<button type="submit">${e(t.previewButton)}</button>
</form>
${p.error ? `<p class="field-error" id="preview-member-error">${e(p.error)}</p>` : ''}`;
  const image =
    p.member && !p.error
      ? `<figure class="pack-preview"><img src="${e(api(s.election, `/preview.png?member=${encodeURIComponent(p.member)}&page=${p.page}`))}" alt="${e(fill(t.previewAlt, { page: p.page, member: p.member }))}" width="827" height="1169">
<figcaption>${e(fill(t.previewAlt, { page: p.page, member: p.member }))}</figcaption></figure>`
      : '';
  return `<section aria-labelledby="preview-h">${head}<p>${e(t.previewIntro)}</p>${form}${image}</section>`;
}

/** The packs of one election: the run and its progress, the files, e-mail deliveries, reissues, previews. */
export function renderPacks(v: ViewContext, s: PacksScreen): string {
  const { t } = v;
  const x = s.election;
  const st = s.status.status;
  const moving = st === 'queued' || st === 'generating';
  // While the run moves, the whole run section refreshes itself; once done it stops (console.js).
  const live = moving ? ` data-live="${PACKS_LIVE_SECONDS}"` : '';
  return renderPage(v, {
    title: `${t.packs} · ${x.title}`,
    election: { id: x.id, title: x.title, status: x.status },
    current: 'packs',
    // The run moves the election to "packs ready" when it ends: the badge follows it.
    body: `<h1>${e(t.packs)} <span id="pack-election-status"${live}><span class="status status-${e(x.status)}">${e(STATUS_NAMES[v.lang][x.status])}</span></span></h1>
<p>${e(t.packsIntro)}</p>
<section aria-labelledby="run-h" id="pack-run"${live} aria-busy="${moving}">
<h2 id="run-h">${e(t.packsStatus)}</h2>
<p class="run-status run-${e(st)}">${e(t[STATUS_TEXT[st] ?? 'packsNotStarted'])}</p>
${moving ? `<p class="hint">${e(fill(t.liveUpdates, { seconds: PACKS_LIVE_SECONDS }))}</p>` : ''}
${progress(v, s)}
${st === 'not_started' ? startForm(v, s) : ''}
${runFacts(v, s)}
${downloads(v, s)}
</section>
${preview(v, s)}
${reissue(v, s)}
${deliveries(v, s)}`,
  });
}
