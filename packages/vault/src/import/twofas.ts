import type { OtpAlgorithm } from '@mfa-companion/otp';
import { aesGcmDecrypt } from '../crypto.js';
import { base64ToBytes, utf8 } from '../encoding.js';
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
 * 2FAS Authenticator backup (`.2fas`, JSON, schemaVersion 1–4), read from its apps' sources (2fas-android
 * core/cipher and data/services BackupContent; 2fas-ios Protection/ExchangeFileEncryption.swift). A
 * password-protected backup has an empty `services` list, `servicesEncrypted` and `reference`, each
 * "base64(ciphertext ‖ GCM tag):base64(salt):base64(IV)"; key = PBKDF2-HMAC-SHA256(password, salt, 10 000,
 * 256 bits) (Android writes a 256-byte salt, iOS a 32-byte one), AES-256-GCM with a 12-byte IV. `reference`
 * decrypts to a fixed text (the apps' password check); `servicesEncrypted` to the JSON list of services.
 */

const TWOFAS_PBKDF2_ITERATIONS = 10_000;

export async function parseTwoFas(json: Record<string, unknown>, passphrase?: string): Promise<ParsedImport> {
  let services = json.services;
  let format: ParsedImport['format'] = '2fas';
  if (typeof json.servicesEncrypted === 'string' && (!Array.isArray(services) || services.length === 0)) {
    services = await decryptTwoFasServices(json.servicesEncrypted, passphrase);
    format = '2fas-encrypted';
  }
  if (!Array.isArray(services)) throw new VaultError('CORRUPT_VAULT', 'The 2FAS backup has no "services" list.');
  assertListLength(services, MAX_ACCOUNTS, 'services');
  const entries: ImportEntry[] = services.map((service, index): ImportEntry => {
    const where = `Entry ${index + 1}`;
    if (!isRecord(service)) return unsupported(where, 'Not an account record.');
    const otp = isRecord(service.otp) ? service.otp : {};
    const issuer = optionalString(otp.issuer) || optionalString(service.name);
    const account = optionalString(otp.account) ?? labelAccount(otp.label);
    const label = previewLabel(issuer, account, where);
    const rawType = fieldOr<unknown>(otp.tokenType, 'TOTP');
    const tokenType = typeof rawType === 'string' ? rawType.toUpperCase() : undefined;
    if (tokenType === 'STEAM') {
      return toEntry(label, () => steamInput({ issuer, account, secret: fieldOr<string>(service.secret, '') }));
    }
    if (tokenType !== 'TOTP' && tokenType !== 'HOTP') {
      const shown = tokenType === undefined ? describeValue(rawType) : tokenType.slice(0, 40);
      return unsupported(label, `${shown} tokens are not supported (only TOTP, HOTP and Steam).`);
    }
    return toEntry(label, () => ({
      type: tokenType === 'HOTP' ? 'hotp' : 'totp',
      issuer: issuer ?? '',
      account,
      secret: fieldOr<string>(service.secret, ''),
      algorithm: fieldOr<OtpAlgorithm>(otp.algorithm, 'SHA1'),
      digits: fieldOr(otp.digits, 6),
      period: fieldOr(otp.period, 30),
      counter: tokenType === 'HOTP' ? fieldOr(otp.counter, 0) : 0,
    }));
  });
  return { format, entries };
}

/** The decrypted `servicesEncrypted` list: PBKDF2-SHA256 → AES-GCM, as both 2FAS apps write it. */
async function decryptTwoFasServices(encrypted: string, passphrase: string | undefined): Promise<unknown> {
  if (typeof passphrase !== 'string' || passphrase === '') {
    throw new VaultError('PASSPHRASE_REQUIRED', 'This 2FAS backup is password-protected: enter its password.');
  }
  const parts = encrypted.split(':');
  if (parts.length !== 3) throw new VaultError('CORRUPT_VAULT', 'The encrypted 2FAS services are not "data:salt:iv".');
  const [data, salt, iv] = parts.map((part, index) =>
    base64ToBytes(part.trim(), ['2FAS ciphertext', '2FAS salt', '2FAS IV'][index]),
  ) as [Uint8Array, Uint8Array, Uint8Array];
  if (salt.length < 8 || salt.length > 1024) throw new VaultError('CORRUPT_VAULT', 'The 2FAS salt has an odd size.');
  if (iv.length !== 12) throw new VaultError('CORRUPT_VAULT', 'The 2FAS IV must be 12 bytes.');
  const key = await derivePbkdf2(utf8.encode(passphrase), salt, TWOFAS_PBKDF2_ITERATIONS, 'SHA-256');
  let plaintext: Uint8Array;
  try {
    plaintext = await aesGcmDecrypt(key, iv, data);
  } catch (error) {
    if (isVaultError(error, 'WRONG_PASSPHRASE')) {
      throw new VaultError('WRONG_PASSPHRASE', 'Wrong password for this 2FAS backup.', { cause: error });
    }
    throw error;
  }
  return parseBoundedJson(utf8.decode(plaintext), 'The decrypted 2FAS services are not valid JSON.');
}

/** Older 2FAS backups may carry only `otp.label` ("Issuer:account"): the account is what follows the colon. */
function labelAccount(label: unknown): string {
  if (typeof label !== 'string') return '';
  const colon = label.indexOf(':');
  return (colon === -1 ? label : label.slice(colon + 1)).trim();
}
