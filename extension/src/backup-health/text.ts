import { i18n } from '#i18n';
import { type BackupHealthSummary, pluralVariant, relativeTime } from './health';

const locale = () => i18n.t('extension.lang') || 'en';

/** "Last backup: 3 days ago — 2 accounts added since" (and "1 changed"), or the never-backed-up sentence. */
export function backupHealthText(summary: BackupHealthSummary, now = Date.now()): string {
  const lang = locale();
  const parts: string[] = [];
  if (summary.added > 0)
    parts.push(i18n.t(`backupHealth.added.${pluralVariant(summary.added, lang)}`, [summary.added]));
  if (summary.changed > 0) {
    parts.push(i18n.t(`backupHealth.changed.${pluralVariant(summary.changed, lang)}`, [summary.changed]));
  }
  if (summary.lastBackupAt === undefined) {
    const total = summary.added;
    return total === 0
      ? i18n.t('backupHealth.neverEmpty')
      : i18n.t(`backupHealth.never.${pluralVariant(total, lang)}`, [total]);
  }
  const when = i18n.t('backupHealth.last', [relativeTime(summary.lastBackupAt, now, lang)]);
  return parts.length === 0 ? `${when} — ${i18n.t('backupHealth.upToDate')}` : `${when} — ${parts.join(', ')}`;
}

/** The popup's quiet line: how many accounts no backup holds. */
export function reminderText(summary: BackupHealthSummary): string {
  const count = summary.added + summary.changed;
  return i18n.t(`backupHealth.reminder.${pluralVariant(count, locale())}`, [count]);
}
