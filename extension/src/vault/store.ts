import {
  type Account,
  base64ToBytes,
  bytesToBase64,
  canonicalAccount,
  changePassphrase,
  createVault,
  DEFAULT_KDF,
  deriveKey,
  isSlotVault,
  isVaultError,
  type KdfCost,
  type KdfParams,
  migrateVaultRecord,
  type NewPasskey,
  openVaultWithKey,
  openVaultWithPassphraseKey,
  parseEnvelope,
  removeSlot as recordWithoutSlot,
  addPasskeySlot as recordWithPasskey,
  resealVault,
  type UnlockedKey,
  unlockVaultWithPasskey,
  type VaultData,
  VaultError,
} from '@mfa-companion/vault';
import { sealOnUnlock } from './slot-upgrade';
import type { StorageAreaLike } from './storage-area';
import { LOCAL_KEYS, type LoadReads, SESSION_KEYS } from './storage-keys';
import {
  type LockManagerLike,
  type StoredVault,
  type Transition,
  toStoredVault,
  VaultWriteError,
  VaultWriter,
} from './writer';

export { LOCAL_KEYS, SESSION_KEYS } from './storage-keys';

export type VaultStatus = 'no-vault' | 'locked' | 'unlocked';

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
  /** True when the current copy was unreadable and the previous good copy was used (read-only; see DAMAGED). */
  recoveredFromPrevious: boolean;
}

const SESSION_KEY_LIST = [SESSION_KEYS.key, SESSION_KEYS.lastActivity, SESSION_KEYS.accounts];

function damaged(): VaultStoreError {
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
async function openWithPassphrase(
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

function sessionKeyOf(session: Record<string, unknown>): SessionKey | undefined {
  const value = session[SESSION_KEYS.key] as SessionKey | undefined;
  return value && typeof value.key === 'string' ? value : undefined;
}

function unlockedSession(unlocked: UnlockedKey, text: string, accounts: Account[]): Record<string, unknown> {
  const values: Record<string, unknown> = {
    [SESSION_KEYS.key]: { key: bytesToBase64(unlocked.key), kdf: unlocked.kdf } satisfies SessionKey,
    [SESSION_KEYS.lastActivity]: Date.now(),
  };
  const nonce = envelopeNonce(text);
  if (nonce) values[SESSION_KEYS.accounts] = { nonce, json: JSON.stringify(accounts) } satisfies SessionAccounts;
  return values;
}

function storeError(error: unknown): unknown {
  if (!(error instanceof VaultWriteError)) return error;
  return error.failure === 'quota'
    ? new VaultStoreError('QUOTA_EXCEEDED', 'Browser storage is full; the vault was not changed.', { cause: error })
    : new VaultStoreError('WRITE_FAILED', 'The vault could not be written; it was not changed.', { cause: error });
}

/**
 * The vault as stored by the extension. Every write is a transition of `VaultWriter` (writer.ts): under one lock
 * shared by all extension pages, one storage call that carries every key it changes. The current copy is kept as
 * `previous` on a save; after a passphrase change or a KDF re-seal no previous copy is kept (it would open with
 * the old passphrase, or be the weaker one to attack).
 */
export class VaultStore {
  private readonly writer: VaultWriter;

  constructor(
    private readonly local: StorageAreaLike,
    private readonly session: StorageAreaLike,
    private readonly kdfCost?: KdfCost,
    locks?: LockManagerLike,
  ) {
    this.writer = new VaultWriter(local, session, SESSION_KEY_LIST, locks);
  }

  async status(): Promise<VaultStatus> {
    const [stored, key] = await Promise.all([this.local.get(LOCAL_KEYS.vault), this.session.get(SESSION_KEYS.key)]);
    if (typeof stored[LOCAL_KEYS.vault] !== 'string' || stored[LOCAL_KEYS.vault] === '') return 'no-vault';
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
    const { current, previous } = toStoredVault(stored);
    if (current === undefined) return { status: 'no-vault' };
    const sessionKey = sessionKeyOf(session);
    if (!sessionKey) return { status: 'locked' };
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
    const opened = await this.decrypt(current, previous, base64ToBytes(sessionKey.key));
    if (!opened.recoveredFromPrevious) await this.cacheIfStillUnlocked(sessionKey.key, current, opened.accounts);
    return { status: 'unlocked', lastActivity, ...opened };
  }

  /** First run. Refuses to overwrite an existing vault. */
  async create(passphrase: string): Promise<void> {
    await this.transition(async (state) => {
      if (state.current !== undefined) throw new VaultStoreError('WRITE_FAILED', 'A vault already exists.');
      const sealed = await createVault(passphrase, this.kdfCost);
      return {
        next: { current: sealed.text, previous: null, key: sealed.unlocked.key },
        session: unlockedSession(sealed.unlocked, sealed.text, []),
        result: undefined,
      };
    });
  }

  /**
   * Derives the key (the slow step) and keeps it in session memory. A wrong passphrase changes nothing. A vault
   * sealed with weaker KDF settings than today's (an earlier release's default) is re-sealed with them in the
   * same transition, and the weaker copy is not kept. A current copy that does not open while the previous one
   * does is DAMAGED: nothing is written, the user decides (restorePrevious).
   */
  async unlock(passphrase: string): Promise<OpenedVault> {
    return this.transition(async (state) => {
      const current = requireCurrent(state);
      const derived = new Map<string, Uint8Array>();
      let opened: { data: VaultData; unlocked: UnlockedKey; version: 1 | 2 };
      try {
        opened = await openWithPassphrase(current, passphrase, derived);
      } catch (error) {
        if (!isVaultError(error) || !state.previous) throw error;
        const previousOpens = await openWithPassphrase(state.previous, passphrase, derived).then(
          () => true,
          () => false,
        );
        throw previousOpens ? damaged() : error;
      }
      const { data, unlocked, version } = opened;
      // Format 1 → key slots, and a passphrase KDF below today's settings raised: one step, one write (slot-upgrade.ts).
      const upgrade = await sealOnUnlock(current, version, passphrase, unlocked, this.kdfCost ?? DEFAULT_KDF);
      if (!upgrade) {
        return {
          session: unlockedSession(unlocked, current, data.accounts),
          result: { accounts: data.accounts, recoveredFromPrevious: false },
        };
      }
      const { sealed, dropPrevious } = upgrade;
      return {
        // After a KDF raise no copy the weaker settings open is kept; a plain migration keeps the format-1 copy as
        // the previous one (same passphrase, same settings: a good copy to fall back on).
        next: { current: sealed.text, previous: dropPrevious ? null : current, key: sealed.unlocked.key },
        session: unlockedSession(sealed.unlocked, sealed.text, data.accounts),
        result: { accounts: data.accounts, recoveredFromPrevious: false },
      };
    }).catch(async (error) => {
      // The re-seal could not be stored (a full disk): unlock with the copy as it is; the next unlock tries again.
      if (!(error instanceof VaultStoreError) || (error.code !== 'QUOTA_EXCEEDED' && error.code !== 'WRITE_FAILED'))
        throw error;
      return this.transition(async (state) => {
        const current = requireCurrent(state);
        const { data, unlocked } = await openWithPassphrase(current, passphrase, new Map());
        return {
          session: unlockedSession(unlocked, current, data.accounts),
          result: { accounts: data.accounts, recoveredFromPrevious: false },
        };
      });
    });
  }

  /**
   * After DAMAGED, and only on the user's word: makes the previous copy current (proving the passphrase on it)
   * and unlocks it. The damaged copy is not kept.
   */
  async restorePrevious(passphrase: string): Promise<OpenedVault> {
    return this.transition(async (state) => {
      if (!state.previous) throw new VaultError('CORRUPT_VAULT', 'There is no previous copy to restore.');
      const { data, unlocked } = await openWithPassphrase(state.previous, passphrase, new Map());
      return {
        next: { current: state.previous, previous: null, key: unlocked.key },
        session: unlockedSession(unlocked, state.previous, data.accounts),
        result: { accounts: data.accounts, recoveredFromPrevious: false },
      };
    });
  }

  /**
   * Proves the passphrase again (the slow KDF, as at unlock) before something secret is revealed, and returns the
   * accounts as that passphrase decrypts them. Nothing is stored or changed; a wrong one throws WRONG_PASSPHRASE.
   */
  async verifyPassphrase(passphrase: string): Promise<Account[]> {
    const state = toStoredVault(await this.local.get([LOCAL_KEYS.vault, LOCAL_KEYS.previous]));
    return (await openWithPassphrase(requireCurrent(state), passphrase, new Map())).data.accounts;
  }

  /** Forgets the key and the decrypted accounts; waits for a transition in flight, so it always has the last word. */
  async lock(): Promise<void> {
    await this.writer.exclusive(() => this.session.remove(SESSION_KEY_LIST));
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

  /** Encrypts and atomically replaces the account list (the stored copy becomes `previous`). */
  async save(accounts: Account[]): Promise<void> {
    await this.update(() => accounts);
  }

  /**
   * Changes the account list as it is stored now, read under the lock: two pages editing at once each apply their
   * change to the other's result instead of overwriting it. Refuses (DAMAGED) when the current copy does not open
   * with the session key, so a good previous copy is never pushed out by a damaged one.
   */
  async update(change: (accounts: Account[]) => Account[]): Promise<Account[]> {
    return this.transition(async (state, session) => {
      const { current, stored, key, sessionKey } = await openWithSession(state, session);
      const accounts = change(stored.accounts);
      // A slot vault keeps its key slots as they are; a format-1 vault (not migrated yet) stays format 1.
      const text = await resealVault(current, { accounts }, { key, kdf: sessionKey.kdf });
      return {
        next: { current: text, previous: current, key },
        session: { [SESSION_KEYS.accounts]: { nonce: envelopeNonce(text), json: JSON.stringify(accounts) } },
        result: accounts,
      };
    });
  }

  /**
   * A new passphrase, in one transition: a slot vault gets only its passphrase slot rewrapped under a new salt (the
   * accounts and the passkey slots stay as they are); a format-1 vault becomes a slot vault in the same step. Until
   * its one storage write the old passphrase opens the vault, after it only the new one does (no previous copy is
   * kept). Once that write is stored, this reports success whatever happens next.
   */
  async changePassphrase(currentPassphrase: string, newPassphrase: string): Promise<void> {
    await this.transition(async (state) => {
      const current = requireCurrent(state);
      const changed = await changePassphrase(current, currentPassphrase, newPassphrase, this.kdfCost);
      return {
        next: { current: changed.text, previous: null, key: changed.unlocked.key },
        session: unlockedSession(changed.unlocked, changed.text, changed.data.accounts),
        result: undefined,
      };
    });
  }

  // ── Key slots (issue 23): each change is one more transition of the writer. ──

  /** The stored vault text (the slot list is read from it, also while locked: the popup asks for a passkey). */
  async storedVault(): Promise<string> {
    return requireCurrent(toStoredVault(await this.local.get(LOCAL_KEYS.vault)));
  }

  /**
   * Adds a passkey slot wrapping the unlocked vault key (the caller proved the passphrase just before, through
   * `verifyPassphrase`). Read under the lock, so a save made during the WebAuthn ceremony is kept. A format-1 vault
   * (unlocked before the migration could be stored) is migrated in the same write: its session key is the
   * passphrase key, which wraps the new vault key. The copy before is kept as previous (same passphrase, no passkey).
   */
  async addPasskeySlot(passkey: NewPasskey): Promise<void> {
    await this.transition(async (state, session) => {
      const { current, key, sessionKey, stored } = await openWithSession(state, session);
      if (isSlotVault(current)) {
        const { text } = await recordWithPasskey(current, key, passkey);
        return { next: { current: text, previous: current, key }, result: undefined };
      }
      const migrated = await migrateVaultRecord(current, key, { key, kdf: sessionKey.kdf });
      const { text } = await recordWithPasskey(migrated.text, migrated.vaultKey, passkey);
      return {
        next: { current: text, previous: current, key: migrated.vaultKey },
        session: unlockedSession({ key: migrated.vaultKey, kdf: sessionKey.kdf }, text, stored.accounts),
        result: undefined,
      };
    });
  }

  /**
   * Removes a passkey slot (or a damaged one); the passphrase slot cannot go. No previous copy is kept: it would
   * still hold the removed slot, so the passkey given up would still open it.
   */
  async removeSlot(slotId: string): Promise<void> {
    await this.transition(async (state, session) => {
      const { current, key } = await openWithSession(state, session);
      return { next: { current: recordWithoutSlot(current, slotId), previous: null, key }, result: undefined };
    });
  }

  /**
   * Unlocks with a passkey: its PRF output unwraps the vault key (no KDF), which the session keeps exactly as after a
   * passphrase unlock. Nothing is stored. A current copy that does not open while the previous one opens with the
   * same passkey is DAMAGED, as for the passphrase.
   */
  async unlockWithPasskey(slotId: string, prfOutput: Uint8Array): Promise<OpenedVault> {
    return this.transition(async (state) => {
      const current = requireCurrent(state);
      let opened: Awaited<ReturnType<typeof unlockVaultWithPasskey>>;
      try {
        opened = await unlockVaultWithPasskey(current, slotId, prfOutput);
      } catch (error) {
        if (!isVaultError(error) || !state.previous || !isSlotVault(state.previous)) throw error;
        const previousOpens = await unlockVaultWithPasskey(state.previous, slotId, prfOutput).then(
          () => true,
          () => false,
        );
        throw previousOpens ? damaged() : error;
      }
      return {
        session: unlockedSession(opened.unlocked, current, opened.data.accounts),
        result: { accounts: opened.data.accounts, recoveredFromPrevious: false },
      };
    });
  }

  /** Forgets everything (after an explicit confirmation in the UI): one removal, then the session. */
  async wipe(): Promise<void> {
    await this.writer.exclusive(async () => {
      await this.local.remove([LOCAL_KEYS.vault, LOCAL_KEYS.previous, LOCAL_KEYS.pending]);
      await this.session.remove(SESSION_KEY_LIST);
    });
  }

  async touch(now = Date.now()): Promise<void> {
    await this.session.set({ [SESSION_KEYS.lastActivity]: now });
  }

  async lastActivity(): Promise<number | undefined> {
    const value = (await this.session.get(SESSION_KEYS.lastActivity))[SESSION_KEYS.lastActivity];
    return typeof value === 'number' ? value : undefined;
  }

  private async transition<R>(step: Transition<R>): Promise<R> {
    try {
      return await this.writer.run(step);
    } catch (error) {
      throw storeError(error);
    }
  }

  /** Caches what load() decrypted, unless the vault was locked (or re-keyed) meanwhile: lock() has the last word. */
  private async cacheIfStillUnlocked(key: string, text: string, accounts: Account[]): Promise<void> {
    const nonce = envelopeNonce(text);
    if (!nonce) return;
    await this.writer
      .exclusive(async () => {
        const now = sessionKeyOf(await this.session.get(SESSION_KEYS.key));
        if (now?.key !== key) return;
        const value: SessionAccounts = { nonce, json: JSON.stringify(accounts) };
        await this.session.set({ [SESSION_KEYS.accounts]: value });
      })
      // A cache that cannot be written is only a slower next open, never wrong data.
      .catch(() => undefined);
  }
}

/**
 * The stored copy opened with the session key, for transitions made while unlocked. LOCKED without a key; DAMAGED
 * when the current copy fails while the previous one opens (a good previous copy is never pushed out by it).
 */
async function openWithSession(
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

function requireCurrent(state: StoredVault): string {
  if (state.current === undefined) throw new VaultError('CORRUPT_VAULT', 'No vault is stored.');
  return state.current;
}
