// Managed policy in real Chromium: the policy file an administrator deploys (/etc/chromium/policies/managed), read
// by Chromium for this test copy's own extension id, reaches storage.managed, and every key is applied where it
// matters (background, popup, options) and shown locked. An invalid value is ignored with a visible notice.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedBrowser, launchBrowser } from '../lib/browser.ts';
import { FIXTURES_DIR, type FixtureServers, startFixtureServers } from '../lib/fixture-servers.ts';
import { newExtensionIdentity, type WrittenPolicy, writeChromiumExtensionPolicy } from '../lib/managed-policy.ts';
import {
  addByUri,
  axeViolations,
  createVaultThroughUi,
  openPopup,
  optionsUrl,
  PASSPHRASE,
  readVault,
} from './extension-helpers.ts';

/** The few extension APIs called inside extension contexts below (the test workspace has no chrome typings). */
declare const chrome: {
  storage: {
    managed: { get(keys: null): Promise<Record<string, unknown>> };
    local: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
    session: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void> };
  };
  tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string }[]> };
  alarms: { onAlarm: { dispatch(alarm: { name: string; scheduledTime: number }): void } };
  idle: { onStateChanged: { dispatch(state: string): void } };
};

const NMC_HOST = 'nmc-risk.lan';
const FLEET_HOST = 'ups-fleet.lan';
const DOCS_BASE = 'http://docs.corp.lan:8080/mfa-docs/';
const CONTOSO_URI = 'otpauth://totp/Contoso:alice@contoso.com?secret=JBSWY3DPEHPK3PXP&issuer=Contoso';
const OTHER_URI = 'otpauth://totp/Fabrikam:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Fabrikam';

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

interface PolicyBrowser {
  browser: LaunchedBrowser;
  worker: Worker;
  policyFile: WrittenPolicy;
}

/** Writes the policy for a fresh extension id, then starts Chromium with the extension copy carrying that id. */
async function launchWithPolicy(policy: unknown, hosts: string[] = []): Promise<PolicyBrowser> {
  const identity = newExtensionIdentity();
  const policyFile = writeChromiumExtensionPolicy(identity.id, policy);
  try {
    const browser = await launchBrowser({
      extension: true,
      manifestKey: identity.manifestKey,
      grantHostPermissions: ['http://*.lan/*', 'http://127.0.0.1/*'],
      hosts,
    });
    expect(browser.extensionId).toBe(identity.id);
    const worker = browser.serviceWorker as Worker;
    // Chromium loads extension policy shortly after the extension starts.
    await eventually(
      async () =>
        (await worker.evaluate(() => chrome.storage.managed.get(null))).autoLockMaxMinutes ? true : undefined,
      'the policy in storage.managed',
    );
    return { browser, worker, policyFile };
  } catch (error) {
    policyFile.remove();
    throw error;
  }
}

async function tabIdOf(worker: Worker, url: string): Promise<number> {
  const id = await worker.evaluate(
    async (target) => (await chrome.tabs.query({})).find((tab) => tab.url === target)?.id,
    url,
  );
  if (id === undefined) throw new Error(`no tab for ${url}`);
  return id;
}

async function vaultStatus(worker: Worker): Promise<'locked' | 'unlocked'> {
  return worker.evaluate(async () =>
    (await chrome.storage.session.get('vault.key'))['vault.key'] ? 'unlocked' : 'locked',
  );
}

/**
 * Runs `fn` on the NMC banner's closed shadow root through the DevTools protocol (page scripts and Playwright's
 * selectors cannot reach it); undefined while there is no banner.
 */
async function inBanner<T>(browser: LaunchedBrowser, page: Page, fn: string, arg?: string): Promise<T | undefined> {
  const cdp: CDPSession = await browser.context.newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    type DomNode = { localName?: string; nodeId: number; children?: DomNode[]; shadowRoots?: DomNode[] };
    const find = (node: DomNode): DomNode | undefined => {
      if (node.localName === 'mfa-companion-nmc') return node;
      for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
        const found = find(child);
        if (found) return found;
      }
      return undefined;
    };
    const shadow = find(root as DomNode)?.shadowRoots?.[0];
    if (!shadow) return undefined;
    const { object } = await cdp.send('DOM.resolveNode', { nodeId: shadow.nodeId });
    const { result } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId as string,
      functionDeclaration: fn,
      arguments: arg === undefined ? [] : [{ value: arg }],
      returnByValue: true,
    });
    return result.value as T;
  } finally {
    await cdp.detach();
  }
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

describe('a complete, valid policy', () => {
  let servers: FixtureServers;
  let launched: PolicyBrowser;
  let browser: LaunchedBrowser;
  let worker: Worker;
  let popup: Page;
  let policy: ReturnType<typeof fullPolicy>;

  beforeAll(async () => {
    servers = await startFixtureServers();
    policy = fullPolicy(servers.primary.port);
    launched = await launchWithPolicy(policy, [NMC_HOST, FLEET_HOST]);
    ({ browser, worker } = launched);
  });

  afterAll(async () => {
    await browser?.close();
    launched?.policyFile.remove();
    await servers?.close();
  });

  it('reaches storage.managed as the administrator wrote it', async () => {
    expect(await worker.evaluate(() => chrome.storage.managed.get(null))).toEqual(policy);
  });

  it("binds the organisation's sites to a new account of the listed issuer, and only to it", async () => {
    popup = await openPopup(browser);
    await createVaultThroughUi(popup);
    await addByUri(popup, CONTOSO_URI);
    await addByUri(popup, OTHER_URI);
    const accounts = await readVault(worker);
    const sitesOf = (issuer: string) => accounts.find((account) => account.issuer === issuer)?.sites;
    expect(sitesOf('Contoso')).toEqual(['https://login.contoso.com', 'https://mfa.contoso.com']);
    expect(sitesOf('Fabrikam')).toEqual([]);
  });

  it('shows every managed value on the options page, "Set by your organisation", its control locked', async () => {
    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser));
    const section = options.locator('[data-managed-section]');
    await section.waitFor();
    expect(
      await section.locator('li[data-policy]').evaluateAll((items) => items.map((li) => li.dataset.policy)),
    ).toEqual(Object.keys(policy));
    expect(await section.innerText()).toContain('Set by your organisation');

    // Auto-lock: a maximum. The user's default (15) shows as 5; a longer delay cannot be saved.
    const autoLock = options.locator('#auto-lock');
    expect(await autoLock.inputValue()).toBe('5');
    expect(await autoLock.getAttribute('max')).toBe('5');
    expect(await autoLock.getAttribute('min')).toBe('1');
    expect(await options.locator('label[for="auto-lock"]').innerText()).toContain('Set by your organisation');
    await autoLock.fill('30');
    await autoLock.dispatchEvent('change');
    await expect
      .poll(() =>
        worker.evaluate(
          async () =>
            ((await chrome.storage.local.get('settings.vault'))['settings.vault'] as { autoLockMinutes?: number })
              ?.autoLockMinutes,
        ),
      )
      .toBe(5);
    expect(await autoLock.inputValue()).toBe('5');

    const systemLock = options.getByRole('checkbox', { name: /^Lock when the computer locks/ });
    expect(await systemLock.isChecked()).toBe(true);
    expect(await systemLock.isDisabled()).toBe(true);
    const clipboard = options.locator('#clipboard-clear');
    expect(await clipboard.inputValue()).toBe('45');
    expect(await clipboard.isDisabled()).toBe(true);
    expect(await options.locator('label[for="clipboard-clear"]').innerText()).toContain('Set by your organisation');

    // The unencrypted export does not exist at all; the encrypted backup does.
    expect(await options.getByText('Unencrypted export', { exact: true }).count()).toBe(0);
    expect(await options.getByRole('button', { name: 'Download otpauth:// list' }).count()).toBe(0);
    await options.locator('[data-managed="allowUnencryptedExport"]').waitFor();
    await options.getByRole('button', { name: 'Download encrypted backup' }).waitFor();

    const locked = async (name: string) => {
      const box = options.getByRole('checkbox', { name });
      return { checked: await box.isChecked(), disabled: await box.isDisabled() };
    };
    expect(await locked('Allow the unencrypted export')).toEqual({ checked: false, disabled: true });
    expect(await locked('Allow the in-field button (“Always detect on this site”)')).toEqual({
      checked: false,
      disabled: true,
    });
    expect(await locked('Every account fills only on the exact hosts it is bound to')).toEqual({
      checked: true,
      disabled: true,
    });
    expect(await section.locator('li[data-issuer="contoso"]').innerText()).toBe(
      'contoso: https://login.contoso.com, https://mfa.contoso.com',
    );
    expect(await section.locator('li[data-policy="docsBaseUrl"] a').getAttribute('href')).toBe(DOCS_BASE);

    // The fleet view starts with the organisation's NMC, before anyone checked it, with its tool accounts.
    const fleetOrigin = `http://${FLEET_HOST}:${servers.primary.port}`;
    const row = options.locator(`.nmc-fleet-table tr[data-origin="${fleetOrigin}"]`);
    expect(await row.getAttribute('data-status')).toBe('not-checked');
    expect(await row.innerText()).toContain('Tool accounts: nmc-tool (Secure NMC System Tool), itexpert (IT Expert)');
    expect(await row.innerText()).toContain('Not checked yet');
    expect(await row.innerText()).toContain('Set by your organisation');

    expect(await options.getByRole('alert').filter({ hasText: 'were ignored' }).count()).toBe(0);
    expect(await axeViolations(options)).toEqual([]);

    // The in-field button cannot be turned on, not even by the extension's own message.
    const reply = await options.evaluate(
      (origin) => chrome.runtime.sendMessage({ type: 'autofill:set-always-detect', origin, enabled: true }),
      `http://127.0.0.1:${servers.primary.port}`,
    );
    expect(reply).toEqual({ enabled: false });
    const scripts = await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
    expect(scripts.filter((script) => script.id.startsWith('autofill-always-detect:'))).toEqual([]);
    await options.close();
  });

  it('locks the in-field switch and exact-host mode in the popup', async () => {
    const page = await browser.context.newPage();
    await page.goto(`http://127.0.0.1:${servers.primary.port}/autofill/plain-autocomplete.html`);
    const tabPopup = await openPopup(browser, `?tabId=${await tabIdOf(worker, page.url())}`);
    const inField = tabPopup.getByRole('checkbox', { name: /^Always detect on this site/ });
    expect(await inField.isDisabled()).toBe(true);
    expect(await inField.isChecked()).toBe(false);
    expect(await tabPopup.locator('.site-panel').innerText()).toContain('Set by your organisation');

    await tabPopup.getByRole('button', { name: /^Actions for Contoso/ }).click();
    const exact = tabPopup.getByRole('checkbox', { name: /^Fill only on the exact host/ });
    expect(await exact.isChecked()).toBe(true);
    expect(await exact.isDisabled()).toBe(true);
    expect(await axeViolations(tabPopup)).toEqual([]);
    await tabPopup.close();
    await page.close();
  });

  it('clears the clipboard after the managed delay, whatever the user chose', async () => {
    await worker.evaluate(() =>
      chrome.storage.local.set({
        'settings.vault': { autoLockMinutes: 5, clipboardClearSeconds: 0, lockOnSystemLock: false },
      }),
    );
    await popup.reload();
    await popup.locator('.row-main').first().click();
    await popup.getByText(/copied\.$/).waitFor();
    // The background's pending clear, as the popup's copy scheduled it.
    const at = await eventually(
      () =>
        worker.evaluate(
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

  it('locks when the computer locks, though the user turned that off', async () => {
    expect(await vaultStatus(worker)).toBe('unlocked');
    await worker.evaluate(() => chrome.idle.onStateChanged.dispatch('locked'));
    await expect.poll(() => vaultStatus(worker)).toBe('locked');
  });

  it('auto-locks at the managed maximum, though the user chose "never"', async () => {
    await popup.reload();
    await popup.getByLabel('Passphrase').fill(PASSPHRASE);
    await popup.getByRole('button', { name: 'Unlock' }).click();
    await popup.locator('.accounts').waitFor();
    await worker.evaluate(async () => {
      await chrome.storage.local.set({
        'settings.vault': { autoLockMinutes: 0, clipboardClearSeconds: 30, lockOnSystemLock: true },
      });
      // Idle for six minutes: more than the organisation's five, far less than never.
      await chrome.storage.session.set({ 'vault.lastActivity': Date.now() - 6 * 60_000 });
    });
    await worker.evaluate(() => chrome.alarms.onAlarm.dispatch({ name: 'vault:auto-lock', scheduledTime: Date.now() }));
    await expect.poll(() => vaultStatus(worker)).toBe('locked');
  });

  it("points the NMC banner's how-to-fix link at the organisation's docs", async () => {
    const page = await browser.context.newPage();
    // The at-risk card's Local Users page, wherever the fixture generator put it (NMC/<session token>/).
    const session = readdirSync(join(FIXTURES_DIR, 'nmc/at-risk/NMC'))[0];
    await page.goto(`http://${NMC_HOST}:${servers.primary.port}/nmc/at-risk/NMC/${session}/userman.htm`);
    const nmcPopup = await openPopup(browser, `?tabId=${await tabIdOf(worker, page.url())}`);
    await nmcPopup.getByRole('button', { name: 'Check this page' }).click();
    const clickYes = `function (label) {
      const button = [...this.querySelectorAll('button')].find((b) => b.textContent.trim() === label);
      button?.click();
      return button ? true : undefined;
    }`;
    await eventually(() => inBanner<boolean>(browser, page, clickYes, 'Yes, enabled'), 'the MFA question');
    const linkHref = 'function () { return this.querySelector(".actions a")?.href }';
    expect(await eventually(() => inBanner<string>(browser, page, linkHref), 'the docs link')).toBe(
      `${DOCS_BASE}en/troubleshooting/nmc3-firmware-update-mfa/`,
    );
    // The card's tool account comes from the policy: stored as the organisation's, shown locked in the banner.
    const origin = `http://${NMC_HOST}:${servers.primary.port}`;
    expect(
      await worker.evaluate(async (key) => (await chrome.storage.local.get(key))[key], `nmc:tool-accounts:${origin}`),
    ).toEqual([{ tool: 'secure-nmc-system-tool', user: 'apc', source: 'policy' }]);
    const toolsText = 'function () { return this.querySelector(".tools[data-managed]")?.textContent }';
    const tools = await eventually(() => inBanner<string>(browser, page, toolsText), 'the managed tool accounts');
    expect(tools).toContain('apc');
    expect(tools).toContain('Set by your organisation');
    expect(
      await inBanner<number>(browser, page, 'function () { return this.querySelectorAll(".tools input").length }'),
    ).toBe(0);
    await nmcPopup.close();
    await page.close();
  });
});

describe('a policy with invalid values', () => {
  let launched: PolicyBrowser;

  beforeAll(async () => {
    // Each value passes Chromium's schema check (right JSON types) but not the extension's own rules.
    launched = await launchWithPolicy({
      autoLockMaxMinutes: 10,
      docsBaseUrl: 'javascript:alert(document.cookie)',
      issuerSites: [{ issuer: 'Contoso', sites: ['file:///etc/passwd', 'https://login.contoso.com'] }],
      nmcHosts: [{ origin: 'not a host at all', toolAccounts: [{ tool: 'secure-nmc-system-tool', user: 'apc' }] }],
    });
  });

  afterAll(async () => {
    await launched?.browser.close();
    launched?.policyFile.remove();
  });

  it('ignores each invalid value with a visible notice, and applies the valid ones', async () => {
    const { browser } = launched;
    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser));
    const notice = options.getByRole('alert').filter({ hasText: 'Some settings from your organisation were ignored' });
    await notice.waitFor();
    const text = await notice.innerText();
    expect(text).toContain('“docsBaseUrl” is not an http or https address');
    expect(text).toContain('“issuerSites[0].sites[0]” is not an http or https address.');
    expect(text).toContain('“nmcHosts[0].origin” is not an http or https address.');
    const section = options.locator('[data-managed-section]');
    expect(
      await section.locator('li[data-policy]').evaluateAll((items) => items.map((li) => li.dataset.policy)),
    ).toEqual(['autoLockMaxMinutes', 'issuerSites']);
    expect(await section.locator('li[data-issuer="Contoso"]').innerText()).toBe('Contoso: https://login.contoso.com');
    // Nothing is broken elsewhere: the popup still opens to its first run.
    const popup = await openPopup(browser);
    await popup.getByLabel('New passphrase').waitFor();
    expect(await axeViolations(options)).toEqual([]);
  });
});
