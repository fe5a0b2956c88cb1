// @ts-check
// Small helpers the three pages share: find elements, show one section, say things to screen
// readers.

/**
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id
 * @returns {T}
 */
export function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing`);
  return /** @type {T} */ (el);
}

/**
 * Shows one of the page's sections and hides the others, then moves the focus to its heading
 * so keyboard and screen reader users start at the top of the new step.
 * @param {string[]} all
 * @param {string} id
 */
export function showSection(all, id) {
  for (const s of all) byId(s).hidden = s !== id;
  byId('loading').hidden = true;
  const heading = byId(id).querySelector('h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus();
  }
  window.scrollTo(0, 0);
}

/**
 * Text for an element, shown; empty text hides it.
 * @param {HTMLElement} el
 * @param {string} text
 */
export function say(el, text) {
  el.textContent = text;
  el.hidden = !text;
}

/**
 * The polite live region: progress and results screen readers should hear.
 * @param {string} text
 */
export function announce(text) {
  byId('status').textContent = text;
}

/**
 * Marks a field wrong, with its message, and puts the focus on it (the message is in its
 * aria-describedby, so it is read out).
 * @param {HTMLInputElement} input
 * @param {HTMLElement} error
 * @param {string} text
 */
export function fieldError(input, error, text) {
  say(error, text);
  if (text) {
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  } else {
    input.removeAttribute('aria-invalid');
  }
}

/**
 * A page link that keeps the language.
 * @param {string} path
 * @param {string} lang
 * @param {Record<string, string>} [params]
 */
export function pageLink(path, lang, params = {}) {
  return `${path}?${new URLSearchParams({ lang, ...params })}`;
}
