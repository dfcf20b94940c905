// Firefox ESR cannot run WebAuthn in extension pages (navigator.credentials.create throws a SecurityError on a
// moz-extension:// page), so the Firefox build says "not available in this browser" and never offers a passkey;
// a vault that has passkey slots (made in Chromium) still opens with its passphrase.
import { createHmac } from 'node:crypto';
import { addPasskeySlot, createAccount, createVault, newPrfSalt } from '@mfa-companion/vault';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DriverPage, type ExtensionBrowser, launchExtensionBrowser } from '../lib/driver.ts';

const PASSPHRASE = 'violet harbor kettle 42 drift';

declare const chrome: {
  storage: Record<'local' | 'session', { set(items: object): Promise<void>; remove(keys: string[]): Promise<void> }>;
};

describe('Firefox ESR: passkey unlock is not available, and says so', () => {
  let firefox: ExtensionBrowser;
  let popup: DriverPage;

  beforeAll(async () => {
    firefox = await launchExtensionBrowser('firefox');
    // A slot vault with a passkey, as the Chromium build writes it (the PRF output comes from a stand-in key).
    const account = createAccount({ issuer: 'GitHub', account: 'alice', secret: 'JBSWY3DPEHPK3PXP' });
    const created = await createVault(PASSPHRASE, undefined, { accounts: [account] });
    const prfSalt = newPrfSalt();
    const prfOutput = new Uint8Array(createHmac('sha256', 'stand-in authenticator').update(prfSalt).digest());
    const { text } = await addPasskeySlot(created.text, created.unlocked.key, {
      credentialId: new Uint8Array(16).fill(7),
      prfSalt,
      prfOutput,
      attachment: 'cross-platform',
      label: 'Key made in Chromium',
      createdAt: Date.now(),
    });
    await firefox.inExtension((vault: string) => chrome.storage.local.set({ 'vault.current': vault }), text);
    popup = await firefox.openExtensionPage('popup.html', { width: 384, height: 600 });
  });

  afterAll(async () => {
    await firefox?.close();
  });

  it('the browser refuses WebAuthn in an extension page (the fact the build relies on)', async () => {
    const name = await popup.evaluate(async () => {
      try {
        await navigator.credentials.create({
          publicKey: {
            challenge: new Uint8Array(32),
            rp: { name: 'MFA Companion' },
            user: { id: new Uint8Array(16), name: 'probe', displayName: 'probe' },
            pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
            timeout: 5000,
          },
        });
        return 'created';
      } catch (error) {
        return (error as Error).name;
      }
    });
    expect(name).toBe('SecurityError');
  });

  it('the locked popup offers only the passphrase, which opens the slot vault', async () => {
    await popup.waitForText('Unlock MFA Companion');
    expect(await popup.count('.passkey-unlock')).toBe(0);
    await popup.fill({ label: 'Passphrase' }, PASSPHRASE);
    await popup.click({ button: 'Unlock' });
    await popup.waitFor({ css: '.row .code' });
  });

  it('the options page says plainly that passkeys are not available in this browser, and offers none', async () => {
    const options = await firefox.openExtensionPage('options.html');
    await options.waitForText('Unlock with a passkey or security key');
    await options.waitForText('Not available in this browser.');
    expect(await options.count('[data-passkey-unavailable]')).toBe(1);
    // The passkey made elsewhere is listed (it can be removed), but nothing can be added here.
    await options.waitForText('Key made in Chromium');
    expect(await options.text({ css: '[data-passkeys]' })).not.toContain('Add a passkey or security key');
    await options.close();
  });
});
