import type { OtpAlgorithm } from '@mfa-companion/otp';
import { aesGcmDecrypt, sha256 } from '../crypto.js';
import { utf8 } from '../encoding.js';
import { describeValue, isVaultError, VaultError } from '../errors.js';
import { derivePbkdf2 } from '../kdf.js';
import { MAX_ACCOUNTS } from '../vault.js';
import { parseBoundedJson } from './limits.js';
import type { ImportEntry, ParsedImport } from './types.js';
import {
  assertListLength,
  fieldOr,
  isRecord,
  optionalString,
  previewLabel,
  steamInput,
  toEntry,
  unsupported,
} from './util.js';

/*
 * andOTP (github.com/andOTP/andOTP; Database/Entry.java, Utilities/BackupHelper.java, EncryptionHelper.java):
 * - Plain backup: a JSON array of entries {secret (base32), issuer, label, digits, type (TOTP, HOTP, STEAM,
 *   MOTP), algorithm (SHA1, SHA256, SHA512), period (TOTP only), counter (HOTP only), thumbnail, tags, …}.
 *   Old backups have no `issuer` (the label held everything).
 * - Encrypted backup (.json.aes, current): iterations (4-byte big-endian int, 140 000–160 000) ‖ salt (12
 *   bytes) ‖ IV (12) ‖ AES-GCM ciphertext and tag; key = PBKDF2-HMAC-SHA1(password, salt, iterations, 256 bits).
 * - Old encrypted backup ("old format" in its restore screen): IV (12) ‖ AES-GCM ciphertext and tag, key =
 *   SHA-256(password).
 */

const INT_BYTES = 4;
const IV_BYTES = 12;
const SALT_BYTES = 12;
const TAG_BYTES = 16;
/** andOTP writes 140 000–160 000; 1 000 to 5 000 000 is accepted as a plausible header (≈ 2 s at most). */
const MIN_ITERATIONS = 1_000;
const MAX_ITERATIONS = 5_000_000;

export function isAndOtpJson(json: unknown[]): boolean {
  const first = json[0];
  return isRecord(first) && typeof first.secret === 'string' && ('label' in first || 'thumbnail' in first);
}

/** The iteration count a current-format encrypted backup starts with, or undefined when it cannot be one. */
export function andOtpIterations(bytes: Uint8Array): number | undefined {
  if (bytes.length < INT_BYTES + SALT_BYTES + IV_BYTES + TAG_BYTES) return undefined;
  const iterations = new DataView(bytes.buffer, bytes.byteOffset, INT_BYTES).getUint32(0);
  return iterations >= MIN_ITERATIONS && iterations <= MAX_ITERATIONS ? iterations : undefined;
}

/** A binary file that is an encrypted andOTP backup of either format, or a WRONG_PASSPHRASE. */
export async function parseAndOtpEncrypted(bytes: Uint8Array, passphrase: string | undefined): Promise<ParsedImport> {
  if (typeof passphrase !== 'string' || passphrase === '') {
    throw new VaultError(
      'PASSPHRASE_REQUIRED',
      'This file looks like an encrypted andOTP backup (.json.aes): enter its password.',
    );
  }
  const password = utf8.encode(passphrase);
  let plaintext: Uint8Array | undefined;
  const iterations = andOtpIterations(bytes);
  if (iterations !== undefined) {
    const salt = bytes.subarray(INT_BYTES, INT_BYTES + SALT_BYTES);
    const key = await derivePbkdf2(password, salt, iterations, 'SHA-1');
    plaintext = await openGcm(key, bytes.subarray(INT_BYTES + SALT_BYTES));
  }
  if (plaintext === undefined && bytes.length >= IV_BYTES + TAG_BYTES) {
    plaintext = await openGcm(await sha256(password), bytes);
  }
  if (plaintext === undefined) {
    throw new VaultError('WRONG_PASSPHRASE', 'Wrong password, or this is not an encrypted andOTP backup.');
  }
  const json = parseBoundedJson(utf8.decode(plaintext), 'The decrypted andOTP backup is not valid JSON.');
  if (!Array.isArray(json)) throw new VaultError('CORRUPT_VAULT', 'The decrypted andOTP backup is not an entry list.');
  return { format: 'andotp-encrypted', entries: parseAndOtpEntries(json) };
}

async function openGcm(key: Uint8Array, ivAndCiphertext: Uint8Array): Promise<Uint8Array | undefined> {
  try {
    return await aesGcmDecrypt(key, ivAndCiphertext.subarray(0, IV_BYTES), ivAndCiphertext.subarray(IV_BYTES));
  } catch (error) {
    if (isVaultError(error, 'WRONG_PASSPHRASE') || isVaultError(error, 'CORRUPT_VAULT')) return undefined;
    throw error;
  }
}

export function parseAndOtpJson(json: unknown[]): ParsedImport {
  return { format: 'andotp', entries: parseAndOtpEntries(json) };
}

/**
 * Issuer and account of an entry. Before andOTP stored an issuer (0.7, "Save and show issuer and label
 * separately"), an account added from a link was labelled issuer + " - " + the link's path, and that path may
 * itself be "Issuer:account"; the backup had no issuer field, and andOTP later read such entries with issuer "".
 * Those labels are split back at the first " - " (the issuer never came from the path, so the part before it is the
 * issuer as andOTP had it) and a repeated "Issuer:" prefix is dropped. A label without " - " stays whole.
 */
function andOtpNames(entry: Record<string, unknown>): { issuer: string; account: string } {
  const issuer = optionalString(entry.issuer) ?? '';
  const label = optionalString(entry.label) ?? '';
  const separator = label.indexOf(' - ');
  if (issuer !== '' || separator <= 0) return { issuer, account: label };
  const oldIssuer = label.slice(0, separator);
  const path = label.slice(separator + 3);
  const account = path.startsWith(`${oldIssuer}:`) ? path.slice(oldIssuer.length + 1) : path;
  return { issuer: oldIssuer.trim(), account: account.trim() };
}

function parseAndOtpEntries(entries: unknown[]): ImportEntry[] {
  assertListLength(entries, MAX_ACCOUNTS, 'entries');
  return entries.map((entry, index): ImportEntry => {
    const where = `Entry ${index + 1}`;
    if (!isRecord(entry)) return unsupported(where, 'Not an account record.');
    const { issuer, account } = andOtpNames(entry);
    const label = previewLabel(issuer, account, where);
    const rawType = fieldOr<unknown>(entry.type, 'TOTP');
    const type = typeof rawType === 'string' ? rawType.toUpperCase() : describeValue(rawType);
    const secret = fieldOr<string>(entry.secret, '');
    switch (type) {
      case 'TOTP':
      case 'HOTP':
        return toEntry(label, () => ({
          type: type === 'HOTP' ? 'hotp' : 'totp',
          issuer,
          account,
          secret,
          algorithm: fieldOr<OtpAlgorithm>(entry.algorithm, 'SHA1'),
          digits: fieldOr(entry.digits, 6),
          period: type === 'TOTP' ? fieldOr(entry.period, 30) : 30,
          counter: type === 'HOTP' ? fieldOr(entry.counter, 0) : 0,
        }));
      case 'STEAM':
        return toEntry(label, () => steamInput({ issuer, account, secret }));
      case 'MOTP':
        return unsupported(label, 'mOTP entries are not supported (only TOTP, HOTP and Steam).');
      default:
        return unsupported(label, `${type.slice(0, 40)} entries are not supported (only TOTP, HOTP and Steam).`);
    }
  });
}
