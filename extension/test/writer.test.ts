import { createHmac } from 'node:crypto';
import {
  type Account,
  addPasskeySlot,
  createAccount,
  createKey,
  createVault,
  isSlotVault,
  isVaultError,
  type KdfCost,
  kdfNeedsUpgrade,
  listSlots,
  type NewPasskey,
  parseEnvelope,
  resealVault,
  sealEnvelope,
  unlockVault,
  unlockVaultWithPasskey,
} from '@mfa-companion/vault';
import { describe, expect, it } from 'vitest';
import { MemoryStorageArea, type StorageAreaLike } from '../src/vault/storage-area';
import { LOCAL_KEYS, SESSION_KEYS, VaultStore, VaultStoreError } from '../src/vault/store';
import { VaultWriter } from '../src/vault/writer';

// The cheapest settings our own files accept, and a stronger target so a re-seal is due.
const FAST: KdfCost = { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 };
const TARGET: KdfCost = { algorithm: 'argon2id', memoryKiB: 20 * 1024, iterations: 2, parallelism: 2 };
const OLD = 'the old passphrase';
const NEW = 'the brand new passphrase';

const account = (issuer: string, secret: string) => createAccount({ issuer, account: 'me', secret });
const A = account('Alpha', 'JBSWY3DPEHPK3PXP');
const B = account('Bravo', 'JBSWY3DPEHPK3PXQ');
const C = account('Charlie', 'JBSWY3DPEHPK3PXR');

/**
 * Storage that stops at its `stopAt`-th call, counted over every area it wraps (local and session): that call
 * and every later one fail and reach nothing, as when the page holding the transition goes away at that await.
 */
class Stopper {
  calls = 0;
  constructor(readonly stopAt: number) {}
  wrap(disk: MemoryStorageArea): StorageAreaLike {
    const step = () => {
      this.calls += 1;
      if (this.calls >= this.stopAt) throw new Error('page closed');
    };
    return {
      get: async (keys) => (step(), disk.get(keys)),
      set: async (items) => (step(), disk.set(items)),
      remove: async (keys) => (step(), disk.remove(keys)),
    };
  }
  get completed(): boolean {
    return this.calls < this.stopAt;
  }
}

/** Accounts the text opens with under `passphrase`, or undefined. */
async function opensWith(text: unknown, passphrase: string): Promise<Account[] | undefined> {
  if (typeof text !== 'string' || text === '') return undefined;
  return unlockVault(text, passphrase).then(
    ({ data }) => data.accounts,
    () => undefined,
  );
}

/** What an authenticator's PRF gives for `salt` (a fixed secret: the same passkey every time). */
const prf = (salt: Uint8Array) => new Uint8Array(createHmac('sha256', 'authenticator secret').update(salt).digest());
const PRF_SALT = new Uint8Array(32).fill(7);
const PASSKEY: NewPasskey = {
  credentialId: new Uint8Array(16).fill(3),
  prfSalt: PRF_SALT,
  prfOutput: prf(PRF_SALT),
  attachment: 'cross-platform',
  label: 'Key',
  createdAt: 1,
};

/** Accounts the text opens with under its (only) passkey slot, or undefined. */
async function opensWithPasskey(text: unknown): Promise<Account[] | undefined> {
  if (typeof text !== 'string' || text === '' || !isSlotVault(text)) return undefined;
  const [slot] = listSlots(text).passkeys;
  if (!slot) return undefined;
  return unlockVaultWithPasskey(text, slot.id, prf(PRF_SALT)).then(
    ({ data }) => data.accounts,
    () => undefined,
  );
}

const issuers = (accounts: Account[] | undefined) => accounts?.map((entry) => entry.issuer);
const kdfOf = (text: string) => parseEnvelope('vault', text).kdf;

async function diskWith(current: string | undefined, previous?: string): Promise<MemoryStorageArea> {
  const disk = new MemoryStorageArea();
  const items: Record<string, unknown> = {};
  if (current !== undefined) items[LOCAL_KEYS.vault] = current;
  if (previous !== undefined) items[LOCAL_KEYS.previous] = previous;
  await disk.set(items);
  return disk;
}

interface Case {
  name: string;
  kdf: KdfCost;
  /** The state on disk before the transition. */
  before(): Promise<{ current?: string; previous?: string }>;
  /** The transition, run by a page that may be closed at any await. */
  run(store: VaultStore, session: MemoryStorageArea): Promise<unknown>;
  /** The transition runs in an unlocked session (with this passphrase) instead of a locked one. */
  unlockedWith?: string;
  /** Exactly one of these holds afterwards. */
  isOld(disk: MemoryStorageArea): Promise<boolean>;
  isNew(disk: MemoryStorageArea): Promise<boolean>;
}

const current = (disk: MemoryStorageArea) => disk.items.get(LOCAL_KEYS.vault);
const previous = (disk: MemoryStorageArea) => disk.items.get(LOCAL_KEYS.previous);

const unlockedSessions = new Map<string, MemoryStorageArea>();
/** A session unlocked for `text` (derived once per text, then copied: the key derivation is the slow part). */
async function unlockedSession(text: string, passphrase: string): Promise<MemoryStorageArea> {
  let unlocked = unlockedSessions.get(text);
  if (!unlocked) {
    unlocked = new MemoryStorageArea();
    await new VaultStore(await diskWith(text), unlocked, FAST).unlock(passphrase);
    unlockedSessions.set(text, unlocked);
  }
  const session = new MemoryStorageArea();
  for (const [key, value] of unlocked.items) session.items.set(key, structuredClone(value));
  return session;
}

interface Texts {
  weakA: string;
  weakAB: string;
  /** Format 1 (before key slots): the accounts straight under the passphrase key. */
  legacyA: string;
  legacyAB: string;
  /** Slot vaults holding a passkey slot next to the passphrase slot (same vault key). */
  passkeyA: string;
  passkeyAB: string;
}
let fixtures: Texts | undefined;
async function texts(): Promise<Texts> {
  if (!fixtures) {
    const legacyKey = await createKey(OLD, FAST);
    const sealed = await createVault(OLD, FAST, { accounts: [A, B] });
    const passkeyAB = (await addPasskeySlot(sealed.text, sealed.unlocked.key, PASSKEY)).text;
    fixtures = {
      weakA: (await createVault(OLD, FAST, { accounts: [A] })).text,
      weakAB: sealed.text,
      legacyA: await sealEnvelope('vault', { accounts: [A] }, legacyKey),
      legacyAB: await sealEnvelope('vault', { accounts: [A, B] }, legacyKey),
      passkeyA: await resealVault(passkeyAB, { accounts: [A] }, sealed.unlocked),
      passkeyAB,
    };
  }
  return fixtures;
}

const nonceOf = (text: unknown) => (typeof text === 'string' ? (JSON.parse(text) as { cipher?: unknown }).cipher : '');

const CASES: Case[] = [
  {
    name: 'create',
    kdf: FAST,
    before: async () => ({}),
    run: (store) => store.create(OLD),
    isOld: async (disk) => current(disk) === undefined,
    isNew: async (disk) => (await opensWith(current(disk), OLD))?.length === 0 && !previous(disk),
  },
  {
    name: 'save',
    kdf: FAST,
    before: async () => ({ current: (await texts()).weakAB, previous: (await texts()).weakA }),
    run: (store) => store.save([A, B, C]),
    unlockedWith: OLD,
    isOld: async (disk) => current(disk) === (await texts()).weakAB && previous(disk) === (await texts()).weakA,
    isNew: async (disk) =>
      issuers(await opensWith(current(disk), OLD))?.join() === 'Alpha,Bravo,Charlie' &&
      previous(disk) === (await texts()).weakAB,
  },
  {
    name: 're-seal with stronger KDF settings',
    kdf: TARGET,
    // A weaker previous copy too: after the re-seal no copy under the weaker settings may remain.
    before: async () => ({ current: (await texts()).weakAB, previous: (await texts()).weakA }),
    run: (store) => store.unlock(OLD),
    isOld: async (disk) => current(disk) === (await texts()).weakAB && previous(disk) === (await texts()).weakA,
    isNew: async (disk) => {
      const text = current(disk) as string;
      return (
        issuers(await opensWith(text, OLD))?.join() === 'Alpha,Bravo' &&
        !kdfNeedsUpgrade(kdfOf(text), TARGET) &&
        !previous(disk)
      );
    },
  },
  {
    name: 'change passphrase',
    kdf: FAST,
    before: async () => ({ current: (await texts()).weakAB, previous: (await texts()).weakA }),
    run: (store) => store.changePassphrase(OLD, NEW),
    isOld: async (disk) => current(disk) === (await texts()).weakAB && previous(disk) === (await texts()).weakA,
    isNew: async (disk) =>
      issuers(await opensWith(current(disk), NEW))?.join() === 'Alpha,Bravo' &&
      (await opensWith(current(disk), OLD)) === undefined &&
      !previous(disk),
  },
  {
    name: 'restore the previous copy',
    kdf: FAST,
    before: async () => ({ current: damage((await texts()).weakAB), previous: (await texts()).weakA }),
    run: (store) => store.restorePrevious(OLD),
    isOld: async (disk) => current(disk) === damage((await texts()).weakAB) && previous(disk) === (await texts()).weakA,
    isNew: async (disk) => current(disk) === (await texts()).weakA && !previous(disk),
  },
];

/** The key-slot transitions (issue 23): each is one more transition of the same writer. */
const SLOT_CASES: Case[] = [
  {
    name: 'migrate a format-1 vault to key slots',
    kdf: FAST,
    before: async () => ({ current: (await texts()).legacyAB, previous: (await texts()).legacyA }),
    run: (store) => store.unlock(OLD),
    isOld: async (disk) => current(disk) === (await texts()).legacyAB && previous(disk) === (await texts()).legacyA,
    // Same settings: the format-1 copy stays as the previous one (same passphrase, not weaker); the older one goes.
    isNew: async (disk) =>
      isSlotVault(current(disk) as string) &&
      issuers(await opensWith(current(disk), OLD))?.join() === 'Alpha,Bravo' &&
      previous(disk) === (await texts()).legacyAB,
  },
  {
    name: 'migrate a format-1 vault to key slots and raise its KDF settings',
    kdf: TARGET,
    before: async () => ({ current: (await texts()).legacyAB, previous: (await texts()).legacyA }),
    run: (store) => store.unlock(OLD),
    isOld: async (disk) => current(disk) === (await texts()).legacyAB && previous(disk) === (await texts()).legacyA,
    isNew: async (disk) => {
      const text = current(disk) as string;
      return (
        isSlotVault(text) &&
        issuers(await opensWith(text, OLD))?.join() === 'Alpha,Bravo' &&
        !kdfNeedsUpgrade(kdfOf(text), TARGET) &&
        !previous(disk)
      );
    },
  },
  {
    name: 'add a passkey slot',
    kdf: FAST,
    before: async () => ({ current: (await texts()).weakAB, previous: (await texts()).weakA }),
    run: (store) => store.addPasskeySlot(PASSKEY),
    unlockedWith: OLD,
    isOld: async (disk) => current(disk) === (await texts()).weakAB && previous(disk) === (await texts()).weakA,
    isNew: async (disk) =>
      issuers(await opensWithPasskey(current(disk)))?.join() === 'Alpha,Bravo' &&
      issuers(await opensWith(current(disk), OLD))?.join() === 'Alpha,Bravo' &&
      previous(disk) === (await texts()).weakAB,
  },
  {
    name: 'remove a passkey slot',
    kdf: FAST,
    before: async () => ({ current: (await texts()).passkeyAB, previous: (await texts()).passkeyA }),
    run: async (store) => store.removeSlot(listSlots((await texts()).passkeyAB).passkeys[0]?.id as string),
    unlockedWith: OLD,
    isOld: async (disk) => current(disk) === (await texts()).passkeyAB && previous(disk) === (await texts()).passkeyA,
    // No copy the removed passkey opens may remain: the previous copy still held its slot.
    isNew: async (disk) =>
      listSlots(current(disk) as string).passkeys.length === 0 &&
      issuers(await opensWith(current(disk), OLD))?.join() === 'Alpha,Bravo' &&
      !previous(disk),
  },
  {
    name: 'change the passphrase of a slot vault (its slot only)',
    kdf: FAST,
    before: async () => ({ current: (await texts()).passkeyAB, previous: (await texts()).passkeyA }),
    run: (store) => store.changePassphrase(OLD, NEW),
    isOld: async (disk) => current(disk) === (await texts()).passkeyAB && previous(disk) === (await texts()).passkeyA,
    isNew: async (disk) =>
      issuers(await opensWith(current(disk), NEW))?.join() === 'Alpha,Bravo' &&
      (await opensWith(current(disk), OLD)) === undefined &&
      // The accounts' ciphertext and the passkey slot are untouched: only the passphrase slot was rewrapped.
      JSON.stringify(nonceOf(current(disk))) === JSON.stringify(nonceOf((await texts()).passkeyAB)) &&
      issuers(await opensWithPasskey(current(disk)))?.join() === 'Alpha,Bravo' &&
      !previous(disk),
  },
];

/** One character of the ciphertext changed, as a bad disk sector or a stray edit would. */
function damage(text: string): string {
  const envelope = JSON.parse(text) as { ciphertext: string };
  const chars = [...envelope.ciphertext];
  const middle = Math.floor(chars.length / 2);
  chars[middle] = chars[middle] === 'A' ? 'B' : 'A';
  return JSON.stringify({ ...envelope, ciphertext: chars.join('') });
}

describe('VaultWriter: every transition is one atomic write', () => {
  for (const transition of [...CASES, ...SLOT_CASES]) {
    it(`${transition.name}: stopped at any await, leaves exactly the old or the new state`, async () => {
      let stopAt = 1;
      for (; stopAt < 40; stopAt += 1) {
        const before = await transition.before();
        const disk = await diskWith(before.current, before.previous);
        const session = transition.unlockedWith
          ? await unlockedSession(before.current as string, transition.unlockedWith)
          : new MemoryStorageArea();
        const stopper = new Stopper(stopAt);
        await transition
          .run(new VaultStore(stopper.wrap(disk), stopper.wrap(session), transition.kdf), session)
          .catch(() => undefined);
        const [isOld, isNew] = [await transition.isOld(disk), await transition.isNew(disk)];
        expect([stopAt, isOld !== isNew]).toEqual([stopAt, true]);
        if (stopper.completed) {
          expect(isNew).toBe(true);
          break;
        }
      }
      // The run that was not stopped was reached: every storage call of the transition was stopped once.
      expect(stopAt).toBeLessThan(40);
    }, 120_000);
  }

  it('reports a passphrase change as done once it is stored, even when the storage call then fails', async () => {
    const disk = await diskWith((await texts()).weakAB, (await texts()).weakA);
    const flaky: StorageAreaLike = {
      get: (keys) => disk.get(keys),
      // The write reaches the disk, then the call reports an error (the page went away before the answer).
      set: async (items) => {
        await disk.set(items);
        throw new Error('message port closed');
      },
      remove: (keys) => disk.remove(keys),
    };
    const session = new MemoryStorageArea();
    await new VaultStore(flaky, session, FAST).changePassphrase(OLD, NEW);
    expect(issuers(await opensWith(current(disk), NEW))).toEqual(['Alpha', 'Bravo']);
    expect(previous(disk)).toBeNull();
  });

  it('reports a passphrase change as done when only the session could not be written, and locks', async () => {
    const disk = await diskWith((await texts()).weakAB);
    const session = new MemoryStorageArea();
    const brokenSession: StorageAreaLike = {
      get: (keys) => session.get(keys),
      set: async () => {
        throw new Error('session storage unavailable');
      },
      remove: (keys) => session.remove(keys),
    };
    const store = new VaultStore(disk, brokenSession, FAST);
    await store.changePassphrase(OLD, NEW);
    expect(await opensWith(current(disk), NEW)).toBeDefined();
    expect(await store.status()).toBe('locked');
  });
});

describe('VaultWriter: a transition of its own', () => {
  it('writes the vault and its extra keys in one set call, and reads them back for the next transition', async () => {
    const { weakAB } = await texts();
    const disk = await diskWith(weakAB);
    const sets: string[][] = [];
    const counting: StorageAreaLike = {
      get: (keys) => disk.get(keys),
      set: async (items) => (sets.push(Object.keys(items).sort()), disk.set(items)),
      remove: (keys) => disk.remove(keys),
    };
    const writer = new VaultWriter(counting, new MemoryStorageArea(), [], undefined, ['vault.slots']);
    const { unlocked } = await unlockVault(weakAB, OLD);
    // What a key-slot migration would do: the same vault, a new key-slot record, one write.
    await writer.run((state) => ({
      next: { current: state.current as string, previous: null, key: unlocked.key, extra: { 'vault.slots': [1] } },
      result: undefined,
    }));
    expect(sets).toEqual([[LOCAL_KEYS.vault, LOCAL_KEYS.previous, LOCAL_KEYS.currentNonce, 'vault.slots'].sort()]);
    expect(await writer.run((state) => ({ result: state.extra }))).toEqual({ 'vault.slots': [1] });
    // A next state that does not open with its key is never written.
    await expect(
      writer.run(() => ({ next: { current: weakAB, previous: null, key: new Uint8Array(32) }, result: undefined })),
    ).rejects.toSatisfy((error) => isVaultError(error, 'WRONG_PASSPHRASE'));
    expect(sets).toHaveLength(1);
  });
});

/** Shared storage with random delays on every call, as two extension pages see it. */
function jittery(disk: MemoryStorageArea): StorageAreaLike {
  const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 4));
  return {
    get: async (keys) => (await pause(), disk.get(keys)),
    set: async (items) => (await pause(), disk.set(items)),
    remove: async (keys) => (await pause(), disk.remove(keys)),
  };
}

async function sessionOpensStored(session: MemoryStorageArea, store: VaultStore) {
  const key = session.items.get(SESSION_KEYS.key);
  expect(key).toBeDefined();
  session.items.delete(SESSION_KEYS.accounts);
  const opened = await store.open();
  expect(opened.recoveredFromPrevious).toBe(false);
  return opened.accounts;
}

describe('VaultWriter: two pages at once', () => {
  const RUNS = 50;

  it(`two pages unlocking a vault due for a re-seal end with a key that opens the stored vault (${RUNS} runs)`, async () => {
    for (let run = 0; run < RUNS; run++) {
      const disk = await diskWith((await texts()).weakAB);
      const session = new MemoryStorageArea();
      const page = () => new VaultStore(jittery(disk), jittery(session), TARGET);
      const [first, second] = [page(), page()];
      await Promise.all([first.unlock(OLD), second.unlock(OLD)]);
      expect(kdfNeedsUpgrade(kdfOf(current(disk) as string), TARGET)).toBe(false);
      expect(previous(disk)).toBeNull();
      expect(issuers(await sessionOpensStored(session, first))).toEqual(['Alpha', 'Bravo']);
    }
  }, 300_000);

  it(`a save from one page during another page's unlock and re-seal is never lost (${RUNS} runs)`, async () => {
    for (let run = 0; run < RUNS; run++) {
      const disk = await diskWith((await texts()).weakA);
      // Already unlocked with the weaker key (a page that unlocked before the upgrade shipped).
      const session = await unlockedSession((await texts()).weakA, OLD);
      const popup = new VaultStore(jittery(disk), jittery(session), FAST);
      const options = new VaultStore(jittery(disk), jittery(session), TARGET);
      await Promise.all([
        options.unlock(OLD),
        popup.update((accounts) => [...accounts, B]),
        popup.update((accounts) => [...accounts, C]),
      ]);
      const stored = await opensWith(current(disk), OLD);
      expect(issuers(stored)?.sort()).toEqual(['Alpha', 'Bravo', 'Charlie']);
      expect(issuers(await sessionOpensStored(session, popup))?.sort()).toEqual(['Alpha', 'Bravo', 'Charlie']);
    }
  }, 300_000);

  it(`lock() wins over a save and an open in flight: nothing decrypted is in the session after it (${RUNS} runs)`, async () => {
    for (let run = 0; run < RUNS; run++) {
      const disk = await diskWith((await texts()).weakA);
      const session = await unlockedSession((await texts()).weakA, OLD);
      session.items.delete(SESSION_KEYS.accounts);
      const page = new VaultStore(jittery(disk), jittery(session), FAST);
      const other = new VaultStore(jittery(disk), jittery(session), FAST);
      const inFlight = [page.update((accounts) => [...accounts, B]).catch(() => undefined), page.load()];
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 6));
      await other.lock();
      expect([...session.items.keys()]).toEqual([]);
      await Promise.allSettled(inFlight);
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect([...session.items.keys()]).toEqual([]);
      expect(await other.status()).toBe('locked');
    }
  }, 300_000);
});

describe('VaultStore: a damaged current copy', () => {
  it('is reported as damage, not a wrong passphrase; nothing changes until the previous copy is restored', async () => {
    const { weakAB, weakA } = await texts();
    const disk = await diskWith(damage(weakAB), weakA);
    const session = new MemoryStorageArea();
    const store = new VaultStore(disk, session, FAST);
    const before = JSON.stringify([...disk.items]);
    await expect(store.unlock(OLD)).rejects.toSatisfy(
      (error) => error instanceof VaultStoreError && error.code === 'DAMAGED',
    );
    // A wrong passphrase is still a wrong passphrase.
    await expect(store.unlock('not the passphrase')).rejects.toSatisfy((error) =>
      isVaultError(error, 'WRONG_PASSPHRASE'),
    );
    expect(JSON.stringify([...disk.items])).toBe(before);
    expect(await store.status()).toBe('locked');
    const restored = await store.restorePrevious(OLD);
    expect(issuers(restored.accounts)).toEqual(['Alpha']);
    expect(current(disk)).toBe(weakA);
    expect(previous(disk)).toBeNull();
    expect(await store.status()).toBe('unlocked');
  });
});
