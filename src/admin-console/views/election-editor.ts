import { renderPage } from 'src/admin-console/layout';
import { type ConsoleMessages, EDITOR_SCRIPT_TEXTS, fill, POLICY_EXPLAINED, SECOND_FACTOR_NAMES, STATUS_NAMES } from 'src/admin-console/messages';
import type { ViewContext } from 'src/admin-console/view-context';
import { utcToLocalInput } from 'src/admin-console/zoned-time';
import { LIMITS } from 'src/elections/election-rules';
import { DEFAULT_SETTINGS, type ElectionSettings, PRECEDENCE_POLICIES, type Question, SECOND_FACTORS } from 'src/elections/election.types';
import type { ElectionDto } from 'src/elections/elections.dto';
import { escapeHtml as e } from 'src/results-page/html';

export const EDITOR_SCRIPT = 'election-editor.js';

const overviewHref = (v: ViewContext, id: string) => `/admin/elections/${encodeURIComponent(id)}?lang=${v.lang}`;

/** Every zone the runtime knows, and the election's own even if it is an alias such as UTC. */
function timeZones(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
}

/** A labelled input; its error paragraph is added beside it by the script (aria-describedby). */
function field(label: string, input: string, cls = 'field'): string {
  return `<div class="${cls}">${label}${input}</div>`;
}

function moveButtons(t: ConsoleMessages, kind: 'question' | 'answer', n: number): string {
  const [up, down, remove] = kind === 'question' ? [t.moveQuestionUp, t.moveQuestionDown, t.removeQuestion] : [t.moveAnswerUp, t.moveAnswerDown, t.removeAnswer];
  return `<span class="row-tools">
<button type="button" class="secondary small" data-action="up" aria-label="${e(fill(up, { n }))}">${e(t.up)}</button>
<button type="button" class="secondary small" data-action="down" aria-label="${e(fill(down, { n }))}">${e(t.down)}</button>
<button type="button" class="secondary small" data-action="remove" aria-label="${e(fill(remove, { n }))}">${e(t.remove)}</button>
</span>`;
}

function answerItem(t: ConsoleMessages, qi: number, ai: number, value: string): string {
  const id = `q${qi}-a${ai}`;
  return `<li class="answer"><label for="${id}">${e(fill(t.answer, { n: ai + 1 }))}</label>
<span class="answer-row"><input id="${id}" type="text" data-part="answer" data-field="questions.${qi}.answers.${ai}" value="${e(value)}" maxlength="${LIMITS.text}">
${moveButtons(t, 'answer', ai + 1)}</span></li>`;
}

/**
 * One question's fieldset. The script renumbers ids, labels and data-field paths after a question
 * or answer is added, removed or moved, in the same pattern as here.
 */
export function questionBlock(t: ConsoleMessages, q: Question, i: number): string {
  const p = `q${i}`;
  return `<li class="question"><fieldset>
<legend>${e(fill(t.question, { n: i + 1 }))}</legend>
${moveButtons(t, 'question', i + 1)}
${field(`<label for="${p}-text">${e(t.questionText)}</label>`, `<input id="${p}-text" type="text" data-part="text" data-field="questions.${i}.question" value="${e(q.question)}" maxlength="${LIMITS.text}">`)}
<ol class="answers" data-field="questions.${i}.answers">${q.answers.map((a, j) => answerItem(t, i, j, a)).join('')}</ol>
<button type="button" class="secondary" data-action="add-answer">${e(t.addAnswer)}</button>
<div class="min-max">
${field(`<label for="${p}-min">${e(t.minAnswers)}</label>`, `<input id="${p}-min" type="number" inputmode="numeric" min="0" max="${LIMITS.answers}" step="1" data-part="min" data-field="questions.${i}.min" value="${q.min}">`)}
${field(`<label for="${p}-max">${e(t.maxAnswers)}</label>`, `<input id="${p}-max" type="number" inputmode="numeric" min="1" max="${LIMITS.answers}" step="1" data-part="max" data-field="questions.${i}.max" value="${q.max}">`)}
</div>
<div class="check"><input id="${p}-blank" type="checkbox" data-part="blank" data-field="questions.${i}.blank"${q.blank ? ' checked' : ''}><label for="${p}-blank">${e(t.blankVote)}</label></div>
</fieldset></li>`;
}

function check(id: string, name: string, label: string, checked: boolean, field: string): string {
  return `<div class="check"><input id="${id}" name="${name}" type="checkbox" data-field="${field}"${checked ? ' checked' : ''}><label for="${id}">${e(label)}</label></div>`;
}

function timeInput(id: string, label: string, iso: string | null, tz: string): string {
  const value = iso ? utcToLocalInput(iso, tz) : '';
  // data-utc: the stored instant, kept when the input is left as it was (the input shows minutes only).
  return field(
    `<label for="${id}">${e(label)}</label>`,
    `<input id="${id}" name="${id}" type="datetime-local" data-field="timeline.${id}" aria-describedby="times-hint" value="${e(value)}"${iso ? ` data-utc="${e(iso)}"` : ''}>`,
  );
}

/** The texts the script prints, in the page's language (a data block: the CSP runs no inline script). */
function scriptTexts(v: ViewContext): string {
  const texts = Object.fromEntries(EDITOR_SCRIPT_TEXTS.map((k) => [k, v.t[k]]));
  return `<script type="application/json" id="editor-texts">${JSON.stringify(texts).replace(/</g, '\\u003c')}</script>`;
}

function form(v: ViewContext, s: ElectionSettings, x: ElectionDto | null): string {
  const { t } = v;
  const tz = s.timeline.timeZone;
  const blank: Question = { question: '', answers: ['', ''], min: 1, max: 1, blank: false };
  const attrs = x
    ? `data-method="PATCH" data-path="/elections/${e(encodeURIComponent(x.id))}" data-version="${x.version}" data-time-zone="${e(tz)}"`
    : `data-method="POST" data-path="/elections" data-time-zone="${e(tz)}"`;
  const policies = PRECEDENCE_POLICIES.map(
    (p) =>
      `<div class="check"><input id="policy-${p}" name="precedencePolicy" type="radio" value="${p}"${p === s.precedencePolicy ? ' checked' : ''}><label for="policy-${p}">${e(POLICY_EXPLAINED[v.lang][p])}</label></div>`,
  ).join('');
  const factors = SECOND_FACTORS.map((f) => `<option value="${f}"${f === s.secondFactor ? ' selected' : ''}>${e(SECOND_FACTOR_NAMES[v.lang][f] ?? f)}</option>`).join('');
  const zones = timeZones(tz).map((z) => `<option${z === tz ? ' selected' : ''}>${e(z)}</option>`).join('');
  return `<form id="election-editor" class="editor" method="post" ${attrs} data-lang="${v.lang}" novalidate>
<div id="problem-summary" class="problem-summary" tabindex="-1" hidden><h2 id="problem-summary-h"></h2><ul></ul></div>
${field(`<label for="title">${e(t.title)}</label>`, `<input id="title" name="title" type="text" data-field="title" value="${e(s.title)}" maxlength="${LIMITS.text}" autocomplete="off">`)}
${field(`<label for="description">${e(t.description)}</label>`, `<textarea id="description" name="description" data-field="description" rows="3" maxlength="${LIMITS.description}">${e(s.description)}</textarea>`)}
<section aria-labelledby="questions-h">
<h2 id="questions-h">${e(t.questions)}</h2>
<p id="no-questions" class="hint"${s.questions.length ? ' hidden' : ''}>${e(t.noQuestionsYet)}</p>
<ol id="questions" class="question-list" data-field="questions">${s.questions.map((q, i) => questionBlock(t, q, i)).join('')}</ol>
<button type="button" class="secondary" data-action="add-question">${e(t.addQuestion)}</button>
<template id="question-template">${questionBlock(t, blank, 0)}</template>
<template id="answer-template">${answerItem(t, 0, 0, '')}</template>
</section>
<fieldset class="group"><legend>${e(t.channelsLegend)}</legend>
${check('channel-online', 'online', t.channelOnline, s.channels.online, 'channels.online')}
${check('channel-postal', 'postal', t.channelPostal, s.channels.postal, 'channels.postal')}
</fieldset>
<fieldset class="group" data-field="precedencePolicy"><legend>${e(t.ruleLegend)}</legend>${policies}</fieldset>
<fieldset class="group"><legend>${e(t.revoting)}</legend>
${check('revoting', 'onlineRevoting', t.revotingAllowed, s.onlineRevoting, 'onlineRevoting')}
</fieldset>
${field(`<label for="second-factor">${e(t.secondFactor)}</label>`, `<select id="second-factor" name="secondFactor" data-field="secondFactor">${factors}</select>`)}
<fieldset class="group"><legend>${e(t.timeline)}</legend>
<p id="times-hint" class="hint">${e(t.timesHint)}</p>
${field(`<label for="time-zone">${e(t.timeZone)}</label>`, `<select id="time-zone" name="timeZone" data-field="timeline.timeZone" aria-describedby="times-hint">${zones}</select>`)}
${timeInput('onlineOpensAt', t.onlineOpens, s.timeline.onlineOpensAt, tz)}
${timeInput('onlineClosesAt', t.onlineCloses, s.timeline.onlineClosesAt, tz)}
${timeInput('postalDeadline', t.postalDeadline, s.timeline.postalDeadline, tz)}
</fieldset>
<div class="actions"><button type="submit" id="save">${e(t.save)}</button>${x ? ` <a href="${e(overviewHref(v, x.id))}">${e(t.cancel)}</a>` : ` <a href="/admin?lang=${v.lang}">${e(t.cancel)}</a>`}</div>
<p class="form-error" id="save-error" role="alert" hidden></p>
</form>
${scriptTexts(v)}`;
}

/** The form that creates a draft (x null) or edits one; the script sends it to the API. */
export function renderElectionEditor(v: ViewContext, x: ElectionDto | null): string {
  const { t } = v;
  const settings: ElectionSettings = x ?? { ...DEFAULT_SETTINGS, title: '' };
  const title = x ? fill(t.editTitle, { title: x.title }) : t.newElectionTitle;
  return renderPage(v, {
    title,
    election: x ? { id: x.id, title: x.title, status: x.status } : undefined,
    current: x ? 'edit' : undefined,
    scripts: [EDITOR_SCRIPT],
    body: `<h1>${e(title)}</h1>
<p>${e(t.editorIntro)}</p>
<noscript><p class="warning">${e(t.needsScript)}</p></noscript>
${form(v, settings, x)}`,
  });
}

/** Instead of the form once the election has left draft: why its settings are fixed. */
export function renderSettingsFixed(v: ViewContext, x: ElectionDto): string {
  const { t } = v;
  return renderPage(v, {
    title: t.settingsFixedTitle,
    election: { id: x.id, title: x.title, status: x.status },
    current: 'edit',
    body: `<h1>${e(t.settingsFixedTitle)}</h1>
<p class="warning">${e(fill(t.settingsFixed, { status: STATUS_NAMES[v.lang][x.status] }))}</p>
<p><a href="${e(overviewHref(v, x.id))}">${e(t.backToOverview)}</a></p>`,
  });
}
