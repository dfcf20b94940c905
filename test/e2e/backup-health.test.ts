// Backup health: the popup's quiet reminder, "Last backup: 3 days ago — 2 accounts added since" on the options page,
// and "Check a backup file" with a good, a stale and a wrong-passphrase backup (nothing is imported).
import { readFileSync } from 'node:fs';
import { exportEncryptedBackup, type KdfCost } from '@mfa-companion/vault';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedBrowser, launchBrowser } from '../lib/browser.ts';
import {
  addByUri,
  axeViolations,
  createVaultThroughUi,
  openPopup,
  optionsUrl,
  PASSPHRASE,
  popupUrl,
  readVault,
} from './extension-helpers.ts';

const BACKUP_PASSPHRASE = 'paper lantern orchard 1987';
const DAY = 86_400_000;
/** The cheapest settings our own backups accept (OWN_KDF_FLOOR): the stale backup made in Node stays quick. */
const FAST_KDF_FOR_TESTS: KdfCost = { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 };

declare const chrome: {
  storage: { local: { set(items: object): Promise<void>; get(key: string): Promise<Record<string, unknown>> } };
};

describe('Chromium: backup health and "Check a backup file"', () => {
  let browser: LaunchedBrowser;
  let worker: Worker;
  let popup: Page;
  let options: Page;

  beforeAll(async () => {
    browser = await launchBrowser({ extension: true });
    worker = browser.serviceWorker as Worker;
    popup = await openPopup(browser);
    await createVaultThroughUi(popup);
    await addByUri(popup, 'otpauth://totp/GitHub:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub');
    await addByUri(popup, 'otpauth://totp/GitLab:alice?secret=GEZDGNBVGY3TQOJQ&issuer=GitLab');
    options = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const setHealth = (value: object) =>
    worker.evaluate((health) => chrome.storage.local.set({ 'backup.health': health }), value);
  const health = () =>
    worker.evaluate(async () => (await chrome.storage.local.get('backup.health'))['backup.health']) as Promise<{
      lastBackupKind?: string;
    }>;

  it('says when the last backup was and what was added since; the popup reminds only past the delay', async () => {
    // Never backed up, accounts just added: no reminder yet.
    await options.goto(optionsUrl(browser));
    await options.getByText('No backup yet — 2 accounts are in no backup').waitFor();
    await popup.goto(popupUrl(browser));
    await popup.locator('.row .code').first().waitFor();
    await popup.waitForTimeout(300);
    expect(await popup.locator('[data-backup-reminder]').count()).toBe(0);

    await setHealth({ lastBackupAt: Date.now() - 3 * DAY - 60_000, lastBackupKind: 'encrypted', reminderDays: 14 });
    await options.reload();
    await options.getByText('Last backup: 3 days ago — 2 accounts added since').waitFor();
    await popup.reload();
    await popup.locator('.row .code').first().waitFor();
    await popup.waitForTimeout(300);
    expect(await popup.locator('[data-backup-reminder]').count()).toBe(0);

    // A shorter delay: the reminder shows, quietly, under the list.
    await options.getByLabel('Remind me in the popup after this many days without a backup (0 = never)').fill('2');
    await options.getByLabel('Remind me in the popup after this many days without a backup (0 = never)').press('Tab');
    await popup.reload();
    const reminder = popup.locator('[data-backup-reminder]');
    await reminder.waitFor();
    expect(await reminder.innerText()).toContain('2 accounts are in no backup.');
    await reminder.getByRole('link', { name: 'Back up now' }).waitFor();

    // 0 = never.
    await options.getByLabel('Remind me in the popup after this many days without a backup (0 = never)').fill('0');
    await options.getByLabel('Remind me in the popup after this many days without a backup (0 = never)').press('Tab');
    await popup.reload();
    await popup.locator('.row .code').first().waitFor();
    await popup.waitForTimeout(300);
    expect(await popup.locator('[data-backup-reminder]').count()).toBe(0);
  });

  it('an encrypted backup resets it: "every account is in it", and the check finds the file complete', async () => {
    await setHealth({ lastBackupAt: Date.now() - 30 * DAY, lastBackupKind: 'phone', reminderDays: 14 });
    await options.reload();
    const backup = options.getByRole('region', { name: 'Backup', exact: true });
    await backup.getByLabel('New passphrase').fill(BACKUP_PASSPHRASE);
    await backup.getByLabel('Confirm passphrase').fill(BACKUP_PASSPHRASE);
    // The backup leaves only after the vault passphrase is typed again; a wrong one records no backup.
    await backup.getByRole('button', { name: 'Download encrypted backup' }).click();
    await backup.getByLabel('Passphrase', { exact: true }).fill('not the vault passphrase');
    await backup.getByRole('button', { name: 'Download encrypted backup' }).click();
    await backup.getByText('Wrong passphrase. Nothing was changed.').waitFor();
    expect((await health()).lastBackupKind).toBe('phone');
    await backup.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    const downloadPromise = options.waitForEvent('download');
    await backup.getByRole('button', { name: 'Download encrypted backup' }).click();
    const download = await downloadPromise;
    await options.getByText('Last backup: now — every account is in it').waitFor();
    expect((await health()).lastBackupKind).toBe('encrypted');
    await popup.reload();
    await popup.locator('.row .code').first().waitFor();
    await popup.waitForTimeout(300);
    expect(await popup.locator('[data-backup-reminder]').count()).toBe(0);

    await checkBackup(options, readFileSync((await download.path()) as string, 'utf8'), BACKUP_PASSPHRASE);
    const result = options.locator('[data-check-result]');
    await result.waitFor();
    expect(await result.getAttribute('data-check-result')).toBe('complete');
    expect(await result.innerText()).toContain('This backup holds all 2 accounts, with the same secrets.');
  });

  it('a stale backup: reports the account it is missing; a wrong passphrase: says so; nothing is imported', async () => {
    const accounts = await readVault(worker);
    const stale = await exportEncryptedBackup(accounts.slice(0, 1), BACKUP_PASSPHRASE, { cost: FAST_KDF_FOR_TESTS });
    await options.reload();
    await checkBackup(options, stale, BACKUP_PASSPHRASE);
    const result = options.locator('[data-check-result]');
    await result.waitFor();
    expect(await result.getAttribute('data-check-result')).toBe('incomplete');
    const text = await result.innerText();
    expect(text).toContain('1 account of the vault is not in this backup as it is now.');
    expect(text).toContain('Missing from the backup:');
    expect(text).toContain('GitLab (alice)');
    expect(await axeViolations(options)).toEqual([]);

    await options.reload();
    await checkBackup(options, stale, 'not the backup passphrase');
    await options.locator('[data-check-result="error"]').waitFor();
    expect(await options.locator('[data-check-result="error"]').innerText()).toBe(
      'Wrong passphrase. Nothing was changed.',
    );
    expect(await readVault(worker)).toEqual(accounts);
  });
});

async function checkBackup(page: Page, text: string, passphrase: string): Promise<void> {
  const section = page.locator('[data-backup-health]');
  await section
    .getByLabel('Backup file', { exact: true })
    .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await section.getByLabel('Passphrase of the backup').fill(passphrase);
  await section.getByRole('button', { name: 'Check the backup' }).click();
}
