import {
  createAccount,
  createVault,
  DEFAULT_KDF,
  isVaultError,
  type KdfCost,
  kdfNeedsUpgrade,
  PREVIOUS_DEFAULT_KDF,
  parseEnvelope,
} from '@mfa-companion/vault';
import { describe, expect, it } from 'vitest';
import { MemoryStorageArea, type StorageAreaLike } from '../src/vault/storage-area';
import { envelopeNonce, LOCAL_KEYS, SESSION_KEYS, VaultStore, VaultStoreError } from '../src/vault/store';

// The cheapest settings the vault accepts for its own files (OWASP's argon2id minimum).
const FAST: KdfCost = { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 };
const PASS = 'a good long passphrase';

function setup(quotaBytes?: number) {
  const local = new MemoryStorageArea(quotaBytes);
  const session = new MemoryStorageArea();
  return { local, session, store: new VaultStore(local, session, FAST) };
}

const github = () => createAccount({ issuer: 'GitHub', account: 'me', secret: 'JBSWY3DPEHPK3PXP' });

describe('VaultStore', () => {
  it('goes no-vault → unlocked → locked → unlocked, keeping the key only in session storage', async () => {
    const { local, session, store } = setup();
    expect(await store.status()).toBe('no-vault');
    await store.create(PASS);
    expect(await store.status()).toBe('unlocked');
    expect(JSON.stringify([...local.items])).not.toContain(PASS);
    expect(JSON.stringify([...local.items])).not.toMatch(/"key"/);
    expect(session.items.has(SESSION_KEYS.key)).toBe(true);
    await store.save([github()]);
    await store.lock();
    expect(await store.status()).toBe('locked');
    expect([...session.items.keys()]).toEqual([]);
    await expect(store.open()).rejects.toBeInstanceOf(VaultStoreError);
    const { accounts } = await store.unlock(PASS);
    expect(accounts.map((account) => account.issuer)).toEqual(['GitHub']);
  });

  it('refuses a wrong passphrase and changes nothing', async () => {
    const { local, store } = setup();
    await store.create(PASS);
    await store.save([github()]);
    await store.lock();
    const before = JSON.stringify([...local.items]);
    await expect(store.unlock('wrong passphrase')).rejects.toSatisfy((error) =>
      isVaultError(error, 'WRONG_PASSPHRASE'),
    );
    expect(JSON.stringify([...local.items])).toBe(before);
    expect(await store.status()).toBe('locked');
  });

  it('opens the last good copy read-only when the unlocked current one is damaged', async () => {
    const { local, session, store } = setup();
    await store.create(PASS);
    await store.save([github()]);
    await store.save([github(), createAccount({ issuer: 'Bank', secret: 'JBSWY3DPEHPK3PXQ' })]);
    const current = local.items.get(LOCAL_KEYS.vault) as string;
    local.items.set(LOCAL_KEYS.vault, current.slice(0, current.length / 2));
    session.items.delete(SESSION_KEYS.accounts);
    const opened = await store.open();
    expect(opened.recoveredFromPrevious).toBe(true);
    expect(opened.accounts.map((account) => account.issuer)).toEqual(['GitHub']);
    // A save would push the good copy out of `previous`: refused until the user restores it.
    await expect(store.save([])).rejects.toSatisfy(
      (error) => error instanceof VaultStoreError && error.code === 'DAMAGED',
    );
  });

  it('reports a full disk as QUOTA_EXCEEDED and leaves the stored vault intact', async () => {
    const { local, store } = setup(20_000);
    await store.create(PASS);
    await store.save([github()]);
    const before = local.items.get(LOCAL_KEYS.vault);
    const many = Array.from({ length: 200 }, (_, index) =>
      createAccount({ issuer: `Service ${index}`, secret: crypto.getRandomValues(new Uint8Array(20)) }),
    );
    await expect(store.save(many)).rejects.toSatisfy(
      (error) => error instanceof VaultStoreError && error.code === 'QUOTA_EXCEEDED',
    );
    expect(local.items.get(LOCAL_KEYS.vault)).toBe(before);
    expect(local.items.has(LOCAL_KEYS.pending)).toBe(false);
    expect((await store.open()).accounts).toHaveLength(1);
  });

  it('changes the passphrase atomically and drops the copy the old passphrase could open', async () => {
    const { local, store } = setup();
    await store.create(PASS);
    await store.save([github()]);
    await expect(store.changePassphrase('not it at all', 'new passphrase here')).rejects.toSatisfy((error) =>
      isVaultError(error, 'WRONG_PASSPHRASE'),
    );
    await store.changePassphrase(PASS, 'new passphrase here');
    expect(local.items.get(LOCAL_KEYS.previous)).toBeNull();
    await store.lock();
    await expect(store.unlock(PASS)).rejects.toSatisfy((error) => isVaultError(error, 'WRONG_PASSPHRASE'));
    expect((await store.unlock('new passphrase here')).accounts).toHaveLength(1);
  });

  it('serves the popup from the session cache only when it matches the stored copy', async () => {
    const { local, session, store } = setup();
    await store.create(PASS);
    await store.save([github()]);
    const cached = session.items.get(SESSION_KEYS.accounts) as { nonce: string };
    expect(cached.nonce).toBe(envelopeNonce(local.items.get(LOCAL_KEYS.vault) as string));
    // Another writer changed the vault without the cache: the cache is ignored, the vault decrypted.
    session.items.set(SESSION_KEYS.accounts, { nonce: 'stale', json: '[]' });
    const loaded = await store.load();
    expect(loaded.status === 'unlocked' && loaded.accounts.map((account) => account.issuer)).toEqual(['GitHub']);
  });

  it('returns accounts in canonical field order even when storage sorted the keys', async () => {
    const { session, store } = setup();
    await store.create(PASS);
    const account = github();
    await store.save([account]);
    const cached = session.items.get(SESSION_KEYS.accounts) as { json: string };
    const accounts = JSON.parse(cached.json) as Array<Record<string, unknown>>;
    cached.json = JSON.stringify(accounts.map((entry) => Object.fromEntries(Object.entries(entry).sort())));
    const loaded = await store.load();
    expect(loaded.status === 'unlocked' && JSON.stringify(loaded.accounts)).toBe(JSON.stringify([account]));
  });

  it('decrypts the vault when the session cache is unreadable', async () => {
    const { local, session, store } = setup();
    await store.create(PASS);
    await store.save([github()]);
    const nonce = envelopeNonce(local.items.get(LOCAL_KEYS.vault) as string);
    for (const broken of [
      { nonce, json: '{not json' },
      { nonce, json: '{"a":1}' },
      { nonce, accounts: [] },
    ]) {
      session.items.set(SESSION_KEYS.accounts, broken);
      const loaded = await store.load();
      expect(loaded.status === 'unlocked' && loaded.accounts.map((account) => account.issuer)).toEqual(['GitHub']);
    }
  });

  it('stores the nonce tag with every copy, in the same write, and removes it with the vault', async () => {
    const { local, store } = setup();
    await store.create(PASS);
    const tagOf = () => local.items.get(LOCAL_KEYS.currentNonce);
    expect(tagOf()).toBe(envelopeNonce(local.items.get(LOCAL_KEYS.vault) as string));
    await store.save([github()]);
    expect(tagOf()).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(tagOf()).toBe(envelopeNonce(local.items.get(LOCAL_KEYS.vault) as string));
    await store.wipe();
    expect(local.items.has(LOCAL_KEYS.currentNonce)).toBe(false);
  });

  it('serves the popup from the session cache the nonce tag names, without reading the stored copy', async () => {
    const { local, session, store } = setup();
    await store.create(PASS);
    await store.save([github()]);
    const asked: string[] = [];
    const get = local.get.bind(local);
    local.get = async (keys) => {
      asked.push(...(typeof keys === 'string' ? [keys] : keys));
      return get(keys);
    };
    const popupReads = () =>
      Promise.all([
        local.get([LOCAL_KEYS.currentNonce]),
        session.get([SESSION_KEYS.key, SESSION_KEYS.lastActivity, SESSION_KEYS.accounts]),
      ]);
    const loaded = await store.load(popupReads());
    expect(loaded.status === 'unlocked' && loaded.accounts.map((account) => account.issuer)).toEqual(['GitHub']);
    expect(loaded.status === 'unlocked' && loaded.servedFromTag).toBe(true);
    expect(asked).toEqual([LOCAL_KEYS.currentNonce]);
    // No tag (a vault stored by an earlier release): the copy is read and compared, as before.
    local.items.delete(LOCAL_KEYS.currentNonce);
    asked.length = 0;
    const untagged = await store.load(popupReads());
    expect(untagged.status === 'unlocked' && untagged.accounts.map((account) => account.issuer)).toEqual(['GitHub']);
    expect(untagged.status === 'unlocked' && untagged.servedFromTag).toBeFalsy();
    expect(asked).toContain(LOCAL_KEYS.vault);
    // Locked, or no vault at all: the tag alone decides nothing.
    await store.lock();
    const locked = await store.load(popupReads());
    expect(locked.status).toBe('locked');
    // The copy it had to read comes back with it, for the passkey offer: not read a second time.
    expect(locked.status === 'locked' && locked.stored).toBe(local.items.get(LOCAL_KEYS.vault));
    await store.wipe();
    expect((await store.load(popupReads())).status).toBe('no-vault');
  });

  it('drops a session cache the tag vouched for when the stored copy turns out to be another one', async () => {
    const { local, session, store } = setup();
    await store.create(PASS);
    await store.save([github()]);
    const older = local.items.get(LOCAL_KEYS.vault) as string;
    await store.save([github(), createAccount({ issuer: 'NMC3', account: 'apc', secret: 'JBSWY3DPEHPK3PXQ' })]);
    expect(await store.dropStaleSessionCache()).toBe(false);
    // Storage changed from outside: the older copy is back, the tag and the cache still name the newer one.
    local.items.set(LOCAL_KEYS.vault, older);
    const popupReads = () =>
      Promise.all([
        local.get([LOCAL_KEYS.currentNonce]),
        session.get([SESSION_KEYS.key, SESSION_KEYS.lastActivity, SESSION_KEYS.accounts]),
      ]);
    expect((await store.load(popupReads())).status === 'unlocked').toBe(true);
    expect(await store.dropStaleSessionCache()).toBe(true);
    expect(session.items.has(SESSION_KEYS.accounts)).toBe(false);
    // Started again: the stored copy itself is decrypted, and its accounts are what the popup shows.
    const again = await store.load(popupReads());
    expect(again.status === 'unlocked' && again.accounts.map((account) => account.issuer)).toEqual(['GitHub']);
    expect(again.status === 'unlocked' && again.servedFromTag).toBeFalsy();
  });

  it('never creates over an existing vault, and wipes on request', async () => {
    const { local, store } = setup();
    await store.create(PASS);
    await expect(store.create(PASS)).rejects.toBeInstanceOf(VaultStoreError);
    await store.wipe();
    expect([...local.items.keys()]).toEqual([]);
    expect(await store.status()).toBe('no-vault');
  });
});

/**
 * Storage that dies at its `crashAt`-th call and stays dead, as when the browser or the popup goes away
 * mid-write: the call that crashes and every later one fail, and nothing after it reaches the disk.
 */
class CrashingStorage implements StorageAreaLike {
  calls = 0;
  constructor(
    private readonly disk: MemoryStorageArea,
    private readonly crashAt: number,
  ) {}
  private step(): void {
    this.calls += 1;
    if (this.calls >= this.crashAt) throw new Error('crashed');
  }
  async get(keys: string | string[]) {
    this.step();
    return this.disk.get(keys);
  }
  async set(items: Record<string, unknown>) {
    this.step();
    return this.disk.set(items);
  }
  async remove(keys: string | string[]) {
    this.step();
    return this.disk.remove(keys);
  }
}

/** A stronger target than FAST, so re-sealing is needed, yet as cheap as a test can make it. */
const TARGET: KdfCost = { algorithm: 'argon2id', memoryKiB: 20 * 1024, iterations: 2, parallelism: 2 };

async function oldVaultOnDisk(cost: KdfCost = FAST) {
  const disk = new MemoryStorageArea();
  const accounts = [github(), createAccount({ issuer: 'NMC3', account: 'apc', secret: 'JBSWY3DPEHPK3PXQ' })];
  const { text } = await createVault(PASS, cost, { accounts });
  await disk.set({ [LOCAL_KEYS.vault]: text });
  return { disk, text, accounts };
}

const storedKdf = (disk: MemoryStorageArea) => parseEnvelope('vault', disk.items.get(LOCAL_KEYS.vault) as string).kdf;

describe('VaultStore: KDF upgrade on unlock', () => {
  it('re-seals a vault of an earlier release (argon2id 32 MiB t=2) with the current default', async () => {
    const { disk, accounts } = await oldVaultOnDisk(PREVIOUS_DEFAULT_KDF);
    const session = new MemoryStorageArea();
    const store = new VaultStore(disk, session);
    expect((await store.unlock(PASS)).accounts).toEqual(accounts);
    expect(storedKdf(disk)).toMatchObject(DEFAULT_KDF);
    expect(disk.items.get(LOCAL_KEYS.previous)).toBeNull();
    expect(disk.items.has(LOCAL_KEYS.pending)).toBe(false);
    // The session key is the new one: the fast path opens the re-sealed copy.
    expect((session.items.get(SESSION_KEYS.key) as { kdf: unknown }).kdf).toMatchObject(DEFAULT_KDF);
    session.items.delete(SESSION_KEYS.accounts);
    expect((await store.open()).accounts).toEqual(accounts);
    await store.lock();
    expect((await store.unlock(PASS)).accounts).toEqual(accounts);
  }, 30_000);

  it('leaves a vault at or above the target as it is', async () => {
    const { disk, text } = await oldVaultOnDisk(TARGET);
    const store = new VaultStore(disk, new MemoryStorageArea(), FAST);
    await store.unlock(PASS);
    expect(disk.items.get(LOCAL_KEYS.vault)).toBe(text);
  });

  it('a crash at any step of the upgrade leaves a vault that unlocks with all its accounts', async () => {
    let crashAt = 1;
    for (; crashAt < 50; crashAt += 1) {
      const { disk, text, accounts } = await oldVaultOnDisk();
      const crashing = new CrashingStorage(disk, crashAt);
      await new VaultStore(crashing, new MemoryStorageArea(), TARGET).unlock(PASS).catch(() => undefined);
      const completed = crashing.calls < crashAt;
      const current = disk.items.get(LOCAL_KEYS.vault);
      // Either the old copy is still current, or the new one is, complete.
      expect(current === text || kdfNeedsUpgrade(storedKdf(disk), TARGET) === false).toBe(true);
      // After the crash, the browser restarts: a fresh store, a fresh session, the same disk.
      const restarted = new VaultStore(disk, new MemoryStorageArea(), TARGET);
      expect((await restarted.unlock(PASS)).accounts).toEqual(accounts);
      expect(storedKdf(disk)).toMatchObject({ memoryKiB: 20 * 1024, parallelism: 2 });
      expect((await restarted.open()).accounts).toEqual(accounts);
      if (completed) break;
    }
    // The run without a crash was reached, so every storage call of the upgrade was crashed once.
    expect(crashAt).toBeGreaterThan(2);
    expect(crashAt).toBeLessThan(50);
  }, 120_000);

  it('still unlocks, with the old key, when the re-sealed vault cannot be written', async () => {
    const { disk, text, accounts } = await oldVaultOnDisk();
    const full: StorageAreaLike = {
      get: (keys) => disk.get(keys),
      set: async () => {
        throw new Error('QUOTA_BYTES quota exceeded');
      },
      remove: (keys) => disk.remove(keys),
    };
    const store = new VaultStore(full, new MemoryStorageArea(), TARGET);
    expect((await store.unlock(PASS)).accounts).toEqual(accounts);
    expect(disk.items.get(LOCAL_KEYS.vault)).toBe(text);
    expect((await store.open()).accounts).toEqual(accounts);
  });

  it('a crash during a passphrase change leaves the vault opening with the old passphrase or the new one', async () => {
    let crashAt = 1;
    for (; crashAt < 50; crashAt += 1) {
      const { disk, accounts } = await oldVaultOnDisk(TARGET);
      const crashing = new CrashingStorage(disk, crashAt);
      await new VaultStore(crashing, new MemoryStorageArea(), TARGET)
        .changePassphrase(PASS, 'a brand new passphrase')
        .catch(() => undefined);
      const changed = crashing.calls < crashAt;
      const restarted = new VaultStore(disk, new MemoryStorageArea(), TARGET);
      const opened = await restarted.unlock(PASS).catch(() => restarted.unlock('a brand new passphrase'));
      expect(opened.accounts).toEqual(accounts);
      if (changed) {
        await expect(restarted.unlock(PASS)).rejects.toSatisfy((error) => isVaultError(error, 'WRONG_PASSPHRASE'));
        break;
      }
    }
    expect(crashAt).toBeGreaterThan(2);
    expect(crashAt).toBeLessThan(50);
  }, 120_000);
});
