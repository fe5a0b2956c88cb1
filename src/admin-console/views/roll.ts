import { renderPage } from 'src/admin-console/layout';
import { fill, STATUS_NAMES } from 'src/admin-console/messages';
import { formatCount, formatInstant, type ViewContext } from 'src/admin-console/view-context';
import { pager } from 'src/admin-console/views/parts';
import { type MemberCardOptions, memberCard } from 'src/admin-console/views/roll-member';
import { CHANNEL_WORDS, formatBytes, MEMBER_STATUS_WORDS } from 'src/admin-console/views/roll-words';
import type { ElectionDto } from 'src/elections/elections.dto';
import { escapeHtml as e } from 'src/results-page/html';
import type { MemberPageDto, RollImportDto, RollSummaryDto } from 'src/roll/roll.dto';
import { MAX_LENGTH } from 'src/roll/roll.types';

export const MEMBERS_PER_PAGE = 20;

/** The search as typed (kept in the form), and the fields too long to be a search. */
export interface MemberSearchForm {
  memberNumber: string;
  name: string;
  postcode: string;
  invalid: Array<keyof Omit<MemberSearchForm, 'invalid'>>;
}

export const SEARCH_LIMITS = { memberNumber: MAX_LENGTH.member_number, name: MAX_LENGTH.family_name, postcode: MAX_LENGTH.postcode } as const;

export interface PendingImport {
  imp: RollImportDto;
  /** Compared with a roll that is no longer the current one: committing it is refused (import_stale). */
  stale: boolean;
}

export interface RollPage {
  summary: RollSummaryDto;
  /** Checked files waiting for commit or discard; null when the reader may not see imports. */
  pending: PendingImport[] | null;
  /** The upload limit in bytes, when the reader may upload and the roll is not frozen. */
  uploadLimit: number | null;
  /** The search and its page of members; null when the reader may not search. */
  members: { form: MemberSearchForm; page: MemberPageDto; pageNumber: number } | null;
  card: MemberCardOptions;
}

const rollBase = (x: ElectionDto) => `/admin/elections/${encodeURIComponent(x.id)}/roll`;

function summary(v: ViewContext, x: ElectionDto, s: RollSummaryDto): string {
  const { t } = v;
  const frozen = x.status !== 'draft';
  const counts = s.counts.length
    ? `<div class="table-wrap"><table class="roll-counts">
<caption>${e(t.rollCounts)}</caption>
<thead><tr><th scope="col">${e(t.rollStatus)}</th><th scope="col">${e(t.rollEligibleCol)}</th><th scope="col">${e(t.rollChannel)}</th><th scope="col" class="num">${e(t.rollMembers)}</th><th scope="col" class="num">${e(t.rollWeight)}</th></tr></thead>
<tbody>${s.counts
        .map(
          (c) =>
            `<tr><td>${e(t[MEMBER_STATUS_WORDS[c.status]])}</td><td>${e(c.eligible ? t.yes : t.no)}</td><td>${e(t[CHANNEL_WORDS[c.channel]])}</td><td class="num">${e(formatCount(c.members, v.lang))}</td><td class="num">${e(formatCount(c.weight, v.lang))}</td></tr>`,
        )
        .join('\n')}</tbody></table></div>`
    : '';
  return `<section aria-labelledby="summary-h">
<h2 id="summary-h">${e(t.rollSummary)}</h2>
<dl class="facts" id="roll-summary">
<dt>${e(t.rollMembers)}</dt><dd>${e(formatCount(s.members, v.lang))}</dd>
<dt>${e(t.rollEligible)}</dt><dd>${e(formatCount(s.eligibleMembers, v.lang))}</dd>
<dt>${e(t.rollRemoved)}</dt><dd>${e(formatCount(s.removedMembers, v.lang))}</dd>
<dt>${e(t.rollCommittedAt)}</dt><dd>${s.committedAt ? e(formatInstant(s.committedAt, v.lang, x.timeline.timeZone)) : `<em>${e(t.rollNone)}</em>`}</dd>
<dt>${e(t.rollFrozen)}</dt><dd>${e(frozen ? fill(t.rollFrozenYes, { status: STATUS_NAMES[v.lang][x.status] }) : t.rollFrozenNo)}</dd>
</dl>
${counts}
</section>`;
}

function upload(v: ViewContext, x: ElectionDto, limit: number | null): string {
  const { t } = v;
  if (limit === null) return '';
  if (x.status !== 'draft') return `<p class="hint" id="upload-frozen">${e(t.uploadFrozen)}</p>`;
  const limitText = formatBytes(limit, v.lang);
  return `<section aria-labelledby="upload-h">
<h2 id="upload-h">${e(t.uploadTitle)}</h2>
<p>${e(t.uploadIntro)}</p>
<form id="roll-upload" class="stack" method="post" data-upload-path="/elections/${e(encodeURIComponent(x.id))}/roll/imports" data-report-base="${e(rollBase(x))}/imports"
 data-limit="${limit}" data-limit-text="${e(limitText)}" data-too-large="${e(t.uploadTooLarge)}" data-no-file="${e(t.uploadNoFile)}" data-busy="${e(t.uploading)}">
<label for="roll-file">${e(t.uploadFile)}</label>
<input id="roll-file" name="file" type="file" accept=".csv,text/csv" aria-describedby="roll-file-hint">
<p id="roll-file-hint" class="hint">${e(fill(t.uploadHint, { limit: limitText }))}</p>
<button type="submit">${e(t.uploadButton)}</button>
<div id="roll-upload-error" class="form-error" role="alert" hidden></div>
</form>
</section>`;
}

function pending(v: ViewContext, x: ElectionDto, list: PendingImport[]): string {
  const { t } = v;
  const rows = list.map(
    ({ imp: i, stale }) => `<tr><td>${e(formatInstant(i.createdAt, v.lang, x.timeline.timeZone))}${stale ? `<br><span class="hint">${e(t.importStale)}</span>` : ''}</td><td class="num">${e(formatBytes(i.fileBytes, v.lang))}</td>
<td class="num">${e(formatCount(i.rows, v.lang))}</td><td class="num">${e(formatCount(i.invalid, v.lang))}</td><td><a href="${e(rollBase(x))}/imports/${e(i.id)}">${e(t.openReport)}</a></td></tr>`,
  );
  return `<section aria-labelledby="pending-h">
<h2 id="pending-h">${e(t.pendingTitle)}</h2>
${
  rows.length
    ? `<div class="table-wrap"><table id="pending-imports"><caption class="visually-hidden">${e(t.pendingTitle)}</caption>
<thead><tr><th scope="col">${e(t.uploadedAt)}</th><th scope="col" class="num">${e(t.fileSize)}</th><th scope="col" class="num">${e(t.fileRows)}</th><th scope="col" class="num">${e(t.fileBadRows)}</th><th scope="col"><span class="visually-hidden">${e(t.openReport)}</span></th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div>`
    : `<p>${e(t.pendingNone)}</p>`
}
</section>`;
}

function searchForm(v: ViewContext, x: ElectionDto, f: MemberSearchForm): string {
  const { t } = v;
  const field = (name: keyof typeof SEARCH_LIMITS, label: string) => {
    const bad = f.invalid.includes(name);
    return `<div class="field"><label for="s-${name}">${e(label)}</label>
<input id="s-${name}" name="${name}" type="search" value="${e(f[name])}" maxlength="${SEARCH_LIMITS[name]}"${bad ? ` aria-invalid="true" aria-describedby="s-${name}-error"` : ''}>
${bad ? `<p id="s-${name}-error" class="field-error">${e(t.searchIgnored)}</p>` : ''}</div>`;
  };
  return `<form class="filters" method="get" action="${e(rollBase(x))}" role="search" aria-labelledby="members-h">
<input type="hidden" name="lang" value="${v.lang}">
${field('memberNumber', t.searchNumber)}
${field('name', t.searchName)}
${field('postcode', t.searchPostcode)}
<div class="actions"><button type="submit">${e(t.search)}</button> <a href="${e(rollBase(x))}?lang=${v.lang}">${e(t.clear)}</a></div>
</form>`;
}

function members(v: ViewContext, x: ElectionDto, m: NonNullable<RollPage['members']>, card: MemberCardOptions): string {
  const { t } = v;
  const pages = Math.ceil(m.page.total / MEMBERS_PER_PAGE);
  const list = m.page.items.length
    ? `<p id="members-found">${e(m.page.total === 1 ? t.memberFound : fill(t.membersFound, { count: formatCount(m.page.total, v.lang) }))}</p>
<ul class="members">${m.page.items.map((item, i) => `<li>${memberCard(v, x, item, `m${i}`, card)}</li>`).join('\n')}</ul>
${pager(v, m.pageNumber, pages)}`
    : `<p id="members-found">${e(t.noMembers)}</p>`;
  return `<section aria-labelledby="members-h">
<h2 id="members-h">${e(t.membersTitle)}</h2>
${searchForm(v, x, m.form)}
${card.note ? `<p class="hint">${e(card.note)}</p>` : ''}
${list}
</section>`;
}

/** The roll: its summary, the upload and the files waiting for a decision, and member search with amendments. */
export function renderRoll(v: ViewContext, x: ElectionDto, p: RollPage): string {
  const { t } = v;
  return renderPage(v, {
    title: `${t.rollTab} · ${x.title}`,
    election: { id: x.id, title: x.title, status: x.status },
    current: 'roll',
    scripts: p.uploadLimit !== null && x.status === 'draft' ? ['roll-screen.js'] : [],
    body: `<h1>${e(t.rollTab)}</h1>
<p>${e(t.rollIntro)}</p>
${summary(v, x, p.summary)}
${upload(v, x, p.uploadLimit)}
${p.pending && x.status === 'draft' ? pending(v, x, p.pending) : ''}
${p.members ? members(v, x, p.members, p.card) : ''}`,
  });
}
