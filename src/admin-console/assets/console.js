// @ts-check
// The console's only script (docs/CONSOLE.md). Pages are made on the server and read without it;
// it does three things: sends a form marked data-api-path to that API route as JSON (after the
// confirmation dialog when the form asks for one), refreshes the parts of a page marked data-live,
// and nothing else. The session cookie goes with every request; the page never sees a token.

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
 * Asks the question in the page's dialog; resolves true only on an explicit confirmation.
 * @param {string} question
 * @returns {Promise<boolean>}
 */
function confirmWithDialog(question) {
  const dialog = /** @type {HTMLDialogElement | null} */ (document.getElementById('confirm-dialog'));
  const text = document.getElementById('confirm-text');
  if (!dialog || !text) return Promise.resolve(false);
  text.textContent = question;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true }));
}

/**
 * The API's error as one sentence, and the names of the fields it blames.
 * @param {Response} res
 * @returns {Promise<{ text: string, fields: string[] }>}
 */
async function errorText(res) {
  try {
    const json = await res.json();
    const error = json?.error;
    const problems = Array.isArray(error?.details?.problems) ? error.details.problems : [];
    const fields = error?.details?.fields ? Object.entries(error.details.fields).map(([k, v]) => `${k}: ${[].concat(v).join(', ')}`) : [];
    return { text: [error?.message ?? `${res.status} ${res.statusText}`, ...problems, ...fields].join(' — '), fields: error?.details?.fields ? Object.keys(error.details.fields) : [] };
  } catch {
    return { text: `${res.status} ${res.statusText}`, fields: [] };
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

/**
 * Marks the inputs the API blamed (aria-invalid), clearing the others.
 * @param {HTMLFormElement} form
 * @param {string[]} names
 */
function markInvalid(form, names) {
  for (const el of Array.from(form.elements)) {
    if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement || el instanceof HTMLTextAreaElement) || !el.name) continue;
    if (names.includes(el.name)) el.setAttribute('aria-invalid', 'true');
    else el.removeAttribute('aria-invalid');
  }
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
  markInvalid(form, []);
  try {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify(formJson(form)),
    });
    if (!res.ok) {
      const problem = await errorText(res);
      markInvalid(form, problem.fields);
      throw new Error(`${body.dataset.failed ?? ''} ${problem.text}`.trim());
    }
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
