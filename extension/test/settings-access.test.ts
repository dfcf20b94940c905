import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, loadSettings } from '../src/vault/settings';
import { writeSettingsGuarded } from '../src/vault/settings-access';
import { MemoryStorageArea } from '../src/vault/storage-area';
import { VaultStore, VaultStoreError } from '../src/vault/store';

const FAST = { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 } as const;

function setup() {
  const local = new MemoryStorageArea();
  const session = new MemoryStorageArea();
  return { local, store: new VaultStore(local, session, FAST) };
}

describe('vault settings while locked', () => {
  it('refuses every change to a locked vault’s settings, and stores nothing', async () => {
    const { local, store } = setup();
    await store.create('a good long passphrase');
    await store.lock();
    for (const change of [{ autoLockMinutes: 0 }, { lockOnSystemLock: false }, { clipboardClearSeconds: 0 }]) {
      const attempt = writeSettingsGuarded(store, local, { ...DEFAULT_SETTINGS, ...change });
      await expect(attempt).rejects.toBeInstanceOf(VaultStoreError);
      await expect(attempt).rejects.toMatchObject({ code: 'LOCKED' });
    }
    expect(await loadSettings(local)).toEqual(DEFAULT_SETTINGS);
  });

  it('saves them with the vault unlocked, and before any vault exists', async () => {
    const { local, store } = setup();
    await writeSettingsGuarded(store, local, { ...DEFAULT_SETTINGS, autoLockMinutes: 5 });
    expect((await loadSettings(local)).autoLockMinutes).toBe(5);
    await store.create('a good long passphrase');
    await writeSettingsGuarded(store, local, { ...DEFAULT_SETTINGS, autoLockMinutes: 7 });
    expect((await loadSettings(local)).autoLockMinutes).toBe(7);
  });
});
