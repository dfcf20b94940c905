import { describeValue, VaultError } from './errors.js';
import { platform } from './platform.js';

export interface Argon2idParams {
  algorithm: 'argon2id';
  /** Memory cost in KiB. */
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  /** base64 */
  salt: string;
}

export interface ScryptParams {
  algorithm: 'scrypt';
  N: number;
  r: number;
  p: number;
  /** base64 */
  salt: string;
}

export type KdfParams = Argon2idParams | ScryptParams;
export type KdfCost = Omit<Argon2idParams, 'salt'> | Omit<ScryptParams, 'salt'>;

/**
 * Unlocking takes ~300 ms on a 2-core CI machine (argon2id m=32 MiB t=2 measured ≈ 300 ms in Node 24),
 * inside the 250–500 ms budget, and above OWASP's argon2id minimum (m=19 MiB, t=2).
 */
export const DEFAULT_KDF: KdfCost = Object.freeze({
  algorithm: 'argon2id',
  memoryKiB: 32 * 1024,
  iterations: 2,
  parallelism: 1,
});

/**
 * Upper bounds for parameters read from a file. A hostile file must not make us allocate gigabytes or
 * spin for minutes; legitimate vaults (ours, Aegis defaults N=2^15) sit far below.
 */
export const KDF_BOUNDS = Object.freeze({
  maxMemoryBytes: 256 * 1024 * 1024,
  maxArgon2Iterations: 16,
  maxParallelism: 4,
  maxScryptR: 32,
  minSaltBytes: 8,
  maxSaltBytes: 64,
});

const KEY_LENGTH = 32;

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

function outOfBounds(message: string): VaultError {
  return new VaultError('KDF_PARAMS_OUT_OF_BOUNDS', message);
}

/** Memory a derivation will allocate, in bytes. */
export function kdfMemoryBytes(params: KdfCost): number {
  return params.algorithm === 'argon2id' ? params.memoryKiB * 1024 : 128 * params.N * params.r * params.p;
}

/** Validates parameters read from untrusted data; returns them narrowed to a known shape. */
export function validateKdfParams(value: unknown, saltBytes: (salt: string) => Uint8Array): KdfParams {
  if (typeof value !== 'object' || value === null) throw new VaultError('CORRUPT_VAULT', 'Missing KDF parameters.');
  const params = value as Record<string, unknown>;
  const salt = params.salt;
  if (typeof salt !== 'string') throw new VaultError('CORRUPT_VAULT', 'Missing KDF salt.');
  const saltLength = saltBytes(salt).length;
  if (saltLength < KDF_BOUNDS.minSaltBytes || saltLength > KDF_BOUNDS.maxSaltBytes) {
    throw outOfBounds(
      `KDF salt of ${saltLength} bytes is outside ${KDF_BOUNDS.minSaltBytes}–${KDF_BOUNDS.maxSaltBytes}.`,
    );
  }
  let result: KdfParams;
  if (params.algorithm === 'argon2id') {
    const { memoryKiB, iterations, parallelism } = params;
    if (!isPositiveInteger(memoryKiB) || !isPositiveInteger(iterations) || !isPositiveInteger(parallelism)) {
      throw new VaultError('CORRUPT_VAULT', 'Argon2id parameters must be positive integers.');
    }
    if (iterations > KDF_BOUNDS.maxArgon2Iterations) throw outOfBounds(`Argon2id iterations ${iterations} too high.`);
    if (parallelism > KDF_BOUNDS.maxParallelism) throw outOfBounds(`Argon2id parallelism ${parallelism} too high.`);
    if (memoryKiB < 8 * parallelism) throw outOfBounds('Argon2id memory must be at least 8 KiB per lane.');
    result = { algorithm: 'argon2id', memoryKiB, iterations, parallelism, salt };
  } else if (params.algorithm === 'scrypt') {
    const { N, r, p } = params;
    if (!isPositiveInteger(N) || !isPositiveInteger(r) || !isPositiveInteger(p)) {
      throw new VaultError('CORRUPT_VAULT', 'scrypt parameters must be positive integers.');
    }
    if (N < 2 || (N & (N - 1)) !== 0) throw outOfBounds('scrypt N must be a power of two.');
    if (r > KDF_BOUNDS.maxScryptR) throw outOfBounds(`scrypt r ${r} too high.`);
    if (p > KDF_BOUNDS.maxParallelism) throw outOfBounds(`scrypt p ${p} too high.`);
    result = { algorithm: 'scrypt', N, r, p, salt };
  } else {
    throw new VaultError('UNSUPPORTED_VERSION', `Unknown key-derivation algorithm ${describeValue(params.algorithm)}.`);
  }
  const memory = kdfMemoryBytes(result);
  if (memory > KDF_BOUNDS.maxMemoryBytes) {
    throw outOfBounds(`Key derivation would need ${Math.round(memory / 2 ** 20)} MiB, more than the 256 MiB allowed.`);
  }
  return result;
}

/** Argon2id cost without the salt: what `deriveArgon2id` needs. */
export type Argon2idCost = Pick<Argon2idParams, 'memoryKiB' | 'iterations' | 'parallelism'>;

/**
 * Argon2id (RFC 9106, version 0x13) for foreign formats that use it (Authenticator extension, Proton
 * Authenticator). Parameters are checked against KDF_BOUNDS first, whatever the file asks for. A string
 * password is UTF-8 encoded as given: those apps do not normalise it.
 */
export async function deriveArgon2id(
  password: string | Uint8Array,
  salt: Uint8Array,
  cost: Argon2idCost,
  keyLength = KEY_LENGTH,
): Promise<Uint8Array> {
  const { memoryKiB, iterations, parallelism } = cost;
  if (!isPositiveInteger(memoryKiB) || !isPositiveInteger(iterations) || !isPositiveInteger(parallelism)) {
    throw new VaultError('CORRUPT_VAULT', 'Argon2id parameters must be positive integers.');
  }
  if (!Number.isSafeInteger(keyLength) || keyLength < 4 || keyLength > 1024) {
    throw new VaultError('CORRUPT_VAULT', `Argon2id output length ${keyLength} is outside 4–1024 bytes.`);
  }
  if (iterations > KDF_BOUNDS.maxArgon2Iterations) throw outOfBounds(`Argon2id iterations ${iterations} too high.`);
  if (parallelism > KDF_BOUNDS.maxParallelism) throw outOfBounds(`Argon2id parallelism ${parallelism} too high.`);
  if (memoryKiB < 8 * parallelism) throw outOfBounds('Argon2id memory must be at least 8 KiB per lane.');
  if (memoryKiB * 1024 > KDF_BOUNDS.maxMemoryBytes) {
    throw outOfBounds('Key derivation parameters exceed the memory bound.');
  }
  if (!(salt instanceof Uint8Array) || salt.length < KDF_BOUNDS.minSaltBytes || salt.length > KDF_BOUNDS.maxSaltBytes) {
    throw outOfBounds(`An argon2id salt must be ${KDF_BOUNDS.minSaltBytes}–${KDF_BOUNDS.maxSaltBytes} bytes.`);
  }
  if (password.length === 0) throw new VaultError('PASSPHRASE_REQUIRED', 'Enter the passphrase to open this file.');
  const { argon2idAsync } = await import('@noble/hashes/argon2.js');
  return argon2idAsync(password, salt, {
    m: memoryKiB,
    t: iterations,
    p: parallelism,
    dkLen: keyLength,
    maxmem: KDF_BOUNDS.maxMemoryBytes + 1024 * 1024,
  });
}

/** Most PBKDF2 iterations a foreign file may ask for (andOTP writes 140 000–160 000; 2FAS 10 000). */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;

/** PBKDF2 through WebCrypto (2FAS: HMAC-SHA256, andOTP: HMAC-SHA1), bounded like the other KDFs. */
export async function derivePbkdf2(
  password: Uint8Array,
  salt: Uint8Array,
  iterations: number,
  hash: 'SHA-1' | 'SHA-256' | 'SHA-512',
  keyLength = KEY_LENGTH,
): Promise<Uint8Array> {
  if (!isPositiveInteger(iterations)) throw new VaultError('CORRUPT_VAULT', 'PBKDF2 iterations must be positive.');
  if (iterations > MAX_PBKDF2_ITERATIONS) throw outOfBounds(`PBKDF2 iterations ${iterations} too high.`);
  const subtle = platform.crypto.subtle;
  if (!subtle) throw new Error('WebCrypto (crypto.subtle) is not available in this context.');
  const key = await subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash, salt, iterations }, key, keyLength * 8));
}

/**
 * Derives the 32-byte AES key. Async so a page stays responsive (spinners keep turning) while it runs.
 * Callers validate untrusted params first; this re-checks the memory bound as a last line of defence.
 */
export async function deriveKey(passphrase: string, params: KdfCost, salt: Uint8Array): Promise<Uint8Array> {
  const memory = kdfMemoryBytes(params);
  if (memory > KDF_BOUNDS.maxMemoryBytes) throw outOfBounds('Key derivation parameters exceed the memory bound.');
  const password = passphrase.normalize('NFC');
  // Loaded on first use: a page that only opens an already unlocked vault never parses the KDF code.
  if (params.algorithm === 'argon2id') {
    const { argon2idAsync } = await import('@noble/hashes/argon2.js');
    return argon2idAsync(password, salt, {
      m: params.memoryKiB,
      t: params.iterations,
      p: params.parallelism,
      dkLen: KEY_LENGTH,
      maxmem: KDF_BOUNDS.maxMemoryBytes + 1024 * 1024,
    });
  }
  const { scryptAsync } = await import('@noble/hashes/scrypt.js');
  return scryptAsync(password, salt, {
    N: params.N,
    r: params.r,
    p: params.p,
    dkLen: KEY_LENGTH,
    maxmem: KDF_BOUNDS.maxMemoryBytes + 1024 * 1024,
  });
}
