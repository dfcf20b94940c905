import { ensureBrowsers, findBrowser } from './browsers.mjs';

export function findFirefox() {
  return findBrowser('firefox');
}

/** Installs Debian's firefox-esr when missing and we may (root with apt); otherwise says exactly how. */
export function ensureFirefox() {
  ensureBrowsers(['firefox']);
}
