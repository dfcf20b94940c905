import type { CDPSession, Page } from 'playwright-core';

/**
 * A virtual USB security key with PIN (user verification) and the PRF extension (CTAP2 hmac-secret), through the
 * DevTools protocol's WebAuthn domain. It belongs to `page`'s tab, so the options page and the popup that use it
 * must open in that same tab.
 */
export async function addVirtualAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      ctap2Version: 'ctap2_1',
      transport: 'usb',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      hasPrf: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

/** Options page → "Add a passkey or security key" → passphrase again → the virtual authenticator answers. */
export async function addPasskeyThroughOptions(page: Page, optionsUrl: string, passphrase: string, label = 'Test key') {
  await page.goto(optionsUrl);
  await page.getByRole('button', { name: 'Add a passkey or security key' }).click();
  await page.getByLabel('Name (to tell your passkeys apart)').fill(label);
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByText('The passkey was added.', { exact: false }).waitFor();
}
