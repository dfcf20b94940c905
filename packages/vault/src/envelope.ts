import { aesGcmDecrypt, aesGcmEncrypt, NONCE_BYTES, randomBytes } from './crypto.js';
import { base64ToBytes, bytesToBase64, utf8 } from './encoding.js';
import { describeValue, VaultError } from './errors.js';
import { DEFAULT_KDF, deriveKey, type KdfCost, type KdfParams, validateOwnKdfParams } from './kdf.js';

/** What an envelope protects: the live vault (storage) or an exported backup file. */
export type EnvelopeKind = 'vault' | 'backup';

const MAGIC: Record<EnvelopeKind, string> = { vault: 'MFA-COMPANION-VAULT', backup: 'MFA-COMPANION-BACKUP' };

/** Bump when the layout changes; readers migrate older versions and refuse newer ones. */
export const ENVELOPE_VERSION = 1;

/** Larger than any real vault (10,000 accounts ≈ 3 MB) yet small enough to parse safely. */
export const MAX_ENVELOPE_CHARS = 32 * 1024 * 1024;

export const SALT_BYTES = 16;
export const MIN_PASSPHRASE_LENGTH = 8;

/**
 * The stored shape. Everything but `ciphertext` is the header; the header is bound to the ciphertext as
 * AES-GCM additional data, so changing a KDF parameter or the version makes decryption fail.
 */
export interface Envelope {
  magic: string;
  version: number;
  kdf: KdfParams;
  cipher: { algorithm: 'AES-256-GCM'; nonce: string };
  ciphertext: string;
}

/** A derived key plus the KDF parameters it came from, so a vault can be re-sealed without re-deriving. */
export interface UnlockedKey {
  key: Uint8Array;
  kdf: KdfParams;
  /** A slot vault's key slots as stored (format 2): `sealVault` keeps them. Absent for format 1 and backups. */
  slots?: readonly unknown[];
}

function headerBytes(envelope: Omit<Envelope, 'ciphertext'>): Uint8Array {
  // Fixed field order: the AAD must be reproducible from the parsed fields, not from the file's text.
  const { magic, version, kdf, cipher } = envelope;
  const kdfFields =
    kdf.algorithm === 'argon2id'
      ? [kdf.algorithm, kdf.memoryKiB, kdf.iterations, kdf.parallelism, kdf.salt]
      : [kdf.algorithm, kdf.N, kdf.r, kdf.p, kdf.salt];
  return utf8.encode(JSON.stringify([magic, version, kdfFields, cipher.algorithm, cipher.nonce]));
}

export function assertPassphrase(passphrase: string): void {
  if (typeof passphrase !== 'string' || [...passphrase].length < MIN_PASSPHRASE_LENGTH) {
    throw new VaultError('PASSPHRASE_TOO_SHORT', `The passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  }
}

/** Derives a fresh key (new random salt) for a new vault, a new backup or a passphrase change. */
export async function createKey(passphrase: string, cost: KdfCost = DEFAULT_KDF): Promise<UnlockedKey> {
  assertPassphrase(passphrase);
  const salt = randomBytes(SALT_BYTES);
  const kdf = { ...cost, salt: bytesToBase64(salt) } as KdfParams;
  validateOwnKdfParams(kdf, (text) => base64ToBytes(text, 'salt'));
  return { key: await deriveKey(passphrase, cost, salt), kdf };
}

/** Encrypts `payload` (any JSON value) with an already derived key; a fresh nonce every time. */
export async function sealEnvelope(kind: EnvelopeKind, payload: unknown, unlocked: UnlockedKey): Promise<string> {
  const header = {
    magic: MAGIC[kind],
    version: ENVELOPE_VERSION,
    kdf: unlocked.kdf,
    cipher: { algorithm: 'AES-256-GCM' as const, nonce: bytesToBase64(randomBytes(NONCE_BYTES)) },
  };
  const plaintext = utf8.encode(JSON.stringify(payload));
  const ciphertext = await aesGcmEncrypt(
    unlocked.key,
    base64ToBytes(header.cipher.nonce),
    plaintext,
    headerBytes(header),
  );
  const envelope: Envelope = { ...header, ciphertext: bytesToBase64(ciphertext) };
  return JSON.stringify(envelope);
}

/** Parses and validates an envelope's header without deriving anything (cheap; safe on hostile input). */
export function parseEnvelope(kind: EnvelopeKind, text: string): Envelope {
  return readEnvelope(kind, text).envelope;
}

/**
 * The first checks every stored vault or backup text goes through, whatever its format version: text, within the
 * size cap, valid JSON, an object. Typed errors only.
 */
export function parseStoredObject(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') throw new VaultError('CORRUPT_VAULT', 'The vault data is not text.');
  if (text.length > MAX_ENVELOPE_CHARS) {
    throw new VaultError('INPUT_TOO_LARGE', `The file is larger than ${MAX_ENVELOPE_CHARS / 2 ** 20} MiB.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new VaultError('CORRUPT_VAULT', 'The data is not valid JSON (truncated or damaged).', { cause });
  }
  if (typeof value !== 'object' || value === null) throw new VaultError('CORRUPT_VAULT', 'The data is not an object.');
  return value as Record<string, unknown>;
}

/** parseEnvelope plus the decoded binary fields, so large ciphertexts are decoded once. */
function readEnvelope(
  kind: EnvelopeKind,
  text: string,
): { envelope: Envelope; nonce: Uint8Array; ciphertext: Uint8Array } {
  const raw = parseStoredObject(text);
  if (raw.magic !== MAGIC[kind]) {
    throw new VaultError('CORRUPT_VAULT', `This is not an MFA Companion ${kind === 'vault' ? 'vault' : 'backup'}.`);
  }
  assertFormatVersion(raw, ENVELOPE_VERSION);
  const kdf = validateOwnKdfParams(raw.kdf, (salt) => base64ToBytes(salt, 'salt'));
  const sealed = readSealedData(raw);
  return {
    envelope: {
      magic: raw.magic,
      version: ENVELOPE_VERSION,
      kdf,
      cipher: { algorithm: 'AES-256-GCM', nonce: sealed.nonceText },
      ciphertext: sealed.ciphertextText,
    },
    nonce: sealed.nonce,
    ciphertext: sealed.ciphertext,
  };
}

/** The stored object's format version must be `expected`: a newer one is UNSUPPORTED_VERSION, anything else CORRUPT_VAULT. */
export function assertFormatVersion(raw: Record<string, unknown>, expected: number): void {
  if (raw.version === expected) return;
  throw new VaultError(
    typeof raw.version === 'number' && raw.version > expected ? 'UNSUPPORTED_VERSION' : 'CORRUPT_VAULT',
    `Unsupported format version ${describeValue(raw.version)}.`,
  );
}

/**
 * The AES-256-GCM part every stored vault and backup carries (`cipher` and `ciphertext`), checked and decoded once:
 * the texts as stored, and their bytes.
 */
export function readSealedData(raw: Record<string, unknown>): {
  nonceText: string;
  nonce: Uint8Array;
  ciphertextText: string;
  ciphertext: Uint8Array;
} {
  const cipher = raw.cipher as Record<string, unknown> | null | undefined;
  if (typeof cipher !== 'object' || cipher === null || cipher.algorithm !== 'AES-256-GCM') {
    throw new VaultError('UNSUPPORTED_VERSION', 'Unknown cipher.');
  }
  const nonce = typeof cipher.nonce === 'string' ? base64ToBytes(cipher.nonce, 'nonce') : undefined;
  if (typeof cipher.nonce !== 'string' || nonce?.length !== NONCE_BYTES) {
    throw new VaultError('CORRUPT_VAULT', 'The nonce is missing or has the wrong length.');
  }
  if (typeof raw.ciphertext !== 'string') throw new VaultError('CORRUPT_VAULT', 'The ciphertext is missing.');
  return {
    nonceText: cipher.nonce,
    nonce,
    ciphertextText: raw.ciphertext,
    ciphertext: base64ToBytes(raw.ciphertext, 'ciphertext'),
  };
}

/** Decrypts with a key already derived for this envelope's KDF parameters (e.g. kept in session memory). */
export async function openEnvelopeWithKey(kind: EnvelopeKind, text: string, key: Uint8Array): Promise<unknown> {
  const { envelope, nonce, ciphertext } = readEnvelope(kind, text);
  const plaintext = await aesGcmDecrypt(key, nonce, ciphertext, headerBytes(envelope));
  try {
    return JSON.parse(utf8.decode(plaintext));
  } catch (cause) {
    if (cause instanceof VaultError) throw cause;
    throw new VaultError('CORRUPT_VAULT', 'The decrypted data is not valid JSON.', { cause });
  }
}

/** Derives the key from the passphrase and decrypts. Returns the key so the caller can keep the vault unlocked. */
export async function openEnvelope(
  kind: EnvelopeKind,
  text: string,
  passphrase: string,
): Promise<{ payload: unknown; unlocked: UnlockedKey }> {
  const envelope = parseEnvelope(kind, text);
  if (typeof passphrase !== 'string' || passphrase === '') {
    throw new VaultError('PASSPHRASE_REQUIRED', 'Enter the passphrase to open this file.');
  }
  const key = await deriveKey(passphrase, envelope.kdf, base64ToBytes(envelope.kdf.salt));
  const payload = await openEnvelopeWithKey(kind, text, key);
  return { payload, unlocked: { key, kdf: envelope.kdf } };
}
