// The popup and options pages as a new user meets them: menus within reach at the popup's real sizes, a locked
// options page that changes nothing, a fill box only where an account can fill.
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedBrowser, launchBrowser } from '../lib/browser.ts';
import { type FixtureServers, startFixtureServers } from '../lib/fixture-servers.ts';
import {
  axeViolations,
  createVaultThroughUi,
  openPopup,
  optionsUrl,
  PASSPHRASE,
  popupUrl,
} from './extension-helpers.ts';
import { accountLines, importAccounts, sizeLikeRealPopup } from './popup-sizes.ts';

/** Opens the popup in a page that then sizes itself to its content, like the toolbar popup. */
async function openRealSizePopup(browser: LaunchedBrowser): Promise<Page> {
  const page = await browser.context.newPage();
  await page.setViewportSize({ width: 360, height: 1 });
  await page.goto(popupUrl(browser));
  await page.locator('.row .code').first().waitFor();
  await sizeLikeRealPopup(page);
  return page;
}

/** Every control of the dialog can be brought into view and is the topmost element at its centre. */
async function unreachableControls(page: Page, dialogName: RegExp): Promise<string[]> {
  const dialog = page.getByRole('dialog', { name: dialogName });
  const controls = dialog.locator('button, input, h2');
  const viewport = page.viewportSize() as { width: number; height: number };
  const unreachable: string[] = [];
  for (let index = 0; index < (await controls.count()); index++) {
    const control = controls.nth(index);
    await control.scrollIntoViewIfNeeded();
    const box = await control.boundingBox();
    const name = (await control.getAttribute('aria-label')) ?? (await control.textContent()) ?? `#${index}`;
    const inView =
      box !== null &&
      box.y >= 0 &&
      box.x >= 0 &&
      box.y + box.height <= viewport.height &&
      box.x + box.width <= viewport.width;
    const topmost =
      inView &&
      (await control.evaluate((element) => {
        const rect = element.getBoundingClientRect();
        const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
        return (
          hit !== null &&
          (element === hit ||
            element.contains(hit) ||
            hit.contains(element) ||
            hit.closest('label')?.contains(element) === true)
        );
      }));
    if (!topmost) unreachable.push(name.trim());
  }
  return unreachable;
}

describe('popup: the account menu within reach at real popup sizes', () => {
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    browser = await launchBrowser({ extension: true });
    const setup = await openPopup(browser);
    await createVaultThroughUi(setup);
    await setup.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const [count, adding] of [
    [1, 1],
    [3, 2],
    [50, 47],
  ] as const) {
    it(`shows every item of the "⋯" menu with ${count} account${count === 1 ? '' : 's'}`, async () => {
      await importAccounts(browser, accountLines(adding, count - adding));
      const popup = await openRealSizePopup(browser);
      expect(await popup.locator('.row').count()).toBeGreaterThan(0);
      // The last row on screen: not pinned yet (each run pins the one it opened).
      await popup
        .getByRole('button', { name: /^Actions for / })
        .last()
        .click();
      await popup.getByRole('dialog', { name: /^Actions for / }).waitFor();
      await sizeLikeRealPopup(popup);
      expect(await unreachableControls(popup, /^Actions for /)).toEqual([]);
      // And the first item works from there.
      await popup.getByRole('button', { name: 'Pin to top' }).click();
      // Pinned rows lead the list (scrolled back to its top: the click may have scrolled it).
      await popup.locator('.scroller').evaluate((scroller) => scroller.scrollTo(0, 0));
      await expect.poll(() => popup.locator('.row .pin').count()).toBe(count === 1 ? 1 : count === 3 ? 2 : 3);
      await popup.close();
    });
  }
});

describe('options: a locked vault’s settings cannot be changed', () => {
  let browser: LaunchedBrowser;
  let worker: Worker;

  beforeAll(async () => {
    browser = await launchBrowser({ extension: true });
    worker = browser.serviceWorker as Worker;
    const setup = await openPopup(browser);
    await createVaultThroughUi(setup);
    await setup.getByRole('button', { name: 'Lock' }).click();
    await setup.getByRole('heading', { name: 'Unlock MFA Companion' }).waitFor();
    await setup.close();
  });

  afterAll(async () => {
    await browser?.close();
  });

  const storedSettings = () =>
    worker.evaluate(async () =>
      JSON.stringify(
        await (
          globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<unknown> } } } }
        ).chrome.storage.local.get('settings.vault'),
      ),
    );

  it('offers no control to change, and refuses a change forced into the page', async () => {
    const before = await storedSettings();
    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser));
    await options.getByText('Unlock the vault to change its settings').waitFor();
    const autoLock = options.getByLabel(/^Lock after this many idle minutes/);
    const systemLock = options.getByLabel('Lock when the computer locks');
    const clipboard = options.getByLabel(/^Clear a copied code from the clipboard/);
    for (const control of [autoLock, systemLock, clipboard]) expect(await control.isDisabled()).toBe(true);
    // A script (or devtools) re-enabling the fields still changes nothing: the write itself is refused.
    await options.evaluate(() => {
      for (const element of document.querySelectorAll('fieldset, input')) element.removeAttribute('disabled');
    });
    await autoLock.fill('0');
    await autoLock.dispatchEvent('change');
    await clipboard.fill('0');
    await clipboard.dispatchEvent('change');
    await systemLock.click();
    await options.getByText('The vault is locked').first().waitFor();
    expect(await storedSettings()).toEqual(before);
    await options.close();
  });

  it('changes them again once unlocked', async () => {
    const options = await browser.context.newPage();
    await options.goto(optionsUrl(browser));
    await options.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await options.getByRole('button', { name: 'Unlock' }).click();
    const autoLock = options.getByLabel(/^Lock after this many idle minutes/);
    await options.waitForFunction(() => !(document.getElementById('auto-lock') as HTMLInputElement).disabled);
    await autoLock.fill('5');
    await autoLock.dispatchEvent('change');
    await options.getByText('Saved.').waitFor();
    expect(JSON.parse(await storedSettings())['settings.vault'].autoLockMinutes).toBe(5);
    expect(await axeViolations(options)).toEqual([]);
    await options.close();
  });
});

describe('popup: a fill box only where an account can fill', () => {
  let browser: LaunchedBrowser;
  let servers: FixtureServers;

  beforeAll(async () => {
    servers = await startFixtureServers();
    browser = await launchBrowser({ extension: true, grantHostPermissions: ['http://127.0.0.1/*'] });
    const setup = await openPopup(browser);
    await createVaultThroughUi(setup);
    await setup.close();
    await importAccounts(browser, accountLines(1));
  });

  afterAll(async () => {
    await browser?.close();
    await servers?.close();
  });

  it('shows no "Fill on this page" where no account is bound, and offers it once one is', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${servers.primary.url}autofill/plain-autocomplete.html`);
    const tabId = await browser.serviceWorker?.evaluate(async (url) => {
      type TabsApi = { tabs: { query(filter: object): Promise<Array<{ id?: number; url?: string }>> } };
      return (await (globalThis as unknown as { chrome: TabsApi }).chrome.tabs.query({})).find((tab) => tab.url === url)
        ?.id;
    }, page.url());
    const popup = await openPopup(browser, `?tabId=${tabId}`);
    await popup.locator('.row .service-icon').first().waitFor();
    // Long enough for the binding rules, loaded after the first paint, to have decided.
    await popup.waitForTimeout(1000);
    expect(await popup.locator('.site-panel').count()).toBe(0);
    expect(await popup.getByRole('button', { name: 'Fill on this page' }).count()).toBe(0);
    // A row's own Fill still leads to the bind offer; once bound, the page gets its fill box.
    await popup
      .getByRole('button', { name: /^Fill the code for / })
      .first()
      .click();
    await popup.getByRole('button', { name: 'Bind and fill' }).click();
    await popup.locator('.site-panel').waitFor();
    await popup.reload();
    await popup.getByRole('button', { name: 'Fill on this page' }).waitFor();
    expect(await popup.getByRole('button', { name: 'Fill on this page' }).getAttribute('class')).toContain('primary');
    expect(await axeViolations(popup)).toEqual([]);
    await popup.close();
    await page.close();
  });
});
