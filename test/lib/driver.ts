import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle as PlaywrightElement, Page as PlaywrightPage } from 'playwright-core';
import type {
  Browser as PuppeteerBrowser,
  ElementHandle as PuppeteerElement,
  Page as PuppeteerPage,
} from 'puppeteer-core';
import { type LaunchedBrowser, launchBrowser } from './browser.ts';
import { describeTarget, findElement, type Target, toWire } from './find-element.ts';
import { currentUrl, type LaunchedFirefox, launchFirefox, navigate } from './firefox.ts';

export type BrowserName = 'chromium' | 'firefox';
export const BROWSER_NAMES: readonly BrowserName[] = ['chromium', 'firefox'];
export type { Target } from './find-element.ts';

export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/**
 * One tab, driven the same way in Chromium (Playwright over CDP) and Firefox (puppeteer-core over WebDriver BiDi).
 * Elements are found by `findElement` inside the page and then acted on with the browser's own trusted input.
 */
export interface DriverPage {
  readonly browserName: BrowserName;
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  url(): Promise<string>;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Waits for the element, then clicks it like a user (real mouse events). */
  click(target: Target): Promise<void>;
  /** Replaces the field's value by typing into it like a user. */
  fill(target: Target, value: string): Promise<void>;
  focus(target: Target): Promise<void>;
  /** A key on the focused element (`Enter`, `Delete`, `/`). */
  press(key: string): Promise<void>;
  setInputFiles(target: Target, file: UploadFile): Promise<void>;
  /** Waits until the element exists and is visible. */
  waitFor(target: Target, timeoutMs?: number): Promise<void>;
  /** Waits until the page (or the named region) shows `text`. */
  waitForText(text: string, within?: string, timeoutMs?: number): Promise<void>;
  text(target: Target): Promise<string>;
  attribute(target: Target, name: string): Promise<string | null>;
  value(target: Target): Promise<string>;
  isDisabled(target: Target): Promise<boolean>;
  count(css: string): Promise<number>;
  /** Runs `action` and returns the text of the file it made the page download. */
  download(action: () => Promise<void>): Promise<string>;
  bringToFront(): Promise<void>;
  close(): Promise<void>;
}

/** A browser with the built extension installed. */
export interface ExtensionBrowser {
  readonly name: BrowserName;
  /** `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  readonly extensionOrigin: string;
  openExtensionPage(path: string, viewport?: { width: number; height: number }): Promise<DriverPage>;
  openPage(url: string): Promise<DriverPage>;
  /** Runs `fn` in an extension page (it has `chrome.*`): storage, tabs, runtime messages to the background. */
  inExtension<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** The extension's tab id for the page showing `url`. */
  tabIdOf(url: string): Promise<number>;
  /** Every http(s) URL the browser requested, from pages, frames and the extension. */
  requestedUrls(): string[];
  close(): Promise<void>;
}

export interface ExtensionBrowserOptions {
  /** Host names served by the fixture servers on 127.0.0.1. */
  hosts?: string[];
  /** Host permissions granted to the extension at install (the state after the user grants them). */
  grantHostPermissions?: string[];
}

const WAIT_MS = 10_000;

export async function launchExtensionBrowser(
  name: BrowserName,
  options: ExtensionBrowserOptions = {},
): Promise<ExtensionBrowser> {
  return name === 'chromium' ? launchChromiumDriver(options) : launchFirefoxDriver(options);
}

async function withDownloadsIn<T>(run: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'mfa-companion-upload-'));
  try {
    return await run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ── Chromium ────────────────────────────────────────────────────────────────────────────────────────────────

async function launchChromiumDriver(options: ExtensionBrowserOptions): Promise<ExtensionBrowser> {
  const launched: LaunchedBrowser = await launchBrowser({
    extension: true,
    ...(options.hosts ? { hosts: options.hosts } : {}),
    ...(options.grantHostPermissions ? { grantHostPermissions: options.grantHostPermissions } : {}),
  });
  const requested: string[] = [];
  launched.context.on('request', (request) => {
    if (/^https?:/.test(request.url())) requested.push(request.url());
  });
  const extensionOrigin = `chrome-extension://${launched.extensionId}`;
  const worker = launched.serviceWorker;
  if (!worker) throw new Error('extension service worker missing');
  const open = async (url: string, viewport?: { width: number; height: number }) => {
    const page = await launched.context.newPage();
    if (viewport) await page.setViewportSize(viewport);
    await page.goto(url);
    return new ChromiumPage(page);
  };
  const inExtension = <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) =>
    worker.evaluate(fn as never, arg as never) as Promise<R>;
  return {
    name: 'chromium',
    extensionOrigin,
    openExtensionPage: (path, viewport) => open(`${extensionOrigin}/${path}`, viewport),
    openPage: (url) => open(url),
    inExtension,
    tabIdOf: (url) => tabIdOf(inExtension, url),
    requestedUrls: () => [...requested],
    close: () => launched.close(),
  };
}

async function tabIdOf(
  inExtension: <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) => Promise<R>,
  url: string,
): Promise<number> {
  const id = await inExtension(async (target: string) => {
    const api = (
      globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } } }
    ).chrome;
    return (await api.tabs.query({})).find((tab) => tab.url === target)?.id;
  }, url);
  if (id === undefined) throw new Error(`no tab shows ${url}`);
  return id;
}

class ChromiumPage implements DriverPage {
  readonly browserName = 'chromium';
  constructor(private readonly page: PlaywrightPage) {}

  async goto(url: string) {
    await this.page.goto(url);
  }
  async reload() {
    await this.page.reload();
  }
  async url() {
    return this.page.url();
  }
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as never, arg as never) as Promise<R>;
  }
  private async element(target: Target, timeoutMs = WAIT_MS): Promise<PlaywrightElement<Element>> {
    const handle = await this.page
      .waitForFunction(findElement, toWire(target), { timeout: timeoutMs, polling: 50 })
      .catch((error: Error) => {
        throw new Error(`${describeTarget(target)} not found: ${error.message.split('\n')[0]}`);
      });
    const element = handle.asElement();
    if (!element) throw new Error(`${describeTarget(target)} is not an element`);
    return element as PlaywrightElement<Element>;
  }
  async click(target: Target) {
    await (await this.element(target)).click();
  }
  async fill(target: Target, value: string) {
    await (await this.element(target)).fill(value);
  }
  async focus(target: Target) {
    await (await this.element(target)).focus();
  }
  async press(key: string) {
    await this.page.keyboard.press(key);
  }
  async setInputFiles(target: Target, file: UploadFile) {
    await (await this.element(target)).setInputFiles(file);
  }
  async waitFor(target: Target, timeoutMs?: number) {
    await this.element(target, timeoutMs);
  }
  async waitForText(text: string, within?: string, timeoutMs = WAIT_MS) {
    await this.element(within ? { text, within } : { text }, timeoutMs).catch(async () => {
      throw new Error(`"${text}" never shown; the page says: ${await this.pageText()}`);
    });
  }
  private pageText() {
    return this.page.evaluate(() => document.body.innerText.replace(/\s+/g, ' ').slice(0, 600)).catch(() => '?');
  }
  async text(target: Target) {
    return (await this.element(target)).evaluate((element) => element.textContent ?? '');
  }
  async attribute(target: Target, name: string) {
    return (await this.element(target)).getAttribute(name);
  }
  async value(target: Target) {
    return (await this.element(target)).evaluate((element) => (element as HTMLInputElement).value);
  }
  async isDisabled(target: Target) {
    return (await this.element(target)).isDisabled();
  }
  count(css: string) {
    return this.page.evaluate((selector) => document.querySelectorAll(selector).length, css);
  }
  async download(action: () => Promise<void>) {
    const [download] = await Promise.all([this.page.waitForEvent('download'), action()]);
    return readFileSync((await download.path()) as string, 'utf8');
  }
  async bringToFront() {
    await this.page.bringToFront();
  }
  async close() {
    await this.page.close();
  }
}

// ── Firefox ─────────────────────────────────────────────────────────────────────────────────────────────────

async function launchFirefoxDriver(options: ExtensionBrowserOptions): Promise<ExtensionBrowser> {
  const downloadDir = mkdtempSync(join(tmpdir(), 'mfa-companion-downloads-'));
  let launched: LaunchedFirefox;
  try {
    launched = await launchFirefox({
      ...(options.hosts ? { hosts: options.hosts } : {}),
      ...(options.grantHostPermissions ? { grantHostPermissions: options.grantHostPermissions } : {}),
      prefs: {
        'browser.download.dir': downloadDir,
        'browser.download.folderList': 2,
        'browser.download.useDownloadDir': true,
        'browser.download.always_ask_before_handling_new_types': false,
        'browser.download.start_downloads_in_tmp_dir': false,
        'browser.download.alwaysOpenPanel': false,
      },
    });
  } catch (error) {
    rmSync(downloadDir, { recursive: true, force: true });
    throw error;
  }
  const { browser } = launched;
  const extensionOrigin = launched.extensionOrigin as string;
  const open = async (url: string, viewport?: { width: number; height: number }) => {
    const page = await browser.newPage();
    if (viewport) await page.setViewport(viewport);
    await navigate(browser, page, url);
    return new FirefoxPage(browser, page, downloadDir);
  };
  // A tab of the extension's own kept open for `inExtension`: Firefox has no handle on the background page here.
  const control = await open(`${extensionOrigin}/popup.html?control`);
  const inExtension = <R, A>(fn: (arg: A) => R | Promise<R>, arg?: A) => control.evaluate(fn, arg);
  return {
    name: 'firefox',
    extensionOrigin,
    openExtensionPage: (path, viewport) => open(`${extensionOrigin}/${path}`, viewport),
    openPage: (url) => open(url),
    inExtension,
    tabIdOf: (url) => tabIdOf(inExtension, url),
    requestedUrls: () => launched.requests.map((request) => request.url),
    close: async () => {
      await launched.close();
      rmSync(downloadDir, { recursive: true, force: true });
    },
  };
}

class FirefoxPage implements DriverPage {
  readonly browserName = 'firefox';
  constructor(
    private readonly browser: PuppeteerBrowser,
    private readonly page: PuppeteerPage,
    private readonly downloadDir: string,
  ) {}

  async goto(url: string) {
    await navigate(this.browser, this.page, url);
  }
  async reload() {
    await this.goto(await this.url());
  }
  url() {
    return currentUrl(this.page);
  }
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as never, arg as never) as Promise<R>;
  }
  private async element(target: Target, timeoutMs = WAIT_MS): Promise<PuppeteerElement<Element>> {
    const handle = await this.page
      .waitForFunction(findElement, { timeout: timeoutMs, polling: 50 }, toWire(target))
      .catch((error: Error) => {
        throw new Error(`${describeTarget(target)} not found: ${error.message.split('\n')[0]}`);
      });
    const element = handle.asElement();
    if (!element) throw new Error(`${describeTarget(target)} is not an element`);
    return element as PuppeteerElement<Element>;
  }
  async click(target: Target) {
    await (await this.element(target)).click();
  }
  async fill(target: Target, value: string) {
    const element = await this.element(target);
    await element.click();
    await element.evaluate((field) => (field as HTMLInputElement).select());
    if (value === '') await this.page.keyboard.press('Backspace');
    else await element.type(value);
  }
  async focus(target: Target) {
    await (await this.element(target)).focus();
  }
  async press(key: string) {
    await this.page.keyboard.press(key as Parameters<PuppeteerPage['keyboard']['press']>[0]);
  }
  async setInputFiles(target: Target, file: UploadFile) {
    await withDownloadsIn(async (dir) => {
      const path = join(dir, file.name);
      writeFileSync(path, file.buffer);
      await ((await this.element(target)) as PuppeteerElement<HTMLInputElement>).uploadFile(path);
    });
  }
  async waitFor(target: Target, timeoutMs?: number) {
    await this.element(target, timeoutMs);
  }
  async waitForText(text: string, within?: string, timeoutMs = WAIT_MS) {
    await this.element(within ? { text, within } : { text }, timeoutMs).catch(async () => {
      throw new Error(`"${text}" never shown; the page says: ${await this.pageText()}`);
    });
  }
  private pageText() {
    return this.page.evaluate(() => document.body.innerText.replace(/\s+/g, ' ').slice(0, 600)).catch(() => '?');
  }
  async text(target: Target) {
    return (await this.element(target)).evaluate((element) => element.textContent ?? '');
  }
  async attribute(target: Target, name: string) {
    return (await this.element(target)).evaluate((element, attribute) => element.getAttribute(attribute), name);
  }
  async value(target: Target) {
    return (await this.element(target)).evaluate((element) => (element as HTMLInputElement).value);
  }
  async isDisabled(target: Target) {
    return (await this.element(target)).evaluate((element) => (element as HTMLButtonElement).disabled === true);
  }
  count(css: string) {
    return this.page.evaluate((selector) => document.querySelectorAll(selector).length, css);
  }
  async download(action: () => Promise<void>) {
    const before = new Set(readdirSync(this.downloadDir));
    await action();
    for (let attempt = 0; attempt < 100; attempt += 1) {
      // Firefox writes `name.part` first and renames it when the download is complete.
      const added = readdirSync(this.downloadDir).filter((name) => !before.has(name) && !name.endsWith('.part'));
      if (added[0]) return readFileSync(join(this.downloadDir, added[0]), 'utf8');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('no download arrived');
  }
  async bringToFront() {
    await this.page.bringToFront();
  }
  async close() {
    await this.page.close();
  }
}
