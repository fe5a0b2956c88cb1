import { fill } from 'src/admin-console/messages';
import { formatInstant, type ViewContext } from 'src/admin-console/view-context';
import { apiForm } from 'src/admin-console/views/parts';
import { CHANNEL_WORDS, MEMBER_STATUS_WORDS } from 'src/admin-console/views/roll-words';
import type { ElectionDto } from 'src/elections/elections.dto';
import { escapeHtml as e } from 'src/results-page/html';
import type { MemberDto } from 'src/roll/roll.dto';
import { CHANNEL_RESTRICTIONS, MAX_LENGTH, MAX_WEIGHT, MEMBER_STATUSES } from 'src/roll/roll.types';

export interface MemberCardOptions {
  /** Whether each member gets an amendment form (frozen, still amendable, and the reader may). */
  amend: boolean;
  /** What the page says instead of the forms when amending is not for now. */
  note?: string;
}

const ADDRESS_LINES = ['addressLine1', 'addressLine2', 'addressLine3', 'addressLine4'] as const;

/**
 * The fields PATCH …/roll/members/:number accepts, filled with the member's values. Optional
 * fields are sent even when emptied (data-keep-empty) so that clearing one is a change; the
 * service records only the fields that differ.
 */
function amendFields(v: ViewContext, m: MemberDto, id: string): string {
  const { t } = v;
  const text = (name: keyof MemberDto, label: string, value: string | null, opts: { max: number; required?: boolean; type?: string; auto?: string }) =>
    `<div class="field"><label for="${id}-${name}">${e(label)}</label>
<input id="${id}-${name}" name="${name}" type="${opts.type ?? 'text'}" value="${e(value ?? '')}" maxlength="${opts.max}"${opts.required ? ' required' : ' data-keep-empty'}${opts.auto ? ` autocomplete="${opts.auto}"` : ' autocomplete="off"'}></div>`;
  const select = (name: 'channel' | 'status', label: string, options: ReadonlyArray<[string, string]>, value: string) =>
    `<div class="field"><label for="${id}-${name}">${e(label)}</label>
<select id="${id}-${name}" name="${name}">${options.map(([val, word]) => `<option value="${e(val)}"${val === value ? ' selected' : ''}>${e(word)}</option>`).join('')}</select></div>`;
  return `<div class="amend-grid">
${text('givenNames', t.givenNames, m.givenNames, { max: MAX_LENGTH.given_names })}
${text('familyName', t.familyName, m.familyName, { max: MAX_LENGTH.family_name, required: true })}
${ADDRESS_LINES.map((f, i) => text(f, fill(t.addressLine, { n: i + 1 }), m[f], { max: MAX_LENGTH.address_line_1, required: false })).join('\n')}
${text('postcode', t.postcode, m.postcode, { max: MAX_LENGTH.postcode })}
${text('country', t.country, m.country, { max: MAX_LENGTH.country, required: true })}
${text('email', t.memberEmail, m.email, { max: MAX_LENGTH.email, type: 'email' })}
${text('dateOfBirth', t.dateOfBirth, m.dateOfBirth, { max: 10, required: true, type: 'date' })}
<div class="field"><label for="${id}-weight">${e(t.rollWeight)}</label>
<input id="${id}-weight" name="weight" type="number" min="1" max="${MAX_WEIGHT}" step="1" value="${m.weight}" required></div>
${select('channel', t.rollChannel, CHANNEL_RESTRICTIONS.map((c) => [c, t[CHANNEL_WORDS[c]]]), m.channel)}
${select('status', t.rollStatus, MEMBER_STATUSES.map((s) => [s, t[MEMBER_STATUS_WORDS[s]]]), m.status)}
<div class="field check"><input id="${id}-eligible" name="eligible" type="checkbox"${m.eligible ? ' checked' : ''}><label for="${id}-eligible">${e(t.eligibleToVote)}</label></div>
</div>
<div class="field reason"><label for="${id}-reason">${e(t.reason)}</label>
<textarea id="${id}-reason" name="reason" rows="2" required minlength="3" maxlength="1000" aria-describedby="${id}-reason-hint"></textarea>
<p id="${id}-reason-hint" class="hint">${e(t.reasonHint)}</p></div>`;
}

/** One member as the members API gives it, and when allowed the form to amend them. */
export function memberCard(v: ViewContext, x: ElectionDto, m: MemberDto, id: string, o: MemberCardOptions): string {
  const { t } = v;
  const name = [m.givenNames, m.familyName].filter(Boolean).join(' ');
  const address = [...ADDRESS_LINES.map((f) => m[f]), m.postcode].filter((s): s is string => !!s);
  const form = o.amend
    ? `<details class="amend"><summary>${e(fill(t.amend, { number: m.memberNumber }))}</summary>
<p class="hint">${e(t.amendIntro)}</p>
${apiForm({
  method: 'PATCH',
  path: `/elections/${encodeURIComponent(x.id)}/roll/members/${encodeURIComponent(m.memberNumber)}`,
  fields: amendFields(v, m, id),
  button: t.amendButton,
  confirm: fill(t.confirmAmend, { number: m.memberNumber }),
})}
</details>`
    : '';
  return `<article class="member" aria-labelledby="${id}-h">
<h3 id="${id}-h"><span class="member-number">${e(m.memberNumber)}</span> ${e(name)}${m.status === 'removed' ? ` <span class="status status-cancelled">${e(t.memberRemoved)}</span>` : ''}</h3>
<dl class="member-facts">
<div><dt>${e(t.address)}</dt><dd>${address.map((l) => e(l)).join('<br>') || '—'}</dd></div>
<div><dt>${e(t.country)}</dt><dd>${e(m.country)}</dd></div>
<div><dt>${e(t.memberEmail)}</dt><dd>${m.email ? e(m.email) : '—'}</dd></div>
<div><dt>${e(t.dateOfBirth)}</dt><dd>${e(m.dateOfBirth)}</dd></div>
<div><dt>${e(t.rollEligibleCol)}</dt><dd>${e(m.eligible ? t.yes : t.no)}</dd></div>
<div><dt>${e(t.rollChannel)}</dt><dd>${e(t[CHANNEL_WORDS[m.channel]])}</dd></div>
<div><dt>${e(t.rollWeight)}</dt><dd>${m.weight}</dd></div>
${m.amendedAt ? `<div><dt>${e(t.amendedAt)}</dt><dd>${e(formatInstant(m.amendedAt, v.lang, x.timeline.timeZone))}</dd></div>` : ''}
</dl>
${form}
</article>`;
}
