import {
  type Account,
  base64ToBytes,
  canonicalAccount,
  changePassphrase,
  createVault,
  DEFAULT_KDF,
  isSlotVault,
  isVaultError,
  type KdfCost,
  migrateVaultRecord,
  type NewPasskey,
  openVaultWithKey,
  removeSlot as recordWithoutSlot,
  addPasskeySlot as recordWithPasskey,
  resealVault,
  unlockVaultWithPasskey,
  VaultError,
} from '@mfa-companion/vault';
import {
  damaged,
  envelopeNonce,
  isSessionCacheFor,
  isSessionCacheForNonce,
  openWithPassphrase,
  openWithSession,
  parseCachedAccounts,
  requireCurrent,
  type SessionAccounts,
  sessionKeyOf,
  storeError,
  unlockedSession,
  VaultStoreError,
} from './opening';
import { sealOnUnlock } from './slot-upgrade';
import type { StorageAreaLike } from './storage-area';
import { LOCAL_KEYS, type LoadReads, SESSION_KEYS } from './storage-keys';
import { type LockManagerLike, type Transition, toStoredVault, VaultWriter } from './writer';

export {
  envelopeNonce,
  isSessionCacheFor,
  type StoreErrorCode,
  VaultStoreError,
} from './opening';
export { LOCAL_KEYS, SESSION_KEYS } from './storage-keys';

export type VaultStatus = 'no-vault' | 'locked' | 'unlocked';

export interface OpenedVault {
  accounts: Account[];
  /** True when the current copy was unreadable and the previous good copy was used (read-only; see DAMAGED). */
  recoveredFromPrevious: boolean;
}

const SESSION_KEY_LIST = [SESSION_KEYS.key, SESSION_KEYS.lastActivity, SESSION_KEYS.accounts];

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
   * Everything the popup needs to paint, from two parallel storage reads and at most one decryption: the vault
   * status and, when unlocked, the accounts and the last activity time (for the idle check).
   *
   * `reads` may carry the stored copy's nonce tag (`vault.currentNonce`) instead of the copy itself, as the popup's
   * do: when the tag names the copy the session cache came from, the accounts come from the cache and the
   * ciphertext is not read at all (`servedFromTag`; the popup confirms it against the copy after its first paint,
   * see dropStaleSessionCache). Otherwise whatever is missing (`vault.current`, `vault.previous`) is read here.
   */
  async load(
    reads: LoadReads = Promise.all([
      this.local.get([LOCAL_KEYS.vault, LOCAL_KEYS.previous]),
      this.session.get([SESSION_KEYS.key, SESSION_KEYS.lastActivity, SESSION_KEYS.accounts]),
    ]),
  ): Promise<
    | { status: 'no-vault' }
    | { status: 'locked'; stored: string }
    | ({ status: 'unlocked'; lastActivity: number | undefined; servedFromTag?: boolean } & OpenedVault)
  > {
    const [read, session] = await reads;
    let stored = read;
    const sessionKey = sessionKeyOf(session);
    const lastActivity =
      typeof session[SESSION_KEYS.lastActivity] === 'number'
        ? (session[SESSION_KEYS.lastActivity] as number)
        : undefined;
    const cached = session[SESSION_KEYS.accounts];
    // Whatever wrote the cache, hand out accounts in the canonical field order.
    const fromCache = (accounts: Account[], servedFromTag: boolean) => ({
      status: 'unlocked' as const,
      lastActivity,
      accounts: accounts.map(canonicalAccount),
      recoveredFromPrevious: false,
      ...(servedFromTag ? { servedFromTag } : {}),
    });
    if (!(LOCAL_KEYS.vault in stored)) {
      const tag = stored[LOCAL_KEYS.currentNonce];
      const tagged = sessionKey && typeof tag === 'string' && isSessionCacheForNonce(cached, tag);
      const tagAccounts = tagged ? parseCachedAccounts(cached) : undefined;
      if (tagAccounts) return fromCache(tagAccounts, true);
      stored = { ...stored, ...(await this.local.get(LOCAL_KEYS.vault)) };
    }
    const { current } = toStoredVault(stored);
    if (current === undefined) return { status: 'no-vault' };
    // The copy read here is handed out, so the locked popup does not read it again (for its passkey offer).
    if (!sessionKey) return { status: 'locked', stored: current };
    const cachedAccounts = isSessionCacheFor(cached, current) ? parseCachedAccounts(cached) : undefined;
    if (cachedAccounts) return fromCache(cachedAccounts, false);
    // Decrypting: the previous copy is the fallback when the current one turns out damaged.
    if (!(LOCAL_KEYS.previous in stored)) stored = { ...stored, ...(await this.local.get(LOCAL_KEYS.previous)) };
    const { previous } = toStoredVault(stored);
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
      let opened: Awaited<ReturnType<typeof openWithPassphrase>>;
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
      await this.local.remove([LOCAL_KEYS.vault, LOCAL_KEYS.previous, LOCAL_KEYS.pending, LOCAL_KEYS.currentNonce]);
      await this.session.remove(SESSION_KEY_LIST);
    });
  }

  /**
   * After load() served the accounts from the nonce tag: confirms that the session cache really is the stored
   * copy's. Only this extension's writer stores a copy, always with its tag, but storage can be changed from
   * outside; a cache that is not the stored copy's is dropped (true), so the next load decrypts the copy itself,
   * with the usual damage checks.
   */
  async dropStaleSessionCache(): Promise<boolean> {
    return this.writer.exclusive(async () => {
      const [stored, session] = await Promise.all([
        this.local.get(LOCAL_KEYS.vault),
        this.session.get(SESSION_KEYS.accounts),
      ]);
      const cached = session[SESSION_KEYS.accounts];
      const { current } = toStoredVault(stored);
      if (cached === undefined || (current !== undefined && isSessionCacheFor(cached, current))) return false;
      await this.session.remove(SESSION_KEYS.accounts);
      return true;
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
