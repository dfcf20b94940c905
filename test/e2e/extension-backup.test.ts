import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { base32Decode, formatMigrationUri, hotp, parseOtpauthUri } from '@mfa-companion/otp';
import type { Page, Request, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedBrowser, launchBrowser, REPO_ROOT, recordRequests } from '../lib/browser.ts';
import { type FixtureServers, startFixtureServers } from '../lib/fixture-servers.ts';
import {
  addByUri,
  axeViolations,
  createVaultThroughUi,
  externalExtensionRequests,
  openPopup,
  optionsUrl,
  PASSPHRASE,
  readVault,
} from './extension-helpers.ts';

const SCREENSHOTS = join(REPO_ROOT, 'test/screenshots');
const BACKUP_PASSPHRASE = 'paper lantern orchard 1987';

describe('extension: QR, HOTP, backup round trip, screenshots', () => {
  let browser: LaunchedBrowser;
  let worker: Worker;
  let servers: FixtureServers;
  let requests: Request[];
  let popup: Page;

  beforeAll(async () => {
    servers = await startFixtureServers();
    browser = await launchBrowser({ extension: true });
    worker = browser.serviceWorker as Worker;
    requests = recordRequests(browser.context);
    popup = await openPopup(browser);
    await createVaultThroughUi(popup);
  });

  afterAll(async () => {
    await browser?.close();
    await servers?.close();
  });

  it('adds every account of a Google Authenticator migration link', async () => {
    const migration = formatMigrationUri([
      parseOtpauthUri('otpauth://totp/Example%20Mail:bob@example.org?secret=GEZDGNBVGY3TQOJQ&issuer=Example%20Mail'),
      parseOtpauthUri(
        'otpauth://totp/Cloud:ops?secret=MFRGGZDFMZTWQ2LKNNWG23TP&issuer=Cloud&digits=8&algorithm=SHA256',
      ),
    ]);
    await addByUri(popup, migration);
    await popup.getByText('Example Mail').waitFor();
    await popup.getByText('Cloud').first().waitFor();
    expect(await popup.locator('.row .code').nth(1).textContent()).toMatch(/^\d{4} \d{4}$/);
  });

  it('adds both QR codes shown on a page (multi-code capture decoded by the bundled zxing wasm)', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${servers.primary.url}qr/index.html`);
    // What captureVisibleTab returns: a PNG of the visible page (the toolbar click that grants activeTab
    // cannot be automated, so the test hands the same kind of image to the popup).
    const capture = await page.screenshot({ type: 'png' });
    await page.close();
    await popup.bringToFront();
    await popup.getByRole('button', { name: 'Add account' }).first().click();
    await popup
      .locator('input[type=file]')
      .setInputFiles({ name: 'capture.png', mimeType: 'image/png', buffer: capture });
    await popup.getByText('2 new, 0 already added, 0 invalid').waitFor({ timeout: 20_000 });
    await popup.getByRole('button', { name: 'Add 2 accounts' }).click();
    await popup.getByText('QR Bank').waitFor();
    await popup.getByText('Second Site').waitFor();
  });

  it('explains when the page cannot be captured (no activeTab grant outside a toolbar click)', async () => {
    await popup.getByRole('button', { name: 'Add account' }).first().click();
    await popup.getByRole('button', { name: 'Scan QR code on this page' }).click();
    await popup.getByText('This page cannot be captured.', { exact: false }).waitFor();
    await popup.getByRole('button', { name: 'Cancel', exact: true }).click();
  });

  it('decodes an uploaded QR image file', async () => {
    await popup.getByRole('button', { name: 'Add account' }).first().click();
    const file = readFileSync(join(REPO_ROOT, 'test/fixtures/qr/single.png'));
    await popup.locator('input[type=file]').setInputFiles({ name: 'single.png', mimeType: 'image/png', buffer: file });
    await popup.getByText('0 new, 1 already added, 0 invalid').waitFor({ timeout: 20_000 });
    await popup.getByRole('button', { name: 'Back' }).click();
    await popup.getByRole('button', { name: 'Cancel', exact: true }).click();
  });

  it('HOTP: saves the incremented counter before showing the code', async () => {
    await addByUri(
      popup,
      'otpauth://hotp/Legacy%20VPN:admin?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=5&issuer=Legacy%20VPN',
    );
    await popup.getByLabel('Search accounts').fill('legacy');
    await popup.locator('.row-main').first().click();
    const code = await popup.locator('.row .code[data-code]').first().getAttribute('data-code');
    const secret = base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(code).toBe(hotp({ secret, counter: 5 }));
    const stored = (await readVault(worker)).find((account) => account.issuer === 'Legacy VPN');
    expect(stored?.counter).toBe(6);
    await popup.getByRole('button', { name: 'Next code' }).click();
    await expect
      .poll(() => popup.locator('.row .code').first().getAttribute('data-code'))
      .toBe(hotp({ secret, counter: 6 }));
    await popup.getByLabel('Search accounts').fill('');
  });

  it('pins, renames, deletes with undo', async () => {
    await popup.getByRole('button', { name: 'Actions for Cloud (ops)' }).click();
    await popup.getByRole('button', { name: 'Pin to top' }).click();
    await expect.poll(() => popup.locator('.row .issuer').first().textContent()).toContain('Cloud');
    await popup.getByRole('button', { name: 'Actions for Cloud (ops)' }).click();
    await popup.getByRole('button', { name: 'Rename' }).click();
    await popup.getByLabel('Account name').fill('ops-team');
    await popup.getByRole('button', { name: 'Save' }).click();
    await popup.getByText('ops-team').waitFor();
    const count = await popup.locator('.row').count();
    await popup.getByRole('button', { name: 'Actions for Second Site (second)' }).click();
    await popup.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => popup.locator('.row').count()).toBe(count - 1);
    await popup.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => popup.locator('.row').count()).toBe(count);
    // Keyboard: Delete removes the focused row, Undo brings it back.
    await popup.locator('.row-main').last().focus();
    await popup.keyboard.press('Delete');
    await expect.poll(() => popup.locator('.row').count()).toBe(count - 1);
    await popup.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => popup.locator('.row').count()).toBe(count);
    expect((await readVault(worker)).map((account) => account.issuer)).toContain('Second Site');
  });

  it('screenshots the popup in light and dark', async () => {
    await popup.mouse.click(5, 590);
    await popup.waitForTimeout(3000); // let the toast fade
    await popup.emulateMedia({ colorScheme: 'light' });
    await popup.screenshot({ path: join(SCREENSHOTS, 'popup-light.png') });
    expect(await axeViolations(popup)).toEqual([]);
    await popup.emulateMedia({ colorScheme: 'dark' });
    await popup.screenshot({ path: join(SCREENSHOTS, 'popup-dark.png') });
    expect(await axeViolations(popup)).toEqual([]);
    await popup.emulateMedia({ colorScheme: 'light' });
  });

  it('export → wipe → import restores every account byte for byte', async () => {
    const before = await readVault(worker);
    expect(before.length).toBe(5);
    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser));
    const backup = options.getByRole('region', { name: 'Backup' });
    await backup.getByLabel('New passphrase').fill(BACKUP_PASSPHRASE);
    await backup.getByLabel('Confirm passphrase').fill(BACKUP_PASSPHRASE);
    // Every secret leaves the vault only after the vault passphrase is typed again.
    await backup.getByRole('button', { name: 'Download encrypted backup' }).click();
    await backup.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    const downloadPromise = options.waitForEvent('download');
    await backup.getByRole('button', { name: 'Download encrypted backup' }).click();
    const download = await downloadPromise;
    const backupText = readFileSync((await download.path()) as string, 'utf8');
    expect(backupText).toContain('MFA-COMPANION-BACKUP');
    expect(backupText).not.toContain(before[0]?.secret as string);

    await options.getByLabel('Type ERASE to delete every account from this browser').fill('ERASE');
    await options.getByRole('button', { name: 'Erase the vault' }).click();
    await expect
      .poll(() =>
        worker.evaluate(async () =>
          Object.keys(
            await (
              globalThis as never as { chrome: { storage: { local: { get(): Promise<object> } } } }
            ).chrome.storage.local.get(),
          ),
        ),
      )
      .not.toContain('vault.current');

    await popup.reload();
    await createVaultThroughUi(popup);
    await options.reload();
    const importSection = options.getByRole('region', { name: 'Import' });
    await importSection
      .getByLabel('File to import')
      .setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backupText) });
    await importSection.getByLabel('Passphrase of the file (if encrypted)').fill('wrong passphrase here');
    await importSection.getByRole('button', { name: 'Read file' }).click();
    await importSection.getByText('Wrong passphrase. Nothing was changed.').waitFor();
    expect(await readVault(worker)).toEqual([]);
    await importSection.getByLabel('Passphrase of the file (if encrypted)').fill(BACKUP_PASSPHRASE);
    await importSection.getByRole('button', { name: 'Read file' }).click();
    await importSection.getByText(`${before.length} new, 0 already added, 0 invalid`).waitFor();
    await importSection.getByRole('button', { name: `Import ${before.length} accounts` }).click();
    await importSection.getByText(`Imported ${before.length} accounts.`).waitFor();
    expect(JSON.stringify(await readVault(worker))).toBe(JSON.stringify(before));
    expect(await axeViolations(options)).toEqual([]);
    await options.close();
  });

  it('made no request outside the extension', () => {
    expect(externalExtensionRequests(requests, browser.extensionId as string)).toEqual([]);
  });
});
