import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  type Argon2idCost,
  bytesToBase64,
  createVault,
  DEFAULT_KDF,
  deriveArgon2id,
  deriveKey,
  exportEncryptedBackup,
  KDF_REFERENCES,
  type KdfCost,
  kdfNeedsUpgrade,
  OWN_KDF_FLOOR,
  PREVIOUS_DEFAULT_KDF,
  parseEnvelope,
  parseImport,
  readEncryptedBackup,
  sealEnvelope,
  unlockVault,
  VaultError,
} from '../src/index.ts';
import { FAST_ARGON, FAST_SCRYPT, fixture } from './helpers.ts';

// Counts calls into both KDF implementations, so "refused before any work" is checked, not timed.
const calls = vi.hoisted(() => ({ hashWasm: 0, nobleScrypt: 0 }));
vi.mock('hash-wasm', async (importOriginal) => {
  const actual = await importOriginal<typeof import('hash-wasm')>();
  return {
    ...actual,
    argon2id: (options: Parameters<typeof actual.argon2id>[0]) => {
      calls.hashWasm += 1;
      return actual.argon2id(options);
    },
  };
});
vi.mock('@noble/hashes/scrypt.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@noble/hashes/scrypt.js')>();
  return {
    ...actual,
    scryptAsync: (...args: Parameters<typeof actual.scryptAsync>) => {
      calls.nobleScrypt += 1;
      return actual.scryptAsync(...args);
    },
  };
});

const PASS = 'correct horse battery staple';
const salt = new Uint8Array(16).map((_, index) => index * 7 + 1);

beforeEach(() => {
  calls.hashWasm = 0;
  calls.nobleScrypt = 0;
});

async function expectCode(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((error: unknown) => error instanceof VaultError && error.code === code);
}

/** A vault or backup sealed with any parameters, bypassing createKey's floor, as a tampered file would be. */
async function sealedWith(kind: 'vault' | 'backup', cost: KdfCost): Promise<string> {
  const kdf = { ...cost, salt: bytesToBase64(salt) } as Parameters<typeof sealEnvelope>[2]['kdf'];
  const key = await deriveKey(PASS, cost, salt);
  const payload = kind === 'vault' ? { accounts: [] } : { exportedAt: 0, accounts: [] };
  return sealEnvelope(kind, payload, { key, kdf });
}

const WEAK: Array<[string, KdfCost]> = [
  ['argon2id m=8 KiB t=1', { algorithm: 'argon2id', memoryKiB: 8, iterations: 1, parallelism: 1 }],
  ['argon2id m=19 MiB t=1', { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 1, parallelism: 1 }],
  ['argon2id m=19 MiB−1 KiB t=2', { algorithm: 'argon2id', memoryKiB: 19 * 1024 - 1, iterations: 2, parallelism: 1 }],
  ['scrypt N=2', { algorithm: 'scrypt', N: 2, r: 8, p: 1 }],
  ['scrypt N=2^14', { algorithm: 'scrypt', N: 2 ** 14, r: 8, p: 1 }],
  ['scrypt N=2^15 r=1', { algorithm: 'scrypt', N: 2 ** 15, r: 1, p: 1 }],
];

describe('KDF floor for our own files', () => {
  it.each(WEAK)('refuses to create a vault or a backup with %s, before deriving anything', async (_, cost) => {
    await expectCode(createVault(PASS, cost), 'KDF_PARAMS_OUT_OF_BOUNDS');
    await expectCode(exportEncryptedBackup([], PASS, { cost }), 'KDF_PARAMS_OUT_OF_BOUNDS');
    expect(calls).toEqual({ hashWasm: 0, nobleScrypt: 0 });
  });

  it.each(WEAK)('refuses to open a vault or a backup sealed with %s, before deriving anything', async (_, cost) => {
    const vault = await sealedWith('vault', cost);
    const backup = await sealedWith('backup', cost);
    calls.hashWasm = 0;
    calls.nobleScrypt = 0;
    expect(() => parseEnvelope('vault', vault)).toThrow(
      expect.objectContaining({ code: 'KDF_PARAMS_OUT_OF_BOUNDS' }) as unknown as Error,
    );
    await expectCode(unlockVault(vault, PASS), 'KDF_PARAMS_OUT_OF_BOUNDS');
    await expectCode(readEncryptedBackup(backup, PASS), 'KDF_PARAMS_OUT_OF_BOUNDS');
    await expectCode(parseImport(backup, { passphrase: PASS }), 'KDF_PARAMS_OUT_OF_BOUNDS');
    expect(calls).toEqual({ hashWasm: 0, nobleScrypt: 0 });
  });

  it('accepts exactly the floor: OWASP argon2id m=19 MiB t=2, scrypt N=2^15 r=8', async () => {
    expect(OWN_KDF_FLOOR).toEqual({ argon2idMemoryKiB: 19456, argon2idIterations: 2, scryptN: 32768, scryptR: 8 });
    for (const cost of [FAST_ARGON, FAST_SCRYPT]) {
      const vault = await sealedWith('vault', cost);
      expect((await unlockVault(vault, PASS)).data).toEqual({ accounts: [] });
      const backup = await exportEncryptedBackup([], PASS, { cost });
      expect((await readEncryptedBackup(backup, PASS)).accounts).toEqual([]);
    }
  });

  it('keeps foreign parameters: an Aegis export with scrypt N=2^10 still opens', async () => {
    const password = 'aegis password';
    const masterKey = randomBytes(32);
    const slotSalt = randomBytes(32);
    const slotNonce = randomBytes(12);
    const derived = scryptSync(password, slotSalt, 32, { N: 1024, r: 8, p: 1 });
    const slotCipher = createCipheriv('aes-256-gcm', derived, slotNonce);
    const wrapped = Buffer.concat([slotCipher.update(masterKey), slotCipher.final()]);
    const dbNonce = randomBytes(12);
    const dbCipher = createCipheriv('aes-256-gcm', masterKey, dbNonce);
    const db = { version: 3, entries: [], groups: [] };
    const dbText = Buffer.concat([dbCipher.update(JSON.stringify(db), 'utf8'), dbCipher.final()]);
    const file = {
      version: 1,
      header: {
        slots: [
          {
            type: 1,
            key: wrapped.toString('hex'),
            key_params: { nonce: slotNonce.toString('hex'), tag: slotCipher.getAuthTag().toString('hex') },
            n: 1024,
            r: 8,
            p: 1,
            salt: slotSalt.toString('hex'),
            repaired: true,
          },
        ],
        params: { nonce: dbNonce.toString('hex'), tag: dbCipher.getAuthTag().toString('hex') },
      },
      db: dbText.toString('base64'),
    };
    const parsed = await parseImport(JSON.stringify(file), { passphrase: password });
    expect(parsed).toEqual({ format: 'aegis-encrypted', entries: [] });
  });

  it('still caps foreign parameters: argon2id beyond the bounds is refused before any work', async () => {
    const cost = (memoryKiB: number, iterations: number, parallelism: number): Argon2idCost => ({
      memoryKiB,
      iterations,
      parallelism,
    });
    await expectCode(deriveArgon2id(PASS, salt, cost(512 * 1024, 1, 1)), 'KDF_PARAMS_OUT_OF_BOUNDS');
    await expectCode(deriveArgon2id(PASS, salt, cost(1024, 17, 1)), 'KDF_PARAMS_OUT_OF_BOUNDS');
    await expectCode(deriveArgon2id(PASS, salt, cost(1024, 1, 5)), 'KDF_PARAMS_OUT_OF_BOUNDS');
    await expectCode(deriveArgon2id(PASS, salt, cost(16, 1, 4)), 'KDF_PARAMS_OUT_OF_BOUNDS');
    await expectCode(deriveArgon2id(PASS, new Uint8Array(4), cost(64, 1, 1)), 'KDF_PARAMS_OUT_OF_BOUNDS');
    await expectCode(deriveArgon2id(PASS, salt, cost(64.5, 1, 1)), 'CORRUPT_VAULT');
    await expectCode(deriveArgon2id(PASS, salt, cost(64, 1, 1), 2), 'CORRUPT_VAULT');
    await expectCode(deriveArgon2id('', salt, cost(64, 1, 1)), 'PASSPHRASE_REQUIRED');
    expect(calls.hashWasm).toBe(0);
  });
});

describe('argon2id: hash-wasm gives the same key as @noble/hashes', () => {
  const cases: Array<[Argon2idCost, number]> = [
    [{ memoryKiB: 8, iterations: 1, parallelism: 1 }, 32],
    [{ memoryKiB: 64, iterations: 2, parallelism: 2 }, 16],
    [{ memoryKiB: 1000, iterations: 3, parallelism: 4 }, 64],
    [{ memoryKiB: 4097, iterations: 1, parallelism: 3 }, 32],
    [{ memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 }, 32],
  ];
  const passwords: Array<string | Uint8Array> = [PASS, 'pässwörd ünïcode 🔑', new Uint8Array([0, 255, 1, 254])];

  it.each(cases)('m=%o, %i-byte key, for text and byte passwords', async (cost, keyLength) => {
    for (const password of passwords) {
      const reference = await argon2idAsync(password, salt, {
        m: cost.memoryKiB,
        t: cost.iterations,
        p: cost.parallelism,
        dkLen: keyLength,
      });
      expect(await deriveArgon2id(password, salt, cost, keyLength)).toEqual(reference);
    }
  });

  it('for salts of 8 and 64 bytes', async () => {
    for (const saltLength of [8, 64]) {
      const longSalt = new Uint8Array(saltLength).fill(saltLength);
      const cost = { memoryKiB: 256, iterations: 2, parallelism: 1 };
      const reference = await argon2idAsync(PASS, longSalt, { m: 256, t: 2, p: 1, dkLen: 32 });
      expect(await deriveArgon2id(PASS, longSalt, cost)).toEqual(reference);
    }
  });

  it('for the previous and the new default (deriveKey, the unlock path)', async () => {
    for (const cost of [PREVIOUS_DEFAULT_KDF, DEFAULT_KDF]) {
      if (cost.algorithm !== 'argon2id') throw new Error('argon2id expected');
      const reference = await argon2idAsync(PASS.normalize('NFC'), salt, {
        m: cost.memoryKiB,
        t: cost.iterations,
        p: cost.parallelism,
        dkLen: 32,
      });
      expect(await deriveKey(PASS, cost, salt)).toEqual(reference);
    }
    expect(calls.hashWasm).toBe(2);
  }, 60_000);
});

describe('vaults written by earlier releases', () => {
  it('a vault and a backup sealed by the @noble/hashes release (m=32 MiB, t=2) open unchanged', async () => {
    const vault = fixture('vault-argon2id-32m-t2.json');
    expect(parseEnvelope('vault', vault).kdf).toMatchObject({ memoryKiB: 32768, iterations: 2, parallelism: 1 });
    const { data, unlocked } = await unlockVault(vault, PASS);
    expect(data.accounts.map((account) => [account.issuer, account.secret])).toEqual([
      ['GitHub', 'JBSWY3DPEHPK3PXP'],
      ['NMC3 rack A', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'],
    ]);
    expect(kdfNeedsUpgrade(unlocked.kdf)).toBe(true);
    const backup = await readEncryptedBackup(fixture('backup-argon2id-32m-t2.json'), PASS);
    expect(backup.accounts).toHaveLength(2);
  });

  it('kdfNeedsUpgrade: weaker or other-algorithm settings are upgraded, stronger ones never lowered', () => {
    const argon = (memoryKiB: number, iterations: number, parallelism = 1): KdfCost => ({
      algorithm: 'argon2id',
      memoryKiB,
      iterations,
      parallelism,
    });
    expect(kdfNeedsUpgrade(PREVIOUS_DEFAULT_KDF)).toBe(true);
    expect(kdfNeedsUpgrade(FAST_SCRYPT)).toBe(true);
    expect(kdfNeedsUpgrade(argon(64 * 1024, 2, 4))).toBe(true);
    expect(kdfNeedsUpgrade(argon(32 * 1024, 3, 4))).toBe(true);
    expect(kdfNeedsUpgrade(DEFAULT_KDF)).toBe(false);
    expect(kdfNeedsUpgrade(argon(64 * 1024, 3, 1))).toBe(false);
    expect(kdfNeedsUpgrade(argon(128 * 1024, 4))).toBe(false);
    expect(kdfNeedsUpgrade(FAST_SCRYPT, { algorithm: 'scrypt', N: 2 ** 16, r: 8, p: 1 })).toBe(true);
    expect(kdfNeedsUpgrade(FAST_SCRYPT, FAST_SCRYPT)).toBe(false);
  });

  it('the default is at least Bitwarden’s and above OWASP’s minimum', () => {
    if (DEFAULT_KDF.algorithm !== 'argon2id') throw new Error('argon2id expected');
    expect(DEFAULT_KDF.memoryKiB).toBeGreaterThanOrEqual(KDF_REFERENCES.bitwarden.memoryKiB);
    expect(DEFAULT_KDF.iterations).toBeGreaterThanOrEqual(KDF_REFERENCES.bitwarden.iterations);
    expect(DEFAULT_KDF.memoryKiB).toBeGreaterThan(KDF_REFERENCES.owaspMinimum.memoryKiB);
  });
});
