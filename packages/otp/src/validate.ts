import { OtpError } from './errors.js';
import type { OtpAlgorithm } from './types.js';
import { MAX_DIGITS, MIN_DIGITS } from './types.js';

const MAX_UINT64 = (1n << 64n) - 1n;

/** Accepts 'SHA1' / 'sha-256' / 'Sha512'…; anything else is UNSUPPORTED_ALGORITHM. */
export function normalizeAlgorithm(value: unknown): OtpAlgorithm {
  if (value === 'SHA1' || value === 'SHA256' || value === 'SHA512') return value;
  if (typeof value === 'string') {
    const compact = value.trim().toUpperCase().replace('-', '');
    if (compact === 'SHA1' || compact === 'SHA256' || compact === 'SHA512') return compact;
  }
  const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
  throw new OtpError('UNSUPPORTED_ALGORITHM', `Unsupported algorithm ${shown}: expected SHA1, SHA256 or SHA512.`);
}

export function assertDigits(value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= MIN_DIGITS && value <= MAX_DIGITS) return value;
  throw new OtpError(
    'INVALID_DIGITS',
    `Invalid number of digits ${describe(value)}: expected an integer from ${MIN_DIGITS} to ${MAX_DIGITS}.`,
  );
}

export function assertPeriod(value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1) return value;
  throw new OtpError('INVALID_PERIOD', `Invalid period ${describe(value)}: expected a whole number of seconds ≥ 1.`);
}

/** Counters are unsigned 64-bit: safe-integer numbers, or bigints up to 2^64 − 1. */
export function assertCounter(value: unknown): number | bigint {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return value;
  } else if (typeof value === 'bigint') {
    if (value >= 0n && value <= MAX_UINT64) return value;
  }
  throw new OtpError(
    'INVALID_COUNTER',
    `Invalid counter ${describe(value)}: expected an integer from 0 to 2^64 − 1 (bigint above Number.MAX_SAFE_INTEGER).`,
  );
}

/** Parses a decimal counter from text (URI parameter) into the number|bigint representation. */
export function parseCounterText(text: string): number | bigint {
  // Leading zeros are harmless ("007" is 7); the cap keeps BigInt() cheap on hostile input.
  const digits = /^\d+$/.test(text) ? text.replace(/^0+(?=\d)/, '') : '';
  if (digits.length === 0 || digits.length > 20) {
    throw new OtpError(
      'INVALID_COUNTER',
      `Invalid counter ${JSON.stringify(text.slice(0, 40))}: expected digits only.`,
    );
  }
  return narrowCounter(BigInt(digits));
}

/** number when it fits exactly, bigint otherwise; validates the 64-bit range. */
export function narrowCounter(value: bigint): number | bigint {
  assertCounter(value);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

export function assertSecret(value: unknown): Uint8Array {
  if (value === undefined || value === null) throw new OtpError('MISSING_SECRET', 'No secret was given.');
  if (!(value instanceof Uint8Array)) throw new OtpError('INVALID_SECRET', 'The secret must be a Uint8Array.');
  if (value.length === 0) throw new OtpError('MISSING_SECRET', 'The secret is empty.');
  return value;
}

export function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : typeof value;
}

/** True when the string has an unpaired UTF-16 surrogate, which UTF-8 (and percent-encoding) cannot carry. */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDFFF]/u.test(text);
}
