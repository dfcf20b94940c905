// OTP autofill in real Chromium with the built extension: the right code reaches each fixture page's own framework
// state, decoys stay empty, and binding refuses look-alikes, unbound sites, foreign frames and disallowed http.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { base32Decode, totp } from '@mfa-companion/otp';
import type { Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Account,
  createAccount,
  createVault,
  sealVault,
  type UnlockedKey,
} from '../../packages/vault/dist/index.js';
import { type LaunchedBrowser, launchBrowser } from '../lib/browser.ts';
import { FIXTURES_DIR, type FixtureServers, startFixtureServers } from '../lib/fixture-servers.ts';
import { axeViolations, readVault, storeUnlockedVault } from './extension-helpers.ts';

interface FixturePage {
  file: string;
  framework: string;
  expect: 'single' | 'split' | 'none';
  target?: string;
  decoys?: string[];
  step?: string;
  reveal?: string;
  frame?: string;
  crossOriginFrame?: string;
  shadowHost?: string;
  host?: string;
  ready?: string;
  describes?: string;
}

interface FillReport {
  outcome: string;
  channel?: string;
  appended?: string;
  frameOrigin?: string;
  accountId?: string;
  resembles?: string;
  lookalikeReason?: string;
}

/** The few extension APIs called inside extension contexts below (the test workspace has no chrome typings). */
declare const chrome: {
  storage: {
    local: { set(items: Record<string, unknown>): Promise<void> };
    session: { set(items: Record<string, unknown>): Promise<void>; remove(keys: string[]): Promise<void> };
  };
  tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

const pages = (JSON.parse(readFileSync(join(FIXTURES_DIR, 'autofill/pages.json'), 'utf8')) as { pages: FixturePage[] })
  .pages;

const LAN_HOST = 'appliance.lan';
const BANK_HOST = 'acme-bank.com';
const LOOKALIKE_HOST = 'acme-bannk.com';
/** Resolves like the others, but the extension has no permission for it (an ad or widget frame). */
const UNGRANTED_HOST = 'widgets.example.net';
const SECRET_A = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SECRET_B = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
/** The in-field button takes a click once visible and in place for 500 ms; a little more for a busy machine. */
const BUTTON_SETTLE_MS = 800;

/**
 * How the fill is triggered, and why not like a user does it:
 * - the keyboard shortcut (commands API) is a browser-level accelerator that headless Chromium never receives from
 *   Playwright's page-level key events, and the context menu is native UI that cannot be clicked;
 * - `activeTab` is granted only by those user gestures, and `permissions.request` opens a dialog that headless
 *   Chromium cannot answer.
 * (The shortcut and menu listeners themselves are run below through Chromium's `Event.dispatch` in the worker.)
 * So the suite loads the extension with the fixture hosts' permissions granted (`grantHostPermissions`) — exactly
 * the state after the user grants "always detect" (the optional permission) on those sites — and triggers through the popup's real message (`autofill:fill-active-tab` with the tab id) sent from an
 * extension page. Everything after the trigger is the production path: injection, per-frame scan, binding
 * decision, code generation from the vault, fill.
 */
const FIXTURE_HOST_PERMISSIONS = [
  'http://127.0.0.1/*',
  ...[LAN_HOST, BANK_HOST, LOOKALIKE_HOST].map((h) => `http://${h}/*`),
];

let browser: LaunchedBrowser;
let worker: Worker;
let servers: FixtureServers;
let controlPage: Page;
let vaultKey: UnlockedKey;

/** Writes the encrypted vault and the unlocked session key the way the extension's vault store keeps them. */
async function seedVault(accounts: Account[]): Promise<void> {
  await storeUnlockedVault(worker, await sealVault({ accounts }, vaultKey), vaultKey);
}

function account(issuer: string, secret: string, sites: string[]): Account {
  return createAccount({ issuer, account: 'admin', secret, sites });
}

function origin(host: string, port = servers.primary.port): string {
  return `http://${host}:${port}`;
}

/**
 * Clicks the in-field button until the page has its code. The button ignores clicks until it has been visible
 * and in place for 500 ms, which the browser reports asynchronously (IntersectionObserver v2): on a loaded
 * machine the first click may still be too early. A second click fills the same field again, harmlessly.
 */
async function clickUntilFilled(page: Page, click: () => Promise<void>): Promise<void> {
  await expect
    .poll(
      async () => {
        if (!(await received(page))) await click();
        return received(page);
      },
      { interval: 1000, timeout: 15_000 },
    )
    .not.toBeNull();
}

/** Turns the in-field button on or off for an origin, as the popup's "Always detect on this site" does. */
function setAlwaysDetect(site: string, enabled: boolean): Promise<unknown> {
  return controlPage.evaluate(
    ([origin, on]) => chrome.runtime.sendMessage({ type: 'autofill:set-always-detect', origin, enabled: on }),
    [site, enabled] as const,
  );
}

/** Clicks the in-field button of `#otp`, drawn at the field's right edge, until the page has its code. */
async function clickFieldButtonUntilFilled(page: Page): Promise<void> {
  const box = await page.locator('#otp').boundingBox();
  if (!box) throw new Error('no field box');
  await clickUntilFilled(page, () => page.mouse.click(box.x + box.width - 15, box.y + box.height / 2));
}

/** The popup's fill message, from an extension page, for the tab showing `page`. */
async function triggerFill(page: Page): Promise<FillReport> {
  const url = page.url();
  return controlPage.evaluate(async (pageUrl) => {
    const tabs = await chrome.tabs.query({});
    const tab = tabs.find((candidate) => candidate.url === pageUrl);
    if (tab?.id === undefined) throw new Error(`no tab for ${pageUrl}`);
    return chrome.runtime.sendMessage({ type: 'autofill:fill-active-tab', tabId: tab.id });
  }, url) as Promise<FillReport>;
}

/** Codes valid around now: the fill may straddle a 30-second boundary. */
function expectedCodes(secret: string, startedAt: number): string[] {
  const key = base32Decode(secret);
  return [...new Set([startedAt, Date.now()].map((time) => totp({ secret: key, time })))];
}

async function received(page: Page): Promise<{ value: string; via: string } | null> {
  return page.evaluate(() => (window as unknown as { __received: { value: string; via: string } | null }).__received);
}

async function openFixture(file: string, host = '127.0.0.1', query = ''): Promise<Page> {
  const page = await browser.context.newPage();
  await page.goto(`${origin(host)}/autofill/${file}${query}`);
  return page;
}

async function reachCodeStep(page: Page, fixture: FixturePage): Promise<void> {
  if (fixture.ready)
    await page.waitForFunction((flag) => (window as unknown as Record<string, unknown>)[flag], fixture.ready);
  if (fixture.step) await page.click(fixture.step);
  if (fixture.reveal && fixture.target) await page.waitForSelector(fixture.target);
  if (fixture.frame)
    await page
      .frameLocator('#frame')
      .locator(fixture.target as string)
      .waitFor();
}

// Headless Chromium cannot press a browser accelerator or click the native context menu, but its extension
// events expose `dispatch`: the service worker's own registered listeners run, exactly as after the gesture.
async function dispatchInWorker(event: 'command' | 'menu', pageUrl: string, frameId?: number): Promise<void> {
  await worker.evaluate(
    async ([kind, url, frame]) => {
      const api = (
        globalThis as unknown as {
          chrome: {
            tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
            commands: { onCommand: { dispatch(...args: unknown[]): void } };
            contextMenus: { onClicked: { dispatch(...args: unknown[]): void } };
          };
        }
      ).chrome;
      const tab = (await api.tabs.query({})).find((candidate) => candidate.url === url);
      if (!tab) throw new Error(`no tab for ${url}`);
      // The unit tests (extension/src/background/triggers.test.ts) cover the right-clicked frame's id.
      if (kind === 'command') api.commands.onCommand.dispatch('fill-otp', tab);
      else
        api.contextMenus.onClicked.dispatch(
          { menuItemId: 'mfa-companion-fill-otp', editable: true, pageUrl: url, frameId: frame },
          tab,
        );
    },
    [event, pageUrl, frameId] as const,
  );
}

/** The real popup page, opened in a tab of its own and pointed at `page`'s tab (`?tabId=`), sized like the popup. */
async function openPopupOver(page: Page): Promise<Page> {
  const url = page.url();
  const tabId = await controlPage.evaluate(async (pageUrl) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((candidate) => candidate.url === pageUrl)?.id;
  }, url);
  if (tabId === undefined) throw new Error(`no tab for ${url}`);
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 384, height: 600 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
  await popup.locator('.row').first().waitFor();
  return popup;
}

beforeAll(async () => {
  servers = await startFixtureServers();
  browser = await launchBrowser({
    extension: true,
    grantHostPermissions: FIXTURE_HOST_PERMISSIONS,
    hosts: [LAN_HOST, BANK_HOST, LOOKALIKE_HOST, UNGRANTED_HOST],
  });
  worker = browser.serviceWorker as Worker;
  controlPage = await browser.context.newPage();
  await controlPage.goto(`chrome-extension://${browser.extensionId}/options.html`);
  vaultKey = (await createVault('correct horse battery staple')).unlocked;
});

afterAll(async () => {
  await browser?.close();
  await servers?.close();
});

describe('the code reaches each page through its framework', () => {
  const fillable = pages.filter((fixture) => fixture.expect !== 'none' && !fixture.host);
  beforeAll(async () => {
    await seedVault([account('Fixtures', SECRET_A, [origin('127.0.0.1')])]);
  });

  it.each(fillable)('$file ($framework)', async (fixture) => {
    const page = await openFixture(fixture.file);
    try {
      await reachCodeStep(page, fixture);
      const startedAt = Date.now();
      const report = await triggerFill(page);
      expect(report.outcome).toBe('filled');
      await expect.poll(() => received(page)).not.toBeNull();
      const got = await received(page);
      // A field shown as `123 456` gets the code typed that way; the server reads the digits.
      expect(expectedCodes(SECRET_A, startedAt)).toContain(got?.value.replace(/\s/g, ''));
      expect(got?.via).not.toMatch(/^decoy/);
      expect(await page.evaluate(() => (window as unknown as { __submitted: boolean }).__submitted)).toBe(false);
      for (const decoy of fixture.decoys ?? []) {
        const value = await page.$eval(decoy, (input) => (input as HTMLInputElement).value);
        const initial = await page.$eval(decoy, (input) => (input as HTMLInputElement).defaultValue);
        expect(value, decoy).toBe(initial);
      }
    } finally {
      await page.close();
    }
  });

  const decoyPages = pages.filter((fixture) => fixture.expect === 'none' && !fixture.crossOriginFrame);
  it.each(decoyPages)('leaves every decoy empty on a page without a code field: $file', async (fixture) => {
    const page = await openFixture(fixture.file);
    try {
      // A step that asks for a code the site sent says so; otherwise there is simply no field.
      expect((await triggerFill(page)).outcome).toBe(fixture.describes === 'delivered' ? 'delivered' : 'no-field');
      for (const decoy of fixture.decoys ?? []) {
        expect(await page.$eval(decoy, (input) => (input as HTMLInputElement).value), decoy).toBe('');
      }
      expect(await received(page)).toBeNull();
    } finally {
      await page.close();
    }
  });
});

describe('choosing the field', () => {
  beforeAll(async () => {
    await seedVault([account('Fixtures', SECRET_A, [origin('127.0.0.1')])]);
  });
  /** A second, higher-scoring code field added to the page before the real one. */
  async function addField(page: Page, style: string): Promise<void> {
    await page.evaluate((css) => {
      const form = document.querySelector('form') as HTMLFormElement;
      form.insertAdjacentHTML(
        'afterbegin',
        `<label for="other">Two-factor authentication code</label><input id="other" name="otp_code" autocomplete="one-time-code" inputmode="numeric" maxlength="6" style="${css}">`,
      );
    }, style);
  }

  it('never fills a field parked off the page (honeypot)', async () => {
    const page = await openFixture('plain-autocomplete.html');
    try {
      await addField(page, 'position:absolute;left:-9999px;top:0');
      const startedAt = Date.now();
      expect((await triggerFill(page)).outcome).toBe('filled');
      expect(expectedCodes(SECRET_A, startedAt)).toContain(await page.inputValue('#otp'));
      expect(await page.inputValue('#other')).toBe('');
    } finally {
      await page.close();
    }
  });

  it('fills the code field the user is in when there are two', async () => {
    const page = await openFixture('plain-autocomplete.html');
    try {
      await addField(page, '');
      await page.focus('#otp');
      const startedAt = Date.now();
      expect((await triggerFill(page)).outcome).toBe('filled');
      expect(expectedCodes(SECRET_A, startedAt)).toContain(await page.inputValue('#otp'));
      expect(await page.inputValue('#other')).toBe('');
    } finally {
      await page.close();
    }
  });
});

describe('binding', () => {
  it('fills a LAN appliance authenticator step over http on the LAN host the user allowed', async () => {
    await seedVault([account('Appliance', SECRET_B, [origin(LAN_HOST)])]);
    const fixture = pages.find((candidate) => candidate.file === 'lan-appliance-login.html') as FixturePage;
    const page = await openFixture(fixture.file, LAN_HOST);
    try {
      await reachCodeStep(page, fixture);
      const startedAt = Date.now();
      expect(await triggerFill(page)).toMatchObject({ outcome: 'filled', frameOrigin: origin(LAN_HOST) });
      expect(expectedCodes(SECRET_B, startedAt)).toContain((await received(page))?.value);
    } finally {
      await page.close();
    }
  });

  // Bound sites are functions: the fixture servers' ports are only known once the suite has started.
  const refusals: [string, string, () => string[], string][] = [
    ['an unbound site', BANK_HOST, () => [origin(LAN_HOST)], 'no-account'],
    ['a look-alike of the bound site', LOOKALIKE_HOST, () => [origin(BANK_HOST)], 'lookalike'],
    ['plain http where only https is bound', BANK_HOST, () => [`https://${BANK_HOST}`], 'insecure'],
  ];
  it.each(refusals)('does not fill %s', async (_name, host, sites, outcome) => {
    await seedVault([account('Bank', SECRET_A, sites())]);
    const page = await openFixture('plain-autocomplete.html', host);
    try {
      const report = await triggerFill(page);
      expect(report.outcome).toBe(outcome);
      if (outcome === 'lookalike') expect(report).toMatchObject({ resembles: BANK_HOST, lookalikeReason: 'typo' });
      // The explanation is shown in the extension's closed-shadow notice: its host is all the page can see.
      await page.waitForSelector('mfa-companion-autofill', { state: 'attached' });
      expect(await page.$eval('#otp', (input) => (input as HTMLInputElement).value)).toBe('');
      expect(await received(page)).toBeNull();
    } finally {
      await page.close();
    }
  });

  it("fills a cross-origin frame only when the frame's own origin is bound", async () => {
    const frameOrigin = origin('127.0.0.1', servers.secondary.port);
    const query = `?frame=${encodeURIComponent(frameOrigin)}`;
    // Bound to the embedding page only: the frame is another origin and must stay empty.
    await seedVault([account('Top only', SECRET_A, [origin('127.0.0.1')])]);
    let page = await openFixture('iframe-cross-origin.html', '127.0.0.1', query);
    try {
      await page.frameLocator('#frame').locator('#frame-otp').waitFor();
      expect(await triggerFill(page)).toMatchObject({ outcome: 'no-account', frameOrigin });
      expect(await page.frameLocator('#frame').locator('#frame-otp').inputValue()).toBe('');
    } finally {
      await page.close();
    }
    // Bound to the frame's origin: it fills there, and the embedding page hears about it from the frame.
    await seedVault([account('Identity provider', SECRET_B, [frameOrigin])]);
    page = await openFixture('iframe-cross-origin.html', '127.0.0.1', query);
    try {
      await page.frameLocator('#frame').locator('#frame-otp').waitFor();
      const startedAt = Date.now();
      expect(await triggerFill(page)).toMatchObject({ outcome: 'filled', frameOrigin });
      await expect.poll(() => received(page)).not.toBeNull();
      expect(expectedCodes(SECRET_B, startedAt)).toContain((await received(page))?.value);
    } finally {
      await page.close();
    }
  });

  it('still works when the page embeds a frame the extension may not access', async () => {
    await seedVault([account('Fixtures', SECRET_A, [origin('127.0.0.1')])]);
    const query = `?frame=${encodeURIComponent(origin(UNGRANTED_HOST, servers.secondary.port))}`;
    const page = await openFixture('iframe-cross-origin.html', '127.0.0.1', query);
    try {
      await page.frameLocator('#frame').locator('#frame-otp').waitFor();
      // Injection skips the inaccessible frame instead of failing the whole tab; its field stays untouched.
      expect((await triggerFill(page)).outcome).toBe('no-field');
      expect(await page.frameLocator('#frame').locator('#frame-otp').inputValue()).toBe('');
    } finally {
      await page.close();
    }
  });

  it('does not fill while the vault is locked', async () => {
    await seedVault([account('Fixtures', SECRET_A, [origin('127.0.0.1')])]);
    await worker.evaluate(() => chrome.storage.session.remove(['vault.key']));
    const page = await openFixture('plain-autocomplete.html');
    try {
      expect((await triggerFill(page)).outcome).toBe('locked');
      await page.waitForSelector('mfa-companion-autofill', { state: 'attached' });
      expect(await page.$eval('#otp', (input) => (input as HTMLInputElement).value)).toBe('');
    } finally {
      await page.close();
    }
  });
});

describe('in-field button (opt-in per site)', () => {
  it('appears only where "always detect" is on, and fills when clicked', async () => {
    const site = origin('127.0.0.1');
    await seedVault([account('Fixtures', SECRET_A, [site])]);
    const before = await openFixture('plain-autocomplete.html');
    // Off by default: the content script is not even on the page.
    await before.waitForTimeout(300);
    expect(await before.locator('mfa-companion-autofill').count()).toBe(0);
    await before.close();

    const reply = await setAlwaysDetect(site, true);
    expect(reply).toEqual({ enabled: true });
    const page = await openFixture('plain-autocomplete.html');
    try {
      await page.waitForSelector('mfa-companion-autofill', { state: 'attached' });
      expect(await received(page)).toBeNull(); // nothing fills on its own
      // The button sits in a closed shadow root: click where it is drawn, at the field's right edge, once it has
      // been visible and in place long enough to count (see attachFieldButton).
      await page.waitForTimeout(BUTTON_SETTLE_MS);
      const startedAt = Date.now();
      await clickFieldButtonUntilFilled(page);
      expect(expectedCodes(SECRET_A, startedAt)).toContain((await received(page))?.value);
    } finally {
      await page.close();
      await setAlwaysDetect(site, false);
    }
  });
});

describe('keyboard shortcut and context menu', () => {
  it('the fill-otp command fills the tab it was pressed in', async () => {
    await seedVault([account('Fixtures', SECRET_A, [origin('127.0.0.1')])]);
    const page = await openFixture('plain-autocomplete.html');
    try {
      const startedAt = Date.now();
      await dispatchInWorker('command', page.url());
      await expect.poll(() => received(page)).not.toBeNull();
      expect(expectedCodes(SECRET_A, startedAt)).toContain((await received(page))?.value);
    } finally {
      await page.close();
    }
  });

  it('the context-menu entry fills the cross-origin frame whose own origin is bound', async () => {
    const frameOrigin = origin('127.0.0.1', servers.secondary.port);
    await seedVault([account('Identity provider', SECRET_B, [frameOrigin])]);
    const page = await openFixture(
      'iframe-cross-origin.html',
      '127.0.0.1',
      `?frame=${encodeURIComponent(frameOrigin)}`,
    );
    try {
      await page.frameLocator('#frame').locator('#frame-otp').waitFor();
      const startedAt = Date.now();
      await dispatchInWorker('menu', page.url());
      await expect.poll(() => received(page)).not.toBeNull();
      expect(expectedCodes(SECRET_B, startedAt)).toContain((await received(page))?.value);
      expect(await page.frameLocator('#frame').locator('#frame-otp').inputValue()).not.toBe('');
    } finally {
      await page.close();
    }
  });
});

describe('in-field button follows a re-rendered field', () => {
  it('comes back on the new field after the SPA replaces it, and fills it', async () => {
    const site = origin('127.0.0.1');
    await seedVault([account('Fixtures', SECRET_A, [site])]);
    await setAlwaysDetect(site, true);
    const page = await openFixture('spa-rerender.html');
    try {
      await page.waitForSelector('mfa-companion-autofill', { state: 'attached' });
      type Marked = { __firstButton?: Element | null };
      await page.evaluate(() => {
        (window as Marked).__firstButton = document.querySelector('mfa-companion-autofill');
      });
      // "Resend code": the component throws its view away; the old field (and its button) are gone.
      await page.click('#resend');
      await page.waitForSelector('#otp[data-render="2"]');
      // A new button (host element) is attached to the new field after the throttled re-scan.
      await page.waitForFunction(() => {
        const host = document.querySelector('mfa-companion-autofill');
        return host !== null && host !== (window as Marked).__firstButton;
      });
      expect(await page.locator('mfa-companion-autofill').count()).toBe(1);
      await page.waitForTimeout(BUTTON_SETTLE_MS);
      const startedAt = Date.now();
      await clickFieldButtonUntilFilled(page);
      expect(expectedCodes(SECRET_A, startedAt)).toContain((await received(page))?.value);
      expect(await page.$eval('#otp', (input) => (input as HTMLInputElement).dataset.render)).toBe('2');
    } finally {
      await page.close();
      await setAlwaysDetect(site, false);
    }
  });
});

describe('popup fill actions', () => {
  it("fills from an account's Fill button into the page's own framework state", async () => {
    await seedVault([account('Fixtures', SECRET_A, [origin('127.0.0.1')])]);
    const fixture = pages.find((candidate) => candidate.file === 'preact-controlled.html') as FixturePage;
    const page = await openFixture(fixture.file);
    const popup = await openPopupOver(page);
    try {
      await reachCodeStep(page, fixture);
      expect(await axeViolations(popup)).toEqual([]);
      const startedAt = Date.now();
      await popup.getByRole('button', { name: /^Fill the code for Fixtures/ }).click();
      await expect.poll(() => received(page)).not.toBeNull();
      const got = await received(page);
      expect(expectedCodes(SECRET_A, startedAt)).toContain(got?.value);
      expect(got?.via).not.toMatch(/^decoy/);
      expect(await page.evaluate(() => (window as unknown as { __submitted: boolean }).__submitted)).toBe(false);
      await popup.getByRole('status').getByText('Code for Fixtures').waitFor();
    } finally {
      await popup.close();
      await page.close();
    }
  });

  it('fills with Shift+Enter on a row, while Enter still copies', async () => {
    await seedVault([account('Fixtures', SECRET_A, [origin('127.0.0.1')])]);
    const fixture = pages.find((candidate) => candidate.file === 'react-like-tracker.html') as FixturePage;
    const page = await openFixture(fixture.file);
    const popup = await openPopupOver(page);
    try {
      await reachCodeStep(page, fixture);
      await popup.locator('#row-0').focus();
      const startedAt = Date.now();
      await popup.keyboard.press('Shift+Enter');
      await expect.poll(() => received(page)).not.toBeNull();
      expect(expectedCodes(SECRET_A, startedAt)).toContain((await received(page))?.value);
      const copied = popup.locator('.toast').filter({ hasText: /^Code for Fixtures.* copied\.$/ });
      expect(await copied.count()).toBe(0);
      await popup.keyboard.press('Enter');
      await copied.waitFor();
    } finally {
      await popup.close();
      await page.close();
    }
  });

  it('offers to bind an unbound account to the suggested origin, and fills only after binding', async () => {
    const bank = account('Bank', SECRET_A, [origin(LAN_HOST)]);
    await seedVault([bank]);
    const page = await openFixture('plain-autocomplete.html', BANK_HOST);
    const popup = await openPopupOver(page);
    try {
      await popup.getByRole('button', { name: /^Fill the code for Bank/ }).click();
      const offer = popup.getByRole('dialog', { name: `Bind to ${origin(BANK_HOST)}?` });
      await offer.waitFor();
      // Nothing reached the page while the question is open.
      expect(await page.$eval('#otp', (input) => (input as HTMLInputElement).value)).toBe('');
      expect(await received(page)).toBeNull();
      expect(await axeViolations(popup)).toEqual([]);
      const startedAt = Date.now();
      await offer.getByRole('button', { name: 'Bind and fill' }).click();
      await expect.poll(() => received(page)).not.toBeNull();
      expect(expectedCodes(SECRET_A, startedAt)).toContain((await received(page))?.value);
      const stored = await readVault(worker);
      expect(stored.find((entry) => entry.id === bank.id)?.sites).toEqual([origin(LAN_HOST), origin(BANK_HOST)]);
    } finally {
      await popup.close();
      await page.close();
    }
  });

  // Issue 24, bug 2: the "not bound" notice the first attempt put in the page stayed after the fill succeeded.
  it.each([
    { file: 'plain-autocomplete.html' },
    { file: 'preact-controlled.html', ready: '__preactReady', target: '#mfa-input' },
  ])('after "Bind and fill" on $file, the page no longer says the code was not filled', async (fixture) => {
    const bank = account('Bank', SECRET_A, [origin(LAN_HOST)]);
    await seedVault([bank]);
    const page = await openFixture(fixture.file, BANK_HOST);
    const popup = await openPopupOver(page);
    const notBound = 'so its code was not filled';
    const pageSays = (text: string) =>
      page.evaluate((needle) => {
        getSelection()?.removeAllRanges();
        return (window as unknown as { find(text: string, ...flags: boolean[]): boolean }).find(
          needle,
          false,
          false,
          true,
        );
      }, text);
    try {
      if (fixture.ready) await reachCodeStep(page, { framework: 'preact', expect: 'single', ...fixture });
      await popup.getByRole('button', { name: /^Fill the code for Bank/ }).click();
      const offer = popup.getByRole('dialog', { name: `Bind to ${origin(BANK_HOST)}?` });
      await offer.waitFor();
      await expect.poll(() => pageSays(notBound)).toBe(true); // the first attempt's notice, in the page
      await offer.getByRole('button', { name: 'Bind and fill' }).click();
      await expect.poll(() => received(page)).not.toBeNull();
      await expect.poll(() => pageSays(notBound), { timeout: 3000 }).toBe(false);
    } finally {
      await popup.close();
      await page.close();
    }
  });

  it('on a step that asks for an e-mailed code, the popup explains instead of offering to fill, and so does the page', async () => {
    await seedVault([account('Fixtures', SECRET_A, [origin('127.0.0.1')])]);
    const page = await openFixture('email-code-step.html');
    const popup = await openPopupOver(page);
    try {
      await popup.getByText('This page asks for the code it sent you by e-mail').waitFor();
      expect(await popup.getByRole('button', { name: 'Fill on this page' }).count()).toBe(0);
      expect(await axeViolations(popup)).toEqual([]);
      expect(await triggerFill(page)).toMatchObject({ outcome: 'delivered', channel: 'email' });
      await page.waitForSelector('mfa-companion-autofill', { state: 'attached' });
      expect(
        await page.evaluate(() =>
          (window as unknown as { find(text: string, ...flags: boolean[]): boolean }).find(
            'only fills codes from your authenticator',
            false,
            false,
            true,
          ),
        ),
      ).toBe(true);
      expect(await page.$eval('#code', (input) => (input as HTMLInputElement).value)).toBe('');
      expect(await received(page)).toBeNull();
    } finally {
      await popup.close();
      await page.close();
    }
  });

  describe('"Add the code after the password" (logins that take the code in the password field)', () => {
    const typePassword = (page: Page, selector: string) => page.locator(selector).pressSequentially('s3cret');
    it('FreeIPA-style: the popup adds the code after the typed password, and the site keeps the choice', async () => {
      await seedVault([account('IdM', SECRET_A, [origin('127.0.0.1')])]);
      await worker.evaluate(() => chrome.storage.local.set({ 'autofill.settings': {} }));
      let page = await openFixture('freeipa-like-login.html');
      let popup = await openPopupOver(page);
      try {
        // Nothing typed yet: the code waits for the password.
        await popup.getByRole('button', { name: 'Add the code after the password' }).click();
        await popup.getByRole('status').getByText('Type your password first, then ask for the code again').waitFor();
        expect(await received(page)).toBeNull();
        await typePassword(page, '#password');
        let startedAt = Date.now();
        await popup.getByRole('button', { name: 'Add the code after the password' }).click();
        await expect
          .poll(async () => (await received(page))?.value)
          .toMatch(new RegExp(`^s3cret(${expectedCodes(SECRET_A, startedAt).join('|')})$`));
        await popup.getByText('Code for IdM (admin) added after the password.').waitFor();
        await popup.close();
        await page.close();
        // Next time the ordinary fill (shortcut, menu, popup) does it: the choice is kept for this account and site.
        page = await openFixture('freeipa-like-login.html');
        await typePassword(page, '#password');
        startedAt = Date.now();
        expect(await triggerFill(page)).toMatchObject({ outcome: 'filled', appended: 'after' });
        expect((await received(page))?.value).toMatch(
          new RegExp(`^s3cret(${expectedCodes(SECRET_A, startedAt).join('|')})$`),
        );
        popup = await openPopupOver(page);
      } finally {
        await popup.close();
        await page.close();
      }
    });

    it('OPNsense-style: "before the password" puts the code first; never on a site where it was not chosen', async () => {
      await seedVault([account('Firewall', SECRET_A, [origin('127.0.0.1')])]);
      await worker.evaluate(() => chrome.storage.local.set({ 'autofill.settings': {} }));
      const page = await openFixture('opnsense-like-login.html');
      const popup = await openPopupOver(page);
      try {
        await typePassword(page, '#passwordfld');
        // Not chosen yet: an ordinary fill finds no code field and leaves the password alone.
        expect((await triggerFill(page)).outcome).toBe('no-field');
        expect((await received(page))?.value).toBe('s3cret');
        const startedAt = Date.now();
        await popup.getByRole('button', { name: 'Add it before the password instead' }).click();
        await expect
          .poll(async () => (await received(page))?.value)
          .toMatch(new RegExp(`^(${expectedCodes(SECRET_A, startedAt).join('|')})s3cret$`));
        expect(await page.evaluate(() => (window as unknown as { __submitted: boolean }).__submitted)).toBe(false);
      } finally {
        await popup.close();
        await page.close();
      }
    });
  });

  it('cancelling the bind offer changes nothing', async () => {
    const bank = account('Bank', SECRET_A, [origin(LAN_HOST)]);
    await seedVault([bank]);
    const page = await openFixture('plain-autocomplete.html', BANK_HOST);
    const popup = await openPopupOver(page);
    try {
      await popup.getByRole('button', { name: /^Fill the code for Bank/ }).click();
      const offer = popup.getByRole('dialog');
      await offer.getByRole('button', { name: 'Cancel' }).click();
      await offer.waitFor({ state: 'detached' });
      expect(await received(page)).toBeNull();
      expect((await readVault(worker)).find((entry) => entry.id === bank.id)?.sites).toEqual([origin(LAN_HOST)]);
    } finally {
      await popup.close();
      await page.close();
    }
  });

  const warnings: [string, string, () => string[], RegExp][] = [
    [
      'a look-alike',
      LOOKALIKE_HOST,
      () => [origin(BANK_HOST)],
      /This site \(acme-bannk\.com(:\d+)?\) looks like acme-bank\.com/,
    ],
    ['plain http where https is bound', BANK_HOST, () => [`https://${BANK_HOST}`], /plain http/],
  ];
  it.each(warnings)('warns in the popup and does not fill on %s', async (_name, host, sites, text) => {
    await seedVault([account('Bank', SECRET_A, sites())]);
    const page = await openFixture('plain-autocomplete.html', host);
    const popup = await openPopupOver(page);
    try {
      await popup.getByRole('button', { name: 'Fill on this page' }).click();
      await expect.poll(() => popup.getByRole('alert').filter({ hasText: text }).count()).toBe(1);
      expect(await page.$eval('#otp', (input) => (input as HTMLInputElement).value)).toBe('');
      expect(await received(page)).toBeNull();
      expect(await axeViolations(popup)).toEqual([]);
    } finally {
      await popup.close();
      await page.close();
    }
  });

  it('"Always detect on this site" turns the in-field button on for that origin, and off again', async () => {
    const site = origin('127.0.0.1');
    await seedVault([account('Fixtures', SECRET_A, [site])]);
    const page = await openFixture('plain-autocomplete.html');
    const popup = await openPopupOver(page);
    try {
      const toggle = popup.getByRole('checkbox', { name: 'Always detect on this site' });
      expect(await toggle.isChecked()).toBe(false);
      // The permission request runs from this click (already granted to this test profile, so no prompt).
      await toggle.check();
      await expect.poll(() => toggle.isChecked()).toBe(true);
      const detected = await openFixture('plain-autocomplete.html');
      await detected.waitForSelector('mfa-companion-autofill', { state: 'attached' });
      await detected.close();
      await toggle.uncheck();
      await expect.poll(() => toggle.isChecked()).toBe(false);
      const after = await openFixture('plain-autocomplete.html');
      await after.waitForTimeout(300);
      expect(await after.locator('mfa-companion-autofill').count()).toBe(0);
      await after.close();
    } finally {
      await popup.close();
      await page.close();
    }
  });

  it('keeps "fill only on the exact host" per account in the autofill settings (off by default)', async () => {
    const bank = account('Bank', SECRET_A, [origin('127.0.0.1')]);
    await seedVault([bank]);
    const page = await openFixture('plain-autocomplete.html');
    const popup = await openPopupOver(page);
    const storedExactHost = () =>
      worker.evaluate(async () => {
        const { local } = (
          globalThis as unknown as {
            chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
          }
        ).chrome.storage;
        const stored = await local.get('autofill.settings');
        return (stored['autofill.settings'] as { exactHost?: string[] } | undefined)?.exactHost;
      });
    try {
      await popup.getByRole('button', { name: /^Actions for Bank/ }).click();
      const option = popup.getByRole('checkbox', { name: 'Fill only on the exact host' });
      expect(await option.isChecked()).toBe(false);
      await option.check();
      await expect.poll(storedExactHost).toEqual([bank.id]);
      await option.uncheck();
      await expect.poll(storedExactHost).toEqual([]);
    } finally {
      await popup.close();
      await page.close();
    }
  });

  it('submits after filling only for an account with "submit after fill" on (off by default)', async () => {
    const bank = account('Bank', SECRET_A, [origin('127.0.0.1')]);
    await seedVault([bank]);
    const page = await openFixture('plain-autocomplete.html');
    const popup = await openPopupOver(page);
    try {
      await popup.getByRole('button', { name: /^Actions for Bank/ }).click();
      const option = popup.getByRole('checkbox', { name: 'Submit the form after filling' });
      expect(await option.isChecked()).toBe(false);
      await option.check();
      await expect
        .poll(() =>
          worker.evaluate(async () => {
            const stored = await (
              globalThis as unknown as {
                chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } };
              }
            ).chrome.storage.local.get('autofill.settings');
            return (stored['autofill.settings'] as { submitAfterFill?: string[] } | undefined)?.submitAfterFill;
          }),
        )
        .toEqual([bank.id]);
      await popup.getByRole('button', { name: 'Close' }).click();
      await popup.getByRole('button', { name: /^Fill the code for Bank/ }).click();
      await expect.poll(() => received(page)).not.toBeNull();
      await expect
        .poll(() => page.evaluate(() => (window as unknown as { __submitted: boolean }).__submitted))
        .toBe(true);
      await popup.getByRole('button', { name: /^Actions for Bank/ }).click();
      await popup.getByRole('checkbox', { name: 'Submit the form after filling' }).uncheck();
    } finally {
      await popup.close();
      await page.close();
    }
  });
});

describe('nothing a hostile page can read or trigger', () => {
  const LABEL_A = 'alice.smith@example.com';
  const LABEL_B = 'bob.jones@example.com';
  const named = (issuer: string, name: string, secret: string, sites: string[]) =>
    createAccount({ issuer, account: name, secret, sites });

  /** What a page can learn by searching its own rendering (Chromium's find also looks inside closed shadow roots). */
  async function pageCanFind(page: Page, text: string): Promise<boolean> {
    for (const frame of page.frames()) {
      const found = await frame
        .evaluate((needle) => {
          // From the top, wrapping around: a previous find leaves its match selected and searches on from there.
          getSelection()?.removeAllRanges();
          const finder = window as unknown as { find(text: string, ...flags: boolean[]): boolean };
          return finder.find(needle, false, false, true) || document.documentElement.innerText.includes(needle);
        }, text)
        .catch(() => false);
      if (found) return true;
    }
    return false;
  }

  function nextChooserWindow(): Promise<Page> {
    return browser.context.waitForEvent('page', {
      predicate: (candidate) => candidate.url().includes('/autofill-chooser.html'),
      timeout: 15_000,
    });
  }

  it('several accounts, page trigger: the choice is made in an extension window, the page never sees the names', async () => {
    const site = origin('127.0.0.1');
    await seedVault([named('Acme Bank', LABEL_A, SECRET_A, [site]), named('Acme Bank', LABEL_B, SECRET_B, [site])]);
    const page = await openFixture('plain-autocomplete.html');
    try {
      const chooserOpened = nextChooserWindow();
      await dispatchInWorker('command', page.url());
      const chooser = await chooserOpened;
      const dialog = chooser.getByRole('dialog', { name: 'Several accounts are bound to this site. Which code?' });
      await dialog.getByText(`The code goes to 127.0.0.1:${servers.primary.port}.`).waitFor();
      expect(await axeViolations(chooser)).toEqual([]);
      // The page holds nothing but its own content: no host element, no label, not even in a closed root.
      expect(await page.locator('mfa-companion-autofill').count()).toBe(0);
      expect(await pageCanFind(page, 'alice.smith')).toBe(false);
      expect(await pageCanFind(page, 'bob.jones')).toBe(false);
      const startedAt = Date.now();
      // The window closes itself on the pick.
      await Promise.all([
        chooser.waitForEvent('close'),
        dialog
          .getByRole('button', { name: `Acme Bank (${LABEL_B})` })
          .click({ noWaitAfter: true })
          .catch(() => undefined),
      ]);
      await expect.poll(() => received(page)).not.toBeNull();
      expect(expectedCodes(SECRET_B, startedAt)).toContain((await received(page))?.value);
      expect(await pageCanFind(page, 'bob.jones')).toBe(false);
    } finally {
      await page.close();
    }
  });

  it('a chooser window whose request is gone says so and closes on Close', async () => {
    const chooser = await browser.context.newPage();
    await chooser.goto(`chrome-extension://${browser.extensionId}/autofill-chooser.html?request=long-gone`);
    await chooser.getByRole('alert').getByText('This choice is no longer open.', { exact: false }).waitFor();
    expect(await axeViolations(chooser)).toEqual([]);
    await Promise.all([
      chooser.waitForEvent('close'),
      chooser
        .getByRole('button', { name: 'Close' })
        .click({ noWaitAfter: true })
        .catch(() => undefined),
    ]);
  });

  it('a cross-origin frame with several accounts: the hostile top page finds no label, the frame gets the pick', async () => {
    const frameOrigin = origin('127.0.0.1', servers.secondary.port);
    await seedVault([
      named('Identity', LABEL_A, SECRET_A, [frameOrigin]),
      named('Identity', LABEL_B, SECRET_B, [frameOrigin]),
    ]);
    const page = await openFixture(
      'iframe-cross-origin.html',
      '127.0.0.1',
      `?frame=${encodeURIComponent(frameOrigin)}`,
    );
    try {
      await page.frameLocator('#frame').locator('#frame-otp').waitFor();
      const chooserOpened = nextChooserWindow();
      await dispatchInWorker('menu', page.url());
      const chooser = await chooserOpened;
      await chooser.getByText(`The code goes to 127.0.0.1:${servers.secondary.port}.`).waitFor();
      // What the attack did: search the top document (and its frames) for the account names.
      expect(await pageCanFind(page, LABEL_A)).toBe(false);
      expect(await pageCanFind(page, 'Identity (')).toBe(false);
      expect(await page.locator('mfa-companion-autofill').count()).toBe(0);
      const startedAt = Date.now();
      await Promise.all([
        chooser.waitForEvent('close'),
        chooser
          .getByRole('button', { name: `Identity (${LABEL_A})` })
          .click({ noWaitAfter: true })
          .catch(() => undefined),
      ]);
      await expect.poll(() => received(page)).not.toBeNull();
      expect(expectedCodes(SECRET_A, startedAt)).toContain((await received(page))?.value);
    } finally {
      await page.close();
    }
  });

  it('Escape in the chooser window fills nothing', async () => {
    const site = origin('127.0.0.1');
    await seedVault([named('Work', LABEL_A, SECRET_A, [site]), named('Home', LABEL_B, SECRET_B, [site])]);
    const page = await openFixture('plain-autocomplete.html');
    try {
      const chooserOpened = nextChooserWindow();
      await dispatchInWorker('command', page.url());
      const chooser = await chooserOpened;
      await chooser.getByRole('button', { name: `Work (${LABEL_A})` }).waitFor();
      await Promise.all([chooser.waitForEvent('close'), chooser.keyboard.press('Escape').catch(() => undefined)]);
      await page.waitForTimeout(500);
      expect(await received(page)).toBeNull();
      expect(await page.inputValue('#otp')).toBe('');
    } finally {
      await page.close();
    }
  });

  it('several accounts from the popup: the popup asks, the page never sees the names', async () => {
    const site = origin('127.0.0.1');
    await seedVault([named('Work', LABEL_A, SECRET_A, [site]), named('Home', LABEL_B, SECRET_B, [site])]);
    const page = await openFixture('plain-autocomplete.html');
    const popup = await openPopupOver(page);
    try {
      await popup.getByRole('button', { name: 'Fill on this page' }).click();
      const dialog = popup.getByRole('dialog', { name: 'Several accounts are bound to this site. Which code?' });
      await dialog.waitFor();
      expect(await axeViolations(popup)).toEqual([]);
      expect(await page.locator('mfa-companion-autofill').count()).toBe(0);
      expect(await pageCanFind(page, 'alice.smith')).toBe(false);
      const startedAt = Date.now();
      await dialog.getByRole('button', { name: `Work (${LABEL_A})` }).click();
      await expect.poll(() => received(page)).not.toBeNull();
      expect(expectedCodes(SECRET_A, startedAt)).toContain((await received(page))?.value);
      await popup.getByRole('status').getByText(`Code for Work (${LABEL_A}) filled on this page.`).waitFor();
    } finally {
      await popup.close();
      await page.close();
    }
  });

  it('the look-alike notice in the page does not name the site it imitates', async () => {
    await seedVault([account('Bank', SECRET_A, [origin(BANK_HOST)])]);
    const page = await openFixture('plain-autocomplete.html', LOOKALIKE_HOST);
    try {
      expect(await triggerFill(page)).toMatchObject({ outcome: 'lookalike', resembles: BANK_HOST });
      await page.waitForSelector('mfa-companion-autofill', { state: 'attached' });
      expect(await pageCanFind(page, 'No code was filled')).toBe(true); // the notice is there, and findable…
      expect(await pageCanFind(page, BANK_HOST)).toBe(false); // …but names no bound site
    } finally {
      await page.close();
    }
  });

  describe('the in-field button acts only on a click the user could see', () => {
    const site = () => origin('127.0.0.1');
    beforeAll(async () => {
      await seedVault([account('Fixtures', SECRET_A, [site()])]);
      await setAlwaysDetect(site(), true);
    });
    afterAll(async () => {
      await setAlwaysDetect(site(), false);
    });

    async function buttonPage(): Promise<{ page: Page; clickButton(): Promise<void> }> {
      const page = await openFixture('plain-autocomplete.html');
      await page.waitForSelector('mfa-companion-autofill', { state: 'attached' });
      const clickButton = async () => {
        const box = await page.locator('#otp').boundingBox();
        if (!box) throw new Error('no field box');
        await page.mouse.click(box.x + box.width - 15, box.y + box.height / 2);
      };
      return { page, clickButton };
    }

    const attacks: [string, string][] = [
      ['page CSS makes the button transparent', 'mfa-companion-autofill { opacity: 0 !important; }'],
      ['page CSS nearly hides it', 'mfa-companion-autofill { opacity: 0.02 !important; }'],
      ['page CSS filters it away', 'html { filter: opacity(0); }'],
      ['page CSS blends it away', 'mfa-companion-autofill { mix-blend-mode: screen !important; }'],
      ['page CSS clips it', 'mfa-companion-autofill { clip-path: inset(50%) !important; }'],
    ];
    it.each(attacks)('%s: one real click fills nothing', async (_name, css) => {
      const { page, clickButton } = await buttonPage();
      try {
        const style = await page.addStyleTag({ content: css });
        await page.waitForTimeout(BUTTON_SETTLE_MS);
        await clickButton();
        await page.waitForTimeout(800);
        expect(await received(page)).toBeNull();
        expect(await page.inputValue('#otp')).toBe('');
        // Proof the click landed on the button: without the page's CSS, the same click fills.
        await style.evaluate((node) => (node as Element).remove());
        await page.waitForTimeout(BUTTON_SETTLE_MS);
        const startedAt = Date.now();
        await clickUntilFilled(page, clickButton);
        expect(expectedCodes(SECRET_A, startedAt)).toContain((await received(page))?.value);
      } finally {
        await page.close();
      }
    });

    it('a top-layer decoy that lets clicks through (popover, pointer-events: none) makes the click fill nothing', async () => {
      const { page, clickButton } = await buttonPage();
      try {
        await page.evaluate(() => {
          const decoy = document.createElement('div');
          decoy.setAttribute('popover', 'manual');
          decoy.style.cssText =
            'pointer-events:none;inset:0;width:100vw;height:100vh;margin:0;border:0;background:#fff;color:#000';
          decoy.textContent = 'Click the box on the right to claim your prize';
          document.body.append(decoy);
          (decoy as HTMLElement & { showPopover(): void }).showPopover();
        });
        await page.waitForTimeout(BUTTON_SETTLE_MS);
        await clickButton();
        await page.waitForTimeout(800);
        expect(await received(page)).toBeNull();
      } finally {
        await page.close();
      }
    });

    it('a button the page just scrolled under the pointer ignores the click', async () => {
      const { page, clickButton } = await buttonPage();
      try {
        await page.waitForTimeout(BUTTON_SETTLE_MS);
        await page.evaluate(() => {
          document.body.style.minHeight = '3000px';
          window.scrollTo(0, 1);
        });
        await clickButton();
        await page.waitForTimeout(800);
        expect(await received(page)).toBeNull();
      } finally {
        await page.close();
      }
    });
  });

  it('injected scripts post nothing to the page: no message, no start event', async () => {
    const site = origin('127.0.0.1');
    await seedVault([account('Fixtures', SECRET_A, [site])]);
    const extensionId = browser.extensionId as string;
    const watch = async () => {
      const page = await browser.context.newPage();
      // The page's own listeners, installed before anything else runs, as a curious page would.
      await page.addInitScript((id) => {
        const seen: string[] = [];
        (window as unknown as { __seen: string[] }).__seen = seen;
        window.addEventListener('message', (event) => seen.push(`message:${JSON.stringify(event.data)}`), true);
        for (const type of [`${id}:autofill:wxt:content-script-started`, `${id}:nmc:wxt:content-script-started`]) {
          document.addEventListener(type, () => seen.push(`event:${type}`), true);
          window.addEventListener(type, () => seen.push(`event:${type}`), true);
        }
      }, extensionId);
      await page.goto(`${site}/autofill/plain-autocomplete.html`);
      return page;
    };
    const seen = (page: Page) => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);

    // Injected on demand (the popup's fill), twice: the second injection finds the first instance.
    const page = await watch();
    try {
      const startedAt = Date.now();
      expect((await triggerFill(page)).outcome).toBe('filled');
      expect((await triggerFill(page)).outcome).toBe('filled');
      expect(expectedCodes(SECRET_A, startedAt)).toContain(await page.inputValue('#otp'));
      await page.waitForTimeout(300);
      expect(await seen(page)).toEqual([]);
    } finally {
      await page.close();
    }
    // Registered for an "always detect" site: runs on every load, and still says nothing.
    await setAlwaysDetect(site, true);
    const registered = await watch();
    try {
      await registered.waitForSelector('mfa-companion-autofill', { state: 'attached' });
      await registered.waitForTimeout(300);
      expect(await seen(registered)).toEqual([]);
    } finally {
      await registered.close();
      await setAlwaysDetect(site, false);
    }
  });
});
