// @ts-check
// The script of every console page (docs/CONSOLE.md). Pages are made on the server and read without it;
// it does two things: sends a form marked data-api-path to that API route as JSON (after the
// confirmation dialog when the form asks for one), refreshes the parts of a page marked data-live,
// and nothing else. The session cookie goes with every request; the page never sees a token.

import { confirmWithDialog } from './confirm-dialog.js';

const body = document.body;

/** @param {HTMLFormElement} form */
function formJson(form) {
  /** @type {Record<string, unknown>} */
  const out = {};
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) || !el.name || el.disabled) continue;
    // A path parameter goes into the URL (data-api-path "…/{name}/…"), not into the body.
    if (el.dataset.pathParam !== undefined) continue;
    if (el instanceof HTMLInputElement && el.type === 'checkbox') out[el.name] = el.checked;
    else if (el instanceof HTMLInputElement && el.type === 'number') out[el.name] = el.value === '' ? undefined : Number(el.value);
    else if (el.value !== '' || el.dataset.keepEmpty !== undefined) out[el.name] = el.value;
  }
  return out;
}

/**
 * The API's refusal: its message, the problems it lists, and the fields it names (the error
 * body is `{ error: { code, message, fields?, ...details } }`, exception.filter.ts).
 * @param {Response} res
 * @returns {Promise<{ text: string, fields: string[] }>}
 */
async function errorText(res) {
  try {
    const json = await res.json();
    const error = json?.error;
    const problems = Array.isArray(error?.problems) ? error.problems : [];
    const fields = error?.fields && typeof error.fields === 'object' ? Object.entries(error.fields) : [];
    const message = error?.message ?? `${res.status} ${res.statusText}`;
    // The message often is the first problem already: say each thing once.
    const more = [...problems, ...fields.map(([k, v]) => `${k}: ${[].concat(v).join(', ')}`)].filter((x) => !message.includes(x));
    const text = [message, ...more].join(' — ');
    return { text, fields: fields.map(([k]) => k) };
  } catch {
    return { text: `${res.status} ${res.statusText}`, fields: [] };
  }
}

let errorIds = 0;

/**
 * Marks the inputs the API named as invalid and ties the form's error to them, so a screen
 * reader on the field hears why; a new attempt clears the marks.
 * @param {HTMLFormElement} form
 * @param {HTMLElement} error
 * @param {string[]} names
 */
function markFields(form, error, names) {
  if (!error.id) error.id = `form-error-${++errorIds}`;
  for (const el of Array.from(form.querySelectorAll('[aria-invalid="true"]'))) {
    el.removeAttribute('aria-invalid');
    const rest = (el.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id && id !== error.id);
    if (rest.length) el.setAttribute('aria-describedby', rest.join(' '));
    else el.removeAttribute('aria-describedby');
  }
  for (const name of names) {
    const el = form.querySelector(`[name="${CSS.escape(name)}"]`);
    if (!el) continue;
    el.setAttribute('aria-invalid', 'true');
    el.setAttribute('aria-describedby', `${el.getAttribute('aria-describedby') ?? ''} ${error.id}`.trim());
  }
}

/**
 * The form's route with its {name} parameters filled from the form's fields.
 * @param {HTMLFormElement} form
 * @param {string} path
 */
function fillPath(form, path) {
  return path.replace(/\{(\w+)\}/g, (_, name) => {
    const el = form.elements.namedItem(name);
    return encodeURIComponent(el instanceof HTMLInputElement || el instanceof HTMLSelectElement ? el.value.trim() : '');
  });
}

/** @param {HTMLFormElement} form */
async function submitApiForm(form) {
  const method = form.dataset.apiMethod ?? 'POST';
  const path = fillPath(form, form.dataset.apiPath ?? '');
  const question = form.dataset.confirm;
  if (question && !(await confirmWithDialog(question))) return;
  const button = form.querySelector('button[type="submit"]');
  const error = /** @type {HTMLElement | null} */ (form.querySelector('.form-error'));
  const label = button?.textContent ?? '';
  if (button instanceof HTMLButtonElement) {
    button.disabled = true;
    button.textContent = form.dataset.busy ?? body.dataset.working ?? '…';
  }
  if (error) error.hidden = true;
  try {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(formJson(form)),
    });
    if (!res.ok) {
      const refusal = await errorText(res);
      if (error) markFields(form, error, refusal.fields);
      throw new Error(`${body.dataset.failed ?? ''} ${refusal.text}`.trim());
    }
    if (error) markFields(form, error, []);
    if (form.dataset.then) location.assign(form.dataset.then);
    else location.reload();
  } catch (err) {
    if (error) {
      error.textContent = err instanceof TypeError ? (body.dataset.networkDown ?? String(err)) : String(/** @type {Error} */ (err).message);
      error.hidden = false;
      error.focus?.();
    }
  } finally {
    if (button instanceof HTMLButtonElement) {
      button.disabled = false;
      button.textContent = label;
    }
  }
}

document.addEventListener('submit', (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.apiPath) return;
  event.preventDefault();
  void submitApiForm(form);
});

/** Replaces each data-live element by its newer copy from the same URL, keeping focus and scroll. */
async function refreshLive() {
  const live = Array.from(document.querySelectorAll('[data-live][id]'));
  if (live.length === 0 || document.hidden) return;
  try {
    const res = await fetch(location.href, { credentials: 'same-origin', headers: { accept: 'text/html' } });
    if (!res.ok) return;
    const fresh = new DOMParser().parseFromString(await res.text(), 'text/html');
    for (const el of live) {
      const next = fresh.getElementById(el.id);
      if (next && next.innerHTML !== el.innerHTML && !el.contains(document.activeElement)) el.innerHTML = next.innerHTML;
      // A part that has stopped changing (a finished run) stops being refreshed.
      if (next && !next.hasAttribute('data-live') && !el.contains(document.activeElement)) {
        el.removeAttribute('data-live');
        for (const a of ['aria-busy']) if (next.hasAttribute(a)) el.setAttribute(a, next.getAttribute(a) ?? '');
      }
    }
  } catch {
    // The next round tries again; the figures on screen stay, with their "as of" time.
  }
}

const seconds = Math.min(...Array.from(document.querySelectorAll('[data-live]')).map((el) => Number(/** @type {HTMLElement} */ (el).dataset.live) || 10));
if (Number.isFinite(seconds)) setInterval(() => void refreshLive(), Math.max(2, seconds) * 1000);
