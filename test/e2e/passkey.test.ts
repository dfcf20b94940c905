// Unlocking with a passkey in Chromium: a virtual authenticator with PRF (DevTools protocol WebAuthn domain) on the
// tab that shows the options page and then the popup (an authenticator belongs to one tab, so both pages open in it).
import { base32Decode, totp } from '@mfa-companion/otp';
import { listSlots, parseEnvelope, unlockVault } from '@mfa-companion/vault';
import type { CDPSession, Page, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedBrowser, launchBrowser } from '../lib/browser.ts';
import { addVirtualAuthenticator } from '../lib/webauthn.ts';
import {
  addByUri,
  axeViolations,
  createVaultThroughUi,
  openPopup,
  optionsUrl,
  PASSPHRASE,
  popupUrl,
} from './extension-helpers.ts';

const SECRET = 'JBSWY3DPEHPK3PXP';

declare const chrome: {
  storage: Record<
    'local' | 'session',
    {
      get(key?: string | string[] | null): Promise<Record<string, unknown>>;
      set(items: object): Promise<void>;
      remove(keys: string[]): Promise<void>;
    }
  >;
};

async function stored(worker: Worker): Promise<Record<string, unknown>> {
  return worker.evaluate(() => chrome.storage.local.get(null));
}

function codesAround(at: number): string[] {
  const key = base32Decode(SECRET);
  return [at - 1500, at, at + 1500].map((time) => totp({ secret: key, time }));
}

describe('Chromium: unlock with a passkey (virtual authenticator with PRF)', () => {
  let browser: LaunchedBrowser;
  let worker: Worker;
  let page: Page;
  let authenticator: { cdp: CDPSession; authenticatorId: string };

  beforeAll(async () => {
    browser = await launchBrowser({ extension: true });
    worker = browser.serviceWorker as Worker;
    page = await openPopup(browser);
    await createVaultThroughUi(page);
    await addByUri(page, `otpauth://totp/GitHub:alice@example.com?secret=${SECRET}&issuer=GitHub`);
    authenticator = await addVirtualAuthenticator(page);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('adds a passkey on the options page after the passphrase is typed again; only id and salts are stored', async () => {
    const before = (await stored(worker))['vault.current'] as string;
    expect(JSON.parse(before).version).toBe(2);
    await page.goto(optionsUrl(browser));
    await page.getByRole('heading', { name: 'Unlock with a passkey or security key' }).waitFor();
    await page.getByRole('button', { name: 'Add a passkey or security key' }).click();
    await page.getByLabel('Name (to tell your passkeys apart)').fill('Test key');
    await page.getByLabel('Passphrase', { exact: true }).fill('not the passphrase');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Wrong passphrase. Nothing was changed.').waitFor();
    expect((await authenticator.cdp.send('WebAuthn.getCredentials', authenticator)).credentials).toHaveLength(0);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('The passkey was added.', { exact: false }).waitFor();
    await page.getByRole('list', { name: 'Passkeys that unlock the vault' }).getByText('Test key').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const { credentials } = await authenticator.cdp.send('WebAuthn.getCredentials', authenticator);
    expect(credentials).toHaveLength(1);
    const text = (await stored(worker))['vault.current'] as string;
    const slots = listSlots(text);
    expect(slots.passkeys).toHaveLength(1);
    expect(slots.passkeys[0]).toMatchObject({ label: 'Test key', attachment: 'cross-platform' });
    // The slot holds the credential id the authenticator made; the accounts' ciphertext did not change.
    expect(Buffer.from(slots.passkeys[0]?.credentialId as string, 'base64url').toString('base64')).toBe(
      credentials[0]?.credentialId,
    );
    expect(JSON.parse(text).ciphertext).toBe(JSON.parse(before).ciphertext);
    expect((await unlockVault(text, PASSPHRASE)).data.accounts).toHaveLength(1);
  });

  it('locks, offers "Unlock with passkey" first, and unlocks with it', async () => {
    await page.goto(popupUrl(browser));
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Unlock MFA Companion' }).waitFor();
    const passkeyButton = page.getByRole('button', { name: 'Unlock with passkey' });
    await passkeyButton.waitFor();
    // Passkey first, the passphrase as the fallback below it.
    const [passkeyTop, passphraseTop] = await Promise.all([
      passkeyButton.evaluate((element) => element.getBoundingClientRect().top),
      page.getByLabel('Passphrase').evaluate((element) => element.getBoundingClientRect().top),
    ]);
    expect(passkeyTop).toBeLessThan(passphraseTop);
    expect(await axeViolations(page)).toEqual([]);
    expect((await worker.evaluate(() => chrome.storage.session.get('vault.key')))['vault.key']).toBeUndefined();
    await passkeyButton.click();
    const code = page.locator('.row .code').first();
    await code.waitFor();
    expect(codesAround(Date.now())).toContain(await code.getAttribute('data-code'));
    expect((await worker.evaluate(() => chrome.storage.session.get('vault.key')))['vault.key']).toBeDefined();
  });

  it('the small unlock window (used where the OS dialog would close the popup) asks at once and unlocks', async () => {
    await worker.evaluate(() => chrome.storage.session.remove(['vault.key', 'vault.lastActivity', 'vault.accounts']));
    await page.goto(`chrome-extension://${browser.extensionId}/passkey-unlock.html`);
    await expect
      .poll(async () => (await worker.evaluate(() => chrome.storage.session.get('vault.key')))['vault.key'], {
        timeout: 15_000,
      })
      .toBeDefined();
    await page.goto(popupUrl(browser));
    await page.locator('.row .code').first().waitFor();
  });

  it('a tampered passkey slot fails with a typed error; after five failed attempts only the passphrase is offered', async () => {
    await page.getByRole('button', { name: 'Lock' }).click();
    // Another HKDF salt in the stored slot: the authenticator still answers, but its PRF output no longer unwraps.
    const original = (await stored(worker))['vault.current'] as string;
    const record = JSON.parse(original);
    record.slots[1].hkdfSalt = Buffer.alloc(32, 9).toString('base64');
    await worker.evaluate((text) => chrome.storage.local.set({ 'vault.current': text }), JSON.stringify(record));
    await page.reload();
    for (let attempt = 0; attempt < 5; attempt++) {
      await page.getByRole('button', { name: 'Unlock with passkey' }).click();
      await expect
        .poll(async () => (await stored(worker))['passkey.failedAttempts'], { timeout: 10_000 })
        .toBe(attempt + 1);
      if (attempt < 4) {
        const alert = page.locator('.passkey-unlock [role=alert]');
        await alert.waitFor();
        expect(await alert.innerText()).toContain('This passkey does not open the vault');
      }
    }
    await page.getByText('Five passkey attempts in a row failed or were cancelled.', { exact: false }).waitFor();
    expect(await page.getByRole('button', { name: 'Unlock with passkey' }).count()).toBe(0);
    await page.reload();
    await page.getByRole('heading', { name: 'Unlock MFA Companion' }).waitFor();
    expect(await page.getByRole('button', { name: 'Unlock with passkey' }).count()).toBe(0);
    // The passphrase still opens, and starts the count again.
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.locator('.row .code').first().waitFor();
    await expect.poll(async () => (await stored(worker))['passkey.failedAttempts']).toBeUndefined();
    // Nothing was lost: the tampered slot changed nothing else. Put the good copy back (same vault key).
    expect(JSON.parse((await stored(worker))['vault.current'] as string).ciphertext).toBe(record.ciphertext);
    await worker.evaluate((text) => chrome.storage.local.set({ 'vault.current': text }), original);
  });

  it('removes the passkey; the popup no longer offers it and the passphrase still opens the vault', async () => {
    await page.goto(optionsUrl(browser));
    await page.getByRole('button', { name: 'Remove Test key' }).click();
    await page.getByText('The passkey was removed.', { exact: false }).waitFor();
    const text = (await stored(worker))['vault.current'] as string;
    expect(listSlots(text).passkeys).toEqual([]);
    expect(JSON.parse(text).slots).toHaveLength(1);
    expect(parseEnvelope('vault', text).kdf).toMatchObject({ algorithm: 'argon2id', memoryKiB: 65536 });

    await page.goto(popupUrl(browser));
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Unlock MFA Companion' }).waitFor();
    expect(await page.getByRole('button', { name: 'Unlock with passkey' }).count()).toBe(0);
    await page.getByLabel('Passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    const code = page.locator('.row .code').first();
    await code.waitFor();
    expect(codesAround(Date.now())).toContain(await code.getAttribute('data-code'));
  });
});
