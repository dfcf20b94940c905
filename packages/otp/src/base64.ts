const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Char code → 6-bit value for both the standard and the URL-safe alphabet; -1 = invalid. */
const DECODE_TABLE: Int8Array = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < STANDARD.length; i++) table[STANDARD.charCodeAt(i)] = i;
  table['-'.charCodeAt(0)] = 62;
  table['_'.charCodeAt(0)] = 63;
  return table;
})();

/**
 * Decodes standard or URL-safe base64, padding optional, ASCII whitespace ignored. Returns null
 * (the caller owns the error wording) on any other character, data after padding, or a length that
 * no encoder produces.
 */
export function base64Decode(text: string): Uint8Array | null {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let buffer = 0;
  let bits = 0;
  let symbols = 0;
  let length = 0;
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) continue;
    if (code === 0x3d) {
      padding++;
      continue;
    }
    const value = code < 128 ? (DECODE_TABLE[code] as number) : -1;
    if (value === -1 || padding > 0) return null;
    buffer = ((buffer << 6) | value) & 0xfff;
    bits += 6;
    symbols++;
    if (bits >= 8) {
      bits -= 8;
      out[length++] = (buffer >>> bits) & 0xff;
    }
  }
  if (symbols % 4 === 1 || padding > 2) return null;
  return out.slice(0, length);
}

/** Standard base64 with padding. */
export function base64Encode(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out +=
      STANDARD.charAt(n >>> 18) +
      STANDARD.charAt((n >>> 12) & 63) +
      STANDARD.charAt((n >>> 6) & 63) +
      STANDARD.charAt(n & 63);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += `${STANDARD[n >>> 18]}${STANDARD[(n >>> 12) & 63]}==`;
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += `${STANDARD[n >>> 18]}${STANDARD[(n >>> 12) & 63]}${STANDARD[(n >>> 6) & 63]}=`;
  }
  return out;
}
