import { browser } from 'wxt/browser';
import { AUTOFILL_SETTINGS_KEY } from '../autofill/settings';
import { loadManagedPolicy } from '../managed/browser-policy';
import { LOCAL_KEYS, type LoadReads, SESSION_KEYS, SETTINGS_KEY } from '../vault/storage-keys';

/**
 * Keys read early, shared with public/popup-prefetch.js (which cannot import them). The stored copy's nonce tag,
 * not the copy: when the session cache is that copy's, the ciphertext (hundreds of kB for a large vault) is
 * neither read nor deserialised; VaultStore.load() reads `vault.current` and `vault.previous` itself otherwise.
 */
export const PREFETCH_LOCAL_KEYS = [LOCAL_KEYS.currentNonce, SETTINGS_KEY, AUTOFILL_SETTINGS_KEY];
export const PREFETCH_SESSION_KEYS = [SESSION_KEYS.key, SESSION_KEYS.lastActivity, SESSION_KEYS.accounts];

/**
 * The storage reads the first paint waits for. popup.html starts them from a tiny classic script while the
 * page is still being parsed; this module (imported first by the popup entry) falls back to starting them
 * itself if that script did not run.
 */
performance.mark('popup-module-start');
const started = (globalThis as { __mfaVaultReads?: LoadReads }).__mfaVaultReads;
export const earlyVaultReads: LoadReads = (
  started ??
  Promise.all([browser.storage.local.get(PREFETCH_LOCAL_KEYS), browser.storage.session.get(PREFETCH_SESSION_KEYS)])
).then((reads) => {
  performance.mark('popup-storage-read');
  return reads;
});

/** The organisation's policy, read alongside (its own storage area, so its own call, also started early). */
export const earlyManagedPolicy = loadManagedPolicy(
  (globalThis as { __mfaManaged?: Promise<{ raw: unknown }> }).__mfaManaged,
);
