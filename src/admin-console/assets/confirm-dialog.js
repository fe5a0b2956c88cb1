// @ts-check
// The console's confirmation dialog (layout.ts draws it on every page), for every script that
// must ask before a destructive action.

/**
 * Asks the question in the page's dialog; resolves true only on an explicit confirmation.
 * @param {string} question
 * @returns {Promise<boolean>}
 */
export function confirmWithDialog(question) {
  const dialog = /** @type {HTMLDialogElement | null} */ (document.getElementById('confirm-dialog'));
  const text = document.getElementById('confirm-text');
  if (!dialog || !text) return Promise.resolve(false);
  text.textContent = question;
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise((resolve) => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true }));
}
