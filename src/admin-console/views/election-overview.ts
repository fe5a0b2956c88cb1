import { renderPage } from 'src/admin-console/layout';
import { fill, POLICY_EXPLAINED, SECOND_FACTOR_NAMES, STATUS_NAMES } from 'src/admin-console/messages';
import { formatInstant, type ViewContext } from 'src/admin-console/view-context';
import { apiForm, hidden } from 'src/admin-console/views/parts';
import type { ElectionStatus } from 'src/elections/election.types';
import type { ElectionDto } from 'src/elections/elections.dto';
import type { NextStep } from 'src/elections/elections.service';
import { escapeHtml as e } from 'src/results-page/html';

/** Steps back are the only ones that can be undone (draft ⇄ roll frozen). */
const REVERSIBLE: ReadonlySet<ElectionStatus> = new Set(['draft', 'roll_frozen']);

function settings(v: ViewContext, x: ElectionDto): string {
  const { t } = v;
  const channels = x.channels.online && x.channels.postal ? t.channelsBoth : x.channels.online ? t.channelsOnline : t.channelsPostal;
  const when = (iso: string | null) => (iso ? e(formatInstant(iso, v.lang, x.timeline.timeZone)) : `<em>${e(t.notSet)}</em>`);
  const questions = x.questions.map(
    (q) => `<li><strong>${e(q.question)}</strong> — ${e(fill(t.chooseBetween, { min: q.min, max: q.max }))}${q.blank ? `, ${e(t.blankAllowed)}` : ''}
<ol>${q.answers.map((a) => `<li>${e(a)}</li>`).join('')}</ol></li>`,
  );
  return `<section aria-labelledby="settings-h">
<h2 id="settings-h">${e(t.settings)}</h2>
<dl class="facts">
<dt>${e(t.channels)}</dt><dd>${e(channels)}</dd>
<dt>${e(t.rule)}</dt><dd>${e(POLICY_EXPLAINED[v.lang][x.precedencePolicy])}</dd>
<dt>${e(t.revoting)}</dt><dd>${e(x.onlineRevoting ? t.revotingOn : t.revotingOff)}</dd>
<dt>${e(t.secondFactor)}</dt><dd>${e(SECOND_FACTOR_NAMES[v.lang][x.secondFactor] ?? x.secondFactor)}</dd>
<dt>${e(t.onlineOpens)}</dt><dd>${when(x.timeline.onlineOpensAt)}</dd>
<dt>${e(t.onlineCloses)}</dt><dd>${when(x.timeline.onlineClosesAt)}</dd>
<dt>${e(t.postalDeadline)}</dt><dd>${when(x.timeline.postalDeadline)}</dd>
<dt>${e(t.timeZone)}</dt><dd>${e(x.timeline.timeZone)}</dd>
</dl>
<h3>${e(t.questions)}</h3>
<ol class="questions">${questions.join('')}</ol>
</section>`;
}

function step(v: ViewContext, x: ElectionDto, s: NextStep, mayMove: boolean): string {
  const { t } = v;
  const names = STATUS_NAMES[v.lang];
  const heading = `<h3>${e(fill(t.moveTo, { status: names[s.to] }))}</h3>`;
  const problems = s.problems.length
    ? `<ul class="problems">${s.problems.map((p) => `<li>${e(p)}</li>`).join('')}</ul>`
    : `<p class="ok">${e(t.readyToGo)}</p>`;
  let action = '';
  if (!s.manual) action = `<p class="hint">${e(t.automatic)}</p>`;
  else if (mayMove && s.problems.length === 0) {
    const question = fill(t.confirmMove, { title: x.title, from: names[x.status], to: names[s.to] });
    action = apiForm({
      method: 'POST',
      path: `/elections/${encodeURIComponent(x.id)}/transitions`,
      fields: hidden('to', s.to),
      button: fill(t.moveTo, { status: names[s.to] }),
      confirm: REVERSIBLE.has(s.to) ? question : `${question} ${t.irreversible}`,
      danger: s.to === 'cancelled',
    });
  }
  return `<li class="step${s.problems.length ? ' blocked' : ''}">${heading}${problems}${action}</li>`;
}

/** The election at a glance: its settings, and the pre-launch checklist with the lifecycle buttons. */
/** The next statuses with what blocks each, and a confirmed button for those a person may take. */
export function lifecycleSteps(v: ViewContext, x: ElectionDto, next: NextStep[], mayMove: boolean): string {
  return next.length ? `<ul class="steps">${next.map((s) => step(v, x, s, mayMove)).join('')}</ul>` : `<p>${e(v.t.finalStatus)}</p>`;
}

export function renderElectionOverview(v: ViewContext, x: ElectionDto, next: NextStep[], mayMove: boolean, editHref?: string): string {
  const { t } = v;
  const steps = lifecycleSteps(v, x, next, mayMove);
  return renderPage(v, {
    title: x.title,
    election: { id: x.id, title: x.title, status: x.status },
    current: 'overview',
    body: `<h1>${e(x.title)} <span class="status status-${e(x.status)}">${e(STATUS_NAMES[v.lang][x.status])}</span></h1>
${x.description ? `<p>${e(x.description)}</p>` : ''}
<section aria-labelledby="lifecycle-h" class="lifecycle">
<h2 id="lifecycle-h">${e(t.lifecycle)}</h2>
<p>${e(t.lifecycleIntro)}</p>
${steps}
</section>
${editHref ? `<p><a class="button" href="${e(editHref)}">${e(t.editSettings)}</a></p>\n` : ''}${settings(v, x)}`,
  });
}
