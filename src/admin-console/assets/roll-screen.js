// @ts-check
// The roll screen's upload (docs/CONSOLE.md, "Member roll"). The file's bytes go as they are to
// POST /elections/:id/roll/imports with a CSV content type: the API streams and checks them, and
// answers with the validation report, which the page then opens. A file over the upload limit
// is refused here before sending, and the API's own refusal (413, unreadable CSV…) is shown
// beside the file input, tied to it for screen readers.

const form = /** @type {HTMLFormElement | null} */ (document.getElementById('roll-upload'));

/**
 * A size in the page's language, as the server writes the limit (roll-words.ts formatBytes).
 * @param {number} bytes
 */
function formatBytes(bytes) {
  const locale = document.documentElement.lang === 'fr' ? 'fr-FR' : 'en-GB';
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / (1024 * 1024), 'megabyte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}

/**
 * @param {string} template
 * @param {Record<string, string>} values
 */
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, name) => values[name] ?? whole);

/**
 * The API's refusal in words: its message, and the header problems it lists beyond the message.
 * @param {Response} res
 * @returns {Promise<string[]>}
 */
async function refusal(res) {
  try {
    const { error } = await res.json();
    const message = error?.message ?? `${res.status} ${res.statusText}`;
    const problems = Array.isArray(error?.problems) ? error.problems.filter((/** @type {unknown} */ p) => typeof p === 'string' && !message.includes(p)) : [];
    return [message, ...problems];
  } catch {
    return [`${res.status} ${res.statusText}`];
  }
}

/** @param {HTMLFormElement} f */
async function upload(f) {
  const input = /** @type {HTMLInputElement} */ (f.querySelector('input[type="file"]'));
  const error = /** @type {HTMLElement} */ (f.querySelector('.form-error'));
  const button = /** @type {HTMLButtonElement} */ (f.querySelector('button[type="submit"]'));
  const limit = Number(f.dataset.limit);
  const describedBy = input.getAttribute('aria-describedby') ?? '';

  /**
   * The reason, and any further problems as a list, written as text (never as HTML).
   * @param {string} message
   * @param {string[]} [more]
   */
  const fail = (message, more = []) => {
    error.replaceChildren(document.createTextNode(message));
    if (more.length) {
      const list = document.createElement('ul');
      for (const m of more) list.appendChild(document.createElement('li')).textContent = m;
      error.appendChild(list);
    }
    error.hidden = false;
    input.setAttribute('aria-invalid', 'true');
    if (!describedBy.includes(error.id)) input.setAttribute('aria-describedby', `${describedBy} ${error.id}`.trim());
    input.focus();
  };
  error.hidden = true;
  input.removeAttribute('aria-invalid');
  input.setAttribute('aria-describedby', describedBy.replace(error.id, '').trim());

  const file = input.files?.[0];
  if (!file) return fail(f.dataset.noFile ?? '');
  const tooLarge = fill(f.dataset.tooLarge ?? '', { size: formatBytes(file.size), limit: f.dataset.limitText ?? '' });
  if (file.size > limit) return fail(tooLarge);

  const label = button.textContent;
  button.disabled = true;
  button.textContent = f.dataset.busy ?? '…';
  try {
    const res = await fetch(f.dataset.uploadPath ?? '', {
      method: 'POST',
      credentials: 'same-origin',
      // The API takes the bytes as the body, whatever type the browser guessed for the file.
      headers: { accept: 'application/json', 'content-type': 'text/csv' },
      body: file,
    });
    if (res.status === 413) return fail(tooLarge);
    if (!res.ok) {
      const [message, ...more] = await refusal(res);
      return fail(`${document.body.dataset.failed ?? ''} ${message}`.trim(), more);
    }
    const report = await res.json();
    location.assign(`${f.dataset.reportBase}/${encodeURIComponent(report.id)}?lang=${document.documentElement.lang}`);
  } catch (err) {
    fail(err instanceof TypeError ? (document.body.dataset.networkDown ?? String(err)) : String(err));
  } finally {
    button.disabled = false;
    button.textContent = label;
  }
}

form?.addEventListener('submit', (event) => {
  event.preventDefault();
  void upload(form);
});
