import {
  type Account,
  base64ToBytes,
  bytesToBase64,
  canonicalAccount,
  changePassphrase,
  createVault,
  DEFAULT_KDF,
  isVaultError,
  type KdfCost,
  type KdfParams,
  openVaultWithKey,
  parseEnvelope,
  resealVault,
  type SealedVault,
  type UnlockedKey,
  unlockVault,
  VaultError,
} from '@mfa-companion/vault';
import { sealOnUnlock } from './slot-upgrade';
import type { StorageAreaLike } from './storage-area';

import { LOCAL_KEYS, type LoadReads, SESSION_KEYS } from './storage-keys';

export { LOCAL_KEYS, SESSION_KEYS } from './storage-keys';

export type VaultStatus = 'no-vault' | 'locked' | 'unlocked';

export type StoreErrorCode = 'QUOTA_EXCEEDED' | 'WRITE_FAILED' | 'LOCKED';

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

interface SessionKey {
  key: string;
  kdf: KdfParams;
}

/**
 * Decrypted accounts kept next to the key in session memory: same exposure as the key itself (memory only,
 * trusted extension contexts only), and it spares the popup a decryption on every open. `nonce` ties it
 * to the exact stored copy, so a cache that missed a write is never used.
 */
interface SessionAccounts {
  nonce: string;
  /** JSON text: one string crosses the storage boundary an order of magnitude faster than 500 objects. */
  json: string;
}

/** Whether the session cache holds the accounts of the stored copy `current` (the popup prefetch asks too). */
export function isSessionCacheFor(cached: unknown, current: string): cached is SessionAccounts {
  const candidate = cached as Partial<SessionAccounts> | undefined;
  return typeof candidate?.json === 'string' && candidate.nonce === envelopeNonce(current);
}

function parseCachedAccounts(cached: SessionAccounts): Account[] | undefined {
  try {
    const accounts: unknown = JSON.parse(cached.json);
    return Array.isArray(accounts) ? (accounts as Account[]) : undefined;
  } catch {
    return undefined;
  }
}

/** The envelope's nonce, read from the start of the text without parsing the (large) ciphertext. */
export function envelopeNonce(text: string): string | undefined {
  return /"nonce":"([A-Za-z0-9+/=]+)"/.exec(text.slice(0, 2048))?.[1];
}

export interface OpenedVault {
  accounts: Account[];
  /** True when the current copy was unreadable and the previous good copy was used. */
  recoveredFromPrevious: boolean;
}

function isQuotaError(error: unknown): boolean {
  return error instanceof Error && /quota/i.test(error.message);
}

/**
 * The vault as stored by the extension. Writes are atomic in two steps: the new ciphertext is written
 * to a side key and read back and decrypted; only then does one storage call make it current and keep
 * the old one as `previous`. A crash, a quota error or a bug at any point leaves a readable vault.
 */
export class VaultStore {
  constructor(
    private readonly local: StorageAreaLike,
    private readonly session: StorageAreaLike,
    private readonly kdfCost?: KdfCost,
  ) {}

  async status(): Promise<VaultStatus> {
    const [stored, key] = await Promise.all([this.local.get(LOCAL_KEYS.vault), this.session.get(SESSION_KEYS.key)]);
    if (typeof stored[LOCAL_KEYS.vault] !== 'string') return 'no-vault';
    return key[SESSION_KEYS.key] ? 'unlocked' : 'locked';
  }

  /**
   * Everything the popup needs to paint, in two parallel storage reads and one decryption: the vault
   * status and, when unlocked, the accounts and the last activity time (for the idle check).
   */
  async load(
    reads: LoadReads = Promise.all([
      this.local.get([LOCAL_KEYS.vault, LOCAL_KEYS.previous]),
      this.session.get([SESSION_KEYS.key, SESSION_KEYS.lastActivity, SESSION_KEYS.accounts]),
    ]),
  ): Promise<
    { status: 'no-vault' | 'locked' } | ({ status: 'unlocked'; lastActivity: number | undefined } & OpenedVault)
  > {
    const [stored, session] = await reads;
    const current = stored[LOCAL_KEYS.vault];
    if (typeof current !== 'string') return { status: 'no-vault' };
    const sessionKey = session[SESSION_KEYS.key] as SessionKey | undefined;
    if (!sessionKey || typeof sessionKey.key !== 'string') return { status: 'locked' };
    const lastActivity =
      typeof session[SESSION_KEYS.lastActivity] === 'number'
        ? (session[SESSION_KEYS.lastActivity] as number)
        : undefined;
    const cached = session[SESSION_KEYS.accounts];
    const cachedAccounts = isSessionCacheFor(cached, current) ? parseCachedAccounts(cached) : undefined;
    if (cachedAccounts) {
      // Whatever wrote the cache, hand out accounts in the canonical field order.
      return {
        status: 'unlocked',
        lastActivity,
        accounts: cachedAccounts.map(canonicalAccount),
        recoveredFromPrevious: false,
      };
    }
    const previous = stored[LOCAL_KEYS.previous];
    const opened = await this.decrypt(
      current,
      typeof previous === 'string' ? previous : undefined,
      base64ToBytes(sessionKey.key),
    );
    if (!opened.recoveredFromPrevious) await this.cacheAccounts(current, opened.accounts);
    return { status: 'unlocked', lastActivity, ...opened };
  }

  /** First run. Refuses to overwrite an existing vault. */
  async create(passphrase: string): Promise<void> {
    if ((await this.status()) !== 'no-vault') throw new VaultStoreError('WRITE_FAILED', 'A vault already exists.');
    const sealed = await createVault(passphrase, this.kdfCost);
    await this.commit(sealed.text, sealed.unlocked.key);
    await this.keepUnlocked(sealed.unlocked);
    await this.cacheAccounts(sealed.text, []);
  }

  /**
   * Derives the key (the slow step) and keeps it in session memory. Wrong passphrase changes nothing. A vault
   * sealed with weaker KDF settings than today's (an earlier release's default) is re-sealed with them first.
   */
  async unlock(passphrase: string): Promise<OpenedVault> {
    return this.unlockStored(passphrase, true);
  }

  private async unlockStored(passphrase: string, mayRetry: boolean): Promise<OpenedVault> {
    const { current, previous } = await this.readStored();
    try {
      const { data, unlocked, version } = await unlockVault(current, passphrase);
      const upgraded = await this.upgradeKdf(current, version, passphrase, unlocked);
      // Another page wrote the vault while this one derived: open what is stored now, not the copy read before.
      if (upgraded === 'superseded' && mayRetry) return this.unlockStored(passphrase, false);
      const resealed = upgraded === 'superseded' ? undefined : upgraded;
      await this.keepUnlocked(resealed?.unlocked ?? unlocked);
      await this.cacheAccounts(resealed?.text ?? current, data.accounts);
      return { accounts: data.accounts, recoveredFromPrevious: false };
    } catch (error) {
      if (!previous || !isVaultError(error) || error.code === 'WRONG_PASSPHRASE') throw error;
      // The current copy is damaged: the last good one still opens with the same passphrase.
      const { data, unlocked } = await unlockVault(previous, passphrase);
      await this.keepUnlocked(unlocked);
      return { accounts: data.accounts, recoveredFromPrevious: true };
    }
  }

  /**
   * Proves the passphrase again (the slow KDF, as at unlock) before something sensitive is shown, and returns the
   * accounts as that passphrase decrypts them. Nothing is stored or changed; a wrong one throws WRONG_PASSPHRASE.
   */
  async verifyPassphrase(passphrase: string): Promise<Account[]> {
    const { current } = await this.readStored();
    return (await unlockVault(current, passphrase)).data.accounts;
  }

  /**
   * The transitions an unlock may make (see sealOnUnlock): a format-1 vault becomes a slot vault, and a passphrase
   * slot below today's KDF settings is rewrapped under a new salt. Through the same verified two-step commit as
   * every write: until the one storage call that swaps it in, the old copy is current, so an interruption at any
   * point leaves a vault the same passphrase opens. After a KDF raise the old, weaker copy is not kept as
   * `previous` (it would be the easier one to attack). Best effort: when anything fails the unlock goes on with
   * the old key and the next unlock tries again. Returns the new vault once it is current, or 'superseded'
   * (nothing written) when another page changed the stored vault during the derivation.
   */
  private async upgradeKdf(
    current: string,
    version: 1 | 2,
    passphrase: string,
    unlocked: UnlockedKey,
  ): Promise<SealedVault | 'superseded' | undefined> {
    let sealed: SealedVault | undefined;
    let dropPrevious = false;
    try {
      const next = await sealOnUnlock(current, version, passphrase, unlocked, this.kdfCost ?? DEFAULT_KDF);
      if (!next) return undefined;
      ({ sealed, dropPrevious } = next);
      const stored = await this.local.get(LOCAL_KEYS.vault);
      if (stored[LOCAL_KEYS.vault] !== current) return 'superseded';
      await this.commit(sealed.text, sealed.unlocked.key);
    } catch {
      // The failure may have come after the swap (clean-up of the side key): the stored copy decides.
      const stored = await this.local.get(LOCAL_KEYS.vault).catch(() => ({}) as Record<string, unknown>);
      if (!sealed || stored[LOCAL_KEYS.vault] !== sealed.text) return undefined;
    }
    if (dropPrevious) await this.local.remove(LOCAL_KEYS.previous).catch(() => undefined);
    return sealed;
  }

  async lock(): Promise<void> {
    await this.session.remove([SESSION_KEYS.key, SESSION_KEYS.lastActivity, SESSION_KEYS.accounts]);
  }

  /** Fast path for an already unlocked vault: no KDF, one AES-GCM decryption. */
  async open(): Promise<OpenedVault> {
    const loaded = await this.load();
    if (loaded.status !== 'unlocked') throw new VaultStoreError('LOCKED', 'The vault is locked.');
    return { accounts: loaded.accounts, recoveredFromPrevious: loaded.recoveredFromPrevious };
  }

  private async decrypt(current: string, previous: string | undefined, key: Uint8Array): Promise<OpenedVault> {
    try {
      return { accounts: (await openVaultWithKey(current, key)).accounts, recoveredFromPrevious: false };
    } catch (error) {
      if (!previous || !isVaultError(error)) throw error;
      return { accounts: (await openVaultWithKey(previous, key)).accounts, recoveredFromPrevious: true };
    }
  }

  /** Encrypts and atomically replaces the account list. */
  async save(accounts: Account[]): Promise<void> {
    const session = await this.sessionKey();
    const key = base64ToBytes(session.key);
    // A slot vault keeps its key slots; a format-1 vault (unlocked before the migration) stays format 1.
    const text = await resealVault((await this.readStored()).current, { accounts }, { key, kdf: session.kdf });
    await this.commit(text, key);
    await this.cacheAccounts(text, accounts);
  }

  /** Re-encrypts everything under a new passphrase; the old passphrase keeps working until the swap. */
  async changePassphrase(currentPassphrase: string, newPassphrase: string): Promise<void> {
    const { current } = await this.readStored();
    const changed = await changePassphrase(current, currentPassphrase, newPassphrase, this.kdfCost);
    await this.commit(changed.text, changed.unlocked.key, { dropPrevious: true });
    await this.keepUnlocked(changed.unlocked);
    await this.cacheAccounts(changed.text, changed.data.accounts);
  }

  /** Forgets everything (after an explicit confirmation in the UI). */
  async wipe(): Promise<void> {
    await this.local.remove([LOCAL_KEYS.vault, LOCAL_KEYS.previous, LOCAL_KEYS.pending]);
    await this.lock();
  }

  // ── Key slots (issue 23): the few entry points extension/src/vault/slots.ts needs. ──

  /** The stored vault text (slot changes read it, change it with the vault key and write it back). */
  async storedVault(): Promise<string> {
    return (await this.readStored()).current;
  }

  /** Writes a vault text whose accounts `key` opens, through the verified commit; `expected` guards lost updates. */
  async replaceVault(text: string, key: Uint8Array, expected: string): Promise<void> {
    if ((await this.readStored()).current !== expected) {
      throw new VaultStoreError('WRITE_FAILED', 'The vault changed meanwhile; nothing was written.');
    }
    await this.commit(text, key);
  }

  /** The unlocked vault key (to verify a slot change written while unlocked); LOCKED when there is none. */
  async sessionVaultKey(): Promise<Uint8Array> {
    return base64ToBytes((await this.sessionKey()).key);
  }

  /** Keeps a vault key unwrapped by another slot (a passkey) in session memory, as a passphrase unlock does. */
  async keepUnlockedWith(unlocked: UnlockedKey, text: string, accounts: Account[]): Promise<void> {
    await this.keepUnlocked(unlocked);
    await this.cacheAccounts(text, accounts);
  }

  async touch(now = Date.now()): Promise<void> {
    await this.session.set({ [SESSION_KEYS.lastActivity]: now });
  }

  async lastActivity(): Promise<number | undefined> {
    const value = (await this.session.get(SESSION_KEYS.lastActivity))[SESSION_KEYS.lastActivity];
    return typeof value === 'number' ? value : undefined;
  }

  private async keepUnlocked(unlocked: UnlockedKey): Promise<void> {
    const value: SessionKey = { key: bytesToBase64(unlocked.key), kdf: unlocked.kdf };
    await this.session.set({ [SESSION_KEYS.key]: value, [SESSION_KEYS.lastActivity]: Date.now() });
  }

  private async cacheAccounts(text: string, accounts: Account[]): Promise<void> {
    const nonce = envelopeNonce(text);
    if (!nonce) return;
    const value: SessionAccounts = { nonce, json: JSON.stringify(accounts) };
    // A cache that cannot be written is only a slower next open, never wrong data.
    await this.session.set({ [SESSION_KEYS.accounts]: value }).catch(() => this.session.remove(SESSION_KEYS.accounts));
  }

  private async sessionKey(): Promise<SessionKey> {
    const value = (await this.session.get(SESSION_KEYS.key))[SESSION_KEYS.key] as SessionKey | undefined;
    if (!value || typeof value.key !== 'string') throw new VaultStoreError('LOCKED', 'The vault is locked.');
    return value;
  }

  private async readStored(): Promise<{ current: string; previous?: string }> {
    const stored = await this.local.get([LOCAL_KEYS.vault, LOCAL_KEYS.previous]);
    const current = stored[LOCAL_KEYS.vault];
    const previous = stored[LOCAL_KEYS.previous];
    if (typeof current !== 'string') throw new VaultError('CORRUPT_VAULT', 'No vault is stored.');
    return typeof previous === 'string' ? { current, previous } : { current };
  }

  private async commit(text: string, key: Uint8Array, options: { dropPrevious?: boolean } = {}): Promise<void> {
    try {
      await this.local.set({ [LOCAL_KEYS.pending]: text });
      const written = (await this.local.get(LOCAL_KEYS.pending))[LOCAL_KEYS.pending];
      if (typeof written !== 'string')
        throw new VaultStoreError('WRITE_FAILED', 'The new vault could not be read back.');
      parseEnvelope('vault', written);
      await openVaultWithKey(written, key);
      const old = (await this.local.get(LOCAL_KEYS.vault))[LOCAL_KEYS.vault];
      // After a passphrase change the previous copy would still open with the old passphrase: drop it.
      const previous = typeof old === 'string' && !options.dropPrevious ? { [LOCAL_KEYS.previous]: old } : {};
      await this.local.set({ [LOCAL_KEYS.vault]: written, ...previous });
      if (options.dropPrevious) await this.local.remove(LOCAL_KEYS.previous);
    } catch (error) {
      await this.local.remove(LOCAL_KEYS.pending).catch(() => undefined);
      if (isQuotaError(error)) {
        throw new VaultStoreError('QUOTA_EXCEEDED', 'Browser storage is full; the vault was not changed.', {
          cause: error,
        });
      }
      throw error;
    }
    await this.local.remove(LOCAL_KEYS.pending);
  }
}
