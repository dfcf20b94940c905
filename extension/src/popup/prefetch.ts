import { browser } from 'wxt/browser';
import { AUTOFILL_SETTINGS_KEY } from '../autofill/settings';
import { loadManagedPolicy } from '../managed/browser-policy';
import { LOCAL_KEYS, type LoadReads, SESSION_KEYS, SETTINGS_KEY } from '../vault/storage-keys';
import { isSessionCacheFor } from '../vault/store';

/**
 * Keys read early, shared with public/popup-prefetch.js (which cannot import them). Not `vault.previous`: it is a
 * second full copy of the ciphertext, only needed when the session cache cannot be used (read then, below).
 */
export const PREFETCH_LOCAL_KEYS = [LOCAL_KEYS.vault, SETTINGS_KEY, AUTOFILL_SETTINGS_KEY];
export const PREFETCH_SESSION_KEYS = [SESSION_KEYS.key, SESSION_KEYS.lastActivity, SESSION_KEYS.accounts];

type Reads = Awaited<LoadReads>;

/**
 * Whether VaultStore.load() may need the previous copy: unlocked, but the decrypted accounts cached in session
 * memory are missing or belong to another stored copy, so it decrypts, and falls back to `previous` if the
 * current copy is damaged.
 */
function needsPrevious([stored, session]: Reads): boolean {
  const current = stored[LOCAL_KEYS.vault];
  if (typeof current !== 'string' || !session[SESSION_KEYS.key]) return false;
  return !isSessionCacheFor(session[SESSION_KEYS.accounts], current);
}

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
).then(async (reads): Promise<Reads> => {
  performance.mark('popup-storage-read');
  if (!needsPrevious(reads)) return reads;
  const [stored, session] = reads;
  return [{ ...stored, ...(await browser.storage.local.get(LOCAL_KEYS.previous)) }, session];
});

/** The organisation's policy, read alongside (its own storage area, so its own call, also started early). */
export const earlyManagedPolicy = loadManagedPolicy(
  (globalThis as { __mfaManaged?: Promise<{ raw: unknown }> }).__mfaManaged,
);
