import { isOtpError } from '@mfa-companion/otp';
import { otpAccountToInput } from '../account.js';
import { aesGcmDecrypt } from '../crypto.js';
import { base64ToBytes, utf8 } from '../encoding.js';
import { describeValue, isVaultError, VaultError } from '../errors.js';
import { deriveArgon2id } from '../kdf.js';
import { MAX_ACCOUNTS } from '../vault.js';
import { parseBoundedJson } from './limits.js';
import type { ImportEntry, ParsedImport } from './types.js';
import {
  assertListLength,
  invalidEntry,
  isRecord,
  optionalString,
  parseImportedOtpauthUri,
  previewLabel,
  steamInput,
  toEntry,
  unsupported,
} from './util.js';

/*
 * Proton Authenticator export (github.com/protonpass/proton-pass-common, proton-authenticator/src/entry/
 * exporter.rs and password_exporter.rs):
 * - Plain: {version: 1, entries: [{id, content: {uri, entry_type: "Totp" | "Steam", name?}, note?}]}; a TOTP
 *   entry's uri is an otpauth:// URI, a Steam entry's is `steam://` followed by the secret in standard base64.
 * - With a password: {version: 1, salt (base64, 16 bytes), content (base64 of nonce (12) ‖ AES-256-GCM
 *   ciphertext and tag, additional data "proton.authenticator.export.v1")}; key = argon2id(password, salt,
 *   m = 19 MiB, t = 2, p = 1, 32 bytes). The plaintext is the plain export.
 */

const PROTON_ARGON2 = { memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 } as const;
const EXPORT_AAD = utf8.encode('proton.authenticator.export.v1');

export function isProtonAuthenticatorJson(json: Record<string, unknown>): boolean {
  if (typeof json.version !== 'number') return false;
  if (typeof json.salt === 'string' && typeof json.content === 'string') return true;
  if (!Array.isArray(json.entries)) return false;
  const first = json.entries[0];
  return json.entries.length === 0
    ? Object.keys(json).length === 2
    : isRecord(first) && isRecord(first.content) && 'entry_type' in first.content;
}

export async function parseProtonAuthenticator(
  json: Record<string, unknown>,
  passphrase: string | undefined,
): Promise<ParsedImport> {
  if (json.version !== 1) {
    throw new VaultError(
      'UNSUPPORTED_VERSION',
      `Unsupported Proton Authenticator export version ${describeValue(json.version)}.`,
    );
  }
  if (!Array.isArray(json.entries)) {
    if (typeof passphrase !== 'string' || passphrase === '') {
      throw new VaultError(
        'PASSPHRASE_REQUIRED',
        'This Proton Authenticator export is password-protected: enter its password.',
      );
    }
    const salt = base64ToBytes(json.salt as string, 'Proton Authenticator salt');
    const content = base64ToBytes(json.content as string, 'Proton Authenticator content');
    if (salt.length !== 16) throw new VaultError('CORRUPT_VAULT', 'The Proton Authenticator salt must be 16 bytes.');
    if (content.length < 12 + 16)
      throw new VaultError('CORRUPT_VAULT', 'The Proton Authenticator content is truncated.');
    const key = await deriveArgon2id(passphrase, salt, PROTON_ARGON2);
    let plaintext: Uint8Array;
    try {
      plaintext = await aesGcmDecrypt(key, content.subarray(0, 12), content.subarray(12), EXPORT_AAD);
    } catch (error) {
      if (isVaultError(error, 'WRONG_PASSPHRASE')) {
        throw new VaultError('WRONG_PASSPHRASE', 'Wrong password for this Proton Authenticator export.', {
          cause: error,
        });
      }
      throw error;
    }
    const inner = parseBoundedJson(
      utf8.decode(plaintext),
      'The decrypted Proton Authenticator export is not valid JSON.',
    );
    if (!isRecord(inner) || !Array.isArray(inner.entries)) {
      throw new VaultError('CORRUPT_VAULT', 'The decrypted Proton Authenticator export has no entry list.');
    }
    return { format: 'proton-authenticator-encrypted', entries: protonEntries(inner.entries) };
  }
  return { format: 'proton-authenticator', entries: protonEntries(json.entries) };
}

function protonEntries(entries: unknown[]): ImportEntry[] {
  assertListLength(entries, MAX_ACCOUNTS, 'entries');
  return entries.map((entry, index): ImportEntry => {
    const where = `Entry ${index + 1}`;
    if (!isRecord(entry) || !isRecord(entry.content)) return unsupported(where, 'Not an account record.');
    const { uri, entry_type: type } = entry.content;
    const name = optionalString(entry.content.name)?.trim() ?? '';
    if (typeof uri !== 'string')
      return invalidEntry(previewLabel('', name, where), 'MISSING_SECRET', 'This entry has no URI.');
    if (type === 'Steam') {
      const label = previewLabel('Steam', name, where);
      const encoded = uri
        .trim()
        .replace(/^steam:\/\//i, '')
        .replace(/\/+$/, '');
      let secret: Uint8Array;
      try {
        secret = base64ToBytes(encoded, 'Steam secret');
      } catch {
        return invalidEntry(label, 'INVALID_SECRET', 'The Steam secret is not valid base64.');
      }
      return toEntry(label, () => steamInput({ account: name, secret }));
    }
    if (type !== 'Totp')
      return unsupported(previewLabel('', name, where), `${describeValue(type)} entries are not supported.`);
    try {
      const otp = parseImportedOtpauthUri(uri);
      const input = otpAccountToInput(otp);
      if (!input.account && name) input.account = name;
      return toEntry(previewLabel(otp.issuer, otp.account || name, where), () => input);
    } catch (error) {
      if (!isOtpError(error)) throw error;
      return invalidEntry(previewLabel('', name, where), error.code, error.message);
    }
  });
}
