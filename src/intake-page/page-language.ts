// The scan page speaks the languages its dictionary (assets/messages.js) has. An explicit
// ?lang= wins, so a desk can be set up once by bookmark; otherwise the browser's preference.
export const PAGE_LANGUAGES = ['en', 'fr'] as const;
export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

const isPageLanguage = (v: string): v is PageLanguage => (PAGE_LANGUAGES as readonly string[]).includes(v);

/** Language tags of an Accept-Language header, most preferred first (RFC 9110 §12.5.4). */
export function preferredLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => l.tag && l.q > 0 && !Number.isNaN(l.q))
    // Equal weights keep the header's order.
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((l) => l.tag);
}

export function pageLanguage(query: unknown, acceptLanguage: string | undefined): PageLanguage {
  if (typeof query === 'string' && isPageLanguage(query)) return query;
  for (const tag of preferredLanguages(acceptLanguage)) {
    const primary = tag.split('-')[0] ?? '';
    if (isPageLanguage(primary)) return primary;
  }
  return 'en';
}
