import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  addPasskeySlot,
  changePassphrase,
  compareBackup,
  createAccount,
  createKey,
  createVault,
  deriveKey,
  derivePasskeySlotKey,
  listSlots,
  MAX_PASSKEY_SLOTS,
  migrateVault,
  migrateVaultRecord,
  type NewPasskey,
  newPrfSalt,
  openVaultWithKey,
  openVaultWithPassphraseKey,
  parseEnvelope,
  removeSlot,
  resealVault,
  sealEnvelope,
  unlockVault,
  unlockVaultWithPasskey,
  VaultError,
} from '../src/index.ts';
import { FAST_ARGON, fixture } from './helpers.ts';

const PASS = 'correct horse battery staple';
// Several argon2id runs per test: room for a machine shared with other jobs.
vi.setConfig({ testTimeout: 30_000 });
const account = createAccount({ issuer: 'GitHub', account: 'octocat', secret: 'JBSWY3DPEHPK3PXP' });

async function expectCode(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((error: unknown) => error instanceof VaultError && error.code === code);
}

/** What an authenticator's PRF does (CTAP2 hmac-secret): a per-credential secret, HMAC'd with the salt. */
function fakeAuthenticator() {
  const secret = randomBytes(32);
  const credentialId = new Uint8Array(randomBytes(32));
  const prf = (salt: Uint8Array) => new Uint8Array(createHmac('sha256', secret).update(salt).digest());
  const register = (label = 'Security key'): NewPasskey & { prf: typeof prf } => {
    const prfSalt = newPrfSalt();
    return { credentialId, prfSalt, prfOutput: prf(prfSalt), label, createdAt: 1_700_000_000_000, prf };
  };
  return { register, prf };
}

async function vaultWithPasskey() {
  const created = await createVault(PASS, FAST_ARGON, { accounts: [account] });
  const authenticator = fakeAuthenticator();
  const passkey = authenticator.register();
  const { text, slot } = await addPasskeySlot(created.text, created.unlocked.key, passkey);
  const output = authenticator.prf(Buffer.from(slot.prfSalt, 'base64'));
  return { text, slot, output, vaultKey: created.unlocked.key, authenticator };
}

function editSlot(text: string, id: string, edit: (slot: Record<string, unknown>) => void): string {
  const record = JSON.parse(text);
  edit(record.slots.find((slot: { id: string }) => slot.id === id));
  return JSON.stringify(record);
}

describe('vault key slots', () => {
  it('creates format 2: a random vault key under a passphrase slot, accounts readable with either key path', async () => {
    const { text, unlocked } = await createVault(PASS, FAST_ARGON, { accounts: [account] });
    const record = JSON.parse(text);
    expect(Object.keys(record)).toEqual(['magic', 'version', 'cipher', 'slots', 'ciphertext']);
    expect(record.version).toBe(2);
    expect(record.slots).toHaveLength(1);
    expect(record.slots[0]).toMatchObject({ id: 'passphrase', type: 'passphrase', kdf: { algorithm: 'argon2id' } });
    // The vault key is random: not the passphrase key the KDF gives.
    expect(unlocked.key).toHaveLength(32);
    const opened = await unlockVault(text, PASS);
    expect(opened.version).toBe(2);
    expect(opened.unlocked.key).toEqual(unlocked.key);
    expect(opened.data.accounts).toEqual([account]);
    expect((await openVaultWithKey(text, unlocked.key)).accounts).toEqual([account]);
    await expectCode(unlockVault(text, 'not the passphrase'), 'WRONG_PASSPHRASE');
    expect(text).not.toContain('JBSWY3DPEHPK3PXP');
  });

  it('keeps the slots when content is sealed again, with a fresh nonce', async () => {
    const { text, unlocked } = await createVault(PASS, FAST_ARGON);
    const again = await resealVault(text, { accounts: [account] }, unlocked);
    expect(JSON.parse(again).slots).toEqual(JSON.parse(text).slots);
    expect(JSON.parse(again).cipher.nonce).not.toBe(JSON.parse(text).cipher.nonce);
    expect((await unlockVault(again, PASS)).data.accounts).toEqual([account]);
  });

  it('derives the passkey slot key with HKDF-SHA-256 (checked against node:crypto)', async () => {
    const output = new Uint8Array(randomBytes(32));
    const salt = new Uint8Array(randomBytes(32));
    const expected = hkdfSync('sha256', output, salt, 'MFA Companion vault key slot v1', 32);
    expect(await derivePasskeySlotKey(output, salt)).toEqual(new Uint8Array(expected));
    await expectCode(derivePasskeySlotKey(new Uint8Array(8), salt), 'WRONG_PASSKEY');
  });

  it('wraps the vault key for a passkey: its PRF output unlocks, another does not; only id and salts are stored', async () => {
    const { text, slot, output, vaultKey } = await vaultWithPasskey();
    const opened = await unlockVaultWithPasskey(text, slot.id, output);
    expect(opened.unlocked.key).toEqual(vaultKey);
    expect(opened.data.accounts).toEqual([account]);
    expect(opened.unlocked.kdf).toEqual(parseEnvelope('vault', text).kdf);
    await expectCode(
      unlockVaultWithPasskey(text, slot.id, fakeAuthenticator().prf(new Uint8Array(32))),
      'WRONG_PASSKEY',
    );
    await expectCode(unlockVaultWithPasskey(text, 'passkey-unknown', output), 'SLOT_NOT_FOUND');
    expect(text).not.toContain(Buffer.from(output).toString('base64'));
    expect(Object.keys(JSON.parse(text).slots[1]).sort()).toEqual(
      ['attachment', 'createdAt', 'credentialId', 'hkdfSalt', 'id', 'label', 'prfSalt', 'type', 'wrap'].sort(),
    );
    expect(listSlots(text)).toEqual({
      passkeys: [
        {
          id: slot.id,
          credentialId: slot.credentialId,
          prfSalt: slot.prfSalt,
          label: 'Security key',
          createdAt: 1_700_000_000_000,
          attachment: 'unknown',
        },
      ],
      damaged: [],
    });
    // The passphrase still opens everything.
    expect((await unlockVault(text, PASS)).data.accounts).toEqual([account]);
  });

  it('refuses to wrap a key that does not open the vault, and bounds the number of passkeys', async () => {
    const { text } = await createVault(PASS, FAST_ARGON);
    await expectCode(addPasskeySlot(text, new Uint8Array(32), fakeAuthenticator().register()), 'WRONG_PASSPHRASE');
    const { unlocked } = await unlockVault(text, PASS);
    let current = text;
    for (let index = 0; index < MAX_PASSKEY_SLOTS; index++) {
      current = (await addPasskeySlot(current, unlocked.key, fakeAuthenticator().register(`Key ${index}`))).text;
    }
    await expectCode(addPasskeySlot(current, unlocked.key, fakeAuthenticator().register()), 'INPUT_TOO_LARGE');
  });

  it('removes a passkey slot by id; the passphrase slot cannot be removed', async () => {
    const { text, slot, output } = await vaultWithPasskey();
    const removed = removeSlot(text, slot.id);
    expect(listSlots(removed).passkeys).toEqual([]);
    await expectCode(unlockVaultWithPasskey(removed, slot.id, output), 'SLOT_NOT_FOUND');
    expect((await unlockVault(removed, PASS)).data.accounts).toEqual([account]);
    expect(() => removeSlot(text, 'passphrase')).toThrow(
      expect.objectContaining({ code: 'PASSPHRASE_SLOT_REQUIRED' }) as unknown as Error,
    );
    expect(() => removeSlot(removed, slot.id)).toThrow(
      expect.objectContaining({ code: 'SLOT_NOT_FOUND' }) as unknown as Error,
    );
  });

  it('changes the passphrase by rewrapping one slot: accounts and passkey slots untouched', async () => {
    const { text, slot, output } = await vaultWithPasskey();
    const changed = await changePassphrase(text, PASS, 'another long passphrase', FAST_ARGON);
    const before = JSON.parse(text);
    const after = JSON.parse(changed.text);
    expect(after.ciphertext).toBe(before.ciphertext);
    expect(after.cipher).toEqual(before.cipher);
    expect(after.slots[1]).toEqual(before.slots[1]);
    expect(after.slots[0].kdf.salt).not.toBe(before.slots[0].kdf.salt);
    await expectCode(unlockVault(changed.text, PASS), 'WRONG_PASSPHRASE');
    expect((await unlockVault(changed.text, 'another long passphrase')).data.accounts).toEqual([account]);
    expect((await unlockVaultWithPasskey(changed.text, slot.id, output)).data.accounts).toEqual([account]);
    await expectCode(
      changePassphrase(text, 'not the passphrase', 'another long passphrase', FAST_ARGON),
      'WRONG_PASSPHRASE',
    );
  });
});

describe('migration from format 1', () => {
  it('turns a format-1 record into a slot record with the same accounts, reusing the passphrase key', async () => {
    const legacyKey = await createKey(PASS, FAST_ARGON);
    const legacy = await sealEnvelope('vault', { accounts: [account] }, legacyKey);
    const migrated = await migrateVault(legacy, PASS, FAST_ARGON);
    expect(migrated.kdfUpgraded).toBe(false);
    expect(JSON.parse(migrated.text).version).toBe(2);
    // Same salt and parameters: no second KDF run, the same passphrase opens it.
    expect(parseEnvelope('vault', migrated.text).kdf).toEqual(legacyKey.kdf);
    expect(migrated.data.accounts).toEqual([account]);
    expect((await unlockVault(migrated.text, PASS)).data.accounts).toEqual([account]);
    expect((await openVaultWithKey(migrated.text, migrated.unlocked.key)).accounts).toEqual([account]);
    // The pure step: old record + its key → new record; the old record is left as it was.
    const again = await migrateVaultRecord(legacy, legacyKey.key, legacyKey);
    expect(JSON.parse(again.text).slots).toHaveLength(1);
    expect((await unlockVault(legacy, PASS)).version).toBe(1);
    await expectCode(migrateVault(legacy, 'not the passphrase', FAST_ARGON), 'WRONG_PASSPHRASE');
  });

  it('migrates and raises the KDF of a vault from an earlier release in one step', async () => {
    const legacy = fixture('vault-argon2id-32m-t2.json');
    const before = await unlockVault(legacy, PASS);
    const migrated = await migrateVault(legacy, PASS);
    expect(migrated.kdfUpgraded).toBe(true);
    expect(parseEnvelope('vault', migrated.text).kdf).toMatchObject({
      memoryKiB: 65536,
      iterations: 3,
      parallelism: 4,
    });
    expect((await unlockVault(migrated.text, PASS)).data).toEqual(before.data);
  }, 20_000);
});

describe('opening with a key derived once from the passphrase', () => {
  it('opens both formats like unlockVault, and refuses another passphrase (WRONG_PASSPHRASE)', async () => {
    const slotVault = await createVault(PASS, FAST_ARGON, { accounts: [account] });
    const legacyKey = await createKey(PASS, FAST_ARGON);
    const legacy = await sealEnvelope('vault', { accounts: [account] }, legacyKey);
    for (const text of [slotVault.text, legacy]) {
      const { kdf } = parseEnvelope('vault', text);
      const derived = { key: await deriveKey(PASS, kdf, Buffer.from(kdf.salt, 'base64')), kdf };
      const opened = await openVaultWithPassphraseKey(text, derived);
      const reference = await unlockVault(text, PASS);
      expect(opened.data).toEqual(reference.data);
      expect(opened.version).toBe(reference.version);
      expect(opened.unlocked.key).toEqual(reference.unlocked.key);
      const wrong = { key: await deriveKey('another passphrase', kdf, Buffer.from(kdf.salt, 'base64')), kdf };
      await expectCode(openVaultWithPassphraseKey(text, wrong), 'WRONG_PASSPHRASE');
    }
  });
});

describe('tampered slots: typed errors, nothing lost', () => {
  it('an edited passkey slot no longer unwraps (WRONG_PASSKEY); the passphrase still opens', async () => {
    const { text, slot, output } = await vaultWithPasskey();
    for (const edit of [
      (s: Record<string, unknown>) => {
        s.attachment = 'platform';
      },
      (s: Record<string, unknown>) => {
        s.hkdfSalt = Buffer.alloc(32, 7).toString('base64');
      },
      (s: Record<string, unknown>) => {
        const wrap = s.wrap as { wrappedKey: string };
        const bytes = Buffer.from(wrap.wrappedKey, 'base64');
        bytes[3] = (bytes[3] as number) ^ 1;
        wrap.wrappedKey = bytes.toString('base64');
      },
    ]) {
      const tampered = editSlot(text, slot.id, edit);
      await expectCode(unlockVaultWithPasskey(tampered, slot.id, output), 'WRONG_PASSKEY');
      expect((await unlockVault(tampered, PASS)).data.accounts).toEqual([account]);
    }
    // Cosmetic fields are not bound: a renamed slot still works.
    const renamed = editSlot(text, slot.id, (s) => {
      s.label = 'Renamed';
    });
    expect((await unlockVaultWithPasskey(renamed, slot.id, output)).data.accounts).toEqual([account]);
  });

  it('a malformed passkey slot is reported as damaged and kept; the other slots work; it can be removed', async () => {
    const { text, slot } = await vaultWithPasskey();
    const damaged = editSlot(text, slot.id, (s) => {
      s.prfSalt = 'not base64!';
    });
    expect(listSlots(damaged)).toEqual({ passkeys: [], damaged: [{ id: slot.id, code: 'CORRUPT_VAULT' }] });
    await expectCode(unlockVaultWithPasskey(damaged, slot.id, new Uint8Array(32)), 'CORRUPT_VAULT');
    const opened = await unlockVault(damaged, PASS);
    expect(opened.data.accounts).toEqual([account]);
    // Writing new content keeps the damaged slot byte for byte (nothing dropped silently).
    const resealed = await resealVault(damaged, { accounts: [] }, opened.unlocked);
    expect(JSON.parse(resealed).slots).toEqual(JSON.parse(damaged).slots);
    expect(listSlots(removeSlot(resealed, slot.id))).toEqual({ passkeys: [], damaged: [] });
  });

  it('an edited passphrase slot: typed errors, and the passkey still opens', async () => {
    const { text, output, slot } = await vaultWithPasskey();
    const weaker = editSlot(text, 'passphrase', (s) => {
      (s.kdf as { memoryKiB: number }).memoryKiB = 1024;
    });
    await expectCode(unlockVault(weaker, PASS), 'KDF_PARAMS_OUT_OF_BOUNDS');
    const hostile = editSlot(text, 'passphrase', (s) => {
      (s.kdf as { memoryKiB: number }).memoryKiB = 4 * 1024 * 1024;
    });
    await expectCode(unlockVault(hostile, PASS), 'KDF_PARAMS_OUT_OF_BOUNDS');
    const otherSalt = editSlot(text, 'passphrase', (s) => {
      (s.kdf as { salt: string }).salt = Buffer.alloc(16, 1).toString('base64');
    });
    await expectCode(unlockVault(otherSalt, PASS), 'WRONG_PASSPHRASE');
    for (const tampered of [weaker, hostile, otherSalt]) {
      expect((await unlockVaultWithPasskey(tampered, slot.id, output)).data.accounts).toEqual([account]);
    }
    const missing = JSON.stringify({ ...JSON.parse(text), slots: JSON.parse(text).slots.slice(1) });
    await expectCode(unlockVault(missing, PASS), 'CORRUPT_VAULT');
  });

  it('edited accounts with a good slot are CORRUPT_VAULT (not a wrong passphrase), so the previous copy is tried', async () => {
    const { text } = await vaultWithPasskey();
    const record = JSON.parse(text);
    const bytes = Buffer.from(record.ciphertext, 'base64');
    bytes[0] = (bytes[0] as number) ^ 1;
    record.ciphertext = bytes.toString('base64');
    await expectCode(unlockVault(JSON.stringify(record), PASS), 'CORRUPT_VAULT');
  });

  it('refuses a slot list that is not a list, too long, or with two slots of one id', async () => {
    const { text } = await vaultWithPasskey();
    const record = JSON.parse(text);
    await expectCode(unlockVault(JSON.stringify({ ...record, slots: {} }), PASS), 'CORRUPT_VAULT');
    await expectCode(
      unlockVault(JSON.stringify({ ...record, slots: Array.from({ length: 50 }, () => record.slots[1]) }), PASS),
      'INPUT_TOO_LARGE',
    );
    await expectCode(
      unlockVault(JSON.stringify({ ...record, slots: [...record.slots, record.slots[1]] }), PASS),
      'CORRUPT_VAULT',
    );
    // A slot type from a newer release is kept and reported, and does not stop the passphrase.
    const newer = JSON.stringify({ ...record, slots: [...record.slots, { id: 'x', type: 'hardware-token' }] });
    expect(listSlots(newer).damaged).toEqual([{ id: 'x', code: 'UNSUPPORTED_VERSION' }]);
    expect((await unlockVault(newer, PASS)).data.accounts).toEqual([account]);
  });
});

describe('checking a backup against the vault', () => {
  const other = createAccount({ issuer: 'GitLab', account: 'me', secret: 'GEZDGNBVGY3TQOJQ' });
  const third = createAccount({ issuer: 'AWS', account: 'root', secret: 'MFRGGZDFMZTWQ2LK' });

  it('reports missing, differing and backup-only accounts; the same secret under another id matches', () => {
    const renamedElsewhere = { ...other, id: 'another-id', issuer: 'GitLab (old name)' };
    const rekeyed = { ...account, secret: 'KRUGKIDROVUWG2ZA' };
    const deleted = createAccount({ issuer: 'Old', account: 'gone', secret: 'ONSWG4TFOQ======' });
    const result = compareBackup([account, other, third], [rekeyed, renamedElsewhere, deleted]);
    expect(result.matched).toBe(1);
    expect(result.missing).toEqual([third]);
    expect(result.differing).toEqual([account]);
    expect(result.onlyInBackup).toEqual([deleted]);
    expect(compareBackup([account, other], [other, account])).toEqual({
      matched: 2,
      missing: [],
      differing: [],
      onlyInBackup: [],
    });
  });
});
