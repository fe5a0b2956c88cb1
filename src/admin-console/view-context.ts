import type { SignedInStaff } from 'src/auth/auth.service';
import { type ConsoleMessages, MESSAGES } from 'src/admin-console/messages';
import type { PageLanguage } from 'src/intake-page/page-language';

/** What every console view knows about the request: the reader's language and who they are. */
export interface ViewContext {
  lang: PageLanguage;
  t: ConsoleMessages;
  staff: SignedInStaff | null;
  /** The request's path and query, to link the same page in the other language. */
  url: string;
}

export function viewContext(lang: PageLanguage, staff: SignedInStaff | null, url: string): ViewContext {
  return { lang, t: MESSAGES[lang], staff, url };
}

/** The same page in another language: the query kept, `lang` replaced. */
export function withLanguage(url: string, lang: PageLanguage): string {
  const u = new URL(url, 'http://console.invalid');
  u.searchParams.set('lang', lang);
  return `${u.pathname}${u.search}`;
}

/** The same page with some query parameters changed (empty values removed). */
export function withQuery(url: string, changes: Record<string, string | number | undefined>): string {
  const u = new URL(url, 'http://console.invalid');
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === '') u.searchParams.delete(k);
    else u.searchParams.set(k, String(v));
  }
  return `${u.pathname}${u.search}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** An instant as people read it in the election's time zone, with the zone named. */
export function formatInstant(iso: string | Date, lang: PageLanguage, timeZone = 'UTC'): string {
  const key = `${lang}|${timeZone}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone, timeZoneName: 'short' });
    formats.set(key, f);
  }
  return f.format(typeof iso === 'string' ? new Date(iso) : iso);
}

// Counts as the public result page writes them, so both say a number the same way.
export { formatCount } from 'src/results-page/figures';
