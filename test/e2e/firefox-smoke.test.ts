// The Firefox build, installed in Debian's Firefox ESR: the add-on starts and its popup page renders.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentUrl, type LaunchedFirefox, launchFirefox, openFirefoxExtensionPage } from '../lib/firefox.ts';

describe('Firefox ESR: the installed add-on', () => {
  let firefox: LaunchedFirefox;

  beforeAll(async () => {
    firefox = await launchFirefox();
  });

  afterAll(async () => {
    await firefox?.close();
  });

  it('runs a Firefox ESR', async () => {
    expect(await firefox.browser.version()).toMatch(/^firefox\/\d+\.\d+/i);
  });

  it('opens the popup page at the fixed moz-extension URL and shows the first-run screen', async () => {
    const popup = await openFirefoxExtensionPage(firefox, 'popup.html');
    expect(await currentUrl(popup)).toBe(`${firefox.extensionOrigin}/popup.html`);
    await popup.waitForFunction(() => document.querySelector('h1, h2')?.textContent?.includes('Create your vault'));
    const text = await popup.evaluate(() => document.body.innerText);
    expect(text).toContain('Create your vault');
    expect(text).toContain('NMC3 firmware-update check');
    await popup.close();
  });

  it('made no request at all', () => {
    expect(firefox.requests).toEqual([]);
  });
});
