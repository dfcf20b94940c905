import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  formatMigrationUri,
  type MigrationBatch,
  type OtpAccount,
  parseMigrationPayload,
  parseOtpauthUri,
  steamGuardCode,
} from '@mfa-companion/otp';
import { type Account, toOtpAccount } from '@mfa-companion/vault';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedBrowser, launchBrowser, REPO_ROOT } from '../lib/browser.ts';
import {
  addByUri,
  axeViolations,
  createVaultThroughUi,
  openPopup,
  optionsUrl,
  PASSPHRASE,
  readVault,
} from './extension-helpers.ts';

/**
 * The extension's own QR decoder — the zxing-wasm build the extension bundles, resolved from the extension's
 * package — run in Node on the PNGs Chromium rendered. The popup's "Choose image…" (same decoder, in the browser)
 * then reads the same images back too.
 */
const extensionRequire = createRequire(join(REPO_ROOT, 'extension/package.json'));
/** The part of zxing-wasm/reader used here (the test package does not depend on it; the extension does). */
interface ZxingReader {
  prepareZXingModule(options: { overrides: { wasmBinary: ArrayBufferLike }; fireImmediately: boolean }): unknown;
  readBarcodes(
    image: Blob,
    options: { formats: string[]; tryHarder: boolean },
  ): Promise<Array<{ isValid: boolean; text: string }>>;
}
async function decodeQrPng(png: Buffer): Promise<string[]> {
  const reader = (await import(extensionRequire.resolve('zxing-wasm/reader'))) as ZxingReader;
  reader.prepareZXingModule({
    overrides: { wasmBinary: readFileSync(extensionRequire.resolve('zxing-wasm/reader/zxing_reader.wasm')).buffer },
    fireImmediately: true,
  });
  const results = await reader.readBarcodes(new Blob([new Uint8Array(png)], { type: 'image/png' }), {
    formats: ['QRCode'],
    tryHarder: true,
  });
  return results.filter((result) => result.isValid).map((result) => result.text);
}

/** 24 accounts of every kind a migration code carries (names with Unicode, ':' and spaces, HOTP, SHA-2, 8 digits). */
function transferableAccounts(): OtpAccount[] {
  return Array.from({ length: 24 }, (_, i): OtpAccount => {
    const secret = Uint8Array.from({ length: i % 3 === 0 ? 32 : 20 }, (_, j) => (i * 53 + j * 17 + 5) & 0xff);
    const base: OtpAccount = {
      type: 'totp',
      issuer: i % 4 === 0 ? `Café Ünïcode ${i}` : `Service ${i}`,
      account: i % 5 === 0 ? `ops: team ${i}` : `user.${i}@example.org`,
      secret,
      algorithm: i % 6 === 0 ? 'SHA256' : i % 7 === 0 ? 'SHA512' : 'SHA1',
      digits: i % 2 === 0 ? 8 : 6,
      period: 30,
    };
    return i % 8 === 3 ? { ...base, type: 'hotp', counter: 1000 + i } : base;
  });
}

const STEAM_URI = 'otpauth://steam/Steam:gaben?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Steam';
const SLOW_URI = 'otpauth://totp/Slow%20Bank:me?secret=GEZDGNBVGY3TQOJQ&issuer=Slow%20Bank&period=60';

describe('extension: back to a phone (QR codes in the options page)', () => {
  let browser: LaunchedBrowser;
  let worker: Worker;
  let popup: Page;
  let options: Page;

  beforeAll(async () => {
    browser = await launchBrowser({ extension: true });
    worker = browser.serviceWorker as Worker;
    popup = await openPopup(browser);
    await createVaultThroughUi(popup);
    await addByUri(popup, formatMigrationUri(transferableAccounts()));
    await addByUri(popup, STEAM_URI);
    await addByUri(popup, SLOW_URI);
    options = await browser.context.newPage();
    // A controllable clock (Playwright installs it on the whole context): the 60-second auto-hide is checked
    // without waiting a minute.
    await options.clock.install();
    await options.goto(optionsUrl(browser));
  });

  afterAll(async () => {
    await browser?.close();
  });

  const section = () => options.getByRole('region', { name: 'Move accounts to a phone' });

  it('transfers the selected accounts as numbered migration QR codes that decode to the same accounts, byte for byte', async () => {
    const vault = await readVault(worker);
    expect(vault).toHaveLength(26);
    await section().getByRole('button', { name: 'Select all' }).click();
    await section().getByRole('button', { name: 'Transfer 26 accounts to a phone app' }).click();

    // A wrong passphrase shows nothing.
    await section().getByLabel('Passphrase').fill('not my passphrase at all');
    await section().getByRole('button', { name: 'Show', exact: true }).click();
    await section().getByRole('alert').getByText('Wrong passphrase').waitFor();
    expect(await section().locator('img').count()).toBe(0);

    await section().getByLabel('Passphrase').fill(PASSPHRASE);
    await section().getByRole('button', { name: 'Show', exact: true }).click();
    await section().getByText('Anyone who sees this QR code').waitFor();

    expect(await axeViolations(options)).toEqual([]);
    const caption = await section().locator('figcaption strong').textContent();
    const total = Number(/of (\d+)/.exec(caption ?? '')?.[1]);
    expect(total).toBeGreaterThanOrEqual(3);
    const pngs: Buffer[] = [];
    const batches: MigrationBatch[] = [];
    for (let index = 0; index < total; index++) {
      const image = section().getByRole('img', { name: `Transfer QR code ${index + 1} of ${total}` });
      await image.waitFor();
      const png = await image.screenshot();
      pngs.push(png);
      const texts = await decodeQrPng(png);
      expect(texts).toHaveLength(1);
      expect(texts[0]).toMatch(/^otpauth-migration:\/\/offline\?data=/);
      batches.push(parseMigrationPayload(texts[0] as string));
      if (index < total - 1) await section().getByRole('button', { name: 'Next code' }).click();
    }

    // "1 of n" in order, one export (one batch id), and every transferable account exactly as stored.
    expect(batches.map((batch) => [batch.batchIndex, batch.batchSize])).toEqual(
      batches.map((_, index) => [index, total]),
    );
    expect(new Set(batches.map((batch) => batch.batchId)).size).toBe(1);
    const expected = vault.filter((account) => account.type !== 'steam' && account.period === 30).map(toOtpAccount);
    const decoded = batches.flatMap((batch) => batch.accounts);
    expect(decoded).toEqual(expected);
    decoded.forEach((account, index) => {
      expect(Buffer.from(account.secret).equals(Buffer.from((expected[index] as OtpAccount).secret))).toBe(true);
    });
    expect(decoded).toEqual(transferableAccounts());

    // Steam and the 60-second account are named as not transferable, with the reason.
    const skipped = section().locator('.phone-skipped li');
    await expect(skipped.count()).resolves.toBe(2);
    expect(await skipped.nth(0).textContent()).toMatch(/^Steam \(gaben\): Steam Guard accounts cannot travel/);
    expect(await skipped.nth(1).textContent()).toMatch(/^Slow Bank \(me\): Transfer codes only carry 30-second/);

    await section().getByRole('button', { name: 'Hide now' }).click();
    expect(await section().locator('img').count()).toBe(0);

    // The extension's own scanner reads its own export: every account is recognised as already in the vault.
    let alreadyAdded = 0;
    for (const [index, png] of pngs.entries()) {
      await popup.bringToFront();
      await popup.getByRole('button', { name: 'Add account' }).first().click();
      await popup
        .locator('input[type=file]')
        .setInputFiles({ name: `code-${index}.png`, mimeType: 'image/png', buffer: png });
      const count = batches[index]?.accounts.length as number;
      await popup.getByText(`0 new, ${count} already added, 0 invalid`).waitFor({ timeout: 20_000 });
      alreadyAdded += count;
      await popup.getByRole('button', { name: 'Back' }).click();
      await popup.getByRole('button', { name: 'Cancel', exact: true }).click();
    }
    expect(alreadyAdded).toBe(24);
  }, 120_000);

  it('shows one account as an otpauth:// QR code only after the passphrase, and hides it after 60 s', async () => {
    await options.bringToFront();
    await section().getByRole('button', { name: 'Show QR code: Steam (gaben)' }).click();
    await section().getByText('Type your passphrase again to show the secret of: Steam (gaben).').waitFor();
    await section().getByLabel('Passphrase').fill('wrong wrong wrong');
    await section().getByRole('button', { name: 'Show', exact: true }).click();
    await section().getByRole('alert').getByText('Wrong passphrase').waitFor();
    expect(await section().locator('img').count()).toBe(0);
    // The secret is not on the page as text at any point.
    expect(await options.content()).not.toContain('63BEDWCQZKTQWPESARIERL5DTTQFCJTK');

    await section().getByLabel('Passphrase').fill(PASSPHRASE);
    await section().getByRole('button', { name: 'Show', exact: true }).click();
    const image = section().getByRole('img', { name: 'QR code of Steam (gaben)' });
    await image.waitFor();
    await section().getByText('Anyone who sees this QR code').waitFor();
    await section().getByText('Apps that know Steam Guard codes, such as Aegis').waitFor();
    const texts = await decodeQrPng(await image.screenshot());
    const steam = (await readVault(worker)).find((account: Account) => account.type === 'steam') as Account;
    expect(texts.map(parseOtpauthUri)).toEqual([toOtpAccount(steam)]);
    expect(texts[0]).toMatch(/^otpauth:\/\/steam\//);
    expect(await options.content()).not.toContain('63BEDWCQZKTQWPESARIERL5DTTQFCJTK');

    // The countdown starts at 60 s (a loaded machine may already show a second or two less).
    const countdown = section().getByText(/^Hidden automatically in \d+ s\.$/);
    const secondsLeft = async () => Number(/in (\d+) s/.exec((await countdown.textContent()) ?? '')?.[1]);
    expect(await secondsLeft()).toBeGreaterThan(45);
    expect(await secondsLeft()).toBeLessThanOrEqual(60);
    await options.clock.fastForward(30_000);
    await expect.poll(secondsLeft).toBeLessThanOrEqual(30);
    expect(await image.count()).toBe(1);
    await options.clock.fastForward(31_000);
    await image.waitFor({ state: 'detached' });
    expect(await section().locator('img').count()).toBe(0);
    // Back to the list: showing it again asks for the passphrase again.
    await section().getByRole('button', { name: 'Show QR code: Steam (gaben)' }).click();
    await section().getByLabel('Passphrase').waitFor();
    expect(await section().locator('img').count()).toBe(0);
    await section().getByRole('button', { name: 'Cancel' }).click();
  });

  it("opens from the popup's account menu on that account, behind the passphrase", async () => {
    const menuPopup = await openPopup(browser);
    await menuPopup.getByLabel('Search accounts').fill('slow');
    await menuPopup.getByRole('button', { name: 'Actions for Slow Bank (me)' }).click();
    const opened = browser.context.waitForEvent('page');
    await menuPopup.getByRole('button', { name: 'Show QR code…' }).click();
    const page = await opened;
    await page.waitForLoadState();
    expect(page.url()).toMatch(/\/options\.html#show-qr=/);
    await page.getByText('Type your passphrase again to show the secret of: Slow Bank (me).').waitFor();
    expect(await page.locator('.phone img').count()).toBe(0);
    await page.close();
  });

  it('hides a shown code as soon as the vault locks', async () => {
    await options.bringToFront();
    await section().getByRole('button', { name: 'Show QR code: Slow Bank (me)' }).click();
    await section().getByLabel('Passphrase').fill(PASSPHRASE);
    await section().getByRole('button', { name: 'Show', exact: true }).click();
    const image = section().getByRole('img', { name: 'QR code of Slow Bank (me)' });
    await image.waitFor();
    await worker.evaluate(async () => {
      const chromeApi = (
        globalThis as unknown as { chrome: { storage: { session: { remove(key: string): Promise<void> } } } }
      ).chrome;
      await chromeApi.storage.session.remove('vault.key');
    });
    await image.waitFor({ state: 'detached' });
    // Unlock again for what follows.
    await popup.bringToFront();
    await popup.reload();
    await popup.getByLabel('Passphrase').fill(PASSPHRASE);
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.locator('.accounts').waitFor();
  });

  it('shows Steam Guard codes in the popup and adds one typed by hand from a maFile shared_secret', async () => {
    await popup.bringToFront();
    await popup.getByLabel('Search accounts').fill('gaben');
    const row = popup.locator('.row', { hasText: 'gaben' }).first();
    const shown = await row.locator('.code[data-code]').getAttribute('data-code');
    const steam = (await readVault(worker)).find((account: Account) => account.type === 'steam') as Account;
    // The page's clock (installed on the whole context for the auto-hide test), not Node's.
    const now = await popup.evaluate(() => Date.now());
    const candidates = [now - 30_000, now, now + 30_000].map((time) =>
      steamGuardCode({ secret: toOtpAccount(steam).secret, time }),
    );
    expect(shown).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    expect(candidates).toContain(shown);

    // A maFile's shared_secret is base64 of 20 bytes: typed as such under Type: Steam Guard.
    const key = Uint8Array.from({ length: 20 }, (_, i) => (i * 13 + 101) & 0xff);
    await popup.getByLabel('Search accounts').fill('');
    await popup.getByRole('button', { name: 'Add account' }).first().click();
    await popup.getByText('Advanced').click();
    await popup.getByLabel('Type').selectOption('steam');
    await popup.getByText('Steam Guard codes always have 5 characters').waitFor();
    await popup.getByLabel('Account name').fill('second_steam');
    await popup.getByLabel(/^Setup key \(or the shared_secret/).fill(Buffer.from(key).toString('base64'));
    await popup.getByRole('button', { name: 'Add account', exact: true }).last().click();
    await popup.getByLabel('Search accounts').fill('second_steam');
    const added = popup.locator('.row', { hasText: 'second_steam' }).first();
    const code = await added.locator('.code[data-code]').getAttribute('data-code');
    const addedNow = await popup.evaluate(() => Date.now());
    expect(
      [addedNow - 30_000, addedNow, addedNow + 30_000].map((time) => steamGuardCode({ secret: key, time })),
    ).toContain(code);
    const stored = (await readVault(worker)).find((account: Account) => account.account === 'second_steam');
    expect(stored).toMatchObject({ type: 'steam', issuer: 'Steam', digits: 5, period: 30, algorithm: 'SHA1' });
  });
});
