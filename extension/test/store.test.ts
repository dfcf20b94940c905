import { createAccount, isVaultError, type KdfCost } from '@mfa-companion/vault';
import { describe, expect, it } from 'vitest';
import { MemoryStorageArea } from '../src/vault/storage-area';
import { envelopeNonce, LOCAL_KEYS, SESSION_KEYS, VaultStore, VaultStoreError } from '../src/vault/store';

const FAST: KdfCost = { algorithm: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1 };
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

  it('keeps the last good copy and opens it when the current one is damaged', async () => {
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
    await store.lock();
    const unlocked = await store.unlock(PASS);
    expect(unlocked.recoveredFromPrevious).toBe(true);
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
    expect(local.items.has(LOCAL_KEYS.previous)).toBe(false);
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

  it('never creates over an existing vault, and wipes on request', async () => {
    const { local, store } = setup();
    await store.create(PASS);
    await expect(store.create(PASS)).rejects.toBeInstanceOf(VaultStoreError);
    await store.wipe();
    expect([...local.items.keys()]).toEqual([]);
    expect(await store.status()).toBe('no-vault');
  });
});
