import { createAccount } from '@mfa-companion/vault';
import { describe, expect, it } from 'vitest';
import { MemoryStorageArea } from '../vault/storage-area';
import {
  effectiveReminderDays,
  isReminderDue,
  normalizeBackupHealth,
  pluralVariant,
  readBackupHealth,
  recordBackup,
  relativeTime,
  summarizeBackupHealth,
} from './health';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 5, 9);
const at = (createdAt: number, updatedAt = createdAt) => ({
  ...createAccount({ issuer: 'GitHub', account: 'me', secret: 'JBSWY3DPEHPK3PXP' }),
  createdAt,
  updatedAt,
});

describe('backup health', () => {
  it('counts accounts added and changed since the last backup, from their own dates', () => {
    const accounts = [at(NOW - 30 * DAY), at(NOW - 30 * DAY, NOW - 2 * DAY), at(NOW - 3 * DAY), at(NOW - DAY)];
    const summary = summarizeBackupHealth(accounts, { lastBackupAt: NOW - 5 * DAY, reminderDays: 14 });
    expect(summary).toEqual({ lastBackupAt: NOW - 5 * DAY, added: 2, changed: 1, oldestUnbackedAt: NOW - 3 * DAY });
    expect(isReminderDue(summary, 14, NOW)).toBe(false);
    expect(isReminderDue(summary, 5, NOW)).toBe(true);
    expect(isReminderDue(summary, 0, NOW)).toBe(false);
  });

  it('with no backup yet, every account is unbacked and the oldest one decides', () => {
    const summary = summarizeBackupHealth([at(NOW - 20 * DAY), at(NOW - DAY)], { reminderDays: 14 });
    expect(summary).toEqual({ added: 2, changed: 0, oldestUnbackedAt: NOW - 20 * DAY });
    expect(isReminderDue(summary, 14, NOW)).toBe(true);
    expect(isReminderDue(summarizeBackupHealth([at(NOW - DAY)], { reminderDays: 14 }), 14, NOW)).toBe(false);
    // Nothing to back up: no reminder, however old the last backup.
    expect(isReminderDue(summarizeBackupHealth([], { lastBackupAt: NOW - 99 * DAY, reminderDays: 14 }), 14, NOW)).toBe(
      false,
    );
  });

  it('stores only a date and a kind; bad stored values fall back to the defaults; the policy wins', async () => {
    const local = new MemoryStorageArea();
    await recordBackup(local, 'phone', NOW);
    expect(local.items.get('backup.health')).toEqual({ reminderDays: 14, lastBackupAt: NOW, lastBackupKind: 'phone' });
    expect(await readBackupHealth(local)).toEqual({ reminderDays: 14, lastBackupAt: NOW, lastBackupKind: 'phone' });
    expect(normalizeBackupHealth({ lastBackupAt: 'yesterday', reminderDays: -1 })).toEqual({ reminderDays: 14 });
    expect(effectiveReminderDays({ reminderDays: 30 }, { backupReminderDays: 0 })).toBe(0);
    expect(effectiveReminderDays({ reminderDays: 30 }, {})).toBe(30);
  });

  it('says when in words and picks the plural variant per language', () => {
    expect(relativeTime(NOW - 3 * DAY, NOW, 'en')).toBe('3 days ago');
    expect(relativeTime(NOW - 3 * DAY, NOW, 'fr')).toBe('il y a 3 jours');
    expect(relativeTime(NOW - DAY, NOW, 'en')).toBe('yesterday');
    expect(relativeTime(NOW - 5 * 60_000, NOW, 'en')).toBe('5 minutes ago');
    expect(pluralVariant(0, 'en')).toBe('other');
    expect(pluralVariant(0, 'fr')).toBe('one');
    expect(pluralVariant(1, 'en')).toBe('one');
    expect(pluralVariant(2, 'fr')).toBe('other');
  });
});
