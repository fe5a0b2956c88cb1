/**
 * An instant as a member reads it, in the election's time zone and with the zone named, e.g.
 * "Monday 1 June 2026 at 18:00 BST" / "lundi 1 juin 2026 à 18:00 UTC+2".
 */
export function localTime(at: Date | string, timeZone: string, language: 'en' | 'fr' = 'en'): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(typeof at === 'string' ? new Date(at) : at);
}
