// Every value from the election or the record is text, never markup: titles and answers are
// typed by an administrator and must not be able to add script or links to a public page.
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Path segments of a record file, each percent-encoded, the slashes kept. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
