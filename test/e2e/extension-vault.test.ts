import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { base32Decode, totp } from '@mfa-companion/otp';
import { DEFAULT_KDF, parseEnvelope, unlockVault } from '@mfa-companion/vault';
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
  PASSPHRASE,
  readClipboard,
  readVault,
} from './extension-helpers.ts';

const GITHUB_SECRET = 'JBSWY3DPEHPK3PXP';
const GITHUB_URI = `otpauth://totp/GitHub:alice@example.com?secret=${GITHUB_SECRET}&issuer=GitHub`;

function expectedCodes(secret: string, at: number): string[] {
  const bytes = base32Decode(secret);
  // The page may render on either side of a 30 s boundary relative to our clock reading.
  return [at - 1500, at, at + 1500].map((time) => totp({ secret: bytes, time }));
}

describe('extension vault: first run, codes, copy, lock', () => {
  let browser: LaunchedBrowser;
  let requests: Request[];
  let popup: Page;
  let servers: FixtureServers;

  beforeAll(async () => {
    servers = await startFixtureServers();
    browser = await launchBrowser({ extension: true });
    requests = recordRequests(browser.context);
    popup = await openPopup(browser);
  });

  afterAll(async () => {
    await browser?.close();
    await servers?.close();
  });

  it('creates the vault on first run with a confirmed passphrase', async () => {
    await popup.getByRole('heading', { name: 'Create your vault' }).waitFor();
    await popup.getByLabel('New passphrase').fill('short');
    await expect(popup.getByRole('button', { name: 'Create vault' }).isDisabled()).resolves.toBe(true);
    await popup.getByLabel('New passphrase').fill(PASSPHRASE);
    await popup.getByLabel('Confirm passphrase').fill(`${PASSPHRASE}x`);
    await popup.getByText('The two passphrases differ.').waitFor();
    await expect(popup.getByRole('button', { name: 'Create vault' }).isDisabled()).resolves.toBe(true);
    expect(await axeViolations(popup)).toEqual([]);
    await createVaultThroughUi(popup);
    const stored = await browser.serviceWorker?.evaluate(async () =>
      JSON.stringify(
        await (
          globalThis as unknown as { chrome: { storage: { local: { get(): Promise<unknown> } } } }
        ).chrome.storage.local.get(),
      ),
    );
    expect(stored).toContain('MFA-COMPANION-VAULT');
    expect(stored).not.toContain(PASSPHRASE);
    // Derived in the popup by hash-wasm's WebAssembly argon2id, under the extension pages' CSP.
    const { 'vault.current': current } = await storedCopies(browser.serviceWorker as Worker);
    expect(parseEnvelope('vault', current as string).kdf).toMatchObject(DEFAULT_KDF);
  });

  it('adds an account by otpauth URI and shows the same code as @mfa-companion/otp', async () => {
    await addByUri(popup, GITHUB_URI);
    const code = popup.locator('.row .code').first();
    await code.waitFor();
    const shown = await code.getAttribute('data-code');
    expect(expectedCodes(GITHUB_SECRET, Date.now())).toContain(shown);
    expect((await code.textContent())?.replace(/\s/g, '')).toBe(shown);
    expect(await code.textContent()).toMatch(/^\d{3} \d{3}$/);
    const accounts = await readVault(browser.serviceWorker as NonNullable<typeof browser.serviceWorker>);
    expect(accounts).toEqual([
      expect.objectContaining({ issuer: 'GitHub', account: 'alice@example.com', secret: GITHUB_SECRET }),
    ]);
  });

  it('flags the same secret as already added', async () => {
    await popup.getByRole('button', { name: 'Add account' }).first().click();
    await popup
      .getByLabel('Paste an otpauth:// or otpauth-migration:// link')
      .fill(GITHUB_URI.replace('GitHub:', 'Other:'));
    await popup.getByRole('button', { name: 'Read link' }).click();
    await popup.getByText('0 new, 1 already added, 0 invalid').waitFor();
    expect(await axeViolations(popup)).toEqual([]);
    await popup.getByRole('button', { name: 'Back' }).click();
    // Manual entry: live validation in words, duplicates flagged before anything is added.
    await popup.getByLabel('Setup key').fill('not base32!');
    await popup.getByText('The setup key is not valid base32 (letters A–Z and digits 2–7).').waitFor();
    await popup.getByLabel('Setup key').fill(GITHUB_SECRET.toLowerCase());
    await popup.getByText('Already added').waitFor();
    expect(await axeViolations(popup)).toEqual([]);
    await popup.getByRole('button', { name: 'Cancel', exact: true }).click();
  });

  it('copies the code with a click and with Enter', async () => {
    const row = popup.locator('.row-main').first();
    await row.click();
    await popup.getByText('Code for GitHub (alice@example.com) copied.').waitFor();
    const pageUrl = `${servers.primary.url}qr/index.html`;
    expect(expectedCodes(GITHUB_SECRET, Date.now())).toContain(await readClipboard(browser, pageUrl));
    await popup.bringToFront();
    await popup.evaluate(() => navigator.clipboard.writeText('something else'));
    await row.focus();
    await popup.keyboard.press('Enter');
    await popup.getByText('Code for GitHub (alice@example.com) copied.').waitFor();
    expect(expectedCodes(GITHUB_SECRET, Date.now())).toContain(await readClipboard(browser, pageUrl));
    await popup.bringToFront();
  });

  it('focuses search with / and filters as you type', async () => {
    await popup.locator('.row-main').first().focus();
    await popup.keyboard.press('/');
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('search');
    await popup.keyboard.type('nothing-like-this');
    await popup.getByText('No account matches your search.').waitFor();
    await popup.getByLabel('Search accounts').fill('git');
    await popup.locator('.row').first().waitFor();
  });

  it('is accessible (axe) in the list view', async () => {
    expect(await axeViolations(popup)).toEqual([]);
  });

  it('locks, refuses a wrong passphrase without changing anything, and unlocks', async () => {
    const before = await browser.serviceWorker?.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<unknown> } } } }
      ).chrome.storage.local.get('vault.current'),
    );
    await popup.getByRole('button', { name: 'Lock' }).click();
    await popup.getByRole('heading', { name: 'Unlock MFA Companion' }).waitFor();
    const session = await browser.serviceWorker?.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { session: { get(): Promise<Record<string, unknown>> } } } }
      ).chrome.storage.session.get(),
    );
    expect(Object.keys(session ?? {})).not.toContain('vault.key');
    await popup.getByLabel('Passphrase').fill('not my passphrase');
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.getByText('Wrong passphrase. Nothing was changed.').waitFor();
    const after = await browser.serviceWorker?.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<unknown> } } } }
      ).chrome.storage.local.get('vault.current'),
    );
    expect(after).toEqual(before);
    expect(await axeViolations(popup)).toEqual([]);
    await popup.getByLabel('Passphrase').fill(PASSPHRASE);
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.locator('.row .code').first().waitFor();
  });

  it('locks by itself once the idle time has passed', async () => {
    await browser.serviceWorker?.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { session: { set(items: object): Promise<void> } } } }
      ).chrome.storage.session.set({
        'vault.lastActivity': Date.now() - 16 * 60_000,
      }),
    );
    await popup.reload();
    await popup.getByRole('heading', { name: 'Unlock MFA Companion' }).waitFor();
    await popup.getByLabel('Passphrase').fill(PASSPHRASE);
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.locator('.row .code').first().waitFor();
  });

  it('changes the passphrase from the options page', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const section = options.getByRole('form', { name: 'Change passphrase' });
    await section.getByLabel('Current passphrase').fill('not the passphrase');
    await section.getByLabel('New passphrase').fill('a brand new passphrase');
    await section.getByLabel('Confirm passphrase').fill('a brand new passphrase');
    await section.getByRole('button', { name: 'Change passphrase' }).click();
    await section.getByText('Wrong passphrase. Nothing was changed.').waitFor();
    await section.getByLabel('Current passphrase').fill(PASSPHRASE);
    await section.getByRole('button', { name: 'Change passphrase' }).click();
    await section.getByText('Passphrase changed. The old one no longer opens the vault.').waitFor();
    expect(await axeViolations(options)).toEqual([]);
    await options.close();
    await popup.bringToFront();
    await popup.getByRole('button', { name: 'Lock' }).click();
    await popup.getByLabel('Passphrase').fill(PASSPHRASE);
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.getByText('Wrong passphrase. Nothing was changed.').waitFor();
    await popup.getByLabel('Passphrase').fill('a brand new passphrase');
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.locator('.row .code').first().waitFor();
  });

  it('made no request outside the extension', () => {
    expect(externalExtensionRequests(requests, browser.extensionId as string)).toEqual([]);
  });
});

/** The extension's stored vault copies (current, previous, pending), read in its service worker. */
async function storedCopies(worker: Worker): Promise<Record<string, string | undefined>> {
  return worker.evaluate(() =>
    (
      globalThis as unknown as {
        chrome: { storage: { local: { get(keys: string[]): Promise<Record<string, string>> } } };
      }
    ).chrome.storage.local.get(['vault.current', 'vault.previous', 'vault.pending']),
  );
}

describe('extension vault sealed by an earlier release (argon2id 32 MiB, t=2, @noble/hashes)', () => {
  // Written by the release before the KDF upgrade, with its default parameters; see packages/vault/test.
  const OLD_VAULT = JSON.stringify(
    JSON.parse(readFileSync(join(REPO_ROOT, 'packages/vault/test/fixtures/vault-argon2id-32m-t2.json'), 'utf8')),
  );
  const OLD_PASSPHRASE = 'correct horse battery staple';
  let browser: LaunchedBrowser;
  let worker: Worker;

  beforeAll(async () => {
    browser = await launchBrowser({ extension: true });
    worker = browser.serviceWorker as Worker;
    await worker.evaluate(
      (vault) =>
        (
          globalThis as unknown as { chrome: { storage: { local: { set(items: object): Promise<void> } } } }
        ).chrome.storage.local.set({ 'vault.current': vault }),
      OLD_VAULT,
    );
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('unlocks as before and is re-sealed with the current default, accounts intact', async () => {
    const { data: before } = await unlockVault(OLD_VAULT, OLD_PASSPHRASE);
    expect(parseEnvelope('vault', OLD_VAULT).kdf).toMatchObject({ memoryKiB: 32768, iterations: 2, parallelism: 1 });
    const popup = await openPopup(browser);
    await popup.getByRole('heading', { name: 'Unlock MFA Companion' }).waitFor();
    await popup.getByLabel('Passphrase').fill(OLD_PASSPHRASE);
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.locator('.row .code').first().waitFor();
    expect(await popup.locator('.row').count()).toBe(2);
    const github = popup.locator('.row', { hasText: 'GitHub' }).locator('.code');
    expect(expectedCodes('JBSWY3DPEHPK3PXP', Date.now())).toContain(await github.getAttribute('data-code'));

    const stored = await storedCopies(worker);
    expect(stored['vault.current']).not.toBe(OLD_VAULT);
    const upgraded = parseEnvelope('vault', stored['vault.current'] as string);
    expect(upgraded.kdf).toMatchObject(DEFAULT_KDF);
    expect(upgraded.kdf.salt).not.toBe(parseEnvelope('vault', OLD_VAULT).kdf.salt);
    // The weaker copy is gone, and no half-written one is left behind.
    expect(stored['vault.previous'] ?? undefined).toBeUndefined();
    expect(stored['vault.pending']).toBeUndefined();
    // Same accounts, byte for byte (ids, order, dates, sites), under the same passphrase.
    expect(await readVault(worker)).toEqual(before.accounts);
    expect((await unlockVault(stored['vault.current'] as string, OLD_PASSPHRASE)).data.accounts).toEqual(
      before.accounts,
    );

    // Still unlocks after locking, now without re-sealing again.
    await popup.getByRole('button', { name: 'Lock' }).click();
    await popup.getByLabel('Passphrase').fill(OLD_PASSPHRASE);
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.locator('.row .code').first().waitFor();
    expect((await storedCopies(worker))['vault.current']).toBe(stored['vault.current']);
    expect(await readVault(worker)).toEqual(before.accounts);
  });
});

describe('extension vault in French', () => {
  it('shows the first-run screen in French when the browser UI is French', async () => {
    const browser = await launchBrowser({ extension: true, locale: 'fr-FR', args: ['--lang=fr'] });
    try {
      const page = await openPopup(browser);
      await page.getByRole('heading', { name: 'Créez votre coffre' }).waitFor();
      await page.getByLabel('Nouvelle phrase secrète').fill('abc');
      await page.getByText('Trop courte').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
    } finally {
      await browser.close();
    }
  });
});
