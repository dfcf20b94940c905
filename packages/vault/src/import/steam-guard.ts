import { isOtpError, parseOtpauthUri, STEAM_ISSUER } from '@mfa-companion/otp';
import { type AccountInput, AccountValidationError } from '../account.js';
import { base64ToBytes } from '../encoding.js';
import { isVaultError, VaultError } from '../errors.js';
import { MAX_ACCOUNTS } from '../vault.js';
import type { ImportEntry, ParsedImport } from './types.js';
import { assertListLength, isRecord, optionalString, previewLabel, toEntry, unsupported } from './util.js';

/*
 * Steam Guard authenticator files, as read from their writers' sources:
 * - Steam Desktop Authenticator's `.maFile`: one JSON object per account, the SteamAuth library's
 *   SteamGuardAccount serialised — `shared_secret` (base64; the TOTP key), `account_name`, `identity_secret`
 *   (trade confirmations, not a login code), `revocation_code`, `uri` (an otpauth://totp/Steam:… with the same key
 *   in base32), a `Session` with tokens, and more.
 * - The Steam mobile app's own `Steamguard-<steamid>` file (what Aegis reads from a rooted phone): the same fields,
 *   one object per account under `accounts`; older versions held a single account object, like a maFile.
 * Only the login-code key is imported; everything else (identity secret, session tokens, revocation code) is
 * left behind on purpose — the vault has no use for it and should not hold account-takeover material.
 */

/** True for a maFile or a Steam app Steamguard file: what `parseSteamGuardFile` reads. */
export function isSteamGuardFile(json: Record<string, unknown>): boolean {
  if (typeof json.shared_secret === 'string') return true;
  if (!isRecord(json.accounts)) return false;
  const first = Object.values(json.accounts)[0];
  return isRecord(first) && 'shared_secret' in first;
}

/**
 * Steam Desktop Authenticator's `manifest.json` (settings plus, for encrypted maFiles, each file's PBKDF2 salt
 * and AES IV): not an account file. Recognised so the message can say what to import instead.
 */
export function isSteamDesktopManifest(json: Record<string, unknown>): boolean {
  return Array.isArray(json.entries) && typeof json.encrypted === 'boolean' && 'first_run' in json;
}

export function steamDesktopManifestError(json: Record<string, unknown>): VaultError {
  return new VaultError(
    'UNSUPPORTED_IMPORT',
    json.encrypted === true
      ? 'This is the manifest.json of Steam Desktop Authenticator, and its maFiles are encrypted. In SDA, choose "Manage Encryption" and leave the new passkey blank to remove encryption, then import the account\'s .maFile.'
      : "This is the manifest.json of Steam Desktop Authenticator, not an account. Import the account's .maFile from the same maFiles folder instead.",
  );
}

/** Reads a maFile (one account) or a Steamguard file (`accounts`, one or more). */
export function parseSteamGuardFile(json: Record<string, unknown>): ParsedImport {
  const records: unknown[] = isRecord(json.accounts) ? Object.values(json.accounts) : [json];
  assertListLength(records, MAX_ACCOUNTS, 'accounts');
  const entries = records.map((record, index): ImportEntry => {
    const where = `Steam account ${index + 1}`;
    if (!isRecord(record)) return unsupported(where, 'Not an account record.');
    const accountName = optionalString(record.account_name) ?? '';
    const label = previewLabel(STEAM_ISSUER, accountName, where);
    return toEntry(label, () => ({
      type: 'steam',
      issuer: STEAM_ISSUER,
      account: accountName,
      secret: steamSecret(record),
    }));
  });
  return { format: 'steam-guard', entries };
}

/**
 * The login-code key: `shared_secret` (base64), or when a file carries none, the key of its `uri` field (an
 * otpauth://totp/Steam:… URI with the same key in base32).
 */
function steamSecret(record: Record<string, unknown>): AccountInput['secret'] {
  const shared = record.shared_secret;
  if (typeof shared === 'string' && shared.trim() !== '') {
    try {
      return base64ToBytes(shared.trim(), 'shared_secret');
    } catch (error) {
      if (isVaultError(error)) {
        throw new AccountValidationError('INVALID_SECRET', 'The shared_secret is not valid base64.', 'secret');
      }
      throw error;
    }
  }
  if (shared !== undefined && shared !== null && typeof shared !== 'string') {
    throw new AccountValidationError('INVALID_SECRET', 'The shared_secret must be base64 text.', 'secret');
  }
  if (typeof record.uri === 'string') {
    try {
      return parseOtpauthUri(record.uri).secret;
    } catch (error) {
      if (isOtpError(error)) throw new AccountValidationError(error.code, `The uri field: ${error.message}`, 'secret');
      throw error;
    }
  }
  throw new AccountValidationError('MISSING_SECRET', 'The file has no shared_secret.', 'secret');
}

/** A `shared_secret` as Steam tools show it: base64 of Steam's 20-byte key (27 characters and one `=`). */
const SHARED_SECRET_BASE64 = /^[A-Za-z0-9+/]{27}=$/;

/**
 * What a person pastes as a Steam account's secret: the base32 key other apps show, or the base64 `shared_secret`
 * of a maFile (what Steam tools hand out). The base64 form is recognised by its exact shape only — 28 characters
 * ending in one `=` is never valid base32 — so a base32 key is never misread.
 */
export function steamSecretFromText(text: string): string | Uint8Array {
  const compact = text.replace(/\s+/g, '');
  return SHARED_SECRET_BASE64.test(compact) ? base64ToBytes(compact, 'shared_secret') : text;
}
