import { isOtpError, type OtpAccount, parseOtpauthUri, STEAM_ISSUER } from '@mfa-companion/otp';
import { type AccountInput, AccountValidationError, accountLabel, validateAccountInput } from '../account.js';
import { VaultError } from '../errors.js';
import type { ImportEntry, ImportProblemCode } from './types.js';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * A field as the file gives it, or `fallback` when it is absent. A present value of the wrong type is
 * passed on unchanged so validation reports it (`digits: "8"` is INVALID_DIGITS), never silently replaced
 * by a default that would produce wrong codes.
 */
export function fieldOr<T>(value: unknown, fallback: T): T {
  return (value === undefined || value === null ? fallback : value) as T;
}

/** Refuses a list longer than `max` before any per-entry work is done. */
export function assertListLength(list: readonly unknown[], max: number, what: string): void {
  if (list.length > max) throw new VaultError('INPUT_TOO_LARGE', `The file holds more than ${max} ${what}.`);
}

/** Short, safe text for the preview even when a field is huge or not text. */
export function previewLabel(issuer: unknown, account: unknown, fallback: string): string {
  const clip = (value: unknown) => (typeof value === 'string' ? value.trim().slice(0, 80) : '');
  return accountLabel({ issuer: clip(issuer), account: clip(account) }) || fallback;
}

/** Validates one importer-built input into an entry: valid inputs stay, problems carry their code. */
export function toEntry(label: string, build: () => AccountInput): ImportEntry {
  try {
    const built = build();
    const input = typeof built.secret === 'string' ? { ...built, secret: lenientSecret(built.secret) } : built;
    const fields = validateAccountInput(input);
    return { status: 'ok', label: accountLabel(fields) || label, input };
  } catch (error) {
    if (error instanceof AccountValidationError || isOtpError(error)) {
      return { status: 'invalid', label, code: error.code, message: error.message };
    }
    throw error;
  }
}

export function unsupported(label: string, message: string): ImportEntry {
  return { status: 'invalid', label, code: 'UNSUPPORTED_ENTRY', message };
}

/**
 * The one place a foreign Steam entry becomes an account: Steam fixes the algorithm, the 5 characters and
 * the 30-second step, so only the names and the key come from the file (whatever digits it stored).
 */
export function steamInput(fields: {
  issuer?: string | undefined;
  account?: string | undefined;
  secret: string | Uint8Array;
}): AccountInput {
  return { type: 'steam', issuer: fields.issuer || STEAM_ISSUER, account: fields.account ?? '', secret: fields.secret };
}

/**
 * A number some apps store as text (`"digits": "8"` from a JavaScript app that did `Number()` on read):
 * numeric text becomes the number, anything else is passed on for validation to report.
 */
export function numberish(value: unknown): unknown {
  if (typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value)) return Number(value);
  return value;
}

/** An entry for a record whose problem the file itself shows (wrong shape, unknown type). */
export function invalidEntry(label: string, code: ImportProblemCode, message: string): ImportEntry {
  return { status: 'invalid', label, code, message };
}

/**
 * A base32 secret as the apps that exported it decoded it. Their decoders (Google's Base32String, 2FAS,
 * Bitwarden, Apache Commons) ignore the trailing bits that do not fill a byte, so a hand-typed secret of
 * 17 or 19 characters gave codes there; a strict decoder refuses those lengths. Dropping the one character
 * whose bits cannot complete a byte yields exactly the bytes those apps used. Anything else is unchanged
 * (and still validated).
 */
export function lenientSecret(secret: string): string {
  const compact = secret.replace(/[\s-]/g, '').replace(/=+$/, '');
  if (!/^[A-Za-z2-7]+$/.test(compact)) return secret;
  const residue = compact.length % 8;
  return residue === 1 || residue === 3 || residue === 6 ? compact.slice(0, -1) : secret;
}

/** parseOtpauthUri with the same tolerance for secrets whose last character carries no whole byte. */
export function parseImportedOtpauthUri(uri: string): OtpAccount {
  try {
    return parseOtpauthUri(uri);
  } catch (error) {
    if (!isOtpError(error, 'INVALID_SECRET')) throw error;
    const fixed = uri.replace(/([?&]secret=)([^&#]*)/i, (_, key: string, value: string) => key + lenientSecret(value));
    if (fixed === uri) throw error;
    return parseOtpauthUri(fixed);
  }
}
