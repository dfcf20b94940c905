import {
  base32Decode,
  base32Encode,
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  hotp,
  isOtpError,
  normalizeAlgorithm,
  type OtpAccount,
  type OtpAlgorithm,
  OtpError,
  type OtpErrorCode,
  type OtpType,
  STEAM_DIGITS,
  steamGuardCode,
} from '@mfa-companion/otp';
import { describeValue } from './errors.js';
import { platform } from './platform.js';

/** One authenticator entry as the vault stores it: plain JSON, secret as canonical base32. */
export interface Account {
  /** Random, stable across renames and backups. */
  id: string;
  type: OtpType;
  /** Service name ("GitHub"); empty when unknown. */
  issuer: string;
  /** Account name (user, e-mail); may be empty. */
  account: string;
  /** Canonical base32: upper case, no padding, no spaces. */
  secret: string;
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
  /** HOTP moving factor (next counter to use); 0 for TOTP. */
  counter: number;
  /** Origins the account may fill on (`https://github.com`); used by autofill. */
  sites: string[];
  pinned: boolean;
  /** Position in the user's manual order (lower first). */
  order: number;
  /** ms since epoch */
  createdAt: number;
  updatedAt: number;
}

/**
 * The account with its fields in the declared order. Storage layers may reorder object keys (Chrome's
 * storage sorts them); canonical order keeps every serialisation of the same account byte-identical.
 */
export function canonicalAccount(account: Account): Account {
  return {
    id: account.id,
    type: account.type,
    issuer: account.issuer,
    account: account.account,
    secret: account.secret,
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
    counter: account.counter,
    sites: [...account.sites],
    pinned: account.pinned,
    order: account.order,
    createdAt: account.createdAt,
    updatedAt: account.updatedAt,
  };
}

/** What a person or an importer supplies; the rest gets defaults. */
export interface AccountInput {
  type?: OtpType;
  issuer?: string;
  account?: string;
  /** base32 text or raw bytes */
  secret: string | Uint8Array;
  algorithm?: OtpAlgorithm;
  digits?: number;
  period?: number;
  counter?: number | bigint;
  sites?: string[];
}

/** Field limits: generous for real data, small enough that a hostile import cannot bloat the vault. */
export const ACCOUNT_LIMITS = Object.freeze({
  maxIssuerChars: 256,
  maxAccountChars: 512,
  maxSecretBytes: 512,
  minSecretBytes: 1,
  maxSites: 50,
  maxSiteChars: 2048,
  maxPeriodSeconds: 86_400,
});

/** Why an account is rejected: an OTP library code, or one of the vault's own field checks. */
export type AccountProblemCode = OtpErrorCode | 'FIELD_TOO_LONG' | 'INVALID_SITE';

export class AccountValidationError extends Error {
  override readonly name = 'AccountValidationError';
  constructor(
    readonly code: AccountProblemCode,
    message: string,
    readonly field?: keyof AccountInput,
  ) {
    super(message);
  }
}

function fail(code: AccountProblemCode, message: string, field?: keyof AccountInput): never {
  throw new AccountValidationError(code, message, field);
}

/** An issuer or account name as people type or paste it, without the characters that could spoof UI text. */
export function cleanName(value: string): string {
  // Control characters have no business in a name; bidi overrides, embeddings, isolates and marks (LRM, RLM,
  // ALM) can make one name read as another, and zero-width characters make two names look identical.
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '').trim();
}

function cleanText(value: unknown, field: 'issuer' | 'account', max: number): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') fail('INVALID_ACCOUNT', `The ${field} must be text.`, field);
  const text = cleanName(value);
  if (text.length > max) fail('FIELD_TOO_LONG', `The ${field} is longer than ${max} characters.`, field);
  return text;
}

/** Parses base32 text the way people paste it (spaces, lower case, padding, dashes). */
export function parseSecret(secret: string | Uint8Array): Uint8Array {
  let bytes: Uint8Array;
  if (secret instanceof Uint8Array) {
    bytes = secret;
  } else if (typeof secret === 'string') {
    const compact = secret.replace(/[\s-]/g, '');
    if (compact.length > ACCOUNT_LIMITS.maxSecretBytes * 2) {
      fail('FIELD_TOO_LONG', `The secret is longer than ${ACCOUNT_LIMITS.maxSecretBytes} bytes.`, 'secret');
    }
    if (compact.replace(/=+$/, '') === '') fail('MISSING_SECRET', 'The secret is empty.', 'secret');
    try {
      bytes = base32Decode(compact);
    } catch (error) {
      if (isOtpError(error)) fail(error.code, error.message, 'secret');
      throw error;
    }
  } else if (secret === undefined || secret === null) {
    fail('MISSING_SECRET', 'The secret is missing.', 'secret');
  } else {
    fail('INVALID_SECRET', `The secret must be base32 text, not ${describeValue(secret)}.`, 'secret');
  }
  if (bytes.length < ACCOUNT_LIMITS.minSecretBytes) fail('MISSING_SECRET', 'The secret is empty.', 'secret');
  if (bytes.length > ACCOUNT_LIMITS.maxSecretBytes) {
    fail('FIELD_TOO_LONG', `The secret is longer than ${ACCOUNT_LIMITS.maxSecretBytes} bytes.`, 'secret');
  }
  return bytes;
}

/** `https://example.com` from anything URL-like; refuses non-web schemes. */
export function normalizeSite(site: string): string {
  if (typeof site !== 'string' || site.length > ACCOUNT_LIMITS.maxSiteChars) {
    fail('INVALID_SITE', 'The site address is not valid.', 'sites');
  }
  let url: { protocol: string; origin: string };
  try {
    url = new platform.URL(site.includes('://') ? site.trim() : `https://${site.trim()}`);
  } catch {
    fail('INVALID_SITE', `"${site.slice(0, 80)}" is not a web address.`, 'sites');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    fail('INVALID_SITE', `Only http and https sites can be bound, not ${url.protocol}.`, 'sites');
  }
  return url.origin;
}

/**
 * Validates and normalises the OTP fields with the OTP library itself (a real code is generated, so every
 * stored account is one that works). Throws AccountValidationError with the library's error code.
 */
export function validateAccountInput(
  input: AccountInput,
): Omit<Account, 'id' | 'pinned' | 'order' | 'createdAt' | 'updatedAt'> {
  if (input === null || typeof input !== 'object') fail('INVALID_ACCOUNT', 'The account must be an object.');
  const type = input.type ?? 'totp';
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam')
    fail('UNSUPPORTED_TYPE', `Unsupported OTP type ${describeValue(type)}.`, 'type');
  const secretBytes = parseSecret(input.secret);
  const digits = input.digits ?? (type === 'steam' ? STEAM_DIGITS : DEFAULT_DIGITS);
  const period = input.period ?? DEFAULT_PERIOD;
  if (
    typeof period !== 'number' ||
    !Number.isInteger(period) ||
    period < 1 ||
    period > ACCOUNT_LIMITS.maxPeriodSeconds
  ) {
    fail(
      'INVALID_PERIOD',
      `The period must be a whole number of seconds from 1 to ${ACCOUNT_LIMITS.maxPeriodSeconds}.`,
      'period',
    );
  }
  const counterInput: unknown = input.counter ?? 0;
  if (typeof counterInput !== 'number' && typeof counterInput !== 'bigint') {
    fail('INVALID_COUNTER', `The counter must be a number, not ${describeValue(counterInput)}.`, 'counter');
  }
  if (typeof counterInput === 'bigint' && counterInput > BigInt(Number.MAX_SAFE_INTEGER)) {
    fail('INVALID_COUNTER', 'Counters above 2^53 − 1 are not supported.', 'counter');
  }
  const counter = Number(counterInput);
  if (!Number.isSafeInteger(counter) || counter < 0)
    fail('INVALID_COUNTER', 'The counter must be a whole number ≥ 0.', 'counter');
  let algorithm: OtpAlgorithm;
  try {
    // The name the vault stores, from any spelling the OTP library accepts (an import may say 'sha-256'), then
    // one generated code runs every other OTP-library check (digits, counter) in one place.
    algorithm = normalizeAlgorithm(input.algorithm ?? 'SHA1');
    // Steam fixes SHA1, 5 characters and 30 s: its own generator refuses anything else.
    if (type === 'steam') steamGuardCode({ secret: secretBytes, algorithm, digits, period, time: 0 });
    else hotp({ secret: secretBytes, counter, algorithm, digits });
  } catch (error) {
    if (error instanceof OtpError) {
      const field =
        error.code === 'INVALID_DIGITS'
          ? 'digits'
          : error.code === 'UNSUPPORTED_ALGORITHM'
            ? 'algorithm'
            : error.code === 'INVALID_PERIOD'
              ? 'period'
              : 'counter';
      fail(error.code, error.message, field);
    }
    throw error;
  }
  const sites = input.sites ?? [];
  if (!Array.isArray(sites) || sites.length > ACCOUNT_LIMITS.maxSites) {
    fail('INVALID_SITE', `At most ${ACCOUNT_LIMITS.maxSites} sites per account.`, 'sites');
  }
  return {
    type,
    issuer: cleanText(input.issuer, 'issuer', ACCOUNT_LIMITS.maxIssuerChars),
    account: cleanText(input.account, 'account', ACCOUNT_LIMITS.maxAccountChars),
    secret: base32Encode(secretBytes).replace(/=+$/, ''),
    algorithm,
    digits,
    period,
    counter: type === 'hotp' ? counter : 0,
    sites: [...new Set(sites.map(normalizeSite))],
  };
}

export function newAccountId(): string {
  return platform.crypto.randomUUID();
}

/** A complete new account from validated input; `order` puts it after `existing`. */
export function createAccount(input: AccountInput, existing: readonly Account[] = [], now = Date.now()): Account {
  const fields = validateAccountInput(input);
  const order = existing.reduce((max, account) => Math.max(max, account.order), -1) + 1;
  return { id: newAccountId(), ...fields, pinned: false, order, createdAt: now, updatedAt: now };
}

export function otpAccountToInput(otp: OtpAccount): AccountInput {
  const input: AccountInput = {
    type: otp.type,
    account: otp.account,
    secret: otp.secret,
    algorithm: otp.algorithm,
    digits: otp.digits,
    period: otp.period,
  };
  if (otp.issuer !== undefined) input.issuer = otp.issuer;
  if (otp.counter !== undefined) input.counter = otp.counter;
  return input;
}

/** The account in the shape the OTP library takes (for code generation and otpauth:// export). */
export function toOtpAccount(account: Account): OtpAccount {
  const otp: OtpAccount = {
    type: account.type,
    account: account.account,
    secret: base32Decode(account.secret),
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
  };
  if (account.issuer) otp.issuer = account.issuer;
  if (account.type === 'hotp') otp.counter = account.counter;
  return otp;
}

/**
 * Identity of a secret for duplicate detection: the same key bytes are the same authenticator, however
 * the base32 was written (case, padding, spaces).
 */
export function secretFingerprint(secret: string | Uint8Array): string {
  return base32Encode(typeof secret === 'string' ? parseSecret(secret) : secret).replace(/=+$/, '');
}

/** Index of existing secrets → account, for "already added" checks. */
export function indexBySecret(accounts: readonly Account[]): Map<string, Account> {
  return new Map(accounts.map((account) => [account.secret, account]));
}

export function findDuplicate(accounts: readonly Account[], secret: string | Uint8Array): Account | undefined {
  const fingerprint = secretFingerprint(secret);
  return accounts.find((account) => account.secret === fingerprint);
}

/** Display label: "Issuer (account)", or whichever part exists. */
export function accountLabel(account: Pick<Account, 'issuer' | 'account'>): string {
  if (account.issuer && account.account) return `${account.issuer} (${account.account})`;
  return account.issuer || account.account;
}
