import { VaultError } from './errors.js';
import { platform } from './platform.js';

const BASE64_PATTERN = /^[A-Za-z0-9+/]*={0,2}$/;
const HEX_PATTERN = /^(?:[0-9a-fA-F]{2})*$/;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  // Chunked so large ciphertexts do not overflow the argument limit of String.fromCharCode.
  for (let offset = 0; offset < bytes.length; offset += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  }
  return platform.btoa(binary);
}

/** Strict: anything but canonical base64 is a corrupt file, not something to guess at. */
export function base64ToBytes(text: string, what = 'base64 field'): Uint8Array {
  if (typeof text !== 'string' || text.length % 4 !== 0 || !BASE64_PATTERN.test(text)) {
    throw new VaultError('CORRUPT_VAULT', `The ${what} is not valid base64.`);
  }
  const binary = platform.atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

export function hexToBytes(text: string, what = 'hex field'): Uint8Array {
  if (typeof text !== 'string' || !HEX_PATTERN.test(text)) {
    throw new VaultError('CORRUPT_VAULT', `The ${what} is not valid hexadecimal.`);
  }
  const bytes = new Uint8Array(text.length / 2);
  for (let index = 0; index < bytes.length; index++)
    bytes[index] = Number.parseInt(text.slice(index * 2, index * 2 + 2), 16);
  return bytes;
}

export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export const utf8 = {
  encode: (text: string): Uint8Array => new platform.TextEncoder().encode(text),
  /** Fatal decoding: invalid UTF-8 inside authenticated data means a bug or an attack, never "best effort". */
  decode: (bytes: Uint8Array): string => {
    try {
      return new platform.TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch (cause) {
      throw new VaultError('CORRUPT_VAULT', 'The decrypted data is not valid UTF-8.', { cause });
    }
  },
};
