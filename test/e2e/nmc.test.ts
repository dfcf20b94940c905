import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAccount, createVault, sealVault } from '@mfa-companion/vault';
import type { CDPSession, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN } from '../fixtures/nmc/token.ts';
import { type LaunchedBrowser, launchBrowser, recordRequests } from '../lib/browser.ts';
import { type FixtureServers, startFixtureServers } from '../lib/fixture-servers.ts';
import { axeViolations, createVaultThroughUi, readClipboard, storeUnlockedVault } from './extension-helpers.ts';

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
const SCREENSHOTS = join(import.meta.dirname, '..', 'screenshots');

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
  nmc2: 'nmc2.lan',
  pdu: 'rpdu.lan',
  upsAbout: 'nmc-ups.lan',
  tools: 'nmc-tools.lan',
  confirm: 'nmc-confirm.lan',
  unknownLayout: 'nmc-odd.lan',
  login: 'nmc-login.lan',
  german: 'nmc-de.lan',
  japanese: 'nmc-ja.lan',
  firstGeneration: 'nmc1.lan',
  embeddedNmc3: 'pdu-nmc3.lan',
  hostileNames: 'nmc-names.lan',
  recheck: 'nmc-recheck.lan',
  layout: 'nmc-layout.lan',
  unrelated: 'intranet.lan',
  /** A secure context (localhost) where the test may read the clipboard. */
  clipboard: 'localhost',
} as const;

const card = (dir: string, file: string) => `${dir}/NMC/${TOKEN}/${file}`;
const list = (state: string) => card(state, 'userman.htm');
const about = (kind: string) => card(`about/${kind}`, kind === 'ups' ? 'aboutups.htm' : 'aboutnmc.htm');

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
 * The popup shows the NMC card once a vault exists (locked or unlocked), and only on a page that reads as an NMC or a
 * watched host: the first test creates the vault after proving the card is absent before.
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

/** Sets a text field of the banner's tool-account form (inputs are named after the tool ids in POLICY). */
async function nameToolAccount(page: Page, tool: string, user: string): Promise<void> {
  await fillInBanner(page, `#nmc-tool-${tool}`, user);
  await clickInBanner(page, 'Save accounts');
}

/** In-page code (run with the banner's shadow root as `this`): the button whose text is `label`. */
const FIND_BANNER_BUTTON = "[...this.querySelectorAll('button')].find((b) => b.textContent.trim() === label)";

/**
 * Clicks a banner button as the user does, with the mouse where it is drawn: the banner ignores the `click()` a page
 * script could make on it (see "ignores clicks a page script makes on the banner").
 */
async function clickInBanner(page: Page, buttonText: string): Promise<void> {
  const box = await inBanner<{ x: number; y: number; width: number; height: number } | null>(
    page,
    `function (label) {
      const button = ${FIND_BANNER_BUTTON};
      if (!button) return null;
      // A button inside a closed <details> is first revealed, as the user does by opening it.
      for (let d = button.closest('details'); d; d = d.parentElement?.closest('details')) d.open = true;
      button.scrollIntoView({ block: 'center' });
      return button.getBoundingClientRect().toJSON();
    }`,
    buttonText,
  );
  if (!box) throw new Error(`no "${buttonText}" button in the banner`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** What a hostile page script can do: reach into the closed root and call `click()` (an untrusted event). */
async function scriptClickInBanner(page: Page, buttonText: string): Promise<void> {
  const clicked = await inBanner<boolean>(
    page,
    `function (label) {
      const button = ${FIND_BANNER_BUTTON};
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
  it('shows no NMC card before a vault exists; once it does, checks an NMC from the popup', async () => {
    const page = await openFixture(HOSTS.ok, list('ok'));
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${await tabIdOf(page.url())}`);
    await popup.getByRole('heading', { name: 'Create your vault' }).waitFor();
    await popup.waitForTimeout(300);
    expect(await popup.locator('.nmc-status').count()).toBe(0);
    await createVaultThroughUi(popup);
    await popup.reload();
    await nmcStatusShown(popup);
    // On an NMC page the NMC card comes first and there is no fill box (its codes arrive by e-mail).
    expect(await popup.getByRole('button', { name: 'Fill on this page' }).count()).toBe(0);
    await popup.getByRole('button', { name: 'Check this page' }).click();
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();
    await page.close();
  });

  it('stays silent on an unrelated page: no NMC card in the popup, no banner', async () => {
    const page = await openFixture(HOSTS.unrelated, 'unrelated.html');
    const popup = await browser.context.newPage();
    await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${await tabIdOf(page.url())}`);
    await popup.getByRole('button', { name: 'Add account' }).first().waitFor();
    await popup.waitForTimeout(500);
    expect(await popup.locator('.nmc-status').count()).toBe(0);
    expect(await bannerRoot(page)).toBeUndefined();
    await popup.close();
    await page.close();
  });

  it('shows OK on the grouped list, says who gets e-mailed codes, and follows the page when a row goes', async () => {
    const page = await openFixture(HOSTS.ok, list('ok'));
    const popup = await checkThisPage(page);
    const text = await bannerText(page);
    expect(text).toContain('OK — fwupdate has no e-mail, firmware updates will work');
    expect(text).toContain('by e-mail (so they depend on its e-mail settings): apc, facilities, and monitor');
    expect(text).toContain('Sign in with their password alone (no e-mail address, so no MFA): fwupdate');
    // Nothing named yet: the banner suggests naming the tools' account.
    expect(text).toContain('Name the account your tools sign in with');
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    await expect.poll(() => popup.locator('.nmc-headline').textContent()).toContain('fwupdate');
    expect(await popup.locator('.nmc-sign-in').textContent()).toContain('password alone');
    // The page's own script removes the row (in-place paging, sorting or deletion): the verdict follows.
    await page.evaluate(() =>
      [...document.querySelectorAll('#userTable tr')].find((row) => row.textContent?.includes('fwupdate'))?.remove(),
    );
    expect(await bannerText(page, (t) => !t.includes('OK —'))).toContain('Is MFA (multi-factor authentication) on');
    await popup.close();
    await page.close();
  });

  it('ignores clicks a page script makes on the banner: only the user answers', async () => {
    const page = await openFixture(HOSTS.atRisk, list('at-risk'));
    const popup = await checkThisPage(page);
    expect(await bannerText(page)).toContain('Is MFA (multi-factor authentication) on for this NMC?');
    // "No" would turn the verdict to OK for this host: a script on the page must not be able to answer it.
    await scriptClickInBanner(page, 'No');
    await scriptClickInBanner(page, '×');
    await page.waitForTimeout(300);
    const text = await bannerText(page);
    expect(text).toContain('Is MFA (multi-factor authentication) on for this NMC?');
    expect(text).not.toContain('OK —');
    await popup.close();
    await page.close();
  });

  it('asks about MFA once, then shows At risk with the fix (Next, then Apply) and the docs link', async () => {
    const page = await openFixture(HOSTS.atRisk, list('at-risk'));
    const popup = await checkThisPage(page);
    expect(await bannerText(page)).toContain('Is MFA (multi-factor authentication) on for this NMC?');
    await clickInBanner(page, 'Yes, enabled');
    const text = await bannerText(page, (t) => t.includes('At risk'));
    expect(text).toContain('Configuration > Security > Local Users > Management');
    expect(text).toContain('empty its E-mail Address field, click Next, then Apply on the confirmation page');
    // Lists as people write them: "A, B, or C" for the tool to use, "A, B, and C" for what is affected.
    expect(text).toContain('Secure NMC System Tool, EcoStruxure IT Expert, or Data Center Expert');
    expect(text).toContain('create a dedicated user for the tools');
    expect(text).toContain('discovery, file transfer, and device communication');
    expect(text).toContain('our caution');
    expect(text).not.toContain('Is MFA (multi-factor authentication) on');
    expect(await bannerLink(page)).toMatch(/\/en\/troubleshooting\/nmc3-firmware-update-mfa\/$/);
    expect(await popupStatus(popup, 'at-risk')).toBe('at-risk');
    // Remembered per host: a reload does not ask again.
    await page.reload();
    await checkThisPage(page).then((p) => p.close());
    expect(await bannerText(page, (t) => t.includes('At risk'))).not.toContain(
      'Is MFA (multi-factor authentication) on',
    );
    await popup.close();
    await page.close();
  });

  it('watches an NMC: model and AOS from About > Network, then the list is checked on open', async () => {
    const aboutPage = await openFixture(HOSTS.watch, about('nmc3-aos34'));
    const popup = await openPopupFor(aboutPage);
    await popup.getByRole('button', { name: 'Watch this NMC' }).click();
    await expect.poll(() => popup.getByRole('button', { name: 'Stop watching' }).count()).toBe(1);
    // The About page feeds the host's knowledge but carries no banner.
    await aboutPage.waitForTimeout(300);
    expect(await bannerRoot(aboutPage)).toBeUndefined();

    const listPage = await openFixture(HOSTS.watch, list('blank-disabled'));
    const text = await bannerText(listPage, (t) => t.includes('svc-update'));
    expect(text).toContain('Card: AP9641 (NMC3), AOS v3.4.0.7');
    expect(text).toContain('svc-update has no e-mail address but is disabled');
    // MFA not shown anywhere, but AOS v3.4 read on the card can have it: at risk until someone says it is off.
    expect(text).toContain('At risk');
    const listPopup = await openPopupFor(listPage);
    expect(await popupStatus(listPopup, 'at-risk')).toBe('at-risk');
    expect(await listPopup.locator('.nmc-card').textContent()).toContain('AP9641 (NMC3), AOS v3.4.0.7');
    await expect.poll(() => listPopup.getByRole('button', { name: 'Stop watching' }).count()).toBe(1);
    await listPopup.close();
    await popup.close();
    await aboutPage.close();
    await listPage.close();
  });

  it('does not count a read-only user without e-mail in a grouped list; a typed AOS version alone is no card generation', async () => {
    const page = await openFixture(HOSTS.blankReadOnly, list('blank-read-only'));
    const popup = await checkThisPage(page);
    await bannerText(page, (t) => t.includes('Is MFA (multi-factor authentication) on'));
    await fillInBanner(page, '#nmc-firmware', 'banana');
    await clickInBanner(page, 'Not sure');
    expect(await bannerText(page, (t) => t.includes('This is not a firmware version'))).toContain(
      'Is MFA (multi-factor authentication) on',
    );
    // MFA unknown and an AOS of v3.4 or later, but no hardware says this is an NMC3 (first-generation cards ran
    // AOS 3.x): not sure, never at risk, and never OK.
    await fillInBanner(page, '#nmc-firmware', 'AOS v3.5.1');
    await clickInBanner(page, 'Not sure');
    const text = await bannerText(page, (t) => t.includes('Card: AOS v3.5.1'));
    expect(text).toContain('Not sure yet');
    expect(text).toContain('viewer has no e-mail address, but we only count a Super User or an Administrator');
    expect(text).toContain('alone does not tell');
    expect(await popupStatus(popup, 'unknown')).toBe('unknown');
    await popup.close();
    await page.close();
  });

  it('reads the French Web UI, groups and user type headings included', async () => {
    const page = await openFixture(HOSTS.french, list('fr'));
    const popup = await checkThisPage(page);
    expect(await bannerText(page)).toContain('OK — maj-firmware has no e-mail');
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    await popup.close();
    await page.close();
  });

  it('finds its columns among extra, reordered, sortable ones', async () => {
    const page = await openFixture(HOSTS.extraColumns, list('extra-columns'));
    const popup = await checkThisPage(page);
    expect(await bannerText(page)).toContain('OK — ems-sync has no e-mail');
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    await popup.close();
    await page.close();
  });

  it('reads an editable grid: headers under a title row, e-mails held in inputs are not blank', async () => {
    const page = await openFixture(HOSTS.editableGrid, list('editable-grid'));
    const popup = await checkThisPage(page);
    // apc and ops show their addresses only as input values: reading the cell text alone would make apc the candidate.
    expect(await bannerText(page)).toContain('OK — svc-fw has no e-mail');
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    await popup.close();
    await page.close();
  });

  it('waits for every page of a paged list before judging, then merges them', async () => {
    const first = await openFixture(HOSTS.paged, list('paged'));
    await checkThisPage(first).then((p) => p.close());
    await bannerText(first, (t) => t.includes('Is MFA (multi-factor authentication) on'));
    await clickInBanner(first, 'Yes, enabled');
    const partial = await bannerText(first, (t) => t.includes('Not read yet'));
    expect(partial).toContain('Not sure yet');
    expect(partial).toContain('page(s) 2 of the user list');
    const second = await openFixture(HOSTS.paged, `${list('paged')}?page=2`);
    const popup = await checkThisPage(second);
    expect(await bannerText(second)).toContain('OK — fw-page2 has no e-mail');
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    await popup.close();
    await first.close();
    await second.close();
  });

  it('handles a 1,000-user list', async () => {
    const page = await openFixture(HOSTS.many, list('many'));
    const popup = await checkThisPage(page);
    expect(await bannerText(page)).toContain('OK — fw-0777 has no e-mail');
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    await popup.close();
    await page.close();
  });

  it('reads a single usercfg.htm?user= page, the Access box as the enable state', async () => {
    const page = await openFixture(HOSTS.userPage, card('ok', 'usercfg.htm?user=fwupdate'));
    const popup = await checkThisPage(page);
    expect(await bannerText(page)).toContain('OK — fwupdate has no e-mail');
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    await popup.close();
    await page.close();
  });

  it('does not take the confirmation page (after Next, before Apply) as saved: apply first, then check again', async () => {
    const page = await openFixture(HOSTS.confirm, card('ok', 'usrcnfrm.htm'));
    const popup = await checkThisPage(page);
    await expect.poll(() => popup.locator('.nmc-status').getAttribute('data-state')).toBe('confirm');
    expect(await popupStatus(popup, 'pending')).toBe('pending');
    expect(await popup.locator('.nmc-headline').textContent()).toBe('Not saved yet: click Apply, then check again');
    const text = await bannerText(page);
    expect(text).toContain('Not saved yet: click Apply, then check again');
    expect(text).not.toContain('OK —');
    await popup.close();
    await page.close();
  });

  it('is unknown until every user page is read, and “Check all users” reads them same-origin only', async () => {
    const page = await openFixture(HOSTS.noEmailColumn, list('no-email-column'));
    const popup = await checkThisPage(page);
    const before = await bannerText(page, (t) => t.includes('Not sure yet'));
    expect(await popupStatus(popup, 'unknown')).toBe('unknown');
    expect(before).toContain('E-mail address not known yet for: ups-admin and rack-fw');
    const requests = recordRequests(browser.context);
    await clickInBanner(page, 'Check all users');
    expect(await bannerText(page, (t) => t.includes('OK —'))).toContain('OK — rack-fw has no e-mail');
    const fetched = requests.map((request) => request.url()).filter((url) => url.startsWith('http'));
    const origin = new URL(page.url()).origin;
    expect(fetched.length).toBeGreaterThan(0);
    for (const url of fetched) expect(new URL(url).origin).toBe(origin);
    expect(fetched.some((url) => url.endsWith('/usercfg.htm?user=rack-fw'))).toBe(true);
    // The read-only user cannot be the update account, so its page is not needed.
    expect(fetched.some((url) => url.endsWith('/usercfg.htm?user=rack-view'))).toBe(false);
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    await popup.close();
    await page.close();
  });

  it('is not applicable on an early NMC3 whose AOS 1.x predates MFA', async () => {
    const aboutPage = await openFixture(HOSTS.oldFirmware, about('nmc3-aos1'));
    await checkThisPage(aboutPage).then((p) => p.close());
    await aboutPage.waitForTimeout(300);
    const listPage = await openFixture(HOSTS.oldFirmware, list('at-risk'));
    const popup = await checkThisPage(listPage);
    const text = await bannerText(listPage);
    expect(text).toContain('Not applicable');
    expect(text).toContain('AOS v1.4.2.1');
    expect(await popupStatus(popup, 'not-applicable')).toBe('not-applicable');
    await popup.close();
    await aboutPage.close();
    await listPage.close();
  });

  it.each([
    ['an NMC2', HOSTS.nmc2, 'nmc2'],
    ['a first-generation card (AP9619 on AOS 3.9.2)', HOSTS.firstGeneration, 'nmc1'],
  ])('is not applicable on %s: no MFA there, whatever its AOS number says', async (_name, host, kind) => {
    const aboutPage = await openFixture(host, about(kind));
    await checkThisPage(aboutPage).then((p) => p.close());
    await aboutPage.waitForTimeout(300);
    const listPage = await openFixture(host, list('at-risk'));
    const popup = await checkThisPage(listPage);
    const text = await bannerText(listPage, (t) => t.includes('Not applicable'));
    expect(text).toContain('Not applicable — this card has no MFA');
    expect(text).not.toContain('Is MFA (multi-factor authentication) on');
    expect(await popupStatus(popup, 'not-applicable')).toBe('not-applicable');
    await popup.close();
    await aboutPage.close();
    await listPage.close();
  });

  it('a rack PDU by its family alone is not sure (never at risk, never "no MFA"): its card decides', async () => {
    const aboutPage = await openFixture(HOSTS.pdu, about('rpdu'));
    await checkThisPage(aboutPage).then((p) => p.close());
    await aboutPage.waitForTimeout(300);
    const listPage = await openFixture(HOSTS.pdu, list('at-risk'));
    const popup = await checkThisPage(listPage);
    const text = await bannerText(listPage, (t) => t.includes('Not sure yet'));
    expect(text).not.toContain('this card has no MFA');
    expect(await popupStatus(popup, 'unknown')).toBe('unknown');
    await popup.close();
    await aboutPage.close();
    await listPage.close();
  });

  it('an embedded NMC3 (AP7920B, card 0N-1570…) is an NMC3 by its own About section', async () => {
    const aboutPage = await openFixture(HOSTS.embeddedNmc3, about('embedded-nmc3'));
    const popup = await checkThisPage(aboutPage);
    await expect.poll(() => popup.locator('.nmc-card').textContent(), { timeout: 10_000 }).toContain('AP7920B (NMC3)');
    expect(await popup.locator('.nmc-card').textContent()).toContain('AOS v2.5.0.4');
    // AOS 2.5 predates MFA: not applicable until an upgrade to 3.4, and the fleet knows it is an NMC3.
    expect(await popupStatus(popup, 'not-applicable')).toBe('not-applicable');
    await popup.close();
    await aboutPage.close();
  });

  it('reads a German list by its words and structure: OK, the disabled blank-e-mail administrator not counted', async () => {
    const page = await openFixture(HOSTS.german, list('de'));
    const popup = await checkThisPage(page);
    const text = await bannerText(page, (t) => t.includes('OK —'));
    expect(text).toContain('OK — fw-update has no e-mail');
    expect(text).toContain('alt-admin');
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    await popup.close();
    await page.close();
  });

  it('reads a Japanese list: every administrator has an e-mail, so at risk once MFA is on', async () => {
    const page = await openFixture(HOSTS.japanese, list('ja'));
    const popup = await checkThisPage(page);
    expect(await bannerText(page)).toContain('Is MFA (multi-factor authentication) on for this NMC?');
    await clickInBanner(page, 'Yes, enabled');
    const text = await bannerText(page, (t) => t.includes('At risk'));
    expect(text).toContain('Every enabled Super User and Administrator has an e-mail address');
    expect(text).not.toContain('No local users');
    expect(await popupStatus(popup, 'at-risk')).toBe('at-risk');
    await popup.close();
    await page.close();
  });

  it('ignores the UPS firmware revision on About UPS: it is not the card’s AOS', async () => {
    const aboutPage = await openFixture(HOSTS.upsAbout, about('ups'));
    const aboutPopup = await checkThisPage(aboutPage);
    await expect.poll(() => aboutPopup.locator('.nmc-status').getAttribute('data-state')).toBe('no-user-list');
    expect(await aboutPopup.locator('.nmc-card').count()).toBe(0);
    const listPage = await openFixture(HOSTS.upsAbout, list('at-risk'));
    const popup = await checkThisPage(listPage);
    // "UPS 05.3" read as AOS 5.3 would have made this at risk; the card's AOS is simply not known yet.
    const text = await bannerText(listPage);
    expect(text).toContain('Is MFA (multi-factor authentication) on');
    expect(text).not.toContain('05.3');
    expect(await popupStatus(popup, 'unknown')).toBe('unknown');
    await aboutPopup.close();
    await popup.close();
    await aboutPage.close();
    await listPage.close();
  });

  it('judges the named tool account and names the tool that would fail', async () => {
    const page = await openFixture(HOSTS.tools, list('ok'));
    const popup = await checkThisPage(page);
    expect(await bannerText(page, (t) => t.includes('OK —'))).toContain('Name the account your tools sign in with');
    // Data Center Expert signs in as apc, which has an e-mail: fwupdate existing does not help DCE.
    await nameToolAccount(page, 'data-center-expert', 'apc');
    await bannerText(page, (t) => t.includes('Is MFA (multi-factor authentication) on'));
    await clickInBanner(page, 'Yes, enabled');
    const risky = await bannerText(page, (t) => t.includes('At risk'));
    expect(risky).toContain(
      'apc has an e-mail address, so the card e-mails it a one-time code that Data Center Expert cannot enter',
    );
    expect(risky).toContain('Named tool accounts: apc');
    expect(await popupStatus(popup, 'at-risk')).toBe('at-risk');
    // Renamed to the blank-e-mail administrator: the verdict is about that account.
    await fillInBanner(page, '#nmc-tool-data-center-expert', '');
    await nameToolAccount(page, 'secure-nmc-system-tool', 'fwupdate');
    const fixed = await bannerText(page, (t) => t.includes('OK —'));
    expect(fixed).toContain('Secure NMC System Tool sign in as fwupdate');
    expect(await popupStatus(popup, 'ok')).toBe('ok');
    await popup.close();
    await page.close();
  });

  it('says when an NMC page is not understood and copies its structure with no value in it', async () => {
    const page = await openFixture(HOSTS.unknownLayout, list('unknown-layout'));
    const popup = await checkThisPage(page);
    await expect.poll(() => popup.locator('.nmc-status').getAttribute('data-state')).toBe('not-understood');
    expect(await popup.locator('.nmc-not-understood').textContent()).toContain('found nothing it could read');
    await popup.getByRole('button', { name: 'Copy page structure for a bug report' }).click();
    await popup.getByText('Page structure copied').waitFor();
    const copied = await readClipboard(browser, fixtureUrl(HOSTS.clipboard, 'unrelated.html'));
    expect(copied).toContain(`/NMC/<token>/userman.htm`);
    expect(copied).toContain('Local Users');
    for (const secret of [TOKEN, 'apc-root', 'secret.ops', 'Rack 12', 'zz;=1+1', 'fw.team', '10.20.30.40', 'kwalski']) {
      expect(copied).not.toContain(secret);
    }
    expect(await bannerRoot(page)).toBeUndefined();
    await popup.close();
    await page.close();
  });

  it('reads nothing on the log-on page; on the e-mailed code step the fill is refused and the popup says why', async () => {
    const page = await openFixture(HOSTS.login, 'login/logon.htm');
    const loginPopup = await checkThisPage(page);
    await expect.poll(() => loginPopup.locator('.nmc-status').getAttribute('data-state')).toBe('login');
    await loginPopup.close();
    await page.fill('#login_username', 'apc');
    await page.fill('#login_password', 'not-a-real-password');
    await page.click('#logon-button');
    await page.locator('#otp_code').waitFor();

    // A vault with an account bound elsewhere: the card's code step has nothing bound and never gets a code.
    const unlocked = (await createVault('correct horse battery staple')).unlocked;
    const account = createAccount({
      issuer: 'Elsewhere',
      account: 'admin',
      secret: 'JBSWY3DPEHPK3PXP',
      sites: [`http://${HOSTS.unrelated}:${servers.primary.port}`],
    });
    await storeUnlockedVault(
      browser.serviceWorker as Worker,
      await sealVault({ accounts: [account] }, unlocked),
      unlocked,
    );
    const popup = await openPopupFor(page);
    const tabId = await tabIdOf(page.url());
    const report = (await popup.evaluate(
      (id) =>
        (
          globalThis as unknown as { chrome: { runtime: { sendMessage(m: object): Promise<unknown> } } }
        ).chrome.runtime.sendMessage({ type: 'autofill:fill-active-tab', tabId: id }),
      tabId,
    )) as { outcome: string; channel?: string };
    // The step model reads the card's e-mailed code step before any binding question: no code is ours to fill.
    expect(report).toMatchObject({ outcome: 'delivered', channel: 'email' });
    expect(await page.inputValue('#otp_code')).toBe('');
    await popup.reload();
    await nmcStatusShown(popup);
    await expect.poll(() => popup.locator('.nmc-status').getAttribute('data-state')).toBe('login');
    expect(await popup.locator('.nmc-emailed-code').textContent()).toContain(
      'sends its one-time code by e-mail, to the address of the user signing in',
    );
    expect(await popup.locator('.nmc-login').getAttribute('data-emailed-code')).toBe('true');
    await popup.close();
    await page.close();
  });

  it('lists every checked NMC in the fleet view with card, model and AOS, and exports CSV and JSON', async () => {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const port = servers.primary.port;
    const row = (host: string) => options.locator(`tr[data-origin="http://${host}:${port}"]`);
    await options.locator('.nmc-fleet-table').waitFor();
    await expect.poll(() => row(HOSTS.french).getAttribute('data-status'), { timeout: 10_000 }).toBe('ok');
    expect(await row(HOSTS.french).textContent()).toContain('maj-firmware');
    expect(await row(HOSTS.nmc2).getAttribute('data-status')).toBe('not-applicable');
    expect(await row(HOSTS.nmc2).getAttribute('data-generation')).toBe('nmc2');
    expect(await row(HOSTS.nmc2).locator('.nmc-fleet-model').textContent()).toBe('AP9631');
    expect(await row(HOSTS.pdu).locator('.nmc-fleet-aos').textContent()).toBe('v7.2.2');
    expect(await row(HOSTS.watch).locator('.nmc-fleet-generation').textContent()).toBe('NMC3');
    expect(await row(HOSTS.watch).locator('.nmc-fleet-aos').textContent()).toBe('v3.4.0.7');

    const [csvDownload] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = readFileSync((await csvDownload.path()) ?? '', 'utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe(
      '"host","status","checked_at","generation","model","aos","mfa","candidate","candidates","tool_accounts","users_known","users_to_check"',
    );
    // The ok host lost its update user when the page removed that row.
    expect(csv).toContain(`"http://${HOSTS.ok}:${port}","unknown",`);
    expect(csv).toContain(`"http://${HOSTS.french}:${port}","ok",`);
    expect(csv).toContain(`"http://${HOSTS.atRisk}:${port}","at-risk",`);
    expect(csv).toContain(`"http://${HOSTS.noEmailColumn}:${port}","ok",`);
    expect(csv).toMatch(
      new RegExp(`"http://${HOSTS.watch}:${port}","at-risk","[^"]+","nmc3","AP9641","v3\\.4\\.0\\.7"`),
    );
    expect(csv).toMatch(
      new RegExp(`"http://${HOSTS.nmc2}:${port}","not-applicable","[^"]+","nmc2","AP9631","v6\\.9\\.6"`),
    );
    expect(csv).toContain('"secure-nmc-system-tool:fwupdate"');
    expect(csv).not.toContain('05.3');
    expect(csv).not.toContain('@example.com');
    for (const line of lines) expect(line.startsWith('"') && line.endsWith('"')).toBe(true);

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
    // The unrelated page, the log-on page and the page not understood never reported anything.
    for (const host of [HOSTS.unrelated, HOSTS.login, HOSTS.unknownLayout, HOSTS.confirm]) {
      expect(json.hosts.some((entry) => entry.origin.includes(host))).toBe(false);
    }
    await options.close();
  });

  it('“Check again” in the fleet view reads the card’s pages with the granted access, names like constructor included', async () => {
    const port = servers.primary.port;
    // "Check all users" on the card's page walks users named constructor, __proto__, toString, hasOwnProperty.
    const named = await openFixture(HOSTS.hostileNames, list('hostile-names'));
    const namedPopup = await checkThisPage(named);
    expect(await popupStatus(namedPopup, 'unknown')).toBe('unknown');
    // The bidi override is shown without its control characters, never reversed.
    expect(await namedPopup.locator('.nmc-status').textContent()).not.toMatch(/[\u202a-\u202e]/);
    await clickInBanner(named, 'Check all users');
    const checked = await bannerText(named, (t) => t.includes('OK —'));
    expect(checked).toContain('OK — constructor has no e-mail');
    expect(checked).not.toMatch(/[\u202a-\u202e]/);
    expect(await popupStatus(namedPopup, 'ok')).toBe('ok');
    await namedPopup.close();
    await named.close();

    // Another card with the same users, left unsure: "Check again" in the fleet view reads its pages.
    const origin = `http://${HOSTS.recheck}:${port}`;
    const page = await openFixture(HOSTS.recheck, list('hostile-names'));
    const popup = await checkThisPage(page);
    expect(await popupStatus(popup, 'unknown')).toBe('unknown');
    await popup.close();
    await page.close();

    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const row = options.locator(`tr[data-origin="${origin}"]`);
    await options.locator('.nmc-fleet-table').waitFor();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('unknown');
    expect(await row.locator('.nmc-status-chip').textContent()).toBe('Not sure yet');
    const requests = recordRequests(browser.context);
    await row.getByRole('button', { name: `Check again ${origin}` }).click();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 20_000 }).toBe('ok');
    expect(await row.locator('.candidate').textContent()).toBe('constructor');
    expect(await row.locator('[role="status"]').textContent()).toBe('Checked again just now.');
    for (const request of requests) {
      const url = new URL(request.url());
      if (url.protocol.startsWith('http')) expect(url.origin).toBe(origin);
    }
    // A tool: filter by status, sort with at-risk first.
    await options.locator('.nmc-fleet-filter').selectOption('at-risk');
    const statuses = await options
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['at-risk']));
    await options.locator('.nmc-fleet-filter').selectOption('all');
    await options.locator('th.status button.sort').click();
    const sorted = await options
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    expect(sorted[0]).toBe('at-risk');
    expect(await axeViolations(options)).toEqual([]);
    await options.locator('.nmc-fleet').screenshot({ path: join(SCREENSHOTS, 'nmc-fleet-light.png') });
    await options.close();
  });

  it('banner: a verdict line and its why, fix and details collapsed, at most a third of the viewport, moved and remembered per host', async () => {
    const page = await openFixture(HOSTS.layout, list('blank-disabled'));
    await page.setViewportSize({ width: 1280, height: 720 });
    const popup = await checkThisPage(page);
    await bannerText(page, (t) => t.includes('Is MFA (multi-factor authentication) on'));
    await clickInBanner(page, 'Yes, enabled');
    await bannerText(page, (t) => t.includes('At risk'));
    type Layout = {
      height: number;
      bottom: number;
      right: number;
      left: number;
      open: number;
      why: string;
      corner: string;
    };
    const layout = () =>
      inBanner<Layout>(
        page,
        `function () {
          const b = this.querySelector('.banner');
          const r = b.getBoundingClientRect();
          return { height: r.height, bottom: innerHeight - r.bottom, right: innerWidth - r.right, left: r.left,
            open: [...b.querySelectorAll('details')].filter((d) => d.open).length,
            why: b.querySelector('.why')?.textContent ?? '', corner: b.dataset.corner };
        }`,
      );
    const first = await layout();
    expect(first?.height).toBeLessThanOrEqual(720 / 3 + 1);
    expect(first?.open).toBe(0);
    expect(first?.why).toContain('Every enabled Super User and Administrator has an e-mail address');
    expect(first?.corner).toBe('top-right');
    await page.screenshot({ path: join(SCREENSHOTS, 'nmc-banner-light.png') });
    await clickInBanner(page, '⤡');
    await expect.poll(async () => (await layout())?.corner).toBe('bottom-right');
    expect((await layout())?.bottom).toBeLessThan(20);
    // Remembered for this host: the next time the banner opens here, it is where the admin put it.
    await page.reload();
    await popup.reload();
    await nmcStatusShown(popup);
    await popup.getByRole('button', { name: 'Check this page' }).click();
    await bannerText(page, (t) => t.includes('At risk'));
    await expect.poll(async () => (await layout())?.corner).toBe('bottom-right');
    await popup.close();
    await page.close();
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

describe('NMC banner and fleet in French, dark theme', () => {
  let french: LaunchedBrowser;
  let frenchServers: FixtureServers;

  beforeAll(async () => {
    frenchServers = await startFixtureServers();
    french = await launchBrowser({
      extension: true,
      grantHostPermissions: [TEST_HOST_PERMISSION],
      hosts: [HOSTS.french],
      colorScheme: 'dark',
      locale: 'fr-FR',
      args: ['--lang=fr'],
    });
  });

  afterAll(async () => {
    await french?.close();
    await frenchServers?.close();
  });

  it('draws the banner and the fleet in French, dark, with lists and statuses in French', async () => {
    const page = await french.context.newPage();
    await page.setViewportSize({ width: 1280, height: 720 });
    const url = `http://${HOSTS.french}:${frenchServers.primary.port}/nmc/${list('fr')}`;
    await page.goto(url);
    // This profile has no vault (so no popup card): the checker is injected the way "Check this page" does.
    const worker = french.serviceWorker;
    if (!worker) throw new Error('extension service worker missing');
    await worker.evaluate(async (target) => {
      type Api = {
        tabs: { query(filter: object): Promise<Array<{ id?: number; url?: string }>> };
        scripting: { executeScript(options: object): Promise<unknown> };
      };
      const api = (globalThis as unknown as { chrome: Api }).chrome;
      const tab = (await api.tabs.query({})).find((candidate) => candidate.url === target);
      await api.scripting.executeScript({ target: { tabId: tab?.id }, files: ['/nmc.js'] });
    }, url);
    await page.waitForTimeout(1500);
    await page.screenshot({ path: join(SCREENSHOTS, 'nmc-banner-dark-fr.png') });
    const options = await french.context.newPage();
    await options.goto(`chrome-extension://${french.extensionId}/options.html`);
    const row = options.locator('tbody tr').first();
    await options.locator('.nmc-fleet-table').waitFor();
    await expect.poll(() => row.getAttribute('data-status'), { timeout: 10_000 }).toBe('ok');
    expect(await row.locator('.nmc-status-chip').textContent()).toBe('OK');
    expect(await options.getByRole('button', { name: 'Vérifier à nouveau' }).count()).toBe(1);
    expect(await options.locator('.nmc-fleet').textContent()).toContain('ni adresses e-mail ni mots de passe');
    await options.locator('.nmc-fleet').screenshot({ path: join(SCREENSHOTS, 'nmc-fleet-dark-fr.png') });
    await options.close();
    await page.close();
  });
});
