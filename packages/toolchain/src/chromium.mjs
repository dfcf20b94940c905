import { ensureBrowsers, findBrowser } from './browsers.mjs';

export function findChromium() {
  return findBrowser('chromium');
}

/** Installs Debian's chromium when missing and we may (root with apt); otherwise says exactly how. */
export function ensureChromium() {
  ensureBrowsers(['chromium']);
}
