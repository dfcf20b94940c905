import {
  type Account,
  base64ToBytes,
  bytesToBase64,
  deriveKey,
  isVaultError,
  type KdfParams,
  openVaultWithKey,
  openVaultWithPassphraseKey,
  parseEnvelope,
  type UnlockedKey,
  type VaultData,
  VaultError,
} from '@mfa-companion/vault';
import { SESSION_KEYS } from './storage-keys';
import { envelopeNonce, type StoredVault, VaultWriteError } from './writer';

/*
 * How a transition of the store (store.ts) opens the stored copies and what it leaves in the session: shared by
 * every transition, kept apart so the store itself is only the list of transitions.
 */

/**
 * `DAMAGED`: the current copy fails authentication while the previous copy opens with the same passphrase or key.
 * Nothing was written; `restorePrevious` makes the previous copy current once the user agrees.
 */
export type StoreErrorCode = 'QUOTA_EXCEEDED' | 'WRITE_FAILED' | 'LOCKED' | 'DAMAGED';

/** Storage-side failures; the vault's own format errors stay VaultError. */
export class VaultStoreError extends Error {
  override readonly name = 'VaultStoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface SessionKey {
  key: string;
  kdf: KdfParams;
}

/**
 * Decrypted accounts kept next to the key in session memory: same exposure as the key itself (memory only,
 * trusted extension contexts only), and it spares the popup a decryption on every open. `nonce` ties it
 * to the exact stored copy, so a cache that missed a write is never used.
 */
export interface SessionAccounts {
  nonce: string;
  /** JSON text: one string crosses the storage boundary an order of magnitude faster than 500 objects. */
  json: string;
}

/** Whether the session cache holds the accounts of the stored copy `current`. */
export function isSessionCacheFor(cached: unknown, current: string): cached is SessionAccounts {
  const nonce = envelopeNonce(current);
  return nonce !== undefined && isSessionCacheForNonce(cached, nonce);
}

/** Whether the session cache holds the accounts of the stored copy whose nonce is `nonce`. */
export function isSessionCacheForNonce(cached: unknown, nonce: string): cached is SessionAccounts {
  const candidate = cached as Partial<SessionAccounts> | undefined;
  return typeof candidate?.json === 'string' && candidate.nonce === nonce;
}

export function parseCachedAccounts(cached: SessionAccounts): Account[] | undefined {
  try {
    const accounts: unknown = JSON.parse(cached.json);
    return Array.isArray(accounts) ? (accounts as Account[]) : undefined;
  } catch {
    return undefined;
  }
}

/** Where the nonce tag is written (with every stored copy); re-exported for the store's users. */
export { envelopeNonce } from './writer';

export function damaged(): VaultStoreError {
  return new VaultStoreError(
    'DAMAGED',
    'The stored vault is damaged; the previous copy opens. Nothing was changed: restore it to go on.',
  );
}

/**
 * A copy opened with a passphrase: its accounts and the key the session keeps (a slot vault's vault key; a format-1
 * vault's passphrase key, `version: 1`). One derivation per distinct KDF header (a slot vault's is its passphrase
 * slot's), so the current and previous copies sealed with the same settings cost one KDF run.
 */
export async function openWithPassphrase(
  text: string,
  passphrase: string,
  derived: Map<string, Uint8Array>,
): Promise<{ data: VaultData; unlocked: UnlockedKey; version: 1 | 2 }> {
  const { kdf } = parseEnvelope('vault', text);
  const id = JSON.stringify(kdf);
  let key = derived.get(id);
  if (!key) {
    key = await deriveKey(passphrase, kdf, base64ToBytes(kdf.salt));
    derived.set(id, key);
  }
  return openVaultWithPassphraseKey(text, { key, kdf });
}

export function sessionKeyOf(session: Record<string, unknown>): SessionKey | undefined {
  const value = session[SESSION_KEYS.key] as SessionKey | undefined;
  return value && typeof value.key === 'string' ? value : undefined;
}

export function unlockedSession(unlocked: UnlockedKey, text: string, accounts: Account[]): Record<string, unknown> {
  const values: Record<string, unknown> = {
    [SESSION_KEYS.key]: { key: bytesToBase64(unlocked.key), kdf: unlocked.kdf } satisfies SessionKey,
    [SESSION_KEYS.lastActivity]: Date.now(),
  };
  const nonce = envelopeNonce(text);
  if (nonce) values[SESSION_KEYS.accounts] = { nonce, json: JSON.stringify(accounts) } satisfies SessionAccounts;
  return values;
}

export function storeError(error: unknown): unknown {
  if (!(error instanceof VaultWriteError)) return error;
  return error.failure === 'quota'
    ? new VaultStoreError('QUOTA_EXCEEDED', 'Browser storage is full; the vault was not changed.', { cause: error })
    : new VaultStoreError('WRITE_FAILED', 'The vault could not be written; it was not changed.', { cause: error });
}

/**
 * The stored copy opened with the session key, for transitions made while unlocked. LOCKED without a key; DAMAGED
 * when the current copy fails while the previous one opens (a good previous copy is never pushed out by it).
 */
export async function openWithSession(
  state: StoredVault,
  session: Record<string, unknown>,
): Promise<{ current: string; stored: VaultData; key: Uint8Array; sessionKey: SessionKey }> {
  const sessionKey = sessionKeyOf(session);
  if (!sessionKey) throw new VaultStoreError('LOCKED', 'The vault is locked.');
  const current = requireCurrent(state);
  const key = base64ToBytes(sessionKey.key);
  try {
    return { current, stored: await openVaultWithKey(current, key), key, sessionKey };
  } catch (error) {
    if (isVaultError(error) && state.previous && (await openVaultWithKey(state.previous, key).catch(() => false)))
      throw damaged();
    throw error;
  }
}

export function requireCurrent(state: StoredVault): string {
  if (state.current === undefined) throw new VaultError('CORRUPT_VAULT', 'No vault is stored.');
  return state.current;
}
