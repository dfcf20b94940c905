import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
import {
  bidiCommand,
  chooseContextMenuItem,
  currentUrl,
  type LaunchedFirefox,
  launchFirefox,
  navigate,
  pressInBrowserWindow,
} from './firefox.ts';

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
  /** A key or chord on the focused element (`Enter`, `Delete`, `/`, `Alt+Shift+O`). */
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
  isChecked(target: Target): Promise<boolean>;
  /** The element's box in the viewport (CSS pixels). */
  box(target: Target): Promise<{ x: number; y: number; width: number; height: number }>;
  /** A real mouse click at a point of the viewport (for what page scripts cannot reach, like a closed shadow root). */
  mouseClick(x: number, y: number, button?: 'left' | 'right'): Promise<void>;
  count(css: string): Promise<number>;
  /**
   * Runs `fn` (a function declaration; `this` is the shadow root) in the closed shadow root of the first
   * `hostTag` element, out of reach of page scripts, the way the browser's own inspector reaches it.
   * Undefined when there is no such element or shadow root.
   */
  inClosedShadow<T>(hostTag: string, fn: string, arg?: string): Promise<T | undefined>;
  /** Normalised text of `selector` in that closed shadow root ('' when absent). */
  closedShadowText(hostTag: string, selector: string): Promise<string>;
  /** Clicks the button named `name` in that closed shadow root. */
  clickInClosedShadow(hostTag: string, name: string): Promise<void>;
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
  /**
   * A key chord pressed on the browser window (not inside the page), so the browser's own shortcut handling
   * runs extension commands. Firefox only: headless Chromium never routes keys to extension commands.
   */
  pressShortcut(chord: string): Promise<void>;
  /** Picks `label` in the browser's open page context menu (Firefox only; Chromium's is native UI). */
  chooseContextMenuItem(label: string): Promise<void>;
  close(): Promise<void>;
}

export interface ExtensionBrowserOptions {
  /** Host names served by the fixture servers on 127.0.0.1. */
  hosts?: string[];
  /** Host permissions granted to the extension at install (the state after the user grants them). */
  grantHostPermissions?: string[];
  /** Firefox only: optional API permissions granted at install (see `FirefoxLaunchOptions.grantPermissions`). */
  grantPermissions?: string[];
  /** Chromium: the test copy's manifest `key`, so its extension id is known before launch (managed policy). */
  manifestKey?: string;
  /** Firefox: the test copy's add-on id, so policy for it reaches this copy only (managed policy). */
  addonId?: string;
}

const WAIT_MS = 10_000;

export async function launchExtensionBrowser(
  name: BrowserName,
  options: ExtensionBrowserOptions = {},
): Promise<ExtensionBrowser> {
  return name === 'chromium' ? launchChromiumDriver(options) : launchFirefoxDriver(options);
}

// ── Chromium ────────────────────────────────────────────────────────────────────────────────────────────────

async function launchChromiumDriver(options: ExtensionBrowserOptions): Promise<ExtensionBrowser> {
  if (options.grantPermissions) throw new Error('grantPermissions is only implemented for Firefox');
  const launched: LaunchedBrowser = await launchBrowser({
    extension: true,
    ...(options.hosts ? { hosts: options.hosts } : {}),
    ...(options.grantHostPermissions ? { grantHostPermissions: options.grantHostPermissions } : {}),
    ...(options.manifestKey ? { manifestKey: options.manifestKey } : {}),
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
    pressShortcut: () => Promise.reject(new Error('headless Chromium does not route keys to extension commands')),
    chooseContextMenuItem: () => Promise.reject(new Error("Chromium's context menu is native UI")),
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

async function closedShadowText(
  page: Pick<DriverPage, 'inClosedShadow'>,
  hostTag: string,
  selector: string,
): Promise<string> {
  const text = await page.inClosedShadow<string>(
    hostTag,
    'function (selector) { return (this.querySelector(selector)?.textContent ?? "").replace(/\\s+/g, " ").trim(); }',
    selector,
  );
  return text ?? '';
}

async function clickInClosedShadow(
  page: Pick<DriverPage, 'inClosedShadow' | 'mouseClick'>,
  hostTag: string,
  name: string,
): Promise<void> {
  // A real mouse click where the button is drawn: the driver's element handles cannot reach a closed shadow root.
  const box = await page.inClosedShadow<{ x: number; y: number; width: number; height: number } | null>(
    hostTag,
    `function (label) {
      const button = [...this.querySelectorAll('button')].find((b) => b.textContent.trim() === label);
      return button ? button.getBoundingClientRect().toJSON() : null;
    }`,
    name,
  );
  if (!box) throw new Error(`no "${name}" button in the closed shadow root of <${hostTag}>`);
  await page.mouseClick(box.x + box.width / 2, box.y + box.height / 2);
}

type DomNode = { localName?: string; nodeId: number; children?: DomNode[]; shadowRoots?: DomNode[] };

/** What both drivers' pages and element handles have in common, which is all the shared methods below use. */
interface EvaluatingPage {
  evaluate(fn: never, arg?: never): Promise<unknown>;
  mouse: { click(x: number, y: number, options: { button: 'left' | 'right' }): Promise<unknown> };
}
interface EvaluatingElement {
  evaluate(fn: never, arg?: never): Promise<unknown>;
}

/**
 * The page methods that read the same in both drivers: each driver finds elements its own way (`element`), and the
 * rest is the same DOM code run in the page.
 */
abstract class SharedPage {
  protected abstract readonly page: EvaluatingPage;
  protected abstract element(target: Target, timeoutMs?: number): Promise<EvaluatingElement>;
  abstract inClosedShadow<T>(hostTag: string, fn: string, arg?: string): Promise<T | undefined>;

  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate(fn as never, arg as never) as Promise<R>;
  }
  private async onElement<R>(target: Target, fn: (element: Element) => R): Promise<R> {
    return (await this.element(target)).evaluate(fn as never) as Promise<R>;
  }
  async waitFor(target: Target, timeoutMs?: number) {
    await this.element(target, timeoutMs);
  }
  async waitForText(text: string, within?: string, timeoutMs = WAIT_MS) {
    await this.element(within ? { text, within } : { text }, timeoutMs).catch(async () => {
      throw new Error(`"${text}" never shown; ${within ?? 'the page'} says: ${await this.pageText(within)}`);
    });
  }
  private pageText(within?: string) {
    return this.text(within ? { css: ':scope', within } : { css: ':scope' })
      .then((text) => text.replace(/\s+/g, ' ').slice(0, 600))
      .catch(() => '?');
  }
  text(target: Target) {
    return this.onElement(target, (element) => element.textContent ?? '');
  }
  value(target: Target) {
    return this.onElement(target, (element) => (element as HTMLInputElement).value);
  }
  isChecked(target: Target) {
    return this.onElement(target, (element) => (element as HTMLInputElement).checked === true);
  }
  box(target: Target): Promise<{ x: number; y: number; width: number; height: number }> {
    return this.onElement(target, (element) => element.getBoundingClientRect().toJSON());
  }
  async mouseClick(x: number, y: number, button: 'left' | 'right' = 'left') {
    await this.page.mouse.click(x, y, { button });
  }
  count(css: string) {
    return this.evaluate((selector: string) => document.querySelectorAll(selector).length, css);
  }
  closedShadowText(hostTag: string, selector: string) {
    return closedShadowText(this, hostTag, selector);
  }
  clickInClosedShadow(hostTag: string, name: string) {
    return clickInClosedShadow(this, hostTag, name);
  }
}

class ChromiumPage extends SharedPage implements DriverPage {
  readonly browserName = 'chromium';
  constructor(protected readonly page: PlaywrightPage) {
    super();
  }

  async goto(url: string) {
    await this.page.goto(url);
  }
  async reload() {
    await this.page.reload();
  }
  async url() {
    return this.page.url();
  }
  protected async element(target: Target, timeoutMs = WAIT_MS): Promise<PlaywrightElement<Element>> {
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
  async attribute(target: Target, name: string) {
    return (await this.element(target)).getAttribute(name);
  }
  async isDisabled(target: Target) {
    return (await this.element(target)).isDisabled();
  }
  async inClosedShadow<T>(hostTag: string, fn: string, arg?: string): Promise<T | undefined> {
    const cdp = await this.page.context().newCDPSession(this.page);
    try {
      const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
      const find = (node: DomNode): DomNode | undefined => {
        if (node.localName === hostTag) return node;
        for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
          const found = find(child);
          if (found) return found;
        }
        return undefined;
      };
      const shadow = find(root as DomNode)?.shadowRoots?.[0];
      if (!shadow) return undefined;
      const { object } = await cdp.send('DOM.resolveNode', { nodeId: shadow.nodeId });
      if (!object.objectId) return undefined;
      const { result } = await cdp.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration: fn,
        arguments: arg === undefined ? [] : [{ value: arg }],
        returnByValue: true,
        awaitPromise: true,
      });
      return result.value as T;
    } finally {
      await cdp.detach();
    }
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
  // Downloads land in one folder, uploads are written to another; both go when the browser closes.
  const scratchDir = mkdtempSync(join(tmpdir(), 'mfa-companion-files-'));
  const downloadDir = join(scratchDir, 'downloads');
  mkdirSync(downloadDir);
  let launched: LaunchedFirefox;
  try {
    launched = await launchFirefox({
      ...(options.hosts ? { hosts: options.hosts } : {}),
      ...(options.grantHostPermissions ? { grantHostPermissions: options.grantHostPermissions } : {}),
      ...(options.grantPermissions ? { grantPermissions: options.grantPermissions } : {}),
      ...(options.addonId ? { addonId: options.addonId } : {}),
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
    rmSync(scratchDir, { recursive: true, force: true });
    throw error;
  }
  const { browser } = launched;
  const extensionOrigin = launched.extensionOrigin as string;
  const open = async (url: string, viewport?: { width: number; height: number }) => {
    const page = await browser.newPage();
    if (viewport) await page.setViewport(viewport);
    await navigate(browser, page, url);
    return new FirefoxPage(browser, page, downloadDir, scratchDir);
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
    pressShortcut: (chord) => pressInBrowserWindow(browser, chord),
    chooseContextMenuItem: (label) => chooseContextMenuItem(browser, label),
    close: async () => {
      await launched.close();
      rmSync(scratchDir, { recursive: true, force: true });
    },
  };
}

class FirefoxPage extends SharedPage implements DriverPage {
  readonly browserName = 'firefox';
  constructor(
    private readonly browser: PuppeteerBrowser,
    protected readonly page: PuppeteerPage,
    private readonly downloadDir: string,
    private readonly scratchDir: string,
  ) {
    super();
  }

  async goto(url: string) {
    await navigate(this.browser, this.page, url);
  }
  async reload() {
    await this.goto(await this.url());
  }
  url() {
    return currentUrl(this.page);
  }
  protected async element(target: Target, timeoutMs = WAIT_MS): Promise<PuppeteerElement<Element>> {
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
  /** Like Playwright's: `Enter`, or a chord such as `Alt+Shift+O` (modifiers held, the last key pressed). */
  async press(key: string) {
    type Key = Parameters<PuppeteerPage['keyboard']['press']>[0];
    const parts = key.length > 1 ? key.split('+') : [key];
    const last = parts.pop() as string;
    for (const modifier of parts) await this.page.keyboard.down(modifier as Key);
    await this.page.keyboard.press((/^[A-Z]$/.test(last) ? `Key${last}` : last) as Key);
    for (const modifier of parts.reverse()) await this.page.keyboard.up(modifier as Key);
  }
  async setInputFiles(target: Target, file: UploadFile) {
    // Firefox reads the file from disk when the page reads it, so it stays until the browser closes.
    const path = join(mkdtempSync(join(this.scratchDir, 'upload-')), file.name);
    writeFileSync(path, file.buffer);
    await ((await this.element(target)) as PuppeteerElement<HTMLInputElement>).uploadFile(path);
  }
  async attribute(target: Target, name: string) {
    return (await this.element(target)).evaluate((element, attribute) => element.getAttribute(attribute), name);
  }
  async isDisabled(target: Target) {
    return (await this.element(target)).evaluate((element) => (element as HTMLButtonElement).disabled === true);
  }
  /** WebDriver BiDi serialises closed shadow roots too (`includeShadowTree: "all"`): call into one by its id. */
  async inClosedShadow<T>(hostTag: string, fn: string, arg?: string): Promise<T | undefined> {
    const context = (this.page.mainFrame() as unknown as { _id: string })._id;
    const found = (await bidiCommand(this.browser, 'script.evaluate', {
      expression: `document.querySelector(${JSON.stringify(hostTag)})`,
      target: { context },
      awaitPromise: false,
      resultOwnership: 'none',
      serializationOptions: { maxDomDepth: 0, includeShadowTree: 'all' },
    })) as { result?: { value?: { shadowRoot?: { sharedId?: string } | null } } };
    const sharedId = found.result?.value?.shadowRoot?.sharedId;
    if (!sharedId) return undefined;
    const called = (await bidiCommand(this.browser, 'script.callFunction', {
      // Returned as JSON: BiDi's own serialisation of objects is a list of key/value remote values.
      functionDeclaration: `async function (arg) {
        const result = await (${fn}).call(this, arg);
        return result === undefined ? undefined : JSON.stringify(result);
      }`,
      this: { sharedId },
      arguments: arg === undefined ? [] : [{ type: 'string', value: arg }],
      target: { context },
      awaitPromise: true,
      resultOwnership: 'none',
    })) as { type: string; result?: { type: string; value?: unknown }; exceptionDetails?: { text: string } };
    if (called.exceptionDetails) throw new Error(called.exceptionDetails.text);
    const value = called.result;
    return (value?.type === 'string' ? JSON.parse(value.value as string) : undefined) as T | undefined;
  }
  async download(action: () => Promise<void>) {
    const before = new Set(readdirSync(this.downloadDir));
    await action();
    for (let attempt = 0; attempt < 100; attempt += 1) {
      // Firefox writes `name.part` first and renames it when the download is complete.
      const names = readdirSync(this.downloadDir);
      const added = names.filter((name) => !before.has(name) && !name.endsWith('.part'));
      // It may also create the final name empty, as a placeholder, while `.part` is still being written.
      const done = added.find(
        (name) => !names.includes(`${name}.part`) && statSync(join(this.downloadDir, name)).size > 0,
      );
      if (done) return readFileSync(join(this.downloadDir, done), 'utf8');
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
