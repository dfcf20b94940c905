import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { findFirefox } from '@mfa-companion/toolchain/firefox';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { REPO_ROOT } from './browser.ts';
import { type ProxiedRequest, startRecordingProxy } from './recording-proxy.ts';

export const FIREFOX_EXTENSION_DIR = join(REPO_ROOT, 'extension/.output/firefox-mv3');
/** Fixed through `extensions.webextensions.uuids`, so extension URLs are known before the add-on starts. */
export const FIREFOX_EXTENSION_UUID = '2f1c8e0a-6b7d-4e3a-9c55-4d2b1a0e7f13';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

export interface FirefoxLaunchOptions {
  /** Install the built extension as a temporary add-on (default: the Firefox MV3 build). */
  extension?: boolean | string;
  /** Host names the recording proxy sends to 127.0.0.1 (on the request's port), like Chromium's resolver rules. */
  hosts?: string[];
  /**
   * Host permissions written into the private copy of the manifest: Firefox grants an MV3 add-on's
   * `host_permissions` at install, the state a user reaches by granting the optional per-site permission.
   */
  grantHostPermissions?: string[];
  /**
   * Optional API permissions written into the copy's `permissions` (e.g. `clipboardRead`): the state after the
   * user accepted the extension's `permissions.request` prompt, which a headless browser cannot show.
   */
  grantPermissions?: string[];
  /** The add-on id written into the private copy's manifest (default: the build's own). */
  addonId?: string;
  /** Extra preferences (they win over ours). */
  prefs?: Record<string, unknown>;
}

export interface LaunchedFirefox {
  browser: Browser;
  /** The add-on id (`browser_specific_settings.gecko.id`) when the extension is installed. */
  addonId?: string;
  /** `moz-extension://<uuid>` when the extension is installed. */
  extensionOrigin?: string;
  /** Every http(s) request Firefox tried to make, from pages, frames and the extension alike. */
  requests: ProxiedRequest[];
  profileDir: string;
  close(): Promise<void>;
}

/**
 * Firefox's own connections to the outside, switched off (on top of puppeteer's and the Remote Agent's
 * recommended preferences). The proxy refuses whatever is left, and the request log shows it.
 */
const QUIET_PREFS: Record<string, unknown> = {
  'app.update.auto': false,
  'app.update.enabled': false,
  'app.normandy.enabled': false,
  'app.shield.optoutstudies.enabled': false,
  'browser.discovery.enabled': false,
  'browser.newtabpage.activity-stream.feeds.snippets': false,
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.newtabpage.activity-stream.showSponsored': false,
  'browser.newtabpage.activity-stream.showSponsoredTopSites': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.ping-centre.telemetry': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'browser.safebrowsing.provider.google.updateURL': '',
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.safebrowsing.update.enabled': false,
  'browser.topsites.contile.enabled': false,
  'browser.urlbar.quicksuggest.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'dom.push.connection.enabled': false,
  'dom.push.serverURL': '',
  'extensions.blocklist.enabled': false,
  'extensions.getAddons.showPane': false,
  'extensions.systemAddon.update.enabled': false,
  'geo.provider.network.url': '',
  'identity.fxaccounts.enabled': false,
  'media.gmp-gmpopenh264.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.predictor.enabled': false,
  'network.prefetch-next': false,
  'network.trr.mode': 5,
  'security.OCSP.enabled': 0,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.unified': false,
};

/** The addon id the Firefox build declares. */
export function firefoxAddonId(extensionDir = FIREFOX_EXTENSION_DIR): string {
  const manifest = JSON.parse(readFileSync(join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

/**
 * The one way every Firefox suite starts a browser: Debian's firefox-esr, headless, over WebDriver BiDi
 * (puppeteer-core), fresh profile, the built add-on installed, every request through a recording proxy.
 *
 * `-remote-allow-system-access` is what lets WebDriver BiDi navigate a tab to a `moz-extension://` page (without
 * it the Remote Agent refuses: "not allowed in this context"); it is a switch of the browser under test, nothing
 * in the add-on changes.
 */
export async function launchFirefox(options: FirefoxLaunchOptions = {}): Promise<LaunchedFirefox> {
  const executablePath = findFirefox();
  if (!executablePath) throw new Error('Firefox ESR not found: apt-get install -y firefox-esr (or set FIREFOX_PATH)');
  const profileDir = mkdtempSync(join(tmpdir(), 'mfa-companion-firefox-'));
  const builtExtension =
    options.extension === false
      ? undefined
      : options.extension === true || options.extension === undefined
        ? FIREFOX_EXTENSION_DIR
        : resolve(options.extension);
  const extensionDir =
    builtExtension &&
    copyExtension(builtExtension, profileDir, {
      hostPermissions: options.grantHostPermissions ?? [],
      permissions: options.grantPermissions ?? [],
      ...(options.addonId ? { addonId: options.addonId } : {}),
    });
  const addonId = extensionDir && firefoxAddonId(extensionDir);
  const proxy = await startRecordingProxy(options.hosts);
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close().catch(() => undefined);
    await proxy.close();
    rmSync(profileDir, { recursive: true, force: true });
    if (extensionDir) rmSync(extensionDir, { recursive: true, force: true });
  };
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      userDataDir: profileDir,
      args: ['-remote-allow-system-access'],
      // Release builds ignore puppeteer's dummy Remote Settings server unless this is set (Utils.sys.mjs).
      env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
      defaultViewport: { width: 1280, height: 800 },
      extraPrefsFirefox: {
        ...QUIET_PREFS,
        'network.proxy.type': 1,
        'network.proxy.http': '127.0.0.1',
        'network.proxy.http_port': proxy.port,
        'network.proxy.ssl': '127.0.0.1',
        'network.proxy.ssl_port': proxy.port,
        'network.proxy.no_proxies_on': '',
        'network.proxy.allow_hijacking_localhost': true,
        ...(addonId ? { 'extensions.webextensions.uuids': JSON.stringify({ [addonId]: FIREFOX_EXTENSION_UUID }) } : {}),
        ...options.prefs,
      },
    });
    if (extensionDir) {
      const installed = await browser.installExtension(extensionDir);
      if (installed !== addonId) throw new Error(`installed ${installed}, expected ${addonId}`);
    }
    return {
      browser,
      addonId,
      extensionOrigin: addonId ? FIREFOX_EXTENSION_ORIGIN : undefined,
      requests: proxy.requests,
      profileDir,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

function copyExtension(
  builtDir: string,
  profileDir: string,
  changes: { hostPermissions: string[]; permissions: string[]; addonId?: string },
): string {
  if (!existsSync(join(builtDir, 'manifest.json'))) {
    throw new Error(`No built extension at ${builtDir}: run the build first (pnpm --dir extension build)`);
  }
  const copy = `${profileDir}-extension`;
  cpSync(builtDir, copy, { recursive: true });
  if (changes.hostPermissions.length > 0 || changes.permissions.length > 0 || changes.addonId) {
    const manifestPath = join(copy, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
      host_permissions?: string[];
      permissions?: string[];
      browser_specific_settings?: { gecko?: { id?: string } };
    };
    manifest.host_permissions = [...(manifest.host_permissions ?? []), ...changes.hostPermissions];
    manifest.permissions = [...(manifest.permissions ?? []), ...changes.permissions];
    if (changes.addonId) {
      manifest.browser_specific_settings = {
        ...manifest.browser_specific_settings,
        gecko: { ...manifest.browser_specific_settings?.gecko, id: changes.addonId },
      };
    }
    writeFileSync(manifestPath, JSON.stringify(manifest));
  }
  return copy;
}

/**
 * Navigates a tab with a plain WebDriver BiDi `browsingContext.navigate` and waits for the load. (Puppeteer's
 * `page.goto` never settles when the tab moves into the extension process, and its `page.url()` keeps the old
 * URL: read `location.href` instead, see `currentUrl`.)
 */
export async function navigate(browser: Browser, page: Page, url: string): Promise<void> {
  const context = (page.mainFrame() as unknown as { _id: string })._id;
  await (
    browser as unknown as { connection: { send(method: string, params: object): Promise<unknown> } }
  ).connection.send('browsingContext.navigate', { context, url, wait: 'complete' });
}

export async function currentUrl(page: Page): Promise<string> {
  return page.evaluate(() => location.href);
}

/** Opens an extension page (e.g. `popup.html`) in a new tab. */
export async function openFirefoxExtensionPage(firefox: LaunchedFirefox, path: string): Promise<Page> {
  if (!firefox.extensionOrigin) throw new Error('launched without the extension');
  const page = await firefox.browser.newPage();
  await navigate(firefox.browser, page, `${firefox.extensionOrigin}/${path.replace(/^\//, '')}`);
  return page;
}

/** A raw WebDriver BiDi command on puppeteer's connection; resolves with the command's result. */
export async function bidiCommand(browser: Browser, method: string, params: object): Promise<unknown> {
  const reply = (await (
    browser as unknown as { connection: { send(method: string, params: object): Promise<{ result: unknown }> } }
  ).connection.send(method, params)) as { result: unknown };
  return reply.result;
}

/**
 * Presses a key chord (`Alt+Shift+O`) in the browser window itself, as the keyboard does: the keys go to the
 * focused tab and, unhandled there, to Firefox's shortcut handling, which runs extension commands. (Key actions
 * of WebDriver BiDi are synthesised inside the page and never reach the browser's shortcuts.) Needs the
 * chrome scope that `-remote-allow-system-access` opens.
 */
export async function pressInBrowserWindow(browser: Browser, chord: string): Promise<void> {
  const tree = (await bidiCommand(browser, 'browsingContext.getTree', { 'moz:scope': 'chrome' })) as {
    contexts: Array<{ context: string; url: string }>;
  };
  const window = tree.contexts.find((context) => context.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error('no browser window');
  const result = (await bidiCommand(browser, 'script.callFunction', {
    functionDeclaration: `function (chord) {
      const tip = Cc['@mozilla.org/text-input-processor;1'].createInstance(Ci.nsITextInputProcessor);
      if (!tip.beginInputTransactionForTests(window)) throw new Error('no input transaction');
      const modifiers = {
        Alt: { key: 'Alt', code: 'AltLeft', keyCode: 18 },
        Shift: { key: 'Shift', code: 'ShiftLeft', keyCode: 16 },
        Control: { key: 'Control', code: 'ControlLeft', keyCode: 17 },
      };
      const parts = chord.split('+');
      const last = parts.pop();
      const held = parts.map((name) => new KeyboardEvent('', modifiers[name]));
      for (const modifier of held) tip.keydown(modifier);
      const key = new KeyboardEvent('', { key: last, code: 'Key' + last.toUpperCase(), keyCode: last.toUpperCase().charCodeAt(0) });
      tip.keydown(key);
      tip.keyup(key);
      for (const modifier of held.reverse()) tip.keyup(modifier);
    }`,
    arguments: [{ type: 'string', value: chord }],
    target: { context: window.context },
    awaitPromise: false,
  })) as { type: string; exceptionDetails?: { text: string } };
  if (result.exceptionDetails) throw new Error(`key chord failed: ${result.exceptionDetails.text}`);
}

/**
 * Picks `label` in the page's context menu, which must be open (after a right-click in the page): the browser's
 * own menu, so an extension entry runs through Firefox's menus API exactly as a user's click does.
 */
export async function chooseContextMenuItem(browser: Browser, label: string): Promise<void> {
  const tree = (await bidiCommand(browser, 'browsingContext.getTree', { 'moz:scope': 'chrome' })) as {
    contexts: Array<{ context: string; url: string }>;
  };
  const window = tree.contexts.find((context) => context.url === 'chrome://browser/content/browser.xhtml');
  if (!window) throw new Error('no browser window');
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const result = (await bidiCommand(browser, 'script.callFunction', {
      functionDeclaration: `function (label) {
        const menu = document.getElementById('contentAreaContextMenu');
        if (menu.state !== 'open') return 'closed';
        const item = [...menu.querySelectorAll('menuitem')].find((entry) => entry.label === label && !entry.hidden);
        if (!item) return 'missing: ' + [...menu.querySelectorAll('menuitem')].filter((e) => !e.hidden).map((e) => e.label).join(' | ');
        menu.activateItem(item);
        return 'chosen';
      }`,
      arguments: [{ type: 'string', value: label }],
      target: { context: window.context },
      awaitPromise: false,
    })) as { result?: { value?: string }; exceptionDetails?: { text: string } };
    if (result.exceptionDetails) throw new Error(`context menu: ${result.exceptionDetails.text}`);
    const outcome = result.result?.value ?? '';
    if (outcome === 'chosen') return;
    if (outcome.startsWith('missing') && attempt > 10)
      throw new Error(`no "${label}" in the context menu (${outcome})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the context menu never opened');
}
