import { VaultError } from './errors.js';
import { type AesGcmOptions, type AesKeyHandle, platform } from './platform.js';

export const NONCE_BYTES = 12;

function subtle() {
  const api = platform.crypto?.subtle;
  if (!api) throw new Error('WebCrypto (crypto.subtle) is not available in this context.');
  return api;
}

export function randomBytes(length: number): Uint8Array {
  return platform.crypto.getRandomValues(new Uint8Array(length));
}

async function importAesKey(key: Uint8Array): Promise<AesKeyHandle> {
  if (key.length !== 32) throw new Error('AES-256 needs a 32-byte key.');
  return subtle().importKey('raw', key, 'AES-GCM', false, ['encrypt', 'decrypt']);
}

function gcm(nonce: Uint8Array, additionalData?: Uint8Array): AesGcmOptions {
  const options: AesGcmOptions = { name: 'AES-GCM', iv: nonce, tagLength: 128 };
  if (additionalData) options.additionalData = additionalData;
  return options;
}

/** AES-256-GCM; the result is ciphertext followed by the 16-byte tag (WebCrypto's layout). */
export async function aesGcmEncrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  additionalData?: Uint8Array,
): Promise<Uint8Array> {
  return new Uint8Array(await subtle().encrypt(gcm(nonce, additionalData), await importAesKey(key), plaintext));
}

/** Throws WRONG_PASSPHRASE when authentication fails: a wrong key and tampered data are indistinguishable. */
export async function aesGcmDecrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertextAndTag: Uint8Array,
  additionalData?: Uint8Array,
): Promise<Uint8Array> {
  if (nonce.length !== NONCE_BYTES) throw new VaultError('CORRUPT_VAULT', 'The nonce must be 12 bytes.');
  if (ciphertextAndTag.length < 16) throw new VaultError('CORRUPT_VAULT', 'The ciphertext is truncated.');
  // A key of the wrong size cannot be the one that sealed this data: the same answer as a wrong key.
  if (!(key instanceof Uint8Array) || key.length !== 32) {
    throw new VaultError('WRONG_PASSPHRASE', 'The key does not open this data (not a 32-byte AES-256 key).');
  }
  const handle = await importAesKey(key);
  try {
    return new Uint8Array(await subtle().decrypt(gcm(nonce, additionalData), handle, ciphertextAndTag));
  } catch (cause) {
    throw new VaultError('WRONG_PASSPHRASE', 'Wrong passphrase, or the data was modified.', { cause });
  }
}

/**
 * AES-CBC with PKCS#7 padding (the OpenSSL/CryptoJS layout some other apps use). Only for reading their
 * files: CBC has no authentication, so a bad padding is the only sign of a wrong key and is reported as one.
 */
export async function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array> {
  if (key.length !== 32 && key.length !== 16) throw new Error('AES-CBC needs a 16- or 32-byte key.');
  if (iv.length !== 16) throw new VaultError('CORRUPT_VAULT', 'The AES-CBC IV must be 16 bytes.');
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) {
    throw new VaultError('CORRUPT_VAULT', 'The AES-CBC ciphertext is truncated.');
  }
  const handle = await subtle().importKey('raw', key, 'AES-CBC', false, ['decrypt']);
  try {
    return new Uint8Array(await subtle().decrypt({ name: 'AES-CBC', iv }, handle, ciphertext));
  } catch (cause) {
    throw new VaultError('WRONG_PASSPHRASE', 'Wrong passphrase, or the data was modified.', { cause });
  }
}

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', data));
}
