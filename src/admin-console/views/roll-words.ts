// The roll's vocabulary as the console says it: statuses, channels and sizes in the reader's language.
import type { MessageKey } from 'src/admin-console/messages';
import type { PageLanguage } from 'src/intake-page/page-language';
import type { ImportStatus } from 'src/roll/roll-import.entity';
import type { ChannelRestriction, MemberStatus } from 'src/roll/roll.types';

export const CHANNEL_WORDS: Record<ChannelRestriction, MessageKey> = {
  any: 'channelAny',
  'postal-only': 'channelPostalOnly',
  'online-only': 'channelOnlineOnly',
};

export const MEMBER_STATUS_WORDS: Record<MemberStatus, MessageKey> = { active: 'memberActive', removed: 'memberRemoved' };

export const IMPORT_STATUS_WORDS: Record<ImportStatus, MessageKey> = {
  validating: 'importValidating',
  ready: 'importReady',
  committed: 'importCommitted',
  superseded: 'importSuperseded',
  discarded: 'importDiscarded',
  rejected: 'importRejected',
  failed: 'importFailed',
};

/** A file size as people read it (kB under a megabyte); roll-screen.js says sizes the same way. */
export function formatBytes(bytes: number, lang: PageLanguage): string {
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'kilobyte'] : [bytes / (1024 * 1024), 'megabyte'];
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
}
