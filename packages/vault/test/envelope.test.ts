import { describe, expect, it } from 'vitest';
import {
  changePassphrase,
  createKey,
  createVault,
  DEFAULT_KDF,
  type KdfCost,
  kdfMemoryBytes,
  openVaultWithKey,
  parseEnvelope,
  sealEnvelope,
  sealVault,
  unlockVault,
  type VaultData,
  VaultError,
} from '../src/index.ts';
import { DEEP, FAST_ARGON, FAST_SCRYPT, withDeepJson } from './helpers.ts';

const PASS = 'correct horse battery staple';

/** A format-1 vault (accounts straight under the passphrase key): what releases before key slots wrote. */
async function createLegacyVault(passphrase: string, cost?: KdfCost, data: VaultData = { accounts: [] }) {
  const unlocked = await createKey(passphrase, cost);
  return { text: await sealEnvelope('vault', data, unlocked), unlocked };
}

async function expectCode(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((error: unknown) => error instanceof VaultError && error.code === code);
}

function expectSyncCode(run: () => unknown, code: string) {
  expect(run).toThrow(expect.objectContaining({ name: 'VaultError', code }) as unknown as Error);
}

describe('vault envelope', () => {
  it('round-trips with argon2id and scrypt, storing the parameters in the header', async () => {
    for (const cost of [FAST_ARGON, FAST_SCRYPT]) {
      const { text, unlocked } = await createLegacyVault(PASS, cost);
      const header = JSON.parse(text);
      expect(header.magic).toBe('MFA-COMPANION-VAULT');
      expect(header.version).toBe(1);
      expect(header.kdf.algorithm).toBe(cost.algorithm);
      expect(header.cipher.algorithm).toBe('AES-256-GCM');
      const { data } = await unlockVault(text, PASS);
      expect(data.accounts).toEqual([]);
      expect(await openVaultWithKey(text, unlocked.key)).toEqual({ accounts: [] });
    }
  });

  it('never stores the passphrase or plaintext', async () => {
    const { text } = await createLegacyVault(PASS, FAST_ARGON);
    expect(text).not.toContain('correct');
    expect(text).not.toContain('accounts');
  });

  it('uses a fresh nonce for every write', async () => {
    const { text, unlocked } = await createLegacyVault(PASS, FAST_ARGON);
    const again = await sealVault({ accounts: [] }, unlocked);
    expect(JSON.parse(again).cipher.nonce).not.toBe(JSON.parse(text).cipher.nonce);
  });

  it('rejects a wrong passphrase with WRONG_PASSPHRASE', async () => {
    const { text } = await createLegacyVault(PASS, FAST_ARGON);
    await expectCode(unlockVault(text, 'wrong passphrase!'), 'WRONG_PASSPHRASE');
  });

  it('binds the header: a changed KDF parameter or nonce fails authentication', async () => {
    const { text, unlocked } = await createLegacyVault(PASS, FAST_SCRYPT);
    const tampered = JSON.parse(text);
    tampered.kdf.p = 2;
    await expectCode(unlockVault(JSON.stringify(tampered), PASS), 'WRONG_PASSPHRASE');
    const flipped = JSON.parse(text);
    const bytes = Buffer.from(flipped.ciphertext, 'base64');
    bytes[0] = (bytes[0] as number) ^ 1;
    flipped.ciphertext = bytes.toString('base64');
    await expectCode(openVaultWithKey(JSON.stringify(flipped), unlocked.key), 'WRONG_PASSPHRASE');
  });

  it('reports truncated and corrupt data as CORRUPT_VAULT', async () => {
    const { text } = await createLegacyVault(PASS, FAST_ARGON);
    for (const length of [0, 1, 20, text.length / 2, text.length - 3]) {
      expectSyncCode(() => parseEnvelope('vault', text.slice(0, length)), 'CORRUPT_VAULT');
    }
    expectSyncCode(() => parseEnvelope('vault', '[]'), 'CORRUPT_VAULT');
    expectSyncCode(
      () => parseEnvelope('vault', JSON.stringify({ ...JSON.parse(text), ciphertext: '@@@' })),
      'CORRUPT_VAULT',
    );
    expectSyncCode(() => parseEnvelope('backup', text), 'CORRUPT_VAULT');
  });

  it('refuses newer versions and unknown algorithms as UNSUPPORTED_VERSION', async () => {
    const { text } = await createLegacyVault(PASS, FAST_ARGON);
    expectSyncCode(
      () => parseEnvelope('vault', JSON.stringify({ ...JSON.parse(text), version: 3 })),
      'UNSUPPORTED_VERSION',
    );
    const unknownKdf = JSON.parse(text);
    unknownKdf.kdf.algorithm = 'bcrypt';
    expectSyncCode(() => parseEnvelope('vault', JSON.stringify(unknownKdf)), 'UNSUPPORTED_VERSION');
  });

  it('refuses hostile KDF parameters before allocating anything', async () => {
    const { text } = await createLegacyVault(PASS, FAST_ARGON);
    const hostile = JSON.parse(text);
    hostile.kdf.memoryKiB = 4 * 1024 * 1024; // 4 GiB
    expectSyncCode(() => parseEnvelope('vault', JSON.stringify(hostile)), 'KDF_PARAMS_OUT_OF_BOUNDS');
    hostile.kdf.memoryKiB = 64;
    hostile.kdf.iterations = 1e9;
    expectSyncCode(() => parseEnvelope('vault', JSON.stringify(hostile)), 'KDF_PARAMS_OUT_OF_BOUNDS');
    const { text: scryptText } = await createLegacyVault(PASS, FAST_SCRYPT);
    const scrypt = JSON.parse(scryptText);
    scrypt.kdf.N = 2 ** 22;
    expectSyncCode(() => parseEnvelope('vault', JSON.stringify(scrypt)), 'KDF_PARAMS_OUT_OF_BOUNDS');
    scrypt.kdf.N = 1000;
    expectSyncCode(() => parseEnvelope('vault', JSON.stringify(scrypt)), 'KDF_PARAMS_OUT_OF_BOUNDS');
  });

  it('asks for a passphrase instead of throwing a TypeError when it is missing or not text', async () => {
    const { text } = await createLegacyVault(PASS, FAST_ARGON);
    for (const passphrase of [undefined, null, 12345678, '']) {
      await expectCode(unlockVault(text, passphrase as unknown as string), 'PASSPHRASE_REQUIRED');
    }
  });

  it('refuses a key of the wrong size as a key that does not open the vault', async () => {
    const { text } = await createLegacyVault(PASS, FAST_ARGON);
    for (const key of [new Uint8Array(5), new Uint8Array(0), 'key' as unknown as Uint8Array]) {
      await expectCode(openVaultWithKey(text, key), 'WRONG_PASSPHRASE');
    }
  });

  it('reports deeply nested header values with typed errors, never a RangeError', async () => {
    const { text } = await createLegacyVault(PASS, FAST_ARGON);
    const badVersion = { ...JSON.parse(text), version: JSON.parse(DEEP) };
    expectSyncCode(() => parseEnvelope('vault', withDeepJson(badVersion, '1')), 'CORRUPT_VAULT');
    const badKdf = JSON.parse(text);
    badKdf.kdf.algorithm = JSON.parse(DEEP);
    expectSyncCode(() => parseEnvelope('vault', withDeepJson(badKdf)), 'UNSUPPORTED_VERSION');
  });

  it('refuses oversized input without parsing it', () => {
    expectSyncCode(() => parseEnvelope('vault', ' '.repeat(33 * 1024 * 1024)), 'INPUT_TOO_LARGE');
  });

  it('enforces a minimum passphrase length', async () => {
    await expectCode(createVault('short', FAST_ARGON), 'PASSPHRASE_TOO_SHORT');
  });

  it('changes the passphrase: new salt, old one refused, data kept', async () => {
    const { text, unlocked } = await createLegacyVault(PASS, FAST_ARGON);
    const withData = await sealVault({ accounts: [] }, unlocked);
    await expectCode(
      changePassphrase(withData, 'not the passphrase', 'another long passphrase', FAST_ARGON),
      'WRONG_PASSPHRASE',
    );
    const changed = await changePassphrase(withData, PASS, 'another long passphrase', FAST_ARGON);
    // A format-1 vault is migrated in the same step: slot vault, passphrase slot under a new salt.
    expect(JSON.parse(changed.text).version).toBe(2);
    expect(parseEnvelope('vault', changed.text).kdf.salt).not.toBe(JSON.parse(text).kdf.salt);
    await expectCode(unlockVault(changed.text, PASS), 'WRONG_PASSPHRASE');
    expect((await unlockVault(changed.text, 'another long passphrase')).data).toEqual({ accounts: [] });
  });

  it('default parameters are Bitwarden’s argon2id default, within the bounds', () => {
    expect(DEFAULT_KDF).toEqual({ algorithm: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4 });
    expect(kdfMemoryBytes(DEFAULT_KDF)).toBe(64 * 1024 * 1024);
  });

  it('derives with the default parameters (the real unlock path)', async () => {
    const started = performance.now();
    const { text } = await createVault(PASS);
    expect(parseEnvelope('vault', text).kdf).toMatchObject({
      algorithm: 'argon2id',
      memoryKiB: 65536,
      iterations: 3,
      parallelism: 4,
    });
    expect(performance.now() - started).toBeGreaterThan(0);
  }, 20_000);
});
