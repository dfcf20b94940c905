import { OtpError } from './errors.js';
import { hmacCounter, writeCounter } from './hmac-cache.js';
import { assertSteamSettings, normalizeSteamToken, STEAM_ALGORITHM, steamCodeFromHmac } from './steam.js';
import type { OtpAlgorithm, OtpType } from './types.js';
import { DEFAULT_ALGORITHM, DEFAULT_DIGITS, DEFAULT_PERIOD } from './types.js';
import { assertCounter, assertDigits, assertPeriod, assertSecret, describe, normalizeAlgorithm } from './validate.js';

export interface HotpOptions {
  secret: Uint8Array;
  /** 0 … 2^64 − 1: a number up to Number.MAX_SAFE_INTEGER, a bigint above. */
  counter: number | bigint;
  algorithm?: OtpAlgorithm;
  /** 6 to 10, default 6. */
  digits?: number;
}

/** When a TOTP time step is evaluated. Shared by totp, verifyTotp and the countdown helpers. */
export interface TotpTimeOptions {
  /** Milliseconds since the Unix epoch; default `Date.now()`. */
  time?: number;
  /** Time step in seconds; default 30. */
  period?: number;
  /** Unix time (seconds) at which step 0 starts; default 0. */
  t0?: number;
}

export interface TotpOptions extends TotpTimeOptions {
  secret: Uint8Array;
  algorithm?: OtpAlgorithm;
  digits?: number;
  /**
   * `'steam'` gives the Steam Guard code (5 characters; algorithm, digits and period must then be Steam's or
   * absent). Any other value is an RFC 6238 code, so `totp(account)` works for every time-based account.
   */
  type?: OtpType;
}

/** What `steamGuardCode` needs: a secret and, optionally, when. Steam fixes the rest. */
export interface SteamGuardOptions extends TotpTimeOptions {
  secret: Uint8Array;
  algorithm?: OtpAlgorithm;
  digits?: number;
}

export interface VerifyTotpOptions extends TotpOptions {
  /** The code the user typed; spaces are ignored ("123 456"). */
  token: string;
  /** Steps accepted on each side of the current one (clock drift); default 1. */
  window?: number;
}

/** Where `time` falls in the TOTP schedule: what a countdown ring needs. */
export interface TotpTimeStep {
  /** The moving factor T of RFC 6238. */
  counter: number;
  /** Start of this step, ms since epoch. */
  startMs: number;
  /** End of this step (exclusive) = start of the next one, ms since epoch. */
  endMs: number;
  /** Milliseconds until the code changes, in (0, period × 1000]. */
  remainingMs: number;
  /** Fraction of the step already elapsed, in [0, 1). */
  progress: number;
}

/** Largest window verifyTotp accepts: beyond this a "verification" would accept almost any code. */
export const MAX_VERIFY_WINDOW = 100;

const POWERS_OF_TEN = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];

/** RFC 4226 HOTP. Synchronous; repeated calls with the same secret reuse the keyed HMAC state. */
export function hotp(options: HotpOptions): string {
  if (options === null || typeof options !== 'object') {
    throw new OtpError('MISSING_SECRET', 'hotp() expects an options object with a secret.');
  }
  const secret = assertSecret(options.secret);
  const counter = assertCounter(options.counter);
  const algorithm = options.algorithm === undefined ? DEFAULT_ALGORITHM : normalizeAlgorithm(options.algorithm);
  const digits = options.digits === undefined ? DEFAULT_DIGITS : assertDigits(options.digits);
  return generate(secret, counter, algorithm, digits);
}

function generate(secret: Uint8Array, counter: number | bigint, algorithm: OtpAlgorithm, digits: number): string {
  return truncate(hmacCounter(algorithm, secret, counter), digits);
}

/**
 * The HOTP message for `counter`: 8 bytes, big-endian (RFC 4226 §5.2). With `hotpFromHmac`, for callers that
 * compute the HMAC themselves, e.g. with WebCrypto's native code.
 */
export function hotpMessage(counter: number | bigint): Uint8Array {
  const message = new Uint8Array(8);
  writeCounter(new DataView(message.buffer), assertCounter(counter));
  return message;
}

/** The code in an HMAC value computed elsewhere (RFC 4226 §5.3 dynamic truncation), `digits` 6–10. */
export function hotpFromHmac(mac: Uint8Array, digits: number = DEFAULT_DIGITS): string {
  if (!(mac instanceof Uint8Array) || (mac.length !== 20 && mac.length !== 32 && mac.length !== 64)) {
    throw new OtpError(
      'UNSUPPORTED_ALGORITHM',
      'Expected an HMAC-SHA1, -SHA256 or -SHA512 value (20, 32 or 64 bytes).',
    );
  }
  return truncate(mac, assertDigits(digits));
}

function truncate(mac: Uint8Array, digits: number): string {
  // RFC 4226 §5.3 dynamic truncation: 31 bits starting at the offset named by the low nibble.
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary =
    (((mac[offset] as number) & 0x7f) << 24) |
    ((mac[offset + 1] as number) << 16) |
    ((mac[offset + 2] as number) << 8) |
    (mac[offset + 3] as number);
  const code = binary % (POWERS_OF_TEN[digits] as number);
  return code.toString().padStart(digits, '0');
}

interface ResolvedTime {
  time: number;
  periodMs: number;
  t0Ms: number;
}

function resolveTime(options: TotpTimeOptions): ResolvedTime {
  const time = options.time === undefined ? Date.now() : options.time;
  if (typeof time !== 'number' || !Number.isFinite(time)) {
    throw new OtpError('INVALID_TIME', `Invalid time ${describe(time)}: expected milliseconds since the epoch.`);
  }
  const period = options.period === undefined ? DEFAULT_PERIOD : assertPeriod(options.period);
  const t0 = options.t0 === undefined ? 0 : options.t0;
  if (typeof t0 !== 'number' || !Number.isFinite(t0)) {
    throw new OtpError('INVALID_TIME', `Invalid t0 ${describe(t0)}: expected seconds since the epoch.`);
  }
  const t0Ms = t0 * 1000;
  if (time < t0Ms) {
    throw new OtpError('INVALID_TIME', `Time ${time} ms is before t0 (${t0} s): no TOTP step exists yet.`);
  }
  return { time, periodMs: period * 1000, t0Ms };
}

function counterAt({ time, periodMs, t0Ms }: ResolvedTime): number {
  const counter = Math.floor((time - t0Ms) / periodMs);
  if (!Number.isSafeInteger(counter)) {
    throw new OtpError('INVALID_TIME', `Time ${time} ms is too far in the future for a TOTP step.`);
  }
  return counter;
}

/** Hot path of totp(): the default schedule (period 30 s, t0 0) and a time inside the Date range. */
function currentCounter(options: TotpTimeOptions): number {
  const { time, period, t0 } = options;
  if (period === undefined && t0 === undefined && typeof time === 'number' && time >= 0 && time <= 8.64e15) {
    return Math.floor(time / 30_000);
  }
  return counterAt(resolveTime(options));
}

/**
 * The schedule helpers take either an options object or, for brevity in UI code, `(timeMs, period)`.
 */
export type TotpTimeInput = TotpTimeOptions | number | undefined;

function timeOptions(input: TotpTimeInput, period: number | undefined): TotpTimeOptions {
  if (typeof input === 'number') return period === undefined ? { time: input } : { time: input, period };
  if (input === undefined || input === null) return period === undefined ? {} : { period };
  if (typeof input !== 'object') {
    throw new OtpError('INVALID_TIME', `Invalid time ${describe(input)}: expected milliseconds or an options object.`);
  }
  return input;
}

/** RFC 6238 time step counter T = floor((time − T0) / X). */
export function totpCounter(input?: TotpTimeInput, period?: number): number {
  return counterAt(resolveTime(timeOptions(input, period)));
}

/** Full position in the TOTP schedule (counter, step bounds, remaining time, progress). */
export function totpTimeStep(input?: TotpTimeInput, period?: number): TotpTimeStep {
  const resolved = resolveTime(timeOptions(input, period));
  const counter = counterAt(resolved);
  const startMs = resolved.t0Ms + counter * resolved.periodMs;
  const endMs = startMs + resolved.periodMs;
  const elapsed = Math.min(Math.max(resolved.time - startMs, 0), resolved.periodMs);
  const remainingMs = resolved.periodMs - elapsed;
  return { counter, startMs, endMs, remainingMs, progress: elapsed / resolved.periodMs };
}

/** Milliseconds until the current TOTP code changes, in (0, period × 1000]. */
export function totpRemainingMs(input?: TotpTimeInput, period?: number): number {
  return totpTimeStep(input, period).remainingMs;
}

/** RFC 6238 TOTP at `time` (default now). */
export function totp(options: TotpOptions): string {
  if (options === null || typeof options !== 'object') {
    throw new OtpError('MISSING_SECRET', 'totp() expects an options object with a secret.');
  }
  if (options.type === 'steam') return steamGuardCode(options);
  const secret = assertSecret(options.secret);
  const algorithm = options.algorithm === undefined ? DEFAULT_ALGORITHM : normalizeAlgorithm(options.algorithm);
  const digits = options.digits === undefined ? DEFAULT_DIGITS : assertDigits(options.digits);
  return generate(secret, currentCounter(options), algorithm, digits);
}

/** The Steam Guard code at `time` (default now): what the Steam mobile app shows for the same shared secret. */
export function steamGuardCode(options: SteamGuardOptions): string {
  if (options === null || typeof options !== 'object') {
    throw new OtpError('MISSING_SECRET', 'steamGuardCode() expects an options object with a secret.');
  }
  const secret = assertSecret(options.secret);
  assertSteamSettings(options);
  return steamCodeFromHmac(hmacCounter(STEAM_ALGORITHM, secret, currentCounter(options)));
}

/**
 * Checks `token` against the steps within ±window of `time`. Returns the step delta that matched
 * (0 = current step, −1 = previous, …), preferring the smallest |delta|, or null. Every candidate is
 * computed and compared in constant time so timing does not reveal which step or digit was close.
 */
export function verifyTotp(options: VerifyTotpOptions): number | null {
  if (options === null || typeof options !== 'object') {
    throw new OtpError('MISSING_SECRET', 'verifyTotp() expects an options object with a secret.');
  }
  const secret = assertSecret(options.secret);
  const steam = options.type === 'steam';
  if (steam) assertSteamSettings(options);
  const algorithm = options.algorithm === undefined ? DEFAULT_ALGORITHM : normalizeAlgorithm(options.algorithm);
  const digits = steam ? 0 : options.digits === undefined ? DEFAULT_DIGITS : assertDigits(options.digits);
  const window = options.window === undefined ? 1 : options.window;
  if (typeof window !== 'number' || !Number.isInteger(window) || window < 0 || window > MAX_VERIFY_WINDOW) {
    throw new OtpError(
      'INVALID_WINDOW',
      `Invalid window ${describe(window)}: expected an integer from 0 to ${MAX_VERIFY_WINDOW}.`,
    );
  }
  const current = counterAt(resolveTime(options));
  let token: string;
  if (steam) {
    const steamToken = normalizeSteamToken(options.token);
    if (steamToken === null) return null;
    token = steamToken;
  } else {
    token = typeof options.token === 'string' ? options.token.replace(/\s+/g, '') : '';
    if (token.length !== digits || !/^\d+$/.test(token)) return null;
  }

  let match: number | null = null;
  // `0 - window`, not `-window`: with window 0 the latter is -0, which callers comparing with Object.is
  // (or Vitest's toBe) do not see as the documented 0.
  for (let delta = 0 - window; delta <= window; delta++) {
    const counter = current + delta;
    if (counter < 0) continue;
    const code = steam
      ? steamCodeFromHmac(hmacCounter(STEAM_ALGORITHM, secret, counter))
      : generate(secret, counter, algorithm, digits);
    const equal = constantTimeEqual(code, token);
    if (equal && (match === null || Math.abs(delta) < Math.abs(match))) match = delta;
  }
  return match;
}

/** Compares two equal-length strings without an early exit on the first difference. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}
