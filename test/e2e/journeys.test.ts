// The user journeys that must hold in every browser we ship for, run against Chromium and Firefox ESR with the
// same steps through one driver (test/lib/driver.ts). Browser-specific behaviour has suites of its own.
import { base32Decode, totp } from '@mfa-companion/otp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_NAMES, type DriverPage, type ExtensionBrowser, launchExtensionBrowser } from '../lib/driver.ts';
import { type FixtureServers, startFixtureServers } from '../lib/fixture-servers.ts';

const PASSPHRASE = 'violet harbor kettle 42 drift';
const GITHUB_SECRET = 'JBSWY3DPEHPK3PXP';
const GITHUB_URI = `otpauth://totp/GitHub:alice@example.com?secret=${GITHUB_SECRET}&issuer=GitHub`;
const POPUP_SIZE = { width: 384, height: 600 };

/** Codes valid around `at`: the page may render on either side of a 30-second boundary. */
function codesAround(secret: string, at: number): string[] {
  const key = base32Decode(secret);
  return [at - 1500, at, at + 1500].map((time) => totp({ secret: key, time }));
}

const ENV_BROWSERS = process.env.E2E_BROWSERS?.split(',').filter(Boolean);
const browsers = BROWSER_NAMES.filter((name) => !ENV_BROWSERS || ENV_BROWSERS.includes(name));

describe.each(browsers)('%s: first run, codes, lock', (browserName) => {
  let browser: ExtensionBrowser;
  let servers: FixtureServers;
  let popup: DriverPage;

  beforeAll(async () => {
    servers = await startFixtureServers();
    browser = await launchExtensionBrowser(browserName);
    popup = await browser.openExtensionPage('popup.html', POPUP_SIZE);
  });

  afterAll(async () => {
    await browser?.close();
    await servers?.close();
  });

  it('creates the vault on first run with a confirmed passphrase', async () => {
    await popup.waitForText('Create your vault');
    await popup.fill({ label: 'New passphrase' }, 'short');
    expect(await popup.isDisabled({ button: 'Create vault' })).toBe(true);
    await popup.fill({ label: 'New passphrase' }, PASSPHRASE);
    await popup.fill({ label: 'Confirm passphrase' }, `${PASSPHRASE}x`);
    await popup.waitForText('The two passphrases differ.');
    await popup.fill({ label: 'Confirm passphrase' }, PASSPHRASE);
    await popup.click({ button: 'Create vault' });
    await popup.waitFor({ button: 'Add account' });
    const stored = await browser.inExtension(async () =>
      JSON.stringify(
        await (
          globalThis as unknown as { chrome: { storage: { local: { get(): Promise<unknown> } } } }
        ).chrome.storage.local.get(),
      ),
    );
    expect(stored).toContain('MFA-COMPANION-VAULT');
    expect(stored).not.toContain(PASSPHRASE);
  });

  it('adds an account by otpauth URI and shows the same code as @mfa-companion/otp', async () => {
    await popup.click({ button: 'Add account' });
    await popup.fill({ label: 'Paste an otpauth:// or otpauth-migration:// link' }, GITHUB_URI);
    await popup.click({ button: 'Read link' });
    await popup.click({ button: /^Add \d+ accounts?$/ });
    await popup.waitFor({ css: '.row .code' });
    const shown = await popup.attribute({ css: '.row .code' }, 'data-code');
    expect(codesAround(GITHUB_SECRET, Date.now())).toContain(shown);
    expect((await popup.text({ css: '.row .code' })).trim()).toMatch(/^\d{3} \d{3}$/);
  });

  it('locks, refuses a wrong passphrase without changing anything, and unlocks', async () => {
    const readVault = () =>
      browser.inExtension(() =>
        (
          globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<unknown> } } } }
        ).chrome.storage.local.get('vault.current'),
      );
    const before = await readVault();
    await popup.click({ button: 'Lock' });
    await popup.waitForText('Unlock MFA Companion');
    await popup.fill({ label: 'Passphrase' }, 'not my passphrase');
    await popup.click({ button: 'Unlock' });
    await popup.waitForText('Wrong passphrase. Nothing was changed.');
    expect(await readVault()).toEqual(before);
    await popup.fill({ label: 'Passphrase' }, PASSPHRASE);
    await popup.click({ button: 'Unlock' });
    await popup.waitFor({ css: '.row .code' });
    expect(codesAround(GITHUB_SECRET, Date.now())).toContain(await popup.attribute({ css: '.row .code' }, 'data-code'));
  });

  it('made no request at all', () => {
    expect(browser.requestedUrls()).toEqual([]);
  });
});
