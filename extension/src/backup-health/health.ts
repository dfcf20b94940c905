import type { Account } from '@mfa-companion/vault';
import type { ManagedPolicy } from '../managed/policy';
import type { StorageAreaLike } from '../vault/storage-area';

/**
 * Backup health: when the last encrypted backup or phone transfer was made, in clear in storage.local — a date and
 * a kind, never a file's contents or a secret. How many accounts were added or changed since is worked out from
 * the accounts' own dates, so nothing else is stored.
 */
export const BACKUP_HEALTH_KEY = 'backup.health';
export const DEFAULT_REMINDER_DAYS = 14;
export const MAX_REMINDER_DAYS = 365;
const DAY_MS = 86_400_000;

export type BackupKind = 'encrypted' | 'phone';

export interface BackupHealthRecord {
  lastBackupAt?: number;
  lastBackupKind?: BackupKind;
  /** The user's reminder delay in days; 0 = never. The organisation's policy wins over it. */
  reminderDays: number;
}

export function normalizeBackupHealth(value: unknown): BackupHealthRecord {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const record: BackupHealthRecord = {
    reminderDays:
      typeof raw.reminderDays === 'number' &&
      Number.isInteger(raw.reminderDays) &&
      raw.reminderDays >= 0 &&
      raw.reminderDays <= MAX_REMINDER_DAYS
        ? raw.reminderDays
        : DEFAULT_REMINDER_DAYS,
  };
  if (typeof raw.lastBackupAt === 'number' && Number.isFinite(raw.lastBackupAt) && raw.lastBackupAt > 0) {
    record.lastBackupAt = raw.lastBackupAt;
    if (raw.lastBackupKind === 'encrypted' || raw.lastBackupKind === 'phone')
      record.lastBackupKind = raw.lastBackupKind;
  }
  return record;
}

export async function readBackupHealth(local: StorageAreaLike): Promise<BackupHealthRecord> {
  return normalizeBackupHealth((await local.get(BACKUP_HEALTH_KEY))[BACKUP_HEALTH_KEY]);
}

/** Called after an encrypted backup was downloaded or a phone transfer was shown. */
export async function recordBackup(local: StorageAreaLike, kind: BackupKind, now = Date.now()): Promise<void> {
  const record = await readBackupHealth(local);
  await local.set({ [BACKUP_HEALTH_KEY]: { ...record, lastBackupAt: now, lastBackupKind: kind } });
}

export async function saveReminderDays(local: StorageAreaLike, days: number): Promise<void> {
  const record = await readBackupHealth(local);
  await local.set({ [BACKUP_HEALTH_KEY]: normalizeBackupHealth({ ...record, reminderDays: days }) });
}

/** The delay in force: the organisation's, else the user's. */
export function effectiveReminderDays(record: BackupHealthRecord, policy: ManagedPolicy): number {
  return policy.backupReminderDays ?? record.reminderDays;
}

export interface BackupHealthSummary {
  lastBackupAt?: number;
  /** Accounts created after the last backup (all of them when there was none). */
  added: number;
  /** Accounts that existed at the last backup and changed after it. */
  changed: number;
  /** The earliest of those additions and changes: how long unbacked accounts have waited. */
  oldestUnbackedAt?: number;
}

export function summarizeBackupHealth(accounts: readonly Account[], record: BackupHealthRecord): BackupHealthSummary {
  const since = record.lastBackupAt ?? Number.NEGATIVE_INFINITY;
  let added = 0;
  let changed = 0;
  let oldest: number | undefined;
  for (const account of accounts) {
    const isNew = account.createdAt > since;
    const isChanged = !isNew && account.updatedAt > since;
    if (!isNew && !isChanged) continue;
    if (isNew) added++;
    else changed++;
    const when = isNew ? account.createdAt : account.updatedAt;
    oldest = oldest === undefined ? when : Math.min(oldest, when);
  }
  return {
    ...(record.lastBackupAt === undefined ? {} : { lastBackupAt: record.lastBackupAt }),
    added,
    changed,
    ...(oldest === undefined ? {} : { oldestUnbackedAt: oldest }),
  };
}

/**
 * The popup's quiet reminder: some accounts are in no backup, and the last backup (or, with none yet, the oldest
 * of those accounts) is at least `days` old. 0 days = never.
 */
export function isReminderDue(summary: BackupHealthSummary, days: number, now: number): boolean {
  if (days <= 0 || summary.added + summary.changed === 0) return false;
  const since = summary.lastBackupAt ?? summary.oldestUnbackedAt ?? now;
  return now - since >= days * DAY_MS;
}

/** "3 days ago" / "il y a 3 jours", in the largest unit that fits (Intl.RelativeTimeFormat). */
export function relativeTime(then: number, now: number, locale: string): string {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const seconds = Math.round((then - now) / 1000);
  const units: Array<[Intl.RelativeTimeFormatUnit, number]> = [
    ['year', 365 * 86_400],
    ['month', 30 * 86_400],
    ['week', 7 * 86_400],
    ['day', 86_400],
    ['hour', 3600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, 'second');
}

/** The message variant for a count in this language (Intl.PluralRules): French says "0 compte", English "0 accounts". */
export function pluralVariant(count: number, locale: string): 'one' | 'other' {
  return new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
}
