import { md5 } from '@noble/hashes/legacy.js';
import { aesCbcDecrypt } from '../crypto.js';
import { base64ToBytes, concatBytes, utf8 } from '../encoding.js';
import { VaultError } from '../errors.js';

/** "Salted__": the OpenSSL `enc` header CryptoJS writes before the 8-byte salt. */
const SALTED_MAGIC = [0x53, 0x61, 0x6c, 0x74, 0x65, 0x64, 0x5f, 0x5f];

/**
 * OpenSSL's EVP_BytesToKey with MD5 and one round (what `openssl enc` used before -pbkdf2, and what
 * CryptoJS does for a passphrase): D_i = MD5(D_{i-1} ‖ password ‖ salt) until key and IV are filled.
 */
export function evpBytesToKey(password: Uint8Array, salt: Uint8Array, keyLength = 32, ivLength = 16) {
  const blocks: Uint8Array[] = [];
  let previous = new Uint8Array(0);
  let total = 0;
  while (total < keyLength + ivLength) {
    previous = md5(concatBytes(previous, password, salt));
    blocks.push(previous);
    total += previous.length;
  }
  const material = concatBytes(...blocks);
  return { key: material.slice(0, keyLength), iv: material.slice(keyLength, keyLength + ivLength) };
}

/**
 * `CryptoJS.AES.decrypt(text, passphrase)`: base64 of "Salted__" ‖ salt ‖ AES-256-CBC ciphertext, key and
 * IV from EVP_BytesToKey(MD5). Returns the plaintext bytes; a bad padding (the only sign CBC gives of a
 * wrong key) is WRONG_PASSPHRASE.
 */
export async function decryptCryptoJsAes(text: unknown, passphrase: string): Promise<Uint8Array> {
  if (typeof text !== 'string') throw new VaultError('CORRUPT_VAULT', 'The encrypted field is not text.');
  const bytes = base64ToBytes(text.replace(/\s/g, ''), 'encrypted field');
  if (bytes.length < 32 || SALTED_MAGIC.some((byte, index) => bytes[index] !== byte)) {
    throw new VaultError('CORRUPT_VAULT', 'The encrypted field is not in the OpenSSL "Salted__" format.');
  }
  const { key, iv } = evpBytesToKey(utf8.encode(passphrase), bytes.subarray(8, 16));
  return aesCbcDecrypt(key, iv, bytes.subarray(16));
}
