// The screenshot gallery: every screen of the popup, the options page, the account chooser and the NMC banner, in
// light and dark, English and French, at the popup's real sizes, written to test/screenshots/gallery/ with an index
// (README.md) so the look can be reviewed without installing anything. Each screen is also checked with axe-core.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TOKEN } from '../fixtures/nmc/token.ts';
import { type LaunchedBrowser, launchBrowser, REPO_ROOT } from '../lib/browser.ts';
import { type FixtureServers, startFixtureServers } from '../lib/fixture-servers.ts';
import { AXE_SOURCE, optionsUrl, PASSPHRASE, popupUrl } from './extension-helpers.ts';
import { sizeLikeRealPopup } from './popup-sizes.ts';

const GALLERY = join(REPO_ROOT, 'test/screenshots/gallery');
const NMC_HOST = 'nmc-risk.lan';
const PAGE_HOST = 'portal.example.lan';

type Theme = 'light' | 'dark';
type Locale = 'en' | 'fr';

interface Shot {
  screen: string;
  title: string;
  theme: Theme;
  locale: Locale;
  file: string;
}

const shots: Shot[] = [];
const axeProblems: string[] = [];

/** Accounts with brand marks (GitHub, Google, Dropbox, Proton) and without (monograms), two bound to one page. */
function accountLinks(): string {
  const secrets = ['JBSWY3DPEHPK3PXP', 'KRSXG5CTMVRXEZLU', 'GEZDGNBVGY3TQOJQ', 'MFRGGZDFMZTWQ2LK', 'NBSWY3DPO5XXE3DE'];
  const link = (issuer: string, name: string, secret: string) =>
    `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(name)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;
  return [
    link('GitHub', 'alice@example.com', secrets[0] as string),
    link('Google', 'alice.martin@gmail.com', secrets[1] as string),
    link('Dropbox', 'alice@example.com', secrets[2] as string),
    link('Acme Bank', 'alice', secrets[3] as string),
    link('Proton', 'alice@proton.me', secrets[4] as string),
  ].join('\n');
}

/** In-flow children of `container` drawn over each other (boxes overlapping, or text spilling out of a squeezed box). */
async function overlappingChildren(page: Page, container: string): Promise<string[]> {
  return page.locator(container).evaluate((element) => {
    const boxes = [...element.children]
      .filter((child) => getComputedStyle(child).position !== 'absolute')
      .map((child) => ({
        text: (child.textContent ?? '').trim().slice(0, 30),
        box: child.getBoundingClientRect(),
        spills: child.scrollHeight > child.clientHeight + 1,
      }))
      .filter(({ box }) => box.height > 0);
    // A child squeezed below its content's height draws its last lines over whatever follows.
    const problems = boxes.filter(({ spills }) => spills).map(({ text }) => `"${text}" spills out of its box`);
    for (let index = 1; index < boxes.length; index++) {
      const [above, below] = [boxes[index - 1], boxes[index]] as [(typeof boxes)[0], (typeof boxes)[0]];
      if (below.box.top < above.box.bottom - 0.5) problems.push(`"${above.text}" overlaps "${below.text}"`);
    }
    return problems;
  });
}

async function axeOn(page: Page, where: string): Promise<void> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> };
      }
    ).axe;
    const result = await axe.run();
    return result.violations.map(
      (violation) => `${violation.id} ${JSON.stringify(violation.nodes.map((node) => node.target))}`,
    );
  });
  for (const violation of violations) axeProblems.push(`${where}: ${violation}`);
}

describe('screenshot gallery', () => {
  let servers: FixtureServers;

  afterAll(async () => {
    await servers?.close();
    writeIndex();
  });

  beforeAll(async () => {
    rmSync(GALLERY, { recursive: true, force: true });
    mkdirSync(GALLERY, { recursive: true });
    servers = await startFixtureServers();
  });

  for (const locale of ['en', 'fr'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`${locale}, ${theme}: every screen`, async () => {
        const browser = await launchBrowser({
          extension: true,
          colorScheme: theme,
          locale: locale === 'fr' ? 'fr-FR' : 'en-US',
          args: locale === 'fr' ? ['--lang=fr'] : [],
          hosts: [NMC_HOST, PAGE_HOST],
          grantHostPermissions: ['http://*.lan/*'],
        });
        try {
          await everyScreen(browser, servers, theme, locale);
        } finally {
          await browser.close();
        }
      }, 900_000);
    }
  }

  it('has no accessibility violation on any screen, in either theme', () => {
    expect(axeProblems).toEqual([]);
  });
});

async function everyScreen(browser: LaunchedBrowser, servers: FixtureServers, theme: Theme, locale: Locale) {
  const shoot = async (page: Page, screen: string, title: string, fullPage = false, checkAxe = true) => {
    const file = `${screen}-${locale}-${theme}.png`;
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: join(GALLERY, file), fullPage });
    shots.push({ screen, title, theme, locale, file });
    if (checkAxe) await axeOn(page, `${screen} (${locale}, ${theme})`);
  };
  /** The popup in a page that sizes itself like the toolbar popup. */
  const popupPage = async (query = '') => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 600 });
    page.on('pageerror', (error) => console.log('popup error:', error.message));
    await page.goto(popupUrl(browser, query));
    // Generous: on a loaded machine a fresh profile's first popup can take long to read its storage.
    await page.locator('main.popup > *').first().waitFor({ state: 'attached', timeout: 120_000 });
    await page.waitForTimeout(300);
    await sizeLikeRealPopup(page);
    return page;
  };

  // First run.
  let popup = await popupPage();
  await popup.locator('#create-new').waitFor();
  await shoot(popup, 'popup-first-run', 'Popup: first run');
  await popup.locator('#create-new').fill(PASSPHRASE);
  await popup.locator('#create-confirm').fill(PASSPHRASE);
  await popup.locator('#create-new').blur();
  await popup.locator('form[aria-labelledby="create-title"] button[type="submit"]').click();
  await popup.locator('.empty button.primary').waitFor();
  await sizeLikeRealPopup(popup);
  await shoot(popup, 'popup-empty', 'Popup: no accounts yet');

  // Add: the view, then the preview of pasted links.
  await popup.locator('.empty button.primary').click();
  await popup.locator('#add-uri').waitFor();
  await sizeLikeRealPopup(popup);
  await shoot(popup, 'popup-add', 'Popup: add an account', true);
  await popup.locator('#add-uri').fill(accountLinks());
  await popup.locator('#add-uri').locator('xpath=..').locator('button[type="submit"]').click();
  await popup.locator('.preview').waitFor();
  await sizeLikeRealPopup(popup);
  await shoot(popup, 'popup-add-preview', 'Popup: check before adding');
  await popup.locator('.add .buttons button.primary').click();
  await popup.locator('.row .code').first().waitFor();
  await popup.waitForTimeout(2600); // the "added" toast goes
  await popup.close();

  // The list (brand marks arrive after the first paint), the menu, rename, a toast.
  popup = await popupPage();
  await popup.locator('.service-icon.brand').first().waitFor();
  await sizeLikeRealPopup(popup);
  await shoot(popup, 'popup-list', 'Popup: accounts with their codes');
  await popup.locator('.row .more').first().click();
  await popup.locator('.sheet.menu').waitFor();
  await sizeLikeRealPopup(popup);
  await shoot(popup, 'popup-menu', 'Popup: account menu');
  // Longer French wording once made the option notes spill over the next item instead of the sheet scrolling.
  expect(await overlappingChildren(popup, '.sheet.menu')).toEqual([]);
  await popup.keyboard.press('Escape');
  await popup.locator('.row .more').first().click();
  await popup.locator('.sheet.menu button').nth(1).click();
  await popup.locator('#rename-issuer').waitFor();
  await sizeLikeRealPopup(popup);
  await shoot(popup, 'popup-rename', 'Popup: rename');
  await popup.keyboard.press('Escape');
  await popup.locator('.row-main').first().click();
  await popup.locator('.toast').waitFor();
  await sizeLikeRealPopup(popup);
  await shoot(popup, 'popup-toast', 'Popup: code copied');
  await popup.close();

  // Over a web page: the fill box and the chooser (two accounts bound to the page).
  const pageOrigin = `http://${PAGE_HOST}:${servers.primary.port}`;
  await bindTwoAccounts(browser, pageOrigin);
  const site = await browser.context.newPage();
  await site.goto(`${pageOrigin}/autofill/plain-autocomplete.html`);
  popup = await popupPage(`?tabId=${await tabIdOf(browser, site.url())}`);
  await popup.locator('.site-panel').waitFor();
  await sizeLikeRealPopup(popup);
  await shoot(popup, 'popup-site', 'Popup: over a page two accounts are bound to');
  await popup.locator('.site-panel button.primary').click();
  await popup.locator('.sheet.chooser').waitFor();
  await sizeLikeRealPopup(popup);
  await shoot(popup, 'popup-chooser', 'Popup: which account? (chooser)');
  await popup.close();

  // The chooser window the background opens for a page's own request (here without a pending request).
  const chooser = await browser.context.newPage();
  await chooser.setViewportSize({ width: 400, height: 320 });
  await chooser.goto(`chrome-extension://${browser.extensionId}/autofill-chooser.html?request=gallery`);
  await chooser.locator('main > *').first().waitFor();
  await shoot(chooser, 'chooser-window-expired', 'Chooser window: request no longer pending');
  await chooser.close();

  // Options, unlocked.
  const options = await browser.context.newPage();
  await options.setViewportSize({ width: 1180, height: 900 });
  await options.goto(optionsUrl(browser));
  await options.locator('#security-title').waitFor();
  await options.locator('#import-title').waitFor();
  await options.waitForTimeout(300);
  await shoot(options, 'options', 'Options page', true);
  await options.setViewportSize({ width: 600, height: 900 });
  await shoot(options, 'options-narrow', 'Options page in a narrow window');

  // The NMC banner on an at-risk card, after "Check this page".
  const nmc = await browser.context.newPage();
  await nmc.setViewportSize({ width: 1100, height: 700 });
  await nmc.goto(`http://${NMC_HOST}:${servers.primary.port}/nmc/at-risk/NMC/${TOKEN}/userman.htm`);
  popup = await popupPage(`?tabId=${await tabIdOf(browser, nmc.url())}`);
  await popup.locator('.nmc-status').waitFor();
  await sizeLikeRealPopup(popup);
  await shoot(popup, 'popup-nmc', 'Popup: on an NMC page');
  const check = popup.locator('.nmc-status button').first();
  await check.click();
  await popup.close();
  await nmc.bringToFront();
  await nmc.waitForSelector('mfa-companion-nmc', { state: 'attached', timeout: 10_000 });
  await nmc.waitForTimeout(800);
  // Not checked with axe: the page is our fixture of the card's own UI, and the banner is in a closed shadow root.
  await shoot(nmc, 'nmc-banner', 'NMC banner on an at-risk card', false, false);
  await nmc.close();

  // Locked: popup and options.
  popup = await popupPage();
  await popup.locator('.toolbar button.icon').nth(1).click();
  await popup.locator('#unlock-passphrase').waitFor();
  await sizeLikeRealPopup(popup);
  await shoot(popup, 'popup-locked', 'Popup: locked');
  await popup.close();
  await options.setViewportSize({ width: 1180, height: 900 });
  await options.reload();
  await options.locator('#unlock-passphrase').waitFor();
  await options.waitForTimeout(300);
  await shoot(options, 'options-locked', 'Options page while the vault is locked', true);
  await options.close();
  await site.close();
}

/** Binds the first two accounts (GitHub, Google) to the page's origin the way a user does: a row's Fill, then the
 *  bind offer. */
async function bindTwoAccounts(browser: LaunchedBrowser, origin: string): Promise<void> {
  const page = await browser.context.newPage();
  await page.goto(`${origin}/autofill/plain-autocomplete.html`);
  for (const index of [0, 1]) {
    const over = await browser.context.newPage();
    await over.setViewportSize({ width: 384, height: 600 });
    await over.goto(popupUrl(browser, `?tabId=${await tabIdOf(browser, page.url())}`));
    await over.locator('.row').first().waitFor();
    await over.locator('.row').nth(index).locator('button.fill').click();
    await over.locator('.sheet.bind-offer button.primary').click();
    await over.locator('.site-panel').waitFor();
    await over.waitForTimeout(300);
    await over.close();
  }
  await page.close();
}

async function tabIdOf(browser: LaunchedBrowser, url: string): Promise<number> {
  const id = await browser.serviceWorker?.evaluate(async (target) => {
    type TabsApi = { tabs: { query(filter: object): Promise<Array<{ id?: number; url?: string }>> } };
    const tabs = await (globalThis as unknown as { chrome: TabsApi }).chrome.tabs.query({});
    return tabs.find((tab) => tab.url === target)?.id;
  }, url);
  if (id === undefined) throw new Error(`no tab for ${url}`);
  return id;
}

function writeIndex(): void {
  if (shots.length === 0) return;
  const screens = [...new Map(shots.map((shot) => [shot.screen, shot.title])).entries()];
  const cell = (screen: string, locale: Locale, theme: Theme) => {
    const shot = shots.find((entry) => entry.screen === screen && entry.locale === locale && entry.theme === theme);
    return shot ? `<img src="${shot.file}" alt="${shot.title} (${locale}, ${theme})" width="300">` : '—';
  };
  const lines = [
    '# Screenshot gallery',
    '',
    'Every screen of the extension in light and dark, English and French, at the popup’s real sizes. Written by',
    '`test/e2e/gallery.test.ts` (`cd test && pnpm exec vitest run e2e/gallery.test.ts`), which also checks each',
    'screen with axe-core; do not edit by hand.',
    '',
  ];
  for (const [screen, title] of screens) {
    lines.push(`## ${title}`, '', '| | light | dark |', '| --- | --- | --- |');
    for (const locale of ['en', 'fr'] as const) {
      lines.push(`| ${locale} | ${cell(screen, locale, 'light')} | ${cell(screen, locale, 'dark')} |`);
    }
    lines.push('');
  }
  writeFileSync(join(GALLERY, 'README.md'), lines.join('\n'));
}
