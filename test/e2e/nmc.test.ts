import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedBrowser, launchBrowser, recordRequests } from '../lib/browser.ts';
import { type FixtureServers, startFixtureServers } from '../lib/fixture-servers.ts';
import { axeViolations } from './extension-helpers.ts';

/*
 * How the checker gets into a page here. In real use the content script is never in the manifest: it is injected
 * once through `activeTab` ("Check this page", granted by the toolbar click) or registered at runtime for an origin
 * the admin chose to watch, after `permissions.request` showed the browser's prompt. Headless Chromium can grant
 * neither: there is no toolbar to click and no prompt to accept. So the suite loads a copy of the built extension
 * granted `http://*.lan/*` as host permission (see `grantHostPermissions` in test/lib/browser.ts).
 * Everything else is the shipped code path: the popup (opened in a tab with `?tabId=` naming the NMC page) sends the
 * real "check this page" message, so the background injects with `scripting.executeScript`, and the "Watch this
 * NMC" button calls the real `permissions.request` from a trusted click (already granted, so it resolves without a
 * prompt) before the background registers the content script for exactly that origin.
 */
const TEST_HOST_PERMISSION = 'http://*.lan/*';

const HOSTS = {
  watch: 'nmc3.lan',
  ok: 'nmc-ok.lan',
  atRisk: 'nmc-risk.lan',
  blankDisabled: 'nmc-disabled.lan',
  blankReadOnly: 'nmc-readonly.lan',
  french: 'nmc-fr.lan',
  extraColumns: 'nmc-extra.lan',
  editableGrid: 'nmc-grid.lan',
  noEmailColumn: 'nmc-noemail.lan',
  many: 'nmc-many.lan',
  paged: 'nmc-paged.lan',
  userPage: 'nmc-user.lan',
  oldFirmware: 'nmc-old.lan',
  unrelated: 'intranet.lan',
} as const;

let browser: LaunchedBrowser;
let servers: FixtureServers;
let everyRequest: ReturnType<typeof recordRequests>;

const fixtureUrl = (host: string, path: string) => `http://${host}:${servers.primary.port}/nmc/${path}`;

beforeAll(async () => {
  servers = await startFixtureServers();
  browser = await launchBrowser({
    extension: true,
    grantHostPermissions: [TEST_HOST_PERMISSION],
    hosts: Object.values(HOSTS),
  });
  everyRequest = recordRequests(browser.context);
});

afterAll(async () => {
  await browser?.close();
  await servers?.close();
});

async function tabIdOf(url: string): Promise<number> {
  const worker = browser.serviceWorker;
  if (!worker) throw new Error('extension service worker missing');
  const id = await worker.evaluate(async (target) => {
    // Runs in the service worker, where `chrome` exists; test/ is typed without the extension API types.
    type TabsApi = { tabs: { query(filter: object): Promise<Array<{ id?: number; url?: string }>> } };
    const tabs = await (globalThis as unknown as { chrome: TabsApi }).chrome.tabs.query({});
    return tabs.find((tab) => tab.url === target)?.id;
  }, url);
  if (id === undefined) throw new Error(`no tab for ${url}`);
  return id;
}

async function openFixture(host: string, path: string): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(fixtureUrl(host, path));
  return page;
}

/*
 * The popup shows the NMC status in every view (first run, locked, unlocked): an NMC check needs no vault, so this
 * profile never creates one.
 */
async function nmcStatusShown(popup: Page): Promise<void> {
  await popup.locator('.nmc-status').waitFor();
}

async function openPopupFor(page: Page): Promise<Page> {
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${await tabIdOf(page.url())}`);
  await nmcStatusShown(popup);
  return popup;
}

/** "Check this page" from the popup, as the admin would after clicking the toolbar button. */
async function checkThisPage(page: Page): Promise<Page> {
  const popup = await openPopupFor(page);
  await popup.getByRole('button', { name: 'Check this page' }).click();
  return popup;
}

/** The popup's verdict, reloading it until it shows `expected` (the page's report may still be on its way). */
async function popupStatus(popup: Page, expected: string): Promise<string | null> {
  let status: string | null = null;
  for (let attempt = 0; attempt < 20; attempt += 1) {
    status = await popup
      .locator('.nmc-verdict')
      .getAttribute('data-status', { timeout: 250 })
      .catch(() => null);
    if (status === expected) return status;
    await popup.reload();
    await nmcStatusShown(popup);
  }
  return status;
}

/*
 * The banner sits in a closed shadow root, out of reach of page scripts and of Playwright's selectors. The Chrome
 * DevTools Protocol still sees it, the way the browser's own inspector does.
 */
async function bannerRoot(page: Page): Promise<{ cdp: CDPSession; objectId: string } | undefined> {
  const cdp = await browser.context.newCDPSession(page);
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
  if (!shadow) {
    await cdp.detach();
    return undefined;
  }
  const { object } = await cdp.send('DOM.resolveNode', { nodeId: shadow.nodeId });
  if (!object.objectId) throw new Error('banner root not resolvable');
  return { cdp, objectId: object.objectId };
}

async function inBanner<T>(page: Page, fn: string, arg?: string): Promise<T | undefined> {
  const banner = await bannerRoot(page);
  if (!banner) return undefined;
  try {
    const { result } = await banner.cdp.send('Runtime.callFunctionOn', {
      objectId: banner.objectId,
      functionDeclaration: fn,
      arguments: arg === undefined ? [] : [{ value: arg }],
      returnByValue: true,
    });
    return result.value as T;
  } finally {
    await banner.cdp.detach();
  }
}

/** Waits for the banner text to satisfy `expected`, returning it. */
async function bannerText(page: Page, expected: (text: string) => boolean = () => true): Promise<string> {
  let text = '';
  for (let attempt = 0; attempt < 50; attempt += 1) {
    text =
      (await inBanner<string>(
        page,
        'function () { return this.querySelector(".banner")?.textContent.replace(/\\s+/g, " ").trim() }',
      )) ?? '';
    if (text && expected(text)) return text;
    await page.waitForTimeout(100);
  }
  throw new Error(`banner never matched; last text: ${text || '(no banner)'}`);
}

async function clickInBanner(page: Page, buttonText: string): Promise<void> {
  const clicked = await inBanner<boolean>(
    page,
    `function (label) {
      const button = [...this.querySelectorAll('button')].find((b) => b.textContent.trim() === label);
      if (!button) return false;
      button.click();
      return true;
    }`,
    buttonText,
  );
  if (!clicked) throw new Error(`no "${buttonText}" button in the banner`);
}

async function fillInBanner(page: Page, selector: string, value: string): Promise<void> {
  const filled = await inBanner<boolean>(
    page,
    `function (args) {
      const [selector, value] = JSON.parse(args);
      const input = this.querySelector(selector);
      if (!input) return false;
      input.value = value;
      return true;
    }`,
    JSON.stringify([selector, value]),
  );
  if (!filled) throw new Error(`no ${selector} in the banner`);
}

const bannerLink = (page: Page) =>
  inBanner<string | null>(page, 'function () { return this.querySelector("a[href]")?.getAttribute("href") ?? null }');

describe('NMC3 checker in Chromium', () => {
  it('checks an NMC from the popup without any vault, and the first-run view stays accessible', async () => {
    const page = await openFixture(HOSTS.ok, 'ok/users.html');
    const popup = await checkThisPage(page);
    // No vault was ever created in this profile: the popup is on its first-run view, NMC status included.
    expect(await popup.getByRole('heading', { name: 'Create your vault' }).count()).toBe(1);
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('stays silent on an unrelated page', async () => {
    const page = await openFixture(HOSTS.unrelated, 'unrelated.html');
    const popup = await checkThisPage(page);
    await expect.poll(() => popup.locator('.nmc-status').getAttribute('data-state')).toBe('no-user-list');
    expect(await bannerRoot(page)).toBeUndefined();
    await popup.close();
    await page.close();
  });

  it('shows OK with the user name when an enabled administrator has no e-mail', async () => {
    const page = await openFixture(HOSTS.ok, 'ok/users.html');
    const popup = await checkThisPage(page);
    expect(await bannerText(page)).toContain('OK — fwupdate has no e-mail, firmware updates will work');
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    await expect.poll(() => popup.locator('.nmc-headline').textContent()).toContain('fwupdate');
    // The page's own script removes the row (in-place paging, sorting or deletion): the verdict follows.
    await page.evaluate(() => document.querySelector('#userTable tbody tr:nth-child(2)')?.remove());
    expect(await bannerText(page, (t) => !t.includes('OK —'))).toContain('Is multi-factor authentication');
    await popup.close();
    await page.close();
  });

  it('asks about MFA once, then shows At risk with the fix and the docs link', async () => {
    const page = await openFixture(HOSTS.atRisk, 'at-risk/users.html');
    const popup = await checkThisPage(page);
    expect(await bannerText(page)).toContain('Is multi-factor authentication (MFA) enabled on this NMC?');
    await clickInBanner(page, 'Yes, enabled');
    const text = await bannerText(page, (t) => t.includes('At risk'));
    expect(text).toContain('Configuration > Security > Local Users > Management');
    expect(text).toContain('E-mail Address');
    expect(text).toContain('Secure NMC System Tool, EcoStruxure IT Expert, Data Center Expert');
    expect(text).not.toContain('Is multi-factor authentication');
    expect(await bannerLink(page)).toMatch(/\/en\/troubleshooting\/nmc3-firmware-update-mfa\/$/);
    expect(await popupStatus(popup, 'at-risk')).toBe('at-risk');
    // Remembered per host: a reload does not ask again.
    await page.reload();
    await checkThisPage(page).then((p) => p.close());
    expect(await bannerText(page, (t) => t.includes('At risk'))).not.toContain('Is multi-factor');
    await popup.close();
    await page.close();
  });

  it('watches an NMC: MFA and firmware read from the About page, then the list is checked on open', async () => {
    const about = await openFixture(HOSTS.watch, 'about.html');
    const popup = await openPopupFor(about);
    await popup.getByRole('button', { name: 'Watch this NMC' }).click();
    await expect.poll(() => popup.getByRole('button', { name: 'Stop watching' }).count()).toBe(1);
    // The About page feeds the host's knowledge but carries no banner.
    await about.waitForTimeout(300);
    expect(await bannerRoot(about)).toBeUndefined();

    const list = await openFixture(HOSTS.watch, 'blank-disabled/users.html');
    const text = await bannerText(list, (t) => t.includes('At risk'));
    expect(text).toContain('svc-update has no e-mail address but is disabled');
    expect(text).not.toContain('Is multi-factor');
    const listPopup = await openPopupFor(list);
    expect(await popupStatus(listPopup, 'at-risk')).toBe('at-risk');
    await expect.poll(() => listPopup.getByRole('button', { name: 'Stop watching' }).count()).toBe(1);
    await listPopup.close();
    await popup.close();
    await about.close();
    await list.close();
  });

  it('does not count a read-only user without e-mail; a typed firmware version answers the question', async () => {
    const page = await openFixture(HOSTS.blankReadOnly, 'blank-read-only/users.html');
    const popup = await checkThisPage(page);
    await bannerText(page, (t) => t.includes('Is multi-factor'));
    await fillInBanner(page, '#nmc-firmware', 'banana');
    await clickInBanner(page, 'Not sure');
    expect(await bannerText(page, (t) => t.includes('This is not a firmware version'))).toContain('Is multi-factor');
    // MFA unknown, but firmware from v3.4 on can have it: the verdict is at risk.
    await fillInBanner(page, '#nmc-firmware', 'AOS v3.5.1');
    await clickInBanner(page, 'Not sure');
    const text = await bannerText(page, (t) => t.includes('At risk'));
    expect(text).toContain(
      'viewer has no e-mail address, but only a Super User or an Administrator can update firmware',
    );
    expect(await popupStatus(popup, 'at-risk')).toBe('at-risk');
    await popup.close();
    await page.close();
  });

  it('reads the French Web UI', async () => {
    const page = await openFixture(HOSTS.french, 'fr/users.html');
    const popup = await checkThisPage(page);
    expect(await bannerText(page)).toContain('OK — maj-firmware has no e-mail');
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    await popup.close();
    await page.close();
  });

  it('finds its columns among extra, reordered, sortable ones', async () => {
    const page = await openFixture(HOSTS.extraColumns, 'extra-columns/users.html');
    const popup = await checkThisPage(page);
    expect(await bannerText(page)).toContain('OK — ems-sync has no e-mail');
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    await popup.close();
    await page.close();
  });

  it('reads an editable grid: headers under a title row, e-mails held in inputs are not blank', async () => {
    const page = await openFixture(HOSTS.editableGrid, 'editable-grid/users.html');
    const popup = await checkThisPage(page);
    // apc and ops show their addresses only as input values: reading the cell text alone would make apc the candidate.
    expect(await bannerText(page)).toContain('OK — svc-fw has no e-mail');
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    await popup.close();
    await page.close();
  });

  it('waits for every page of a paged list before judging, then merges them', async () => {
    const first = await openFixture(HOSTS.paged, 'paged/users.html');
    await checkThisPage(first).then((p) => p.close());
    await bannerText(first, (t) => t.includes('Is multi-factor'));
    await clickInBanner(first, 'Yes, enabled');
    const partial = await bannerText(first, (t) => t.includes('Not read yet'));
    expect(partial).toContain('Not sure yet');
    expect(partial).toContain('page(s) 2 of the user list');
    const second = await openFixture(HOSTS.paged, 'paged/users-2.html');
    const popup = await checkThisPage(second);
    expect(await bannerText(second)).toContain('OK — fw-page2 has no e-mail');
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    await popup.close();
    await first.close();
    await second.close();
  });

  it('handles a 1,000-user list', async () => {
    const page = await openFixture(HOSTS.many, 'many/users.html');
    const popup = await checkThisPage(page);
    expect(await bannerText(page)).toContain('OK — fw-0777 has no e-mail');
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    await popup.close();
    await page.close();
  });

  it('reads a single user edit page', async () => {
    const page = await openFixture(HOSTS.userPage, 'ok/user-fwupdate.html');
    const popup = await checkThisPage(page);
    expect(await bannerText(page)).toContain('OK — fwupdate has no e-mail');
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    await popup.close();
    await page.close();
  });

  it('is unknown until every user page is read, and “Check all users” reads them same-origin only', async () => {
    const page = await openFixture(HOSTS.noEmailColumn, 'no-email-column/users.html');
    const popup = await checkThisPage(page);
    const before = await bannerText(page, (t) => t.includes('Not sure yet'));
    expect(await popupStatus(popup, 'unknown')).toBe('unknown');
    expect(before).toContain('E-mail address not known yet for: ups-admin, rack-fw');
    const requests = recordRequests(browser.context);
    await clickInBanner(page, 'Check all users');
    expect(await bannerText(page, (t) => t.includes('OK —'))).toContain('OK — rack-fw has no e-mail');
    const fetched = requests.map((request) => request.url()).filter((url) => url.startsWith('http'));
    const origin = new URL(page.url()).origin;
    expect(fetched.length).toBeGreaterThan(0);
    for (const url of fetched) expect(new URL(url).origin).toBe(origin);
    expect(fetched.some((url) => url.endsWith('/user-rack-fw.html'))).toBe(true);
    // The read-only user cannot be the update account, so its page is not needed.
    expect(fetched.some((url) => url.endsWith('/user-rack-view.html'))).toBe(false);
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    await popup.close();
    await page.close();
  });

  it('is not applicable when the About page shows MFA off on old firmware', async () => {
    const about = await openFixture(HOSTS.oldFirmware, 'about-old-firmware.html');
    await checkThisPage(about).then((p) => p.close());
    await about.waitForTimeout(300);
    const list = await openFixture(HOSTS.oldFirmware, 'at-risk/users.html');
    const popup = await checkThisPage(list);
    expect(await bannerText(list)).toContain('Not applicable');
    expect(await popupStatus(popup, 'not-applicable')).toBe('not-applicable');
    await popup.close();
    await about.close();
    await list.close();
  });

  it('lists every checked NMC in the fleet view and exports CSV and JSON without addresses', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const okRow = options.locator(`tr[data-origin="${fixtureUrl(HOSTS.french, '').replace(/\/nmc\/$/, '')}"]`);
    await expect.poll(() => okRow.getAttribute('data-status')).toBe('ok');
    expect(await okRow.textContent()).toContain('maj-firmware');

    const [csvDownload] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await csvDownload.path()) ?? '', 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('host,status,checked_at,candidate,candidates,users_known,users_to_check,mfa,firmware');
    const port = servers.primary.port;
    // The ok host lost its update user when the page removed that row.
    expect(csv).toContain(`http://${HOSTS.ok}:${port},unknown,`);
    expect(csv).toContain(`http://${HOSTS.french}:${port},ok,`);
    expect(csv).toContain(`http://${HOSTS.atRisk}:${port},at-risk,`);
    expect(csv).toContain(`http://${HOSTS.noEmailColumn}:${port},ok,`);
    expect(csv).toContain(`http://${HOSTS.watch}:${port},at-risk,`);
    expect(csv).toContain(',v3.4.0.7');
    expect(csv).not.toContain('@example.com');

    const [jsonDownload] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const json = JSON.parse(readFileSync((await jsonDownload.path()) ?? '', 'utf8')) as {
      format: string;
      hosts: Array<{ origin: string; status: string; candidate: string }>;
    };
    expect(json.format).toBe('mfa-companion-nmc-fleet');
    expect(json.hosts).toContainEqual(
      expect.objectContaining({ origin: `http://${HOSTS.many}:${port}`, status: 'ok', candidate: 'fw-0777' }),
    );
    expect(JSON.stringify(json)).not.toContain('@example');
    // The unrelated page never reported anything.
    expect(json.hosts.some((host) => host.origin.includes(HOSTS.unrelated))).toBe(false);
    await options.close();
  });

  it('sends nothing anywhere but the pages it was shown', () => {
    const port = String(servers.primary.port);
    const hosts = new Set<string>(Object.values(HOSTS));
    for (const request of everyRequest) {
      const url = new URL(request.url());
      if (url.protocol === 'chrome-extension:' || url.protocol === 'blob:' || url.protocol === 'data:') continue;
      expect(hosts.has(url.hostname) && url.port === port, url.href).toBe(true);
    }
  });
});
