import { OtpError } from './errors.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Maps a char code to its 5-bit value; -1 = invalid, -2 = ignorable separator (space, hyphen, '='). */
const DECODE_TABLE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) {
    table[ALPHABET.charCodeAt(i)] = i;
    table[ALPHABET.toLowerCase().charCodeAt(i)] = i;
  }
  for (const separator of ' \t\r\n-') table[separator.charCodeAt(0)] = -2;
  return table;
})();

const PADDING = 0x3d; // '='

/** Number of leftover characters (length mod 8) that no RFC 4648 encoder can ever produce. */
const IMPOSSIBLE_REMAINDERS = new Set([1, 3, 6]);

/**
 * RFC 4648 base32. Tolerates what people paste from provider pages: lowercase, spaces, hyphens,
 * missing or extra trailing '=' padding. Any other character (including '=' in the middle) throws
 * `OtpError('INVALID_SECRET')`.
 */
export function base32Decode(text: string): Uint8Array {
  if (typeof text !== 'string') throw new OtpError('INVALID_SECRET', 'Base32 input must be a string.');
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let symbols = 0;
  let length = 0;
  let paddingSeen = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === PADDING) {
      paddingSeen = true;
      continue;
    }
    const value = code < 128 ? (DECODE_TABLE[code] as number) : -1;
    if (value === -2) continue;
    if (value === -1 || paddingSeen) {
      const shown = JSON.stringify(text[i]);
      const reason = value === -1 ? `invalid character ${shown}` : 'data after "=" padding';
      throw new OtpError('INVALID_SECRET', `Secret is not valid base32: ${reason} at position ${i + 1}.`);
    }
    // Keep at most 12 bits in flight so the accumulator never leaves the 32-bit integer range.
    buffer = ((buffer << 5) | value) & 0xfff;
    bits += 5;
    symbols++;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >>> bits) & 0xff;
    }
  }
  if (IMPOSSIBLE_REMAINDERS.has(symbols % 8)) {
    throw new OtpError(
      'INVALID_SECRET',
      `Secret is not valid base32: ${symbols} characters cannot encode a whole number of bytes (truncated?).`,
    );
  }
  return out.slice(0, length);
}

/** RFC 4648 base32, uppercase, without padding (the form authenticator apps expect in otpauth URIs). */
export function base32Encode(bytes: Uint8Array): string {
  if (!(bytes instanceof Uint8Array)) throw new OtpError('INVALID_SECRET', 'base32Encode expects a Uint8Array.');
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < bytes.length; i++) {
    buffer = ((buffer << 8) | (bytes[i] as number)) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(buffer >>> bits) & 31];
    }
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}
