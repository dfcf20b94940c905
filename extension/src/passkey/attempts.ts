import type { StorageAreaLike } from '../vault/storage-area';

/** After this many failed or cancelled passkey attempts in a row, only the passphrase is offered (until it is used). */
export const MAX_PASSKEY_ATTEMPTS = 5;

/** In storage.local (a count, nothing secret): closing the popup or restarting the browser does not reset it. */
export const PASSKEY_ATTEMPTS_KEY = 'passkey.failedAttempts';

export async function failedPasskeyAttempts(local: StorageAreaLike): Promise<number> {
  const value = (await local.get(PASSKEY_ATTEMPTS_KEY))[PASSKEY_ATTEMPTS_KEY];
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0;
}

export async function recordFailedPasskeyAttempt(local: StorageAreaLike): Promise<number> {
  const next = (await failedPasskeyAttempts(local)) + 1;
  await local.set({ [PASSKEY_ATTEMPTS_KEY]: next });
  return next;
}

/** A successful unlock (passkey or passphrase) starts the count again. */
export async function resetPasskeyAttempts(local: StorageAreaLike): Promise<void> {
  await local.remove(PASSKEY_ATTEMPTS_KEY);
}
