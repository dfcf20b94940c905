// The user journeys that must hold in every browser we ship for, run against Chromium and Firefox ESR with the
// same steps through one driver (test/lib/driver.ts). Browser-specific behaviour has suites of its own.
import { base32Decode, totp } from '@mfa-companion/otp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN } from '../fixtures/nmc/token.ts';
import { BROWSER_NAMES, type DriverPage, type ExtensionBrowser, launchExtensionBrowser } from '../lib/driver.ts';
import { type FixtureServers, startFixtureServers } from '../lib/fixture-servers.ts';

const PASSPHRASE = 'violet harbor kettle 42 drift';
const GITHUB_SECRET = 'JBSWY3DPEHPK3PXP';
const GITHUB_URI = `otpauth://totp/GitHub:alice@example.com?secret=${GITHUB_SECRET}&issuer=GitHub`;
const BACKUP_PASSPHRASE = 'paper lantern orchard 1987';
const POPUP_SIZE = { width: 384, height: 600 };

/** Codes valid around `at`: the page may render on either side of a 30-second boundary. */
function codesAround(secret: string, at: number): string[] {
  const key = base32Decode(secret);
  return [at - 1500, at, at + 1500].map((time) => totp({ secret: key, time }));
}

const ENV_BROWSERS = process.env.E2E_BROWSERS?.split(',').filter(Boolean);
const browsers = BROWSER_NAMES.filter((name) => !ENV_BROWSERS || ENV_BROWSERS.includes(name));

/** The fixture hosts' permissions are granted at install: the state after the user granted them in the popup. */
const NMC_HOST = 'nmc-risk.lan';
const WATCHED_NMC_HOST = 'nmc3.lan';
/**
 * Whole hosts, as Firefox grants them (its match patterns cannot name a port); in Chromium a pattern without a port
 * covers every port too.
 */
const GRANTED = ['127.0.0.1', NMC_HOST, WATCHED_NMC_HOST].map((host) => `http://${host}/*`);

/** The fixture pages' own record of what their framework state received. */
type Received = { value: string; via: string } | null;

/** What the fixture page's framework state has received so far (null until a fill). */
function receivedBy(page: DriverPage): Promise<Received> {
  return page.evaluate(() => (window as unknown as { __received: Received }).__received);
}

describe.each(browsers)('%s: the user journeys', (browserName) => {
  let browser: ExtensionBrowser;
  let servers: FixtureServers;
  let popup: DriverPage;

  beforeAll(async () => {
    servers = await startFixtureServers();
    browser = await launchExtensionBrowser(browserName, {
      hosts: [NMC_HOST, WATCHED_NMC_HOST],
      grantHostPermissions: GRANTED,
    });
    popup = await browser.openExtensionPage('popup.html', POPUP_SIZE);
  });

  afterAll(async () => {
    await browser?.close();
    await servers?.close();
  });

  /** The popup the user opens over `page`: in a tab of its own, naming the page's tab with `?tabId=`. */
  async function popupOver(page: DriverPage): Promise<DriverPage> {
    const tabId = await browser.tabIdOf(await page.url());
    return browser.openExtensionPage(`popup.html?tabId=${tabId}`, POPUP_SIZE);
  }

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

  it('offers "Lock when the computer locks" only where the browser reports a locked screen', async () => {
    const options = await browser.openExtensionPage('options.html');
    if (browserName === 'chromium') {
      await options.waitFor({ label: 'Lock when the computer locks' });
    } else {
      // Firefox's idle API has no "locked" state (its IdleState is "active" or "idle").
      await options.waitForText('This browser does not tell extensions when the computer locks');
      expect(await options.count('#auto-lock ~ label.checkbox')).toBe(0);
    }
    await options.close();
  });

  describe('autofill through the popup', () => {
    const fixtures = [
      { file: 'plain-autocomplete.html', target: '#otp' },
      { file: 'split-6.html', target: '.digit' },
      { file: 'preact-controlled.html', target: '#mfa-input', ready: '__preactReady' },
    ];

    it.each(fixtures)("fills $file with the bound account's code", async (fixture) => {
      const page = await browser.openPage(`${servers.primary.url}autofill/${fixture.file}`);
      if (fixture.ready) {
        await page.waitFor({ css: fixture.target });
        await expect
          .poll(() => page.evaluate((flag) => !!(window as unknown as Record<string, unknown>)[flag], fixture.ready))
          .toBe(true);
      }
      const over = await popupOver(page);
      const startedAt = Date.now();
      if (fixture === fixtures[0]) {
        // First fill on this site: the account is not bound here yet, so the popup offers to bind it first.
        await over.click({ button: 'Fill the code for GitHub (alice@example.com) on this page' });
        await over.waitForText(`Bind to ${servers.primary.url.replace(/\/$/, '')}?`);
        await over.click({ button: 'Bind and fill' });
      } else {
        await over.click({ button: 'Fill on this page' });
      }
      await over.waitForText('Code for GitHub (alice@example.com) filled on this page.');
      // The popup here is a tab of its own, which hides the page; Firefox then holds back its timers (and with them
      // Preact's effects). With the real popup the page stays in front, as it is again now.
      await page.bringToFront();
      await expect.poll(() => receivedBy(page), { timeout: 5000 }).not.toBeNull();
      const received = await receivedBy(page);
      expect(codesAround(GITHUB_SECRET, startedAt)).toContain(received?.value);
      expect(received?.via).not.toMatch(/^decoy/);
      await over.close();
      await page.close();
    });
  });

  it('shows the NMC banner on an at-risk NMC after "Check this page"', async () => {
    const page = await browser.openPage(
      `http://${NMC_HOST}:${servers.primary.port}/nmc/at-risk/NMC/${TOKEN}/userman.htm`,
    );
    const over = await popupOver(page);
    await over.click({ button: 'Check this page' });
    const banner = (predicate: string) =>
      expect
        .poll(() => page.closedShadowText('mfa-companion-nmc', '.banner'), { timeout: 10_000 })
        .toContain(predicate);
    await banner('Is MFA (multi-factor authentication) on for this NMC?');
    await page.clickInClosedShadow('mfa-companion-nmc', 'Yes, enabled');
    await banner('At risk');
    const text = await page.closedShadowText('mfa-companion-nmc', '.banner');
    expect(text).toContain('Configuration > Security > Local Users > Management');
    // The tools are listed as a sentence (Intl.ListFormat): "A, B, or C".
    expect(text).toContain('Secure NMC System Tool, EcoStruxure IT Expert, or Data Center Expert');
    await over.reload();
    await expect.poll(() => over.attribute({ css: '.nmc-verdict' }, 'data-status')).toBe('at-risk');
    await over.close();
    await page.close();
  });

  it('"Always detect on this site" puts the fill button in the field, and a click on it fills', async () => {
    const url = `${servers.primary.url}autofill/plain-autocomplete.html`;
    const first = await browser.openPage(url);
    const over = await popupOver(first);
    // The permission request runs from this click (already granted to this profile, so no prompt).
    await over.click({ label: 'Always detect on this site' });
    await expect.poll(() => over.isChecked({ label: 'Always detect on this site' })).toBe(true);
    await over.close();
    await first.close();
    const page = await browser.openPage(url);
    await expect.poll(() => page.count('mfa-companion-autofill'), { timeout: 5000 }).toBe(1);
    expect(await receivedBy(page)).toBeNull();
    // The button sits in a closed shadow root, drawn at the field's right edge: click there. It takes clicks only
    // once it has been visible and in place for 500 ms (reported asynchronously), so an early click is ignored by
    // design: click again until the page has its code.
    const field = await page.box({ css: '#otp' });
    const startedAt = Date.now();
    await expect
      .poll(
        async () => {
          if (!(await receivedBy(page))) await page.mouseClick(field.x + field.width - 15, field.y + field.height / 2);
          return receivedBy(page);
        },
        { interval: 1000, timeout: 15_000 },
      )
      .not.toBeNull();
    const received = await receivedBy(page);
    expect(codesAround(GITHUB_SECRET, startedAt)).toContain(received?.value);
    await page.close();
  });

  it('watches an NMC: the checker then runs on its pages by itself', async () => {
    const about = await browser.openPage(
      `http://${WATCHED_NMC_HOST}:${servers.primary.port}/nmc/about/nmc3-aos34/NMC/${TOKEN}/aboutnmc.htm`,
    );
    const over = await popupOver(about);
    await over.click({ button: 'Watch this NMC' });
    await over.waitFor({ button: 'Stop watching' });
    await over.close();
    await about.close();
    const list = await browser.openPage(
      `http://${WATCHED_NMC_HOST}:${servers.primary.port}/nmc/blank-disabled/NMC/${TOKEN}/userman.htm`,
    );
    await expect
      .poll(() => list.closedShadowText('mfa-companion-nmc', '.banner'), { timeout: 10_000 })
      .toContain('svc-update has no e-mail address but is disabled');
    await list.close();
  });

  it('exports an encrypted backup, wipes the vault and imports it back', async () => {
    const accountsBefore = await popup.count('.row');
    const options = await browser.openExtensionPage('options.html');
    await options.fill({ label: 'New passphrase', within: 'Backup' }, BACKUP_PASSPHRASE);
    await options.fill({ label: 'Confirm passphrase', within: 'Backup' }, BACKUP_PASSPHRASE);
    // Every secret leaves the vault only after the vault passphrase is typed again.
    await options.click({ button: 'Download encrypted backup', within: 'Backup' });
    await options.fill({ label: 'Passphrase', within: 'Backup' }, PASSPHRASE);
    const backup = await options.download(() =>
      options.click({ button: 'Download encrypted backup', within: 'Backup' }),
    );
    expect(backup).toContain('MFA-COMPANION-BACKUP');
    expect(backup).not.toContain(GITHUB_SECRET);

    await options.fill({ label: 'Type ERASE to delete every account from this browser' }, 'ERASE');
    await options.click({ button: 'Erase the vault' });
    await expect
      .poll(() =>
        browser.inExtension(async () =>
          Object.keys(
            await (
              globalThis as unknown as { chrome: { storage: { local: { get(): Promise<object> } } } }
            ).chrome.storage.local.get(),
          ),
        ),
      )
      .not.toContain('vault.current');
    await popup.reload();
    await popup.fill({ label: 'New passphrase' }, PASSPHRASE);
    await popup.fill({ label: 'Confirm passphrase' }, PASSPHRASE);
    await popup.click({ button: 'Create vault' });
    await popup.waitFor({ button: 'Add account' });

    await options.reload();
    await options.setInputFiles(
      { label: 'File to import', within: 'Import' },
      { name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) },
    );
    await options.fill({ label: 'Passphrase of the file (if encrypted)', within: 'Import' }, 'wrong passphrase here');
    await options.click({ button: 'Read file', within: 'Import' });
    await options.waitForText('Wrong passphrase. Nothing was changed.', 'Import');
    await options.fill({ label: 'Passphrase of the file (if encrypted)', within: 'Import' }, BACKUP_PASSPHRASE);
    await options.click({ button: 'Read file', within: 'Import' });
    await options.waitForText(`${accountsBefore} new, 0 already added, 0 invalid`, 'Import');
    await options.click({ button: /^Import \d+ accounts?$/, within: 'Import' });
    await options.waitForText(`Imported ${accountsBefore} account`, 'Import');
    await options.close();
    await popup.reload();
    await popup.waitFor({ css: '.row .code' });
    expect(codesAround(GITHUB_SECRET, Date.now())).toContain(await popup.attribute({ css: '.row .code' }, 'data-code'));
  });

  it('contacted nothing but the fixture servers', () => {
    const fixtureOrigins = new Set(
      ['127.0.0.1', NMC_HOST, WATCHED_NMC_HOST].map((host) => `http://${host}:${servers.primary.port}`),
    );
    const elsewhere = browser.requestedUrls().filter((url) => !fixtureOrigins.has(new URL(url).origin));
    expect(elsewhere).toEqual([]);
    expect(browser.requestedUrls().length).toBeGreaterThan(0);
  });
});
