import { base32Decode, base32Encode } from './base32.js';
import { OtpError } from './errors.js';
import { assertSteamSettings, STEAM_DIGITS } from './steam.js';
import type { OtpAccount, OtpType } from './types.js';
import { DEFAULT_ALGORITHM, DEFAULT_DIGITS, DEFAULT_PERIOD } from './types.js';
import {
  assertCounter,
  assertDigits,
  assertPeriod,
  assertSecret,
  describe,
  hasLoneSurrogate,
  normalizeAlgorithm,
  parseCounterText,
} from './validate.js';

/**
 * Longest URI we parse. Real otpauth URIs are a few hundred bytes (a QR code holds < 3 KB); the cap
 * turns a pasted megabyte into a clear error instead of wasted work.
 */
export const MAX_URI_LENGTH = 64 * 1024;

const OTPAUTH_SCHEME = 'otpauth://';

/** Splits `scheme://rest` case-insensitively and checks the length cap. */
export function stripScheme(uri: unknown, scheme: string, what: string): string {
  if (typeof uri !== 'string') throw new OtpError('INVALID_URI', `Expected ${what} as a string, got ${describe(uri)}.`);
  if (uri.length > MAX_URI_LENGTH) {
    throw new OtpError('INVALID_URI', `URI is ${uri.length} characters long; the limit is ${MAX_URI_LENGTH}.`);
  }
  if (hasLoneSurrogate(uri)) throw new OtpError('INVALID_URI', 'The URI contains an unpaired UTF-16 surrogate.');
  const text = uri.trim();
  if (text.slice(0, scheme.length).toLowerCase() !== scheme) {
    throw new OtpError('INVALID_URI', `Not ${what}: it must start with "${scheme}".`);
  }
  return text.slice(scheme.length);
}

/** Strict UTF-8 percent-decoding; malformed escapes become OtpError, never URIError. */
export function percentDecode(text: string, plusIsSpace: boolean, what: string): string {
  const source = plusIsSpace ? text.replaceAll('+', ' ') : text;
  if (!source.includes('%')) return source;
  try {
    return decodeURIComponent(source);
  } catch (cause) {
    throw new OtpError('INVALID_URI', `Malformed percent-encoding in the ${what}.`, { cause });
  }
}

/**
 * Query parameters of `a=1&b=2`, names lowercased, values percent-decoded ('+' = space, as in
 * form encoding and Android's Uri). The first occurrence of a name wins, like URLSearchParams.get.
 */
export function parseQuery(query: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const rawName = equals === -1 ? pair : pair.slice(0, equals);
    const rawValue = equals === -1 ? '' : pair.slice(equals + 1);
    const name = percentDecode(rawName, true, 'parameter name').toLowerCase();
    if (params.has(name)) continue;
    params.set(name, percentDecode(rawValue, true, `"${name}" parameter`));
  }
  return params;
}

/** Splits the part after the scheme into authority/type, path, and query (the fragment is dropped). */
function splitUriRest(rest: string): { head: string; path: string; query: string } {
  const hash = rest.indexOf('#');
  const withoutFragment = hash === -1 ? rest : rest.slice(0, hash);
  const question = withoutFragment.indexOf('?');
  const beforeQuery = question === -1 ? withoutFragment : withoutFragment.slice(0, question);
  const query = question === -1 ? '' : withoutFragment.slice(question + 1);
  const slash = beforeQuery.indexOf('/');
  return {
    head: slash === -1 ? beforeQuery : beforeQuery.slice(0, slash),
    path: slash === -1 ? '' : beforeQuery.slice(slash + 1),
    query,
  };
}

/**
 * Splits "Issuer:account" the way authenticator apps do. `explicitIssuer` (the issuer parameter, or
 * the migration issuer field) wins over the prefix; when the name starts with exactly that issuer
 * and a colon, the split happens there so issuers containing ':' survive.
 */
export function splitLabel(
  name: string,
  explicitIssuer: string | undefined,
): { issuer: string | undefined; account: string } {
  if (explicitIssuer && name.startsWith(`${explicitIssuer}:`)) {
    return { issuer: explicitIssuer, account: name.slice(explicitIssuer.length + 1).trim() };
  }
  const colon = name.indexOf(':');
  if (colon === -1) return { issuer: explicitIssuer || undefined, account: name.trim() };
  const prefix = name.slice(0, colon).trim();
  return { issuer: explicitIssuer || prefix || undefined, account: name.slice(colon + 1).trim() };
}

/** Composes a label that splitLabel reads back: a leading ':' marks "no issuer, colon in the account". */
export function joinLabel(issuer: string | undefined, account: string): string {
  if (issuer) return `${issuer}:${account}`;
  return account.includes(':') ? `:${account}` : account;
}

function parseType(head: string): OtpType {
  const type = percentDecode(head, false, 'type').toLowerCase();
  if (type === 'totp' || type === 'hotp' || type === 'steam') return type;
  if (type === '') throw new OtpError('INVALID_URI', 'The otpauth URI has no type: expected otpauth://totp/… .');
  throw new OtpError('UNSUPPORTED_TYPE', `Unsupported OTP type ${describe(type)}: expected totp, hotp or steam.`);
}

function parseLabel(rawPath: string, issuerParam: string | undefined): { issuer: string | undefined; account: string } {
  // A literal ':' is the separator; an encoded one (%3A) only counts when there is no literal one,
  // so issuers and accounts that themselves contain ':' (encoded) survive a round trip.
  const literalColon = rawPath.indexOf(':');
  if (literalColon !== -1) {
    const prefix = percentDecode(rawPath.slice(0, literalColon), false, 'label').trim();
    const account = percentDecode(rawPath.slice(literalColon + 1), false, 'label').trim();
    return { issuer: issuerParam || prefix || undefined, account };
  }
  return splitLabel(percentDecode(rawPath, false, 'label'), issuerParam);
}

/**
 * Parses a Key URI (`otpauth://totp/Issuer:account?secret=…&issuer=…`). Tolerant of what real
 * providers emit (case of scheme, type, algorithm and parameter names; base32 padding, spaces and
 * lowercase; '+' for space in parameters); everything else throws OtpError with a specific code.
 */
export function parseOtpauthUri(uri: string): OtpAccount {
  const { head, path, query } = splitUriRest(stripScheme(uri, OTPAUTH_SCHEME, 'an otpauth:// URI'));
  const params = parseQuery(query);
  let type = parseType(head);
  // Aegis and the apps following it write otpauth://steam/…; KeePassXC (and Strongbox) write a totp URI with
  // encoder=steam. Both mean the same account.
  if (type === 'totp' && params.get('encoder')?.trim().toLowerCase() === 'steam') type = 'steam';

  const issuerParam = params.get('issuer');
  const { issuer, account } = parseLabel(path, issuerParam === '' ? undefined : issuerParam);

  const secretText = params.get('secret') ?? '';
  if (secretText.replace(/[\s=-]/g, '') === '') {
    throw new OtpError('MISSING_SECRET', 'The otpauth URI has no secret parameter.');
  }
  const secret = base32Decode(secretText);
  if (secret.length === 0) throw new OtpError('MISSING_SECRET', 'The otpauth URI has an empty secret.');

  const algorithmText = params.get('algorithm');
  const algorithm = algorithmText ? normalizeAlgorithm(algorithmText) : DEFAULT_ALGORITHM;
  const defaultDigits = type === 'steam' ? STEAM_DIGITS : DEFAULT_DIGITS;
  const digits = parseNumberParam(params.get('digits'), defaultDigits, 'INVALID_DIGITS', 'digits');
  const period = parseNumberParam(params.get('period'), DEFAULT_PERIOD, 'INVALID_PERIOD', 'period');
  if (type === 'steam') {
    assertSteamSettings({ algorithm, digits, period });
  } else {
    assertDigits(digits);
    assertPeriod(period);
  }

  const result: OtpAccount = {
    type,
    ...(issuer === undefined ? {} : { issuer }),
    account,
    secret,
    algorithm,
    digits,
    period,
  };
  if (type === 'hotp') {
    const counterText = params.get('counter');
    if (counterText === undefined || counterText.trim() === '') {
      throw new OtpError('INVALID_COUNTER', 'An hotp URI needs a counter parameter.');
    }
    result.counter = parseCounterText(counterText.trim());
  }
  return result;
}

function parseNumberParam(
  text: string | undefined,
  fallback: number,
  code: 'INVALID_DIGITS' | 'INVALID_PERIOD',
  name: string,
): number {
  if (text === undefined || text.trim() === '') return fallback;
  // Leading zeros are harmless ("08" is 8); more than 15 significant digits cannot be a valid value.
  const trimmed = text.trim();
  const significant = /^\d+$/.test(trimmed) ? trimmed.replace(/^0+(?=\d)/, '') : '';
  if (significant.length === 0 || significant.length > 15) {
    throw new OtpError(code, `Invalid ${name} ${describe(text)}: expected a whole number.`);
  }
  return Number(significant);
}

/** Percent-encodes for the URI; strings that cannot be UTF-8 encoded (lone surrogates) are refused. */
function encodeComponent(text: string, what: string): string {
  if (hasLoneSurrogate(text)) {
    throw new OtpError('INVALID_ACCOUNT', `The ${what} contains text that cannot be encoded (lone surrogate).`);
  }
  return encodeURIComponent(text);
}

/**
 * Builds a Key URI that parseOtpauthUri (and authenticator apps) read back to the same account.
 * Always writes algorithm, digits and period explicitly so apps with other defaults agree.
 */
export function formatOtpauthUri(account: OtpAccount): string {
  if (account === null || typeof account !== 'object') {
    throw new OtpError('INVALID_ACCOUNT', 'formatOtpauthUri() expects an account object.');
  }
  const type = account.type;
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') {
    throw new OtpError('UNSUPPORTED_TYPE', `Unsupported OTP type ${describe(type)}: expected totp, hotp or steam.`);
  }
  if (typeof account.account !== 'string') {
    throw new OtpError('INVALID_ACCOUNT', 'The account name must be a string.');
  }
  if (account.issuer !== undefined && typeof account.issuer !== 'string') {
    throw new OtpError('INVALID_ACCOUNT', 'The issuer must be a string when present.');
  }
  const secret = base32Encode(assertSecret(account.secret));
  const algorithm = normalizeAlgorithm(account.algorithm ?? DEFAULT_ALGORITHM);
  let digits: number;
  let period: number;
  if (type === 'steam') {
    // Written as Aegis does (otpauth://steam/…, every parameter explicit), which Aegis, 2FAS and we read back.
    assertSteamSettings(account);
    digits = STEAM_DIGITS;
    period = DEFAULT_PERIOD;
  } else {
    digits = assertDigits(account.digits ?? DEFAULT_DIGITS);
    period = assertPeriod(account.period ?? DEFAULT_PERIOD);
  }
  const issuer = account.issuer || undefined;

  const encodedAccount = encodeComponent(account.account, 'account name');
  let label = encodedAccount;
  if (issuer !== undefined) label = `${encodeComponent(issuer, 'issuer')}:${encodedAccount}`;
  else if (account.account.includes(':')) label = `:${encodedAccount}`;

  let uri = `${OTPAUTH_SCHEME}${type}/${label}?secret=${secret}`;
  if (issuer !== undefined) uri += `&issuer=${encodeComponent(issuer, 'issuer')}`;
  uri += `&algorithm=${algorithm}&digits=${digits}&period=${period}`;
  if (type === 'hotp') {
    if (account.counter === undefined) throw new OtpError('INVALID_COUNTER', 'An hotp account needs a counter.');
    uri += `&counter=${assertCounter(account.counter)}`;
  }
  return uri;
}
