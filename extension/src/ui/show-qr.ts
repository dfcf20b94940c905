/** `options.html#show-qr=<id>`: the popup's "Show QR code…" opens the options page's phone section on that account. */
import { browser } from 'wxt/browser';
export const SHOW_QR_HASH = '#show-qr=';

/** The options page address that asks for the passphrase to show this account's QR code (the id is not secret). */
export function showQrPageUrl(accountId: string): string {
  return `${browser.runtime.getURL('/options.html')}${SHOW_QR_HASH}${encodeURIComponent(accountId)}`;
}
