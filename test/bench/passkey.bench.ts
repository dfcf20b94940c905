// Unlock with a passkey against unlock with the passphrase, in the built extension's popup, same browser, same
// vault, alternated in one run: click → first code painted. The passkey is a virtual authenticator with PRF (DevTools
// protocol), which answers at once: what is measured is the extension's side (WebAuthn call, HKDF, unwrap, decrypt)
// against argon2id at today's default (64 MiB, t=3, p=4). Target: the passkey path at least 2× faster.
// Run: node bench/passkey.bench.ts (after building packages and extension).
import type { Page } from 'playwright-core';
import {
  addByUri,
  createVaultThroughUi,
  openPopup,
  optionsUrl,
  PASSPHRASE,
  popupUrl,
} from '../e2e/extension-helpers.ts';
import { launchBrowser } from '../lib/browser.ts';
import { addPasskeyThroughOptions, addVirtualAuthenticator } from '../lib/webauthn.ts';

const RUNS = 7;
const TARGET_RATIO = 2;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function timeUnlock(page: Page, how: 'passkey' | 'passphrase'): Promise<number> {
  await page.getByRole('button', { name: 'Lock' }).click();
  await page.getByRole('heading', { name: 'Unlock MFA Companion' }).waitFor();
  const passkey = page.getByRole('button', { name: 'Unlock with passkey' });
  await passkey.waitFor();
  if (how === 'passphrase') await page.getByLabel('Passphrase').fill(PASSPHRASE);
  const started = performance.now();
  await (how === 'passkey' ? passkey : page.getByRole('button', { name: 'Unlock', exact: true })).click();
  await page.locator('.row .code').first().waitFor();
  return performance.now() - started;
}

const browser = await launchBrowser({ extension: true });
try {
  const page = await openPopup(browser);
  await createVaultThroughUi(page);
  await addByUri(page, 'otpauth://totp/GitHub:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub');
  await addVirtualAuthenticator(page);
  await addPasskeyThroughOptions(page, optionsUrl(browser), PASSPHRASE);
  await page.goto(popupUrl(browser));
  await page.locator('.row .code').first().waitFor();
  const times = { passkey: [] as number[], passphrase: [] as number[] };
  // One warm-up of each, then alternated so both see the same machine load.
  await timeUnlock(page, 'passkey');
  await timeUnlock(page, 'passphrase');
  for (let run = 0; run < RUNS; run++) {
    times.passkey.push(await timeUnlock(page, 'passkey'));
    times.passphrase.push(await timeUnlock(page, 'passphrase'));
  }
  const passkey = median(times.passkey);
  const passphrase = median(times.passphrase);
  const ratio = passphrase / passkey;
  const version = browser.context.browser()?.version() ?? '';
  console.log(
    `unlock in the built extension, Chromium ${version} (click → first code, median of ${RUNS}, alternated):\n` +
      `  passphrase (argon2id 64 MiB, t=3, p=4): ${passphrase.toFixed(0)} ms\n` +
      `  passkey (virtual authenticator, PRF → HKDF-SHA-256 → unwrap): ${passkey.toFixed(0)} ms\n` +
      `  ratio passphrase / passkey: ${ratio.toFixed(2)} (target ≥ ${TARGET_RATIO})`,
  );
  if (ratio < TARGET_RATIO) {
    console.error(`passkey unlock is only ${ratio.toFixed(2)}× faster than the passphrase (target ${TARGET_RATIO}×)`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
}
