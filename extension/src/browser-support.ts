/**
 * The oldest Firefox the extension runs on: 142 is the first release that reads the manifest's
 * `data_collection_permissions`, which is how we declare that nothing is collected. The manifest
 * (wxt.config.ts) and the install page of the docs both read it from here.
 */
export const FIREFOX_MIN_VERSION = 142;

/** A browser build of the extension (WXT's `import.meta.env.BROWSER` values we ship). */
export type ExtensionBrowser = 'chrome' | 'firefox';

/**
 * Whether extension pages can run WebAuthn with the extension's own origin, which unlocking with a passkey needs.
 * Chromium lets an extension page create and use credentials for its own `chrome-extension://` origin; Firefox ESR
 * 153 refuses `navigator.credentials.create` from a `moz-extension://` page with a SecurityError (with or without
 * an rp.id; checked by hand and by test/e2e/passkey-firefox.test.ts), so the Firefox build says so instead of
 * offering it. The options page, the popup and the docs' browser differences all read it from here.
 */
export const PASSKEY_UNLOCK_SUPPORT: Readonly<Record<ExtensionBrowser, boolean>> = Object.freeze({
  chrome: true,
  firefox: false,
});
