import { base32Decode } from './base32.js';
import { OtpError } from './errors.js';
import type { OtpAccount, OtpAlgorithm } from './types.js';
import { describe, hasLoneSurrogate, normalizeAlgorithm } from './validate.js';

/**
 * Steam Guard codes are an RFC 6238 TOTP (HMAC-SHA1, 30-second steps, RFC 4226 dynamic truncation) whose
 * 31-bit value is written as five characters of this alphabet (digits and consonants without look-alikes),
 * least significant first. Steam fixes every parameter, so they are constants rather than options.
 */
export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';
export const STEAM_DIGITS = 5;
export const STEAM_PERIOD = 30;
export const STEAM_ALGORITHM: OtpAlgorithm = 'SHA1';
/** Issuer given to Steam accounts that arrive without one (Bitwarden's `steam://` form, maFiles). */
export const STEAM_ISSUER = 'Steam';

/** The Steam Guard code in an HMAC-SHA1 value computed elsewhere (WebCrypto, like `hotpFromHmac`). */
export function steamCodeFromHmac(mac: Uint8Array): string {
  if (!(mac instanceof Uint8Array) || mac.length !== 20) {
    throw new OtpError('UNSUPPORTED_ALGORITHM', 'Steam Guard codes need an HMAC-SHA1 value (20 bytes).');
  }
  const offset = (mac[19] as number) & 0x0f;
  let value =
    (((mac[offset] as number) & 0x7f) << 24) |
    ((mac[offset + 1] as number) << 16) |
    ((mac[offset + 2] as number) << 8) |
    (mac[offset + 3] as number);
  let code = '';
  for (let i = 0; i < STEAM_DIGITS; i++) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}

/**
 * Checks that the options of a Steam account are Steam's (SHA1, 5 characters, 30 s): the codes of any other
 * combination would be accepted by nobody, so asking for one is an error rather than something to ignore.
 */
export function assertSteamSettings(options: { algorithm?: unknown; digits?: unknown; period?: unknown }): void {
  if (options.algorithm !== undefined && normalizeAlgorithm(options.algorithm) !== STEAM_ALGORITHM) {
    throw new OtpError('UNSUPPORTED_ALGORITHM', `Steam Guard codes use SHA1, not ${describe(options.algorithm)}.`);
  }
  if (options.digits !== undefined && options.digits !== STEAM_DIGITS) {
    throw new OtpError(
      'INVALID_DIGITS',
      `Steam Guard codes have ${STEAM_DIGITS} characters, not ${describe(options.digits)}.`,
    );
  }
  if (options.period !== undefined && options.period !== STEAM_PERIOD) {
    throw new OtpError(
      'INVALID_PERIOD',
      `Steam Guard codes change every ${STEAM_PERIOD} seconds, not every ${describe(options.period)}.`,
    );
  }
}

/** A typed Steam code normalised for comparison ("fr8 rv" → "FR8RV"), or null when it cannot be one. */
export function normalizeSteamToken(token: unknown): string | null {
  if (typeof token !== 'string') return null;
  const compact = token.replace(/\s+/g, '').toUpperCase();
  if (compact.length !== STEAM_DIGITS) return null;
  for (const char of compact) if (!STEAM_ALPHABET.includes(char)) return null;
  return compact;
}

const STEAM_URI_SCHEME = 'steam://';

/**
 * Bitwarden's `steam://SECRET` form (its TOTP field for Steam accounts): the base32 shared secret after the
 * scheme, nothing else. The result has issuer "Steam" and an empty account name, for the caller to fill in
 * from the surrounding record (Bitwarden keeps the user name next to the TOTP field).
 */
export function parseSteamUri(uri: string): OtpAccount {
  if (typeof uri !== 'string')
    throw new OtpError('INVALID_URI', `Expected a steam:// URI as a string, got ${describe(uri)}.`);
  if (uri.length > 4096) throw new OtpError('INVALID_URI', 'The steam:// URI is too long to be a shared secret.');
  if (hasLoneSurrogate(uri)) throw new OtpError('INVALID_URI', 'The URI contains an unpaired UTF-16 surrogate.');
  const text = uri.trim();
  if (text.slice(0, STEAM_URI_SCHEME.length).toLowerCase() !== STEAM_URI_SCHEME) {
    throw new OtpError('INVALID_URI', `Not a steam:// URI: it must start with "${STEAM_URI_SCHEME}".`);
  }
  const secretText = text.slice(STEAM_URI_SCHEME.length).replace(/\/+$/, '');
  if (secretText.replace(/[\s=-]/g, '') === '') {
    throw new OtpError('MISSING_SECRET', 'The steam:// URI has no secret.');
  }
  const secret = base32Decode(secretText);
  if (secret.length === 0) throw new OtpError('MISSING_SECRET', 'The steam:// URI has an empty secret.');
  return {
    type: 'steam',
    issuer: STEAM_ISSUER,
    account: '',
    secret,
    algorithm: STEAM_ALGORITHM,
    digits: STEAM_DIGITS,
    period: STEAM_PERIOD,
  };
}

/** True for the `steam://` form, so importers can route a TOTP field without try/catch. */
export function isSteamUri(value: unknown): value is string {
  return typeof value === 'string' && value.trim().slice(0, STEAM_URI_SCHEME.length).toLowerCase() === STEAM_URI_SCHEME;
}
