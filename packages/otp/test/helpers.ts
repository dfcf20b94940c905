import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import { OtpError, type OtpErrorCode } from '../src/index.js';

export const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** RFC 6238 Appendix B seeds: the 20/32/64-byte ASCII keys of the reference implementation. */
export const RFC6238_SEEDS = {
  SHA1: ascii('12345678901234567890'),
  SHA256: ascii('12345678901234567890123456789012'),
  SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
} as const;

/** Independent oracle: OpenSSL's HMAC through node:crypto, with the RFC 4226 truncation spelled out. */
export function referenceHotp(
  secret: Uint8Array,
  counter: bigint,
  algorithm: 'SHA1' | 'SHA256' | 'SHA512' = 'SHA1',
  digits = 6,
): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  const mac = createHmac(algorithm.toLowerCase(), secret).update(message).digest();
  const offset = (mac[mac.length - 1] as number) & 0xf;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return (BigInt(binary) % 10n ** BigInt(digits)).toString().padStart(digits, '0');
}

/** Runs `action` and asserts it throws an OtpError with `code` (and never anything else). */
export function expectOtpError(action: () => unknown, code: OtpErrorCode): OtpError {
  let thrown: unknown;
  try {
    action();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected OtpError ${code}`).toBeInstanceOf(OtpError);
  const error = thrown as OtpError;
  expect(error.code).toBe(code);
  expect(error.name).toBe('OtpError');
  expect(error.message.length).toBeGreaterThan(10);
  return error;
}
