import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Account, base64ToBytes, bytesToBase64, openVaultWithKey, type UnlockedKey } from '@mfa-companion/vault';
import type { Page, Request, Worker } from 'playwright-core';
import type { LaunchedBrowser } from '../lib/browser.ts';

export const PASSPHRASE = 'violet harbor kettle 42 drift';

export function popupUrl(browser: LaunchedBrowser, query = ''): string {
  return `chrome-extension://${browser.extensionId}/popup.html${query}`;
}

export function optionsUrl(browser: LaunchedBrowser): string {
  return `chrome-extension://${browser.extensionId}/options.html`;
}

/** Opens the popup page in a tab sized like the real popup. */
export async function openPopup(browser: LaunchedBrowser, query = ''): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 384, height: 600 });
  await page.goto(popupUrl(browser, query));
  return page;
}

export async function createVaultThroughUi(page: Page, passphrase = PASSPHRASE): Promise<void> {
  await page.getByLabel('New passphrase').fill(passphrase);
  await page.getByLabel('Confirm passphrase').fill(passphrase);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await page.getByRole('button', { name: 'Add account' }).first().waitFor();
}

export async function addByUri(page: Page, uri: string): Promise<void> {
  await page.getByRole('button', { name: 'Add account' }).first().click();
  await page.getByLabel('Paste an otpauth:// or otpauth-migration:// link').fill(uri);
  await page.getByRole('button', { name: 'Read link' }).click();
  await page.getByRole('button', { name: /^Add \d+ accounts?$/ }).click();
  await page.locator('.accounts').waitFor();
}

/**
 * Reads the system clipboard from an ordinary web page (granted clipboard-read): extension pages cannot
 * be granted permissions by Playwright, and the extension itself deliberately has no clipboardRead.
 */
export async function readClipboard(browser: LaunchedBrowser, pageUrl: string): Promise<string> {
  const origin = new URL(pageUrl).origin;
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await browser.context.newPage();
  try {
    await page.goto(pageUrl);
    await page.bringToFront();
    return await page.evaluate(() => navigator.clipboard.readText());
  } finally {
    await page.close();
  }
}

/** The decrypted vault, read straight from extension storage and opened with the session key, in Node. */
export async function readVault(serviceWorker: Worker): Promise<Account[]> {
  const { text, key } = await serviceWorker.evaluate(async () => {
    const chromeApi = (
      globalThis as unknown as {
        chrome: { storage: Record<string, { get(key: string): Promise<Record<string, unknown>> }> };
      }
    ).chrome;
    const local = await chromeApi.storage.local?.get('vault.current');
    const session = await chromeApi.storage.session?.get('vault.key');
    return { text: local?.['vault.current'] as string, key: (session?.['vault.key'] as { key: string }).key };
  });
  return (await openVaultWithKey(text, base64ToBytes(key))).accounts;
}

/**
 * Puts a sealed vault in extension storage, unlocked with `unlocked`, as if written from outside the extension's
 * writer. Whatever an earlier vault left is removed with it: its nonce tag and its decrypted session copy would
 * otherwise make the popup first show that earlier vault, then reload when it sees the change.
 */
export async function storeUnlockedVault(serviceWorker: Worker, vault: string, unlocked: UnlockedKey): Promise<void> {
  const sessionKey = { key: bytesToBase64(unlocked.key), kdf: unlocked.kdf };
  await serviceWorker.evaluate(
    async ([text, key]) => {
      type Area = { set(items: object): Promise<void>; remove(keys: string[]): Promise<void> };
      const storage = (globalThis as unknown as { chrome: { storage: { local: Area; session: Area } } }).chrome.storage;
      await storage.local.remove(['vault.currentNonce']);
      await storage.session.remove(['vault.accounts']);
      await storage.local.set({ 'vault.current': text });
      await storage.session.set({ 'vault.key': key, 'vault.lastActivity': Date.now() });
    },
    [vault, sessionKey] as const,
  );
}

/** Requests made by the extension's own pages and worker that go anywhere but the extension itself. */
export function externalExtensionRequests(requests: Request[], extensionId: string): string[] {
  const own = `chrome-extension://${extensionId}/`;
  return requests
    .filter((request) => {
      const frameUrl = safeFrameUrl(request);
      const fromExtension = frameUrl?.startsWith(own) || request.serviceWorker() !== null;
      return fromExtension && !request.url().startsWith(own) && !/^(data|blob):/.test(request.url());
    })
    .map((request) => request.url());
}

function safeFrameUrl(request: Request): string | undefined {
  try {
    return request.frame().url();
  } catch {
    return undefined;
  }
}

const require = createRequire(import.meta.url);
export const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** axe-core violations on the page (evaluated through the debugger protocol, so the page's CSP does not apply). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }
    ).axe;
    const result = await axe.run();
    return result.violations.map((violation) => `${violation.id} (${violation.nodes.length})`);
  });
}
