// What only Firefox does differently, in Debian's Firefox ESR with the Firefox build installed: a background page
// instead of a service worker (no offscreen document: the clipboard is cleared from the background page itself),
// storage.session, idle without a "locked" state, the keyboard command. The shared journeys are in journeys.test.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { base32Decode, totp } from '@mfa-companion/otp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DriverPage, type ExtensionBrowser, launchExtensionBrowser } from '../lib/driver.ts';
import { FIREFOX_EXTENSION_DIR } from '../lib/firefox.ts';
import { type FixtureServers, startFixtureServers } from '../lib/fixture-servers.ts';

const PASSPHRASE = 'violet harbor kettle 42 drift';
const SECRET = 'JBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/GitHub:alice@example.com?secret=${SECRET}&issuer=GitHub`;

/** The few extension APIs called inside the extension below (the test workspace has no extension typings). */
declare const chrome: {
  storage: Record<'local' | 'session', { get(key?: string | null): Promise<Record<string, unknown>> }>;
  runtime: { getManifest(): { permissions?: string[]; background?: object } };
  commands: { getAll(): Promise<Array<{ name?: string; shortcut?: string }>> };
  idle: { queryState(seconds: number): Promise<string> };
};
declare const browser: { runtime: { getBrowserInfo(): Promise<{ name: string; version: string }> } };

function codesAround(at: number): string[] {
  const key = base32Decode(SECRET);
  return [at - 1500, at, at + 1500].map((time) => totp({ secret: key, time }));
}

const manifest = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
  permissions: string[];
  background: { scripts?: string[]; service_worker?: string };
  browser_specific_settings: { gecko: { id: string; strict_min_version: string } };
};

describe('Firefox ESR: the installed add-on', () => {
  let firefox: ExtensionBrowser;
  let servers: FixtureServers;
  let popup: DriverPage;

  beforeAll(async () => {
    servers = await startFixtureServers();
    firefox = await launchExtensionBrowser('firefox', {
      grantHostPermissions: ['http://127.0.0.1/*'],
      grantPermissions: ['clipboardRead'],
    });
    popup = await firefox.openExtensionPage('popup.html', { width: 384, height: 600 });
  });

  afterAll(async () => {
    await firefox?.close();
    await servers?.close();
  });

  it("runs a Firefox ESR that meets the build's strict_min_version", async () => {
    const info = await firefox.inExtension(() => browser.runtime.getBrowserInfo());
    expect(info.name).toBe('Firefox');
    const [major = 0] = info.version.split('.').map(Number);
    const [minimum = Infinity] = manifest.browser_specific_settings.gecko.strict_min_version.split('.').map(Number);
    expect(major).toBeGreaterThanOrEqual(minimum);
  });

  it('opens the popup at its fixed moz-extension URL on the first-run screen', async () => {
    expect(await popup.url()).toBe(`${firefox.extensionOrigin}/popup.html`);
    await popup.waitForText('Create your vault');
    // No NMC card before a vault exists: the first run is about creating the vault.
    expect(await popup.evaluate(() => document.querySelector('.nmc-status'))).toBeNull();
  });

  it('has a background page, not a service worker, and no offscreen permission', async () => {
    expect(manifest.background).toEqual({ scripts: ['background.js'] });
    expect(manifest.permissions).not.toContain('offscreen');
    const loaded = await firefox.inExtension(() => ({
      permissions: chrome.runtime.getManifest().permissions,
      offscreen: typeof (chrome as unknown as { offscreen?: unknown }).offscreen,
    }));
    expect(loaded.offscreen).toBe('undefined');
    expect(loaded.permissions).toContain('clipboardRead'); // granted for this profile (see beforeAll)
  });

  it('keeps the unlocked key in storage.session only, and drops it on lock', async () => {
    await popup.fill({ label: 'New passphrase' }, PASSPHRASE);
    await popup.fill({ label: 'Confirm passphrase' }, PASSPHRASE);
    await popup.click({ button: 'Create vault' });
    await popup.click({ button: 'Add account' });
    await popup.fill({ label: 'Paste an otpauth:// or otpauth-migration:// link' }, URI);
    await popup.click({ button: 'Read link' });
    await popup.click({ button: 'Add 1 account' });
    await popup.waitFor({ css: '.row .code' });
    const keys = () =>
      firefox.inExtension(async () => ({
        local: Object.keys(await chrome.storage.local.get(null)),
        session: Object.keys(await chrome.storage.session.get(null)),
      }));
    const unlocked = await keys();
    expect(unlocked.session).toContain('vault.key');
    expect(unlocked.local).not.toContain('vault.key');
    expect(JSON.stringify(await firefox.inExtension(() => chrome.storage.local.get(null)))).not.toContain(SECRET);
    await popup.click({ button: 'Lock' });
    await popup.waitForText('Unlock MFA Companion');
    expect((await keys()).session).not.toContain('vault.key');
    await popup.fill({ label: 'Passphrase' }, PASSPHRASE);
    await popup.click({ button: 'Unlock' });
    await popup.waitFor({ css: '.row .code' });
  });

  it('copies a code, then clears the clipboard from the background page when the delay is over', async () => {
    const options = await firefox.openExtensionPage('options.html');
    await options.fill({ label: 'Clear a copied code from the clipboard after this many seconds (0 = never)' }, '2');
    await options.press('Tab');
    await options.waitForText('The clipboard is cleared only while it still holds the code.');
    await options.waitForText('Saved.');
    await options.close();
    await popup.reload();
    const readClipboard = () => firefox.inExtension(() => navigator.clipboard.readText());
    await popup.click({ css: '.row-main' });
    await popup.waitForText('Code for GitHub (alice@example.com) copied.');
    expect(codesAround(Date.now())).toContain(await readClipboard());
    await expect.poll(readClipboard, { timeout: 8000, interval: 250 }).toBe('');
    // Something the user copied afterwards is never touched.
    await popup.click({ css: '.row-main' });
    await popup.waitForText('Code for GitHub (alice@example.com) copied.');
    await firefox.inExtension(() => navigator.clipboard.writeText('my own note'));
    await new Promise((resolve) => setTimeout(resolve, 3500));
    expect(await readClipboard()).toBe('my own note');
  });

  it('answers idle queries (Firefox reports "active" and "idle", never "locked")', async () => {
    expect(['active', 'idle']).toContain(await firefox.inExtension(() => chrome.idle.queryState(60)));
  });

  it('registers the fill command with its suggested shortcut', async () => {
    const commands = await firefox.inExtension(() => chrome.commands.getAll());
    expect(commands).toContainEqual(expect.objectContaining({ name: 'fill-otp', shortcut: 'Alt+Shift+O' }));
  });

  it('fills the page the shortcut is pressed on (the real command path)', async () => {
    const page = await firefox.openPage(`${servers.primary.url}autofill/plain-autocomplete.html`);
    // Bound through the popup first: the shortcut fills only where the account is bound.
    const over = await firefox.openExtensionPage(`popup.html?tabId=${await firefox.tabIdOf(await page.url())}`);
    await over.click({ button: 'Fill the code for GitHub (alice@example.com) on this page' });
    await over.click({ button: 'Bind and fill' });
    await over.waitForText('filled on this page');
    await over.close();
    await page.reload();
    await page.bringToFront();
    await page.focus({ css: '#otp' });
    const startedAt = Date.now();
    await firefox.pressShortcut('Alt+Shift+O');
    await expect.poll(() => page.value({ css: '#otp' }), { timeout: 5000 }).not.toBe('');
    expect(codesAround(startedAt)).toContain(await page.value({ css: '#otp' }));
    await page.close();
  });

  it('fills the field right-clicked, from the context menu entry (the real menus path)', async () => {
    const page = await firefox.openPage(`${servers.primary.url}autofill/plain-autocomplete.html`);
    await page.bringToFront();
    const field = await page.box({ css: '#otp' });
    const startedAt = Date.now();
    await page.mouseClick(field.x + 10, field.y + field.height / 2, 'right');
    await firefox.chooseContextMenuItem('Fill one-time code');
    await expect.poll(() => page.value({ css: '#otp' }), { timeout: 5000 }).not.toBe('');
    expect(codesAround(startedAt)).toContain(await page.value({ css: '#otp' }));
    await page.close();
  });

  it('contacted nothing but the fixture server', () => {
    const elsewhere = firefox
      .requestedUrls()
      .filter((url) => new URL(url).origin !== `http://127.0.0.1:${servers.primary.port}`);
    expect(elsewhere).toEqual([]);
  });
});
