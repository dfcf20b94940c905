import type { Page } from 'playwright-core';
import type { LaunchedBrowser } from '../lib/browser.ts';
import { optionsUrl } from './extension-helpers.ts';

/** Chrome's and Firefox's limits for an extension popup: it grows with its content up to this size. */
export const POPUP_MAX = { width: 800, height: 600 } as const;

/**
 * Resizes the page the way a real toolbar popup sizes itself: to its content, up to the browser's maximum.
 * Twice, because the first resize can reflow the content (a scrollbar appearing or going away).
 * A sticky sheet keeps its place in the flow, so a menu that opens makes the popup taller, as in the browser.
 */
export async function sizeLikeRealPopup(page: Page): Promise<{ width: number; height: number }> {
  let size = { width: 0, height: 0 };
  for (let pass = 0; pass < 2; pass++) {
    // From a 1 px tall window, so the content's height is measured, not the window's (a popup shrinks too).
    if (pass === 0) await page.setViewportSize({ width: Math.max(size.width, 360), height: 1 });
    const content = await page.evaluate(() => {
      const body = document.body;
      return {
        width: Math.ceil(Math.max(body.scrollWidth, body.getBoundingClientRect().width)),
        height: Math.ceil(document.documentElement.scrollHeight),
      };
    });
    size = {
      width: Math.min(Math.max(content.width, 1), POPUP_MAX.width),
      height: Math.min(Math.max(content.height, 1), POPUP_MAX.height),
    };
    await page.setViewportSize(size);
  }
  return size;
}

/** `otpauth://` lines for `count` distinct accounts. */
export function accountLines(count: number, offset = 0): string[] {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return Array.from({ length: count }, (_, index) => {
    let secret = '';
    for (let n = index + offset + 7_000_000; secret.length < 16; n = Math.floor(n / 5) + 11) secret += alphabet[n % 32];
    const issuer = ['GitHub', 'Google', 'Dropbox', 'Acme Bank', 'Mastodon'][index % 5] as string;
    return `otpauth://totp/${encodeURIComponent(issuer)}:user${index + offset}@example.com?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;
  });
}

/** Imports accounts through the options page (the vault must be unlocked). */
export async function importAccounts(browser: LaunchedBrowser, lines: string[]): Promise<void> {
  const options = await browser.context.newPage();
  try {
    await options.goto(optionsUrl(browser));
    const section = options.getByRole('region', { name: 'Import' });
    await section
      .getByLabel('File to import')
      .setInputFiles({ name: 'accounts.txt', mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n')) });
    await section.getByRole('button', { name: 'Read file' }).click();
    await section.getByRole('button', { name: /^Import \d+ accounts?$/ }).click();
    await section.getByText(/^Imported \d+ accounts?\.$/).waitFor();
  } finally {
    await options.close();
  }
}
