// Managed policy in real Chromium and Firefox ESR: the file an administrator deploys (Chromium:
// /etc/chromium/policies/managed/*.json; Firefox: policies.json) reaches storage.managed of this test's own copy of
// the extension, and every key is applied where it matters (background, popup, options, NMC banner) and shown
// locked. An invalid value is ignored with a visible notice. The test writes and removes only its own policy file.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { findFirefox } from '@mfa-companion/toolchain/firefox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64ToBytes, openVaultWithKey } from '../../packages/vault/dist/index.js';
import { type LaunchedBrowser, launchBrowser } from '../lib/browser.ts';
import {
  BROWSER_NAMES,
  type BrowserName,
  type DriverPage,
  type ExtensionBrowser,
  type ExtensionBrowserOptions,
  launchExtensionBrowser,
} from '../lib/driver.ts';
import { FIXTURES_DIR, type FixtureServers, startFixtureServers } from '../lib/fixture-servers.ts';
import {
  newExtensionIdentity,
  type WrittenPolicy,
  writeChromiumExtensionPolicy,
  writeFirefoxExtensionPolicy,
} from '../lib/managed-policy.ts';
import {
  addByUri as addByUriInChromium,
  axeViolations,
  createVaultThroughUi,
  openPopup,
  optionsUrl,
} from './extension-helpers.ts';

/** The few extension APIs called inside extension contexts below (the test workspace has no chrome typings). */
declare const chrome: {
  storage: {
    managed: { get(keys: null): Promise<Record<string, unknown>> };
    local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
    session: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
  };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> };
  alarms: { onAlarm: { dispatch(alarm: { name: string; scheduledTime: number }): void } };
  idle: { onStateChanged: { dispatch(state: string): void } };
};

const PASSPHRASE = 'violet harbor kettle 42 drift';
const POPUP_SIZE = { width: 384, height: 600 };
const NMC_HOST = 'nmc-risk.lan';
const FLEET_HOST = 'ups-fleet.lan';
const DOCS_BASE = 'http://docs.corp.lan:8080/mfa-docs/';
const CONTOSO_URI = 'otpauth://totp/Contoso:alice@contoso.com?secret=JBSWY3DPEHPK3PXP&issuer=Contoso';
const OTHER_URI = 'otpauth://totp/Fabrikam:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Fabrikam';
/** Not the normal build's id: a policy for this copy can never reach anyone's ordinary Firefox test run. */
const FIREFOX_TEST_ADDON_ID = 'mfa-companion-policy-e2e@mfa-companion.dev';

const ENV_BROWSERS = process.env.E2E_BROWSERS?.split(',').filter(Boolean);
const browsers = BROWSER_NAMES.filter((name) => !ENV_BROWSERS || ENV_BROWSERS.includes(name));

/** One value for every key of public/managed_schema.json, each different from the extension's default. */
function fullPolicy(fixturePort: number) {
  return {
    autoLockMaxMinutes: 5,
    lockOnSystemLock: true,
    clipboardClearSeconds: 45,
    allowUnencryptedExport: false,
    allowInFieldButton: false,
    exactHostOnly: true,
    issuerSites: [{ issuer: 'contoso', sites: ['https://login.contoso.com', 'https://mfa.contoso.com/'] }],
    nmcHosts: [
      {
        origin: `http://${FLEET_HOST}:${fixturePort}`,
        toolAccounts: [
          { tool: 'secure-nmc-system-tool', user: 'nmc-tool' },
          { tool: 'ecostruxure-it-expert', user: 'itexpert' },
        ],
      },
      { origin: `http://${NMC_HOST}:${fixturePort}`, toolAccounts: [{ tool: 'secure-nmc-system-tool', user: 'apc' }] },
    ],
    docsBaseUrl: DOCS_BASE,
  };
}

/**
 * The identity of this run's extension copy and where its policy goes: Chromium keys extension policy by the id a
 * manifest `key` fixes (a fresh key per run); Firefox by the add-on id of the copy.
 */
function policyTarget(name: BrowserName): { options: ExtensionBrowserOptions; write(policy: unknown): WrittenPolicy } {
  if (name === 'chromium') {
    const identity = newExtensionIdentity();
    return {
      options: { manifestKey: identity.manifestKey },
      write: (policy) => writeChromiumExtensionPolicy(identity.id, policy),
    };
  }
  const firefox = findFirefox();
  if (!firefox) throw new Error('Firefox ESR not found: apt-get install -y firefox-esr');
  return {
    options: { addonId: FIREFOX_TEST_ADDON_ID },
    write: (policy) => writeFirefoxExtensionPolicy(firefox, FIREFOX_TEST_ADDON_ID, policy),
  };
}

/** Polls `read` until it returns something other than undefined (hooks cannot use expect.poll). */
async function eventually<T>(read: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface PolicyBrowser {
  browser: ExtensionBrowser;
  policyFile: WrittenPolicy;
}

/** Writes the policy for this run's extension copy, then starts the browser with that copy. */
async function launchWithPolicy(name: BrowserName, policy: unknown, hosts: string[] = []): Promise<PolicyBrowser> {
  const target = policyTarget(name);
  const policyFile = target.write(policy);
  try {
    const browser = await launchExtensionBrowser(name, {
      hosts,
      grantHostPermissions: ['http://*.lan/*', 'http://127.0.0.1/*'],
      ...target.options,
    });
    // Chromium loads extension policy shortly after the extension starts; Firefox has it from start-up.
    await eventually(
      async () =>
        Object.keys(await browser.inExtension(() => chrome.storage.managed.get(null))).length ? true : undefined,
      'the policy in storage.managed',
    ).catch(async (error) => {
      await browser.close();
      throw error;
    });
    return { browser, policyFile };
  } catch (error) {
    policyFile.remove();
    throw error;
  }
}

/** The state of the checkbox whose label starts with `label`. */
function checkbox(page: DriverPage, label: string): Promise<{ checked: boolean; disabled: boolean } | null> {
  return page.evaluate((text: string) => {
    const found = [...document.querySelectorAll('label')].find((element) =>
      (element.textContent ?? '').replace(/\s+/g, ' ').trim().startsWith(text),
    );
    const input = found?.querySelector('input') ?? (found?.htmlFor ? document.getElementById(found.htmlFor) : null);
    return input instanceof HTMLInputElement ? { checked: input.checked, disabled: input.disabled } : null;
  }, label);
}

async function userSetting(browser: ExtensionBrowser, name: string): Promise<unknown> {
  const settings = await browser.inExtension(
    async () => (await chrome.storage.local.get('settings.vault'))['settings.vault'] as Record<string, unknown>,
  );
  return settings?.[name];
}

async function vaultStatus(browser: ExtensionBrowser): Promise<'locked' | 'unlocked'> {
  return browser.inExtension(async () =>
    (await chrome.storage.session.get('vault.key'))['vault.key'] ? 'unlocked' : 'locked',
  );
}

/** The decrypted accounts, read from extension storage and opened with the session key, in Node. */
async function vaultAccounts(browser: ExtensionBrowser) {
  const { text, key } = await browser.inExtension(async () => ({
    text: (await chrome.storage.local.get('vault.current'))['vault.current'] as string,
    key: ((await chrome.storage.session.get('vault.key'))['vault.key'] as { key: string }).key,
  }));
  return (await openVaultWithKey(text, base64ToBytes(key))).accounts;
}

async function addByUri(popup: DriverPage, uri: string): Promise<void> {
  await popup.click({ button: 'Add account' });
  await popup.fill({ label: 'Paste an otpauth:// or otpauth-migration:// link' }, uri);
  await popup.click({ button: 'Read link' });
  await popup.click({ button: /^Add \d+ accounts?$/ });
  await popup.waitFor({ css: '.accounts' });
}

const policyItems = (page: DriverPage) =>
  page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-managed-section] li[data-policy]')].map(
      (li) => li.dataset.policy,
    ),
  );

describe.each(browsers)('%s: a complete, valid policy', (browserName) => {
  let servers: FixtureServers;
  let launched: PolicyBrowser;
  let browser: ExtensionBrowser;
  let popup: DriverPage;
  let policy: ReturnType<typeof fullPolicy>;

  beforeAll(async () => {
    servers = await startFixtureServers();
    policy = fullPolicy(servers.primary.port);
    launched = await launchWithPolicy(browserName, policy, [NMC_HOST, FLEET_HOST]);
    browser = launched.browser;
  });

  afterAll(async () => {
    await browser?.close();
    launched?.policyFile.remove();
    await servers?.close();
  });

  it('reaches storage.managed as the administrator wrote it', async () => {
    expect(await browser.inExtension(() => chrome.storage.managed.get(null))).toEqual(policy);
  });

  it("binds the organisation's sites to a new account of the listed issuer, and only to it", async () => {
    popup = await browser.openExtensionPage('popup.html', POPUP_SIZE);
    await popup.fill({ label: 'New passphrase' }, PASSPHRASE);
    await popup.fill({ label: 'Confirm passphrase' }, PASSPHRASE);
    await popup.click({ button: 'Create vault' });
    await popup.waitFor({ button: 'Add account' });
    await addByUri(popup, CONTOSO_URI);
    await addByUri(popup, OTHER_URI);
    const accounts = await vaultAccounts(browser);
    const sitesOf = (issuer: string) => accounts.find((account) => account.issuer === issuer)?.sites;
    expect(sitesOf('Contoso')).toEqual(['https://login.contoso.com', 'https://mfa.contoso.com']);
    expect(sitesOf('Fabrikam')).toEqual([]);
  });

  it('shows every managed value on the options page, "Set by your organisation", its control locked', async () => {
    const options = await browser.openExtensionPage('options.html');
    await options.waitFor({ css: '[data-managed-section] li[data-policy]' });
    expect(await policyItems(options)).toEqual(Object.keys(policy));
    expect(await options.text({ css: '#managed-title' })).toContain('Set by your organisation');

    // Auto-lock: a maximum. The user's default shows as 5; a longer delay cannot be saved.
    await options.waitFor({ css: '#auto-lock' });
    expect(await options.value({ css: '#auto-lock' })).toBe('5');
    expect(await options.attribute({ css: '#auto-lock' }, 'max')).toBe('5');
    expect(await options.attribute({ css: '#auto-lock' }, 'min')).toBe('1');
    expect(await options.text({ css: 'label[for="auto-lock"]' })).toContain('Set by your organisation');
    await options.fill({ css: '#auto-lock' }, '30');
    await options.press('Tab');
    await expect.poll(() => userSetting(browser, 'autoLockMinutes')).toBe(5);
    expect(await options.value({ css: '#auto-lock' })).toBe('5');

    if (browserName === 'chromium') {
      expect(await checkbox(options, 'Lock when the computer locks')).toEqual({ checked: true, disabled: true });
    } else {
      // Firefox cannot report a locked screen: no switch to lock, and the organisation's value is listed with that said.
      expect(await checkbox(options, 'Lock when the computer locks')).toBeNull();
      expect(await options.text({ css: 'li[data-policy="lockOnSystemLock"]' })).toContain(
        'This browser does not tell extensions when the computer locks',
      );
    }
    expect(await options.value({ css: '#clipboard-clear' })).toBe('45');
    expect(await options.isDisabled({ css: '#clipboard-clear' })).toBe(true);
    expect(await options.text({ css: 'label[for="clipboard-clear"]' })).toContain('Set by your organisation');

    // The unencrypted export does not exist at all; the encrypted backup does.
    await options.waitFor({ css: '[data-managed="allowUnencryptedExport"]' });
    expect(await options.count('.options details')).toBe(0);
    await options.waitFor({ button: 'Download encrypted backup' });

    expect(await checkbox(options, 'Allow the unencrypted export')).toEqual({ checked: false, disabled: true });
    expect(await checkbox(options, 'Allow the in-field button')).toEqual({ checked: false, disabled: true });
    expect(await checkbox(options, 'Every account fills only on the exact hosts')).toEqual({
      checked: true,
      disabled: true,
    });
    expect((await options.text({ css: 'li[data-issuer="contoso"]' })).trim()).toBe(
      'contoso: https://login.contoso.com, https://mfa.contoso.com',
    );
    expect(await options.attribute({ css: 'li[data-policy="docsBaseUrl"] a' }, 'href')).toBe(DOCS_BASE);

    // The fleet view starts with the organisation's NMC, before anyone checked it, with its tool accounts.
    const row = `.nmc-fleet-table tr[data-origin="http://${FLEET_HOST}:${servers.primary.port}"]`;
    expect(await options.attribute({ css: row }, 'data-status')).toBe('not-checked');
    const rowText = await options.text({ css: row });
    expect(rowText).toContain('Tool accounts: nmc-tool (Secure NMC System Tool), itexpert (IT Expert)');
    expect(rowText).toContain('Not checked yet');
    expect(rowText).toContain('Set by your organisation');
    expect(await options.count('.managed-notice')).toBe(0);

    // The in-field button cannot be turned on, not even by the extension's own message.
    const reply = await options.evaluate(
      (origin: string) => chrome.runtime.sendMessage({ type: 'autofill:set-always-detect', origin, enabled: true }),
      `http://127.0.0.1:${servers.primary.port}`,
    );
    expect(reply).toEqual({ enabled: false });
    const scripts = await options.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    expect(scripts.filter((script) => script.id.startsWith('autofill-always-detect:'))).toEqual([]);
    await options.close();
  });

  it('locks the in-field switch and exact-host mode in the popup', async () => {
    const page = await browser.openPage(`http://127.0.0.1:${servers.primary.port}/autofill/plain-autocomplete.html`);
    const tabId = await browser.tabIdOf(await page.url());
    const over = await browser.openExtensionPage(`popup.html?tabId=${tabId}`, POPUP_SIZE);
    // The fill box shows only where an account can fill: bind Contoso to this page first, as a user would.
    await over.click({ button: /^Fill the code for Contoso/ });
    await over.click({ button: 'Bind and fill' });
    await over.waitFor({ css: '.site-panel' });
    expect(await checkbox(over, 'Always detect on this site')).toEqual({ checked: false, disabled: true });
    expect(await over.text({ css: '.site-panel' })).toContain('Set by your organisation');
    await over.click({ button: /^Actions for Contoso/ });
    await over.waitFor({ css: '.sheet' });
    expect(await checkbox(over, 'Fill only on the exact host')).toEqual({ checked: true, disabled: true });
    await over.close();
    await page.close();
  });

  it('clears the clipboard after the managed delay, whatever the user chose', async () => {
    await browser.inExtension(() =>
      chrome.storage.local.set({
        'settings.vault': { autoLockMinutes: 5, clipboardClearSeconds: 0, lockOnSystemLock: false },
      }),
    );
    await popup.reload();
    await popup.click({ css: '.row-main' });
    await popup.waitForText('copied.');
    // The background's pending clear, as the popup's copy scheduled it.
    const at = await eventually(
      () =>
        browser.inExtension(
          async () =>
            (
              (await chrome.storage.session.get('vault.pendingClipboardClear'))['vault.pendingClipboardClear'] as
                | { at: number }
                | undefined
            )?.at,
        ),
      'the scheduled clipboard clear',
    );
    expect(at - Date.now()).toBeGreaterThan(35_000);
    expect(at - Date.now()).toBeLessThanOrEqual(45_000);
  });

  // Firefox offers no way to put the system into the locked idle state from a test (Chromium's events can be
  // dispatched in the worker); there, the locked value is checked on the options page above.
  it.skipIf(browserName === 'firefox')('locks when the computer locks, though the user turned that off', async () => {
    expect(await vaultStatus(browser)).toBe('unlocked');
    await browser.inExtension(() => chrome.idle.onStateChanged.dispatch('locked'));
    await expect.poll(() => vaultStatus(browser)).toBe('locked');
  });

  it('auto-locks at the managed maximum, though the user chose "never"', { timeout: 120_000 }, async () => {
    await popup.reload();
    if ((await vaultStatus(browser)) === 'locked') {
      await popup.fill({ label: 'Passphrase' }, PASSPHRASE);
      await popup.click({ button: 'Unlock' });
    }
    await popup.waitFor({ css: '.accounts' });
    // Closed first: an open popup marks activity when it shows the list, which would race the idle time set here.
    await popup.close();
    await browser.inExtension(async () => {
      await chrome.storage.local.set({
        'settings.vault': { autoLockMinutes: 0, clipboardClearSeconds: 30, lockOnSystemLock: true },
      });
      // Idle for six minutes: more than the organisation's five, far less than never.
      await chrome.storage.session.set({ 'vault.lastActivity': Date.now() - 6 * 60_000 });
    });
    if (browserName === 'chromium') {
      // The worker's own alarm listener, now instead of within the minute.
      await browser.inExtension(() =>
        chrome.alarms.onAlarm.dispatch({ name: 'vault:auto-lock', scheduledTime: Date.now() }),
      );
    }
    // Firefox: the real once-a-minute alarm.
    await expect.poll(() => vaultStatus(browser), { timeout: 75_000, interval: 500 }).toBe('locked');
  });

  it("points the NMC banner's how-to-fix link at the organisation's docs, with the organisation's tool account", async () => {
    // The at-risk card's Local Users page, wherever the fixture generator put it (NMC/<session token>/).
    const session = readdirSync(join(FIXTURES_DIR, 'nmc/at-risk/NMC'))[0];
    const page = await browser.openPage(
      `http://${NMC_HOST}:${servers.primary.port}/nmc/at-risk/NMC/${session}/userman.htm`,
    );
    const tabId = await browser.tabIdOf(await page.url());
    const over = await browser.openExtensionPage(`popup.html?tabId=${tabId}`, POPUP_SIZE);
    await over.click({ button: 'Check this page' });
    const clickYes = `function (label) {
      const button = [...this.querySelectorAll('button')].find((b) => b.textContent.trim() === label);
      button?.click();
      return button ? true : undefined;
    }`;
    await eventually(
      () => page.inClosedShadow<boolean>('mfa-companion-nmc', clickYes, 'Yes, enabled'),
      'the MFA question',
    );
    const linkHref = 'function () { return this.querySelector(".actions a")?.href }';
    expect(await eventually(() => page.inClosedShadow<string>('mfa-companion-nmc', linkHref), 'the docs link')).toBe(
      `${DOCS_BASE}en/troubleshooting/nmc3-firmware-update-mfa/`,
    );
    // The card's tool account comes from the policy: stored as the organisation's, shown locked in the banner.
    const origin = `http://${NMC_HOST}:${servers.primary.port}`;
    expect(
      await browser.inExtension(
        async (key: string) => (await chrome.storage.local.get(key))[key],
        `nmc:tool-accounts:${origin}`,
      ),
    ).toEqual([{ tool: 'secure-nmc-system-tool', user: 'apc', source: 'policy' }]);
    const toolsText = 'function () { return this.querySelector(".tools[data-managed]")?.textContent }';
    const tools = await eventually(
      () => page.inClosedShadow<string>('mfa-companion-nmc', toolsText),
      'the managed tool accounts',
    );
    expect(tools).toContain('apc');
    expect(tools).toContain('Set by your organisation');
    const inputs = 'function () { return this.querySelectorAll(".tools input").length }';
    expect(await page.inClosedShadow<number>('mfa-companion-nmc', inputs)).toBe(0);
    await over.close();
    await page.close();
  });
});

describe.each(browsers)('%s: a policy with invalid values', (browserName) => {
  let launched: PolicyBrowser;

  // Each of these passes Chromium's schema check (right JSON types) but not the extension's own rules. Firefox
  // checks nothing, so its copy also gets values of the wrong type and a misspelt key.
  const policy = {
    autoLockMaxMinutes: 10,
    docsBaseUrl: 'javascript:alert(document.cookie)',
    issuerSites: [{ issuer: 'Contoso', sites: ['file:///etc/passwd', 'https://login.contoso.com'] }],
    nmcHosts: [{ origin: 'not a host at all', toolAccounts: [{ tool: 'secure-nmc-system-tool', user: 'apc' }] }],
    ...(browserName === 'firefox' ? { lockOnSystemLock: 'yes', clipboardClearSecs: 5 } : {}),
  };

  beforeAll(async () => {
    launched = await launchWithPolicy(browserName, policy);
  });

  afterAll(async () => {
    await launched?.browser.close();
    launched?.policyFile.remove();
  });

  it('ignores each invalid value with a visible notice, and applies the valid ones', async () => {
    const { browser } = launched;
    const options = await browser.openExtensionPage('options.html');
    await options.waitForText('Some settings from your organisation were ignored');
    const notice = await options.text({ css: '.managed-notice' });
    expect(await options.attribute({ css: '.managed-notice' }, 'role')).toBe('alert');
    expect(notice).toContain('“docsBaseUrl” is not an http or https address');
    expect(notice).toContain('“issuerSites[0].sites[0]” is not an http or https address.');
    expect(notice).toContain('“nmcHosts[0].origin” is not an http or https address.');
    if (browserName === 'firefox') {
      expect(notice).toContain('“lockOnSystemLock” has the wrong type of value.');
      expect(notice).toContain('“clipboardClearSecs” is not a setting MFA Companion knows.');
    }
    expect(await policyItems(options)).toEqual(['autoLockMaxMinutes', 'issuerSites']);
    expect((await options.text({ css: 'li[data-issuer="Contoso"]' })).trim()).toBe(
      'Contoso: https://login.contoso.com',
    );
    // Nothing is broken elsewhere: the popup still opens to its first run.
    const popup = await browser.openExtensionPage('popup.html', POPUP_SIZE);
    await popup.waitFor({ label: 'New passphrase' });
  });
});

// The locked controls, badges and notices are new UI: axe-core checks them where it can run unhindered by the
// pages' CSP (Chromium's DevTools protocol).
describe.skipIf(!browsers.includes('chromium'))('chromium: accessibility of the managed state', () => {
  let servers: FixtureServers;
  let launched: LaunchedBrowser;
  let policyFile: WrittenPolicy;

  beforeAll(async () => {
    servers = await startFixtureServers();
    const identity = newExtensionIdentity();
    // One valid policy and one invalid value, so the notice is on the page too.
    policyFile = writeChromiumExtensionPolicy(identity.id, {
      ...fullPolicy(servers.primary.port),
      docsBaseUrl: 'ftp://docs.example.com/',
    });
    // The fixture host's permission, so the extension sees the tab's address (the state after the user grants it).
    launched = await launchBrowser({
      extension: true,
      manifestKey: identity.manifestKey,
      grantHostPermissions: ['http://127.0.0.1/*'],
    });
    const worker = launched.serviceWorker;
    await eventually(
      async () =>
        Object.keys((await worker?.evaluate(() => chrome.storage.managed.get(null))) ?? {}).length ? true : undefined,
      'the policy in storage.managed',
    );
  });

  afterAll(async () => {
    await launched?.close();
    policyFile?.remove();
    await servers?.close();
  });

  it('has no axe violations on the options page and the popup', async () => {
    const popup = await openPopup(launched);
    await createVaultThroughUi(popup);
    await addByUriInChromium(popup, CONTOSO_URI);
    const page = await launched.context.newPage();
    await page.goto(`http://127.0.0.1:${servers.primary.port}/autofill/plain-autocomplete.html`);
    const tabs = await launched.serviceWorker?.evaluate(() =>
      (
        globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }
      ).chrome.tabs.query({}),
    );
    const tabId = tabs?.find((tab) => tab.url === page.url())?.id;
    const over = await openPopup(launched, `?tabId=${tabId}`);
    // The fill box shows only where an account can fill: Contoso is bound to this page first.
    await over.getByRole('button', { name: /^Fill the code for Contoso/ }).click();
    await over.getByRole('button', { name: 'Bind and fill' }).click();
    await over.locator('.site-panel .managed-badge').waitFor();
    expect(await axeViolations(over)).toEqual([]);
    await over.getByRole('button', { name: /^Actions for Contoso/ }).click();
    await over.locator('.sheet .managed-badge').waitFor();
    expect(await axeViolations(over)).toEqual([]);

    const options = await launched.context.newPage();
    await options.goto(optionsUrl(launched));
    await options.locator('.managed-notice').waitFor();
    await options.locator('.nmc-fleet-table .managed-badge').first().waitFor();
    expect(await axeViolations(options)).toEqual([]);
  });
});
