import { createHmac } from 'node:crypto';
import {
  createAccount,
  createKey,
  type KdfCost,
  listSlots,
  newPrfSalt,
  parseEnvelope,
  sealEnvelope,
} from '@mfa-companion/vault';
import { describe, expect, it } from 'vitest';
import { VaultSlots } from '../src/vault/slots';
import { MemoryStorageArea } from '../src/vault/storage-area';
import { LOCAL_KEYS, SESSION_KEYS, VaultStore } from '../src/vault/store';

const FAST: KdfCost = { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 };
const PASS = 'a good long passphrase';
const github = createAccount({ issuer: 'GitHub', account: 'me', secret: 'JBSWY3DPEHPK3PXP' });

function setup() {
  const local = new MemoryStorageArea();
  const session = new MemoryStorageArea();
  const store = new VaultStore(local, session, FAST);
  return { local, session, store, slots: new VaultSlots(store) };
}

const prf = (salt: Uint8Array) => new Uint8Array(createHmac('sha256', 'authenticator secret').update(salt).digest());

describe('VaultStore with key slots', () => {
  it('migrates a format-1 vault on unlock in one write, keeping its passphrase settings and the accounts', async () => {
    const { local, store } = setup();
    const key = await createKey(PASS, FAST);
    const legacy = await sealEnvelope('vault', { accounts: [github] }, key);
    local.items.set(LOCAL_KEYS.vault, legacy);
    const { accounts } = await store.unlock(PASS);
    expect(accounts).toEqual([github]);
    const migrated = local.items.get(LOCAL_KEYS.vault) as string;
    expect(JSON.parse(migrated).version).toBe(2);
    expect(parseEnvelope('vault', migrated).kdf).toEqual(key.kdf);
    // Same settings: the old copy is kept as the previous one (it opens with the same passphrase).
    expect(local.items.get(LOCAL_KEYS.previous)).toBe(legacy);
    await store.save([github, { ...github, id: 'second' }]);
    await store.lock();
    expect((await store.unlock(PASS)).accounts).toHaveLength(2);
    expect(local.items.get(LOCAL_KEYS.vault)).not.toBe(legacy);
  });

  it('adds a passkey after the passphrase, unlocks with it, keeps it across saves and passphrase changes, removes it', async () => {
    const { local, session, store, slots } = setup();
    await store.create(PASS);
    await store.save([github]);
    await expect(store.verifyPassphrase('not the passphrase')).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(await store.verifyPassphrase(PASS)).toEqual([github]);
    const prfSalt = newPrfSalt();
    await slots.addPasskey({
      credentialId: new Uint8Array(16).fill(3),
      prfSalt,
      prfOutput: prf(prfSalt),
      attachment: 'cross-platform',
      label: 'Key',
      createdAt: 1,
    });
    const [slot] = (await slots.list()).passkeys;
    expect(slot).toMatchObject({ label: 'Key', attachment: 'cross-platform' });
    await store.save([github, { ...github, id: 'second' }]);
    await store.changePassphrase(PASS, 'another good passphrase');
    expect(listSlots(local.items.get(LOCAL_KEYS.vault) as string).passkeys).toHaveLength(1);

    await store.lock();
    expect(session.items.has(SESSION_KEYS.key)).toBe(false);
    const opened = await slots.unlockWithPasskey(slot?.id as string, prf(prfSalt));
    expect(opened.accounts).toHaveLength(2);
    expect(await store.status()).toBe('unlocked');
    await expect(slots.unlockWithPasskey(slot?.id as string, prf(new Uint8Array(32)))).rejects.toMatchObject({
      code: 'WRONG_PASSKEY',
    });

    await slots.remove(slot?.id as string);
    expect((await slots.list()).passkeys).toEqual([]);
    await expect(slots.remove('passphrase')).rejects.toMatchObject({ code: 'PASSPHRASE_SLOT_REQUIRED' });
    await store.lock();
    expect((await store.unlock('another good passphrase')).accounts).toHaveLength(2);
  }, 30_000);

  it('adds a passkey to the vault as stored when it is added (a save made meanwhile is kept)', async () => {
    const { local, store, slots } = setup();
    await store.create(PASS);
    await store.save([github]);
    const prfSalt = newPrfSalt();
    await slots.addPasskey({
      credentialId: new Uint8Array(16).fill(3),
      prfSalt,
      prfOutput: prf(prfSalt),
      label: 'Key',
      createdAt: 1,
    });
    expect(listSlots(local.items.get(LOCAL_KEYS.vault) as string).passkeys).toHaveLength(1);
    expect((await store.open()).accounts).toEqual([github]);
  });

  it('a format-1 vault unlocked before its migration could be stored is migrated in the same write as the new slot', async () => {
    const { local, session, store, slots } = setup();
    const key = await createKey(PASS, FAST);
    const legacy = await sealEnvelope('vault', { accounts: [github] }, key);
    local.items.set(LOCAL_KEYS.vault, legacy);
    // The session a format-1 unlock leaves: the passphrase key.
    session.items.set(SESSION_KEYS.key, { key: Buffer.from(key.key).toString('base64'), kdf: key.kdf });
    const prfSalt = newPrfSalt();
    await slots.addPasskey({
      credentialId: new Uint8Array(16).fill(4),
      prfSalt,
      prfOutput: prf(prfSalt),
      label: 'K',
      createdAt: 1,
    });
    const stored = local.items.get(LOCAL_KEYS.vault) as string;
    expect(JSON.parse(stored).version).toBe(2);
    expect(local.items.get(LOCAL_KEYS.previous)).toBe(legacy);
    const [slot] = listSlots(stored).passkeys;
    await store.lock();
    expect((await slots.unlockWithPasskey(slot?.id as string, prf(prfSalt))).accounts).toEqual([github]);
    await store.lock();
    expect((await store.unlock(PASS)).accounts).toEqual([github]);
  }, 30_000);

  it('refuses a slot change while locked (nothing written)', async () => {
    const { local, store, slots } = setup();
    await store.create(PASS);
    await store.lock();
    const before = local.items.get(LOCAL_KEYS.vault);
    const prfSalt = newPrfSalt();
    await expect(
      slots.addPasskey({
        credentialId: new Uint8Array(16).fill(3),
        prfSalt,
        prfOutput: prf(prfSalt),
        label: 'Key',
        createdAt: 1,
      }),
    ).rejects.toMatchObject({ code: 'LOCKED' });
    expect(local.items.get(LOCAL_KEYS.vault)).toBe(before);
  });
});
