// The real-world corpus (test/corpus/autofill/) through the built extension: each page is served under its own
// host name, the popup's fill message is sent for its tab, and the page must end with the authenticator code in the
// expected field (or every box of the expected row) and nothing anywhere else — or, on a page where nothing may be
// filled, every field as it was. Every page runs in Chromium; a representative third of them in Firefox ESR.
// One browser per run, a fresh tab per page.
import { base32Decode, totp } from '@mfa-companion/otp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToBase64, createAccount, createVault, sealVault } from '../../packages/vault/dist/index.js';
import { CORPUS_DIR, type CorpusPage, loadCorpus, loadKnownMisses } from '../corpus/autofill/corpus.ts';
import { BROWSER_NAMES, type DriverPage, type ExtensionBrowser, launchExtensionBrowser } from '../lib/driver.ts';
import { type RunningServer, serveDirectory } from '../lib/static-server.ts';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const pages = loadCorpus();
const knownMisses = loadKnownMisses();
const hosts = [...new Set(pages.map((page) => page.host))];

const ENV_BROWSERS = process.env.E2E_BROWSERS?.split(',').filter(Boolean);
const browsers = BROWSER_NAMES.filter((name) => !ENV_BROWSERS || ENV_BROWSERS.includes(name));

/**
 * Firefox runs every third page of the manifest: the manifest groups pages by product, so the slice spreads over
 * products, languages and step kinds (fill and no-fill) rather than taking one family.
 */
function pagesFor(browserName: string): CorpusPage[] {
  return browserName === 'chromium' ? pages : pages.filter((_, index) => index % 3 === 0);
}

/** The few extension APIs used from an extension page below (the test workspace has no chrome typings). */
declare const chrome: {
  storage: { local: { set(items: object): Promise<void> }; session: { set(items: object): Promise<void> } };
  runtime: { sendMessage(message: unknown): Promise<unknown> };
};

/** Codes valid around the fill: it may straddle a 30-second boundary. */
function codesAround(startedAt: number): string[] {
  const key = base32Decode(SECRET);
  return [...new Set([startedAt - 1500, startedAt, Date.now()].map((time) => totp({ secret: key, time })))];
}

interface FieldState {
  value: string;
  initial: string;
  expected: boolean;
}

/** Every `<input>` of the page (hidden ones aside) with its value, its initial value and whether it is the target. */
function fieldsOf(page: DriverPage, target: string | null): Promise<FieldState[]> {
  return page.evaluate((selector: string | null) => {
    const expected = new Set(selector ? document.querySelectorAll(selector) : []);
    return [...document.getElementsByTagName('input')]
      .filter((input) => input.type !== 'hidden' && input.type !== 'submit' && input.type !== 'checkbox')
      .map((input) => ({ value: input.value, initial: input.defaultValue, expected: expected.has(input) }));
  }, target);
}

describe.each(browsers)('%s: real-world corpus through the extension', (browserName) => {
  let browser: ExtensionBrowser;
  let server: RunningServer;
  let control: DriverPage;

  beforeAll(async () => {
    server = await serveDirectory({ root: CORPUS_DIR });
    browser = await launchExtensionBrowser(browserName, {
      hosts,
      // Whole hosts, the state after the user granted each site (Firefox's patterns cannot name a port).
      grantHostPermissions: hosts.map((host) => `http://${host}/*`),
    });
    // An extension page sends the popup's own fill message (a service worker cannot message itself).
    control = await browser.openExtensionPage('options.html');
    const unlocked = (await createVault('correct horse battery staple')).unlocked;
    // One account per product host, as an admin keeps them (an account holds at most 50 sites anyway).
    const accounts = hosts.map((host) =>
      createAccount({ issuer: host, account: 'admin', secret: SECRET, sites: [`http://${host}:${server.port}`] }),
    );
    const vault = await sealVault({ accounts }, unlocked);
    const session = { key: bytesToBase64(unlocked.key), kdf: unlocked.kdf };
    await control.evaluate(
      async ([text, key]) => {
        await chrome.storage.local.set({ 'vault.current': text });
        await chrome.storage.session.set({ 'vault.key': key, 'vault.lastActivity': Date.now() });
      },
      [vault, session] as const,
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const page of pagesFor(browserName)) {
    const name = `${page.file} (${page.product}, ${page.language}, ${page.kind})`;
    const knownMiss = knownMisses.get(page.file);
    if (knownMiss !== undefined) {
      it.skip(`${name} — known miss of the current engine: ${knownMiss}`, () => {});
      continue;
    }
    it(name, async () => {
      const url = `http://${page.host}:${server.port}/${page.file}`;
      const tab = await browser.openPage(url);
      try {
        const tabId = await browser.tabIdOf(await tab.url());
        const startedAt = Date.now();
        const report = (await control.evaluate(
          (id: number) => chrome.runtime.sendMessage({ type: 'autofill:fill-active-tab', tabId: id }),
          tabId,
        )) as { outcome: string };
        if (page.target) {
          expect(report.outcome).toBe('filled');
          await expect
            .poll(async () => (await fieldsOf(tab, page.target)).some((field) => field.expected && field.value !== ''))
            .toBe(true);
        } else {
          expect(report.outcome).not.toBe('filled');
        }
        const fields = await fieldsOf(tab, page.target);
        const typed = fields
          .filter((field) => field.expected)
          .map((field) => field.value)
          .join('');
        // A page that shows codes as "123 456" may keep the space; the digits must be the code's.
        if (page.target) expect(codesAround(startedAt)).toContain(typed.replace(/\s/g, ''));
        const elsewhere = fields.filter((field) => !field.expected && field.value !== field.initial);
        expect(elsewhere, 'a field that must stay as it was changed').toEqual([]);
      } finally {
        await tab.close();
      }
    });
  }
});
