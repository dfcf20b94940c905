// Issue 21 in the built extension: every path that reveals secrets asks for the vault passphrase first; a damaged
// vault copy is reported as damage and restored only on the user's word; imported http:// sites bind safely and
// can be unticked in the preview.
import { readFileSync } from 'node:fs';
import { createVault } from '@mfa-companion/vault';
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
  readVault,
} from './extension-helpers.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';
const WRONG = 'not the vault passphrase';

type ChromeStorage = {
  chrome: { storage: Record<'local' | 'session', { get(keys?: string[]): Promise<Record<string, unknown>> }> };
};

describe('extension: secrets leave the vault only after the vault passphrase', () => {
  let browser: LaunchedBrowser;
  let options: Page;
  let downloads: string[];

  beforeAll(async () => {
    browser = await launchBrowser({ extension: true });
    const popup = await openPopup(browser);
    await createVaultThroughUi(popup);
    await addByUri(popup, `otpauth://totp/Example:me?secret=${SECRET}&issuer=Example`);
    options = await browser.context.newPage();
    downloads = [];
    options.on('download', (download) => downloads.push(download.suggestedFilename()));
    await options.goto(optionsUrl(browser));
  });

  afterAll(async () => {
    await browser?.close();
  });

  const backup = () => options.getByRole('region', { name: 'Backup' });
  const phone = () => options.getByRole('region', { name: 'Move accounts to a phone' });

  /** Types a wrong passphrase into the shared prompt of `region`, checks the refusal, and cancels. */
  async function refusesWithout(region: ReturnType<Page['getByRole']>, submit: string) {
    const field = region.getByLabel('Passphrase', { exact: true });
    await field.waitFor();
    // Nothing can be submitted without a passphrase.
    expect(await region.getByRole('button', { name: submit, exact: true }).isDisabled()).toBe(true);
    await field.fill(WRONG);
    await region.getByRole('button', { name: submit, exact: true }).click();
    await region.getByRole('alert').getByText('Wrong passphrase').waitFor();
    expect(await field.inputValue()).toBe('');
    expect(await region.locator('img').count()).toBe(0);
    expect(await axeViolations(options)).toEqual([]);
    await region.getByRole('button', { name: 'Cancel' }).click();
    expect(downloads).toEqual([]);
  }

  it('encrypted backup: the new backup passphrase is not enough', async () => {
    await backup().getByLabel('New passphrase').fill('a backup passphrase of mine');
    await backup().getByLabel('Confirm passphrase').fill('a backup passphrase of mine');
    await backup().getByRole('button', { name: 'Download encrypted backup' }).click();
    await refusesWithout(backup(), 'Download encrypted backup');
  });

  it('plain otpauth:// export: the acknowledgement is not enough', async () => {
    await backup().getByText('Unencrypted export').click();
    await backup().getByLabel('I understand this is unencrypted').check();
    await backup().getByRole('button', { name: 'Download otpauth:// list' }).click();
    await refusesWithout(backup(), 'Download otpauth:// list');
    // With the passphrase, the list is what the vault holds.
    await backup().getByText('Unencrypted export').click();
    await backup().getByLabel('I understand this is unencrypted').check();
    await backup().getByRole('button', { name: 'Download otpauth:// list' }).click();
    await backup().getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    const download = options.waitForEvent('download');
    await backup().getByRole('button', { name: 'Download otpauth:// list' }).click();
    const text = readFileSync((await (await download).path()) as string, 'utf8');
    expect(text).toContain(`secret=${SECRET}`);
    downloads.length = 0;
  });

  it('phone QR code of one account', async () => {
    await phone().getByRole('button', { name: 'Show QR code: Example (me)' }).click();
    await refusesWithout(phone(), 'Show');
  });

  it('phone transfer of several accounts', async () => {
    await phone().getByRole('button', { name: 'Select all' }).click();
    await phone().getByRole('button', { name: 'Transfer 1 account to a phone app' }).click();
    await refusesWithout(phone(), 'Show');
  });
});

describe('extension: a damaged vault copy', () => {
  let browser: LaunchedBrowser;
  let worker: Worker;

  beforeAll(async () => {
    browser = await launchBrowser({ extension: true });
    worker = browser.serviceWorker as Worker;
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('is reported as damage, not a wrong passphrase, and the previous copy is restored only when asked', async () => {
    const cost = { algorithm: 'argon2id', memoryKiB: 64 * 1024, iterations: 3, parallelism: 4 } as const;
    const { text: good } = await createVault(PASSPHRASE, cost, { accounts: [] });
    const envelope = JSON.parse(good) as { ciphertext: string };
    const chars = [...envelope.ciphertext];
    chars[2] = chars[2] === 'A' ? 'B' : 'A';
    const damaged = JSON.stringify({ ...envelope, ciphertext: chars.join('') });
    await worker.evaluate(
      (items) =>
        (
          globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }
        ).chrome.storage.local.set(items),
      { 'vault.current': damaged, 'vault.previous': good },
    );
    const popup = await openPopup(browser);
    await popup.getByLabel('Passphrase').fill(WRONG);
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.getByRole('alert').getByText('Wrong passphrase').waitFor();

    await popup.getByLabel('Passphrase').fill(PASSPHRASE);
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.getByRole('heading', { name: 'The vault is damaged' }).waitFor();
    expect(await axeViolations(popup)).toEqual([]);
    const stored = () =>
      worker.evaluate(() =>
        (globalThis as unknown as ChromeStorage).chrome.storage.local.get(['vault.current', 'vault.previous']),
      );
    // Nothing written, nothing unlocked, until the user chooses.
    expect(await stored()).toEqual({ 'vault.current': damaged, 'vault.previous': good });
    expect(
      await worker.evaluate(async () =>
        Object.keys(await (globalThis as unknown as ChromeStorage).chrome.storage.session.get()),
      ),
    ).not.toContain('vault.key');

    await popup.getByRole('button', { name: 'Restore the previous copy' }).click();
    await popup.getByRole('button', { name: 'Add account' }).first().waitFor();
    expect(await stored()).toEqual({ 'vault.current': good, 'vault.previous': null });
    expect(await readVault(worker)).toEqual([]);
  });
});

describe('extension: imported sites', () => {
  let browser: LaunchedBrowser;
  let worker: Worker;

  beforeAll(async () => {
    browser = await launchBrowser({ extension: true });
    worker = browser.serviceWorker as Worker;
    await createVaultThroughUi(await openPopup(browser));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('shows the sites each account will be bound to, http on public hosts as https, each one can be unticked', async () => {
    const csv = [
      'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp',
      ',,login,Example Bank,,,0,"http://online.examplebank.test.com/login,https://help.examplebank.org",me,pw,JBSWY3DPEHPK3PXP',
      ',,login,Rack PDU,,,0,http://192.168.10.4/,apc,pw,GEZDGNBVGY3TQOJQ',
    ].join('\n');
    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser));
    const section = options.getByRole('region', { name: 'Import' });
    await section
      .getByLabel('File to import')
      .setInputFiles({ name: 'bitwarden.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await section.getByRole('button', { name: 'Read file' }).click();
    await section.getByText('2 new, 0 already added, 0 invalid').waitFor();
    const bank = section.getByRole('group', { name: 'Sites for Example Bank (me):' });
    await bank.getByLabel('https://online.examplebank.test.com — bound over https (the file said http)').waitFor();
    expect(await bank.getByRole('checkbox').count()).toBe(2);
    const pdu = section.getByRole('group', { name: 'Sites for Rack PDU (apc):' });
    expect(await pdu.getByLabel('http://192.168.10.4', { exact: true }).isChecked()).toBe(true);
    expect(await axeViolations(options)).toEqual([]);

    await bank.getByLabel('https://help.examplebank.org').uncheck();
    await section.getByRole('button', { name: 'Import 2 accounts' }).click();
    await section.getByText('Imported 2 accounts.').waitFor();
    const sites = Object.fromEntries((await readVault(worker)).map((account) => [account.issuer, account.sites]));
    expect(sites).toEqual({
      'Example Bank': ['https://online.examplebank.test.com'],
      'Rack PDU': ['http://192.168.10.4'],
    });
  });
});
