import { browser } from 'wxt/browser';
import { LOCAL_KEYS, type LoadReads, SESSION_KEYS, SETTINGS_KEY } from '../vault/storage-keys';

/** Keys read early, shared with public/popup-prefetch.js (which cannot import them). */
export const PREFETCH_LOCAL_KEYS = [LOCAL_KEYS.vault, LOCAL_KEYS.previous, SETTINGS_KEY];
export const PREFETCH_SESSION_KEYS = [SESSION_KEYS.key, SESSION_KEYS.lastActivity, SESSION_KEYS.accounts];

/**
 * The storage reads the first paint waits for. popup.html starts them from a tiny classic script while the
 * page is still being parsed; this module (imported first by the popup entry) falls back to starting them
 * itself if that script did not run.
 */
performance.mark('popup-prefetch-start');
const started = (globalThis as { __mfaVaultReads?: LoadReads }).__mfaVaultReads;
export const earlyVaultReads: LoadReads = (
  started ??
  Promise.all([browser.storage.local.get(PREFETCH_LOCAL_KEYS), browser.storage.session.get(PREFETCH_SESSION_KEYS)])
).then((reads) => {
  performance.mark('popup-storage-read');
  return reads;
});
