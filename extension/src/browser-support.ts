/**
 * The oldest Firefox the extension runs on: 142 is the first release that reads the manifest's
 * `data_collection_permissions`, which is how we declare that nothing is collected. The manifest
 * (wxt.config.ts) and the install page of the docs both read it from here.
 */
export const FIREFOX_MIN_VERSION = 142;

export type SupportedBrowser = 'chrome' | 'firefox';

/**
 * Whether the browser's idle API reports a locked screen (`idle.IdleState.LOCKED`), which is what "lock when the
 * computer locks" listens for. Chrome does; Firefox's idle states are only "active" and "idle".
 */
export const REPORTS_SCREEN_LOCK: Readonly<Record<SupportedBrowser, boolean>> = Object.freeze({
  chrome: true,
  firefox: false,
});

/**
 * Whether a host-permission match pattern can name a port. Chrome's can, so a grant covers exactly one origin;
 * Firefox's cannot (bugs 1362809 and 1468162), so a grant covers the host on every port (see origin-pattern.ts).
 */
export const MATCH_PATTERNS_HAVE_PORTS: Readonly<Record<SupportedBrowser, boolean>> = Object.freeze({
  chrome: true,
  firefox: false,
});

/**
 * The optional permission that clearing a copied code needs: the extension reads the clipboard first and clears it
 * only if it still holds that code. Without the permission it never touches the clipboard after copying.
 */
export const CLIPBOARD_CLEAR_PERMISSION = 'clipboardRead';

/**
 * Whether extension pages can run WebAuthn with the extension's own origin, which unlocking with a passkey needs.
 * Chromium lets an extension page create and use credentials for its own `chrome-extension://` origin; Firefox ESR
 * 153 refuses `navigator.credentials.create` from a `moz-extension://` page with a SecurityError (with or without
 * an rp.id; checked by hand and by test/e2e/passkey-firefox.test.ts), so the Firefox build says so instead of
 * offering it. The options page, the popup and the docs' browser differences all read it from here.
 */
export const PASSKEY_UNLOCK_SUPPORT: Readonly<Record<SupportedBrowser, boolean>> = Object.freeze({
  chrome: true,
  firefox: false,
});
