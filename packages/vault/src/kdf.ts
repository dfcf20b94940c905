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
 * What new vaults and backups get: Bitwarden's argon2id default (m = 64 MiB, t = 3, p = 4). Derived with
 * hash-wasm's WebAssembly argon2id it takes no longer than the previous default (m = 32 MiB, t = 2) took
 * with @noble/hashes (≈ 280 ms against ≈ 310 ms in Chromium on the 2-core machines; `pnpm bench` measures both).
 */
export const DEFAULT_KDF: KdfCost = Object.freeze({
  algorithm: 'argon2id',
  memoryKiB: 64 * 1024,
  iterations: 3,
  parallelism: 4,
});

/** The default before hash-wasm (@noble/hashes only): vaults created with it are re-sealed on unlock. */
export const PREVIOUS_DEFAULT_KDF: KdfCost = Object.freeze({
  algorithm: 'argon2id',
  memoryKiB: 32 * 1024,
  iterations: 2,
  parallelism: 1,
});

/**
 * The weakest parameters accepted for files we write and read as our own (vault, encrypted backups):
 * OWASP's argon2id minimum (m = 19 MiB, t = 2) and N = 2^15 for scrypt. r ≥ 8 is our own addition (with
 * r = 1, N = 2^15 needs only 4 MiB). Foreign imports (Aegis, …) keep their own parameters.
 */
export const OWN_KDF_FLOOR = Object.freeze({
  argon2idMemoryKiB: 19 * 1024,
  argon2idIterations: 2,
  scryptN: 2 ** 15,
  scryptR: 8,
});

/** Published parameters ours are compared with (docs, README). */
export const KDF_REFERENCES = Object.freeze({
  /** Bitwarden's default settings for an account that uses argon2id. */
  bitwarden: Object.freeze({ algorithm: 'argon2id', memoryKiB: 64 * 1024, iterations: 3, parallelism: 4 }),
  /** OWASP Password Storage Cheat Sheet: one of the argon2id minimum configurations it lists as equivalent. */
  owaspMinimum: Object.freeze({ algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 }),
} as const);

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

/**
 * Structure bounds for files given to `parseImport`, checked by a cheap scan before the text is parsed, so a
 * hostile shape is refused in milliseconds instead of costing seconds and hundreds of MiB (an 8-million-level
 * nested array, a CSV row of 8 million empty fields — both fit in the 16 MiB size cap). Real exports sit far
 * below each one: authenticator exports nest 4–8 levels, password-manager CSVs have 5–30 columns.
 * Every refusal is `INPUT_TOO_LARGE`, and nothing is written.
 */
export const IMPORT_BOUNDS = Object.freeze({
  /** Arrays and objects inside one another (JSON, and the JSON inside encrypted files). */
  maxNestingDepth: 64,
  /** Elements of one JSON array or members of one object: a password manager's every login, most without TOTP. */
  maxItemsPerContainer: 100_000,
  /** Fields in one CSV row. */
  maxFieldsPerCsvRow: 1_000,
  /** Rows of a CSV file (a password manager's whole export, most rows without a TOTP secret). */
  maxCsvRows: 100_000,
  /** Accounts one file may bring (the vault's own cap, MAX_ACCOUNTS): longer lists are refused before validation. */
  maxEntries: 10_000,
  /** Wall-clock budget for reading the file's structure (scan, JSON parse, CSV split); past it the import stops. */
  maxParseMs: 3_000,
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
 * Refuses parameters below OWN_KDF_FLOOR: for files we wrote ourselves, weaker settings can only come from
 * tampering (or a build that never shipped), and opening them would quietly weaken the user's protection.
 */
export function assertOwnKdfFloor(params: KdfCost): void {
  if (params.algorithm === 'argon2id') {
    if (params.memoryKiB < OWN_KDF_FLOOR.argon2idMemoryKiB || params.iterations < OWN_KDF_FLOOR.argon2idIterations) {
      throw outOfBounds(
        `Argon2id m=${params.memoryKiB} KiB, t=${params.iterations} is below the minimum for our own files ` +
          `(m=${OWN_KDF_FLOOR.argon2idMemoryKiB} KiB, t=${OWN_KDF_FLOOR.argon2idIterations}).`,
      );
    }
  } else if (params.N < OWN_KDF_FLOOR.scryptN || params.r < OWN_KDF_FLOOR.scryptR) {
    throw outOfBounds(
      `scrypt N=${params.N}, r=${params.r} is below the minimum for our own files ` +
        `(N=${OWN_KDF_FLOOR.scryptN}, r=${OWN_KDF_FLOOR.scryptR}).`,
    );
  }
}

/** validateKdfParams plus the floor: what every reader of our own vaults and backups uses. */
export function validateOwnKdfParams(value: unknown, saltBytes: (salt: string) => Uint8Array): KdfParams {
  const params = validateKdfParams(value, saltBytes);
  assertOwnKdfFloor(params);
  return params;
}

/**
 * Whether a vault sealed with `params` should be re-sealed with `target` on its next unlock: another
 * algorithm, or less memory or fewer passes than the target. Stronger settings are never lowered.
 */
export function kdfNeedsUpgrade(params: KdfCost, target: KdfCost = DEFAULT_KDF): boolean {
  if (params.algorithm !== target.algorithm) return true;
  if (params.algorithm === 'argon2id' && target.algorithm === 'argon2id') {
    return params.memoryKiB < target.memoryKiB || params.iterations < target.iterations;
  }
  return kdfMemoryBytes(params) < kdfMemoryBytes(target);
}

/** Argon2id cost without the salt: what `deriveArgon2id` needs. */
export type Argon2idCost = Pick<Argon2idParams, 'memoryKiB' | 'iterations' | 'parallelism'>;

/**
 * Argon2id (RFC 9106, version 0x13) with the given parameters — for our vaults and for foreign formats
 * that use argon2id. Runs hash-wasm's WebAssembly build, which ships its module inside the package (no
 * fetch; extension pages allow it with 'wasm-unsafe-eval') and is ≈ 3× faster than pure JavaScript, so
 * the same wait buys a stronger setting. Parameters are checked against KDF_BOUNDS first: whatever a file
 * asks for, one derivation stays within 256 MiB and 16 passes. A string password is UTF-8 encoded as
 * given (callers normalise if their format says so).
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
  // Loaded on first use: a page that only opens an already unlocked vault never parses the KDF code.
  const { argon2id } = await import('./argon2-wasm.js');
  return argon2id({
    password,
    salt,
    memorySize: memoryKiB,
    iterations,
    parallelism,
    hashLength: keyLength,
    outputType: 'binary',
  });
}

/**
 * Derives the 32-byte AES key. Async so a page stays responsive (spinners keep turning) while it runs.
 * Callers validate untrusted params first; this re-checks the memory bound as a last line of defence.
 */
export async function deriveKey(passphrase: string, params: KdfCost, salt: Uint8Array): Promise<Uint8Array> {
  const memory = kdfMemoryBytes(params);
  if (memory > KDF_BOUNDS.maxMemoryBytes) throw outOfBounds('Key derivation parameters exceed the memory bound.');
  const password = passphrase.normalize('NFC');
  if (params.algorithm === 'argon2id') return deriveArgon2id(password, salt, params);
  const { scryptAsync } = await import('@noble/hashes/scrypt.js');
  return scryptAsync(password, salt, {
    N: params.N,
    r: params.r,
    p: params.p,
    dkLen: KEY_LENGTH,
    maxmem: KDF_BOUNDS.maxMemoryBytes + 1024 * 1024,
  });
}
