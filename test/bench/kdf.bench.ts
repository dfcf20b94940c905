// argon2id in real Chromium: the vault's hash-wasm path against @noble/hashes for the same settings, side by
// side in one page (the same comparison as packages/vault/bench, run by the same function), served with the
// extension pages' CSP so WebAssembly runs under exactly what the extension allows. Then the real unlock in
// the built extension: click → codes shown, for a vault of the previous default (first unlock re-seals it)
// and for one at the current default. Run: node bench/kdf.bench.ts (after building packages and extension).

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join, normalize, sep } from 'node:path';
import { createAccount, createVault, PREVIOUS_DEFAULT_KDF } from '@mfa-companion/vault';
import type { Page } from 'playwright-core';
import { formatKdfResults, KDF_CASES, measureKdfCases } from '../../packages/vault/bench/measure-kdf.ts';
import { openPopup } from '../e2e/extension-helpers.ts';
import { launchBrowser, REPO_ROOT } from '../lib/browser.ts';

/** The storage calls made inside the extension's worker below (the test workspace has no chrome typings). */
declare const chrome: {
  storage: Record<'local' | 'session', { clear(): Promise<void>; set(items: object): Promise<void> }>;
};

const RUNS = 5;
const UNLOCK_RUNS = 3;
const PASSPHRASE = 'correct horse battery staple';

const fromVault = createRequire(join(REPO_ROOT, 'packages/vault/package.json'));
/** URL prefix → directory: the built vault and the two KDF packages it is compared with. */
const MOUNTS: Record<string, string> = {
  '/vault/': join(REPO_ROOT, 'packages/vault/dist'),
  '/hash-wasm/': dirname(fromVault.resolve('hash-wasm/package.json')),
  '/noble/': dirname(fromVault.resolve('@noble/hashes/argon2.js')),
};
const IMPORT_MAP = JSON.stringify({ imports: { 'hash-wasm': '/hash-wasm/dist/index.esm.js' } });
// The extension pages' policy (extension/wxt.config.ts), plus the hash of this page's one inline import map.
const CSP = `script-src 'self' 'wasm-unsafe-eval' 'sha256-${createHash('sha256').update(IMPORT_MAP).digest('base64')}'; object-src 'self'`;
const PAGE = `<!doctype html><meta charset="utf-8"><title>KDF bench</title><script type="importmap">${IMPORT_MAP}</script>`;

function startServer() {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const headers = { 'content-security-policy': CSP, 'cache-control': 'no-store' };
    if (path === '/') {
      response.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    }
    const mount = Object.keys(MOUNTS).find((prefix) => path.startsWith(prefix));
    const root = mount && MOUNTS[mount];
    const file = root && normalize(join(root, path.slice((mount as string).length)));
    if (!root || !file || !file.startsWith(root + sep) || !file.endsWith('.js')) {
      response.writeHead(404).end();
      return;
    }
    try {
      const body = readFileSync(file);
      response.writeHead(200, { ...headers, 'content-type': 'text/javascript; charset=utf-8' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise<{ url: string; close(): Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

/** Click on Unlock → the first code painted, in the popup of the built extension. */
async function timeUnlock(popup: Page): Promise<number> {
  await popup.getByRole('heading', { name: 'Unlock MFA Companion' }).waitFor();
  await popup.getByLabel('Passphrase').fill(PASSPHRASE);
  const started = Date.now();
  await popup.getByRole('button', { name: 'Unlock' }).click();
  await popup.locator('.row .code').first().waitFor();
  return Date.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

const server = await startServer();
const browser = await launchBrowser({ extension: true });
try {
  const page = await browser.context.newPage();
  await page.goto(server.url);
  const results = await page.evaluate(measureKdfCases, {
    kdfModule: `${server.url}vault/kdf.js`,
    nobleModule: `${server.url}noble/argon2.js`,
    cases: KDF_CASES,
    runs: RUNS,
  });
  const version = browser.context.browser()?.version() ?? '';
  console.log(formatKdfResults(`Chromium ${version} (page under the extension CSP)`, results, RUNS));
  await page.close();

  // The real unlock, in the extension: a vault of the previous default, unlocked UNLOCK_RUNS times afresh.
  const worker = browser.serviceWorker;
  if (!worker) throw new Error('The extension did not start');
  const account = createAccount({ issuer: 'GitHub', account: 'alice@example.com', secret: 'JBSWY3DPEHPK3PXP' });
  const firstUnlocks: number[] = [];
  const laterUnlocks: number[] = [];
  for (let run = 0; run < UNLOCK_RUNS; run++) {
    const { text } = await createVault(PASSPHRASE, PREVIOUS_DEFAULT_KDF, { accounts: [account] });
    await worker.evaluate(async (vault) => {
      await chrome.storage.session.clear();
      await chrome.storage.local.clear();
      await chrome.storage.local.set({ 'vault.current': vault });
    }, text);
    const popup = await openPopup(browser);
    firstUnlocks.push(await timeUnlock(popup));
    await popup.getByRole('button', { name: 'Lock' }).click();
    laterUnlocks.push(await timeUnlock(popup));
    await popup.close();
  }
  console.log(
    `unlock in the built extension (click → first code, median of ${UNLOCK_RUNS}): vault of the previous default ` +
      `${median(firstUnlocks)} ms (derive old + re-seal with the default), then at the default ${median(laterUnlocks)} ms`,
  );
} finally {
  await browser.close();
  await server.close();
}
