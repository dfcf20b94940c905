import type { OtpAlgorithm } from '@mfa-companion/otp';
import { aesGcmDecrypt } from '../crypto.js';
import { base64ToBytes, bytesToBase64, concatBytes, hexToBytes, utf8 } from '../encoding.js';
import { describeValue, isVaultError, VaultError } from '../errors.js';
import { KDF_BOUNDS, kdfMemoryBytes, type ScryptParams, validateKdfParams } from '../kdf.js';
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

/** Aegis slot type for a password-derived key (0 = raw, 2 = biometric: unusable outside the phone). */
const PASSWORD_SLOT = 1;

/** Aegis has one password slot (plus, at most, a backup-password one); more is not a real export. */
const MAX_PASSWORD_SLOTS = 4;

/**
 * Total scrypt memory (≈ time) all the derivations of one import may need: a few real slots at Aegis's
 * parameters (N = 2^15, r = 8 → 32 MiB each) fit many times over; a file asking for several
 * maximum-size derivations is refused before the first one starts.
 */
const MAX_TOTAL_KDF_BYTES = 4 * KDF_BOUNDS.maxMemoryBytes;

export function isAegisExport(json: Record<string, unknown>): boolean {
  return typeof json.version === 'number' && isRecord(json.header) && 'db' in json;
}

/**
 * Aegis vault export (https://github.com/beemdevelopment/Aegis/blob/master/docs/vault.md): `db` is the
 * plain database, or base64 AES-256-GCM ciphertext under a master key that each password slot wraps
 * (scrypt(password, salt, n, r, p) → AES-GCM-decrypt slot.key).
 */
export async function parseAegis(json: Record<string, unknown>, passphrase: string | undefined): Promise<ParsedImport> {
  if (json.version !== 1)
    throw new VaultError('UNSUPPORTED_VERSION', `Unsupported Aegis export version ${describeValue(json.version)}.`);
  const header = json.header as Record<string, unknown>;
  if (isRecord(json.db)) return { format: 'aegis', entries: parseAegisDatabase(json.db) };
  if (typeof json.db !== 'string') throw new VaultError('CORRUPT_VAULT', 'The Aegis export has no database.');
  if (typeof passphrase !== 'string' || passphrase === '') {
    throw new VaultError('PASSPHRASE_REQUIRED', 'This Aegis export is encrypted: enter its password.');
  }
  const params = header.params;
  if (!Array.isArray(header.slots) || !isRecord(params))
    throw new VaultError('CORRUPT_VAULT', 'The Aegis header is incomplete.');
  const masterKey = await unwrapMasterKey(header.slots, passphrase);
  const plaintext = await aesGcmDecrypt(
    masterKey,
    hexToBytes(params.nonce as string, 'Aegis nonce'),
    concatBytes(
      base64ToBytes(json.db.replace(/\s/g, ''), 'Aegis database'),
      hexToBytes(params.tag as string, 'Aegis tag'),
    ),
  ).catch((error: unknown) => {
    // The master key opened a slot, so a failure here is damage, not a wrong password.
    if (isVaultError(error, 'WRONG_PASSPHRASE'))
      throw new VaultError('CORRUPT_VAULT', 'The Aegis database is damaged.');
    throw error;
  });
  const db = parseBoundedJson(utf8.decode(plaintext), 'The decrypted Aegis database is not valid JSON.');
  if (!isRecord(db)) throw new VaultError('CORRUPT_VAULT', 'The decrypted Aegis database is not an object.');
  return { format: 'aegis-encrypted', entries: parseAegisDatabase(db) };
}

interface PasswordSlot {
  kdf: ScryptParams;
  salt: Uint8Array;
  wrapped: Uint8Array;
  nonce: Uint8Array;
  passwords: Uint8Array[];
}

/** Reads and bounds-checks every password slot before any key derivation starts. */
function readPasswordSlots(slots: unknown[], passphrase: string): PasswordSlot[] {
  const passwordSlots = slots.filter(
    (slot): slot is Record<string, unknown> => isRecord(slot) && slot.type === PASSWORD_SLOT,
  );
  if (passwordSlots.length === 0) {
    throw new VaultError('UNSUPPORTED_IMPORT', 'This Aegis export has no password slot (only biometric or raw keys).');
  }
  if (passwordSlots.length > MAX_PASSWORD_SLOTS) {
    throw new VaultError('KDF_PARAMS_OUT_OF_BOUNDS', `This Aegis export has ${passwordSlots.length} password slots.`);
  }
  const read = passwordSlots.map((slot): PasswordSlot => {
    const salt = hexToBytes(slot.salt as string, 'Aegis salt');
    // Same bounds as our own vaults: a hostile file must not make us allocate gigabytes.
    const kdf = validateKdfParams(
      { algorithm: 'scrypt', N: slot.n, r: slot.r, p: slot.p, salt: bytesToBase64(salt) },
      base64ToBytes,
    ) as ScryptParams;
    const keyParams = isRecord(slot.key_params) ? slot.key_params : {};
    return {
      kdf,
      salt,
      wrapped: concatBytes(
        hexToBytes(slot.key as string, 'Aegis slot key'),
        hexToBytes(keyParams.tag as string, 'Aegis slot tag'),
      ),
      nonce: hexToBytes(keyParams.nonce as string, 'Aegis slot nonce'),
      passwords: passwordEncodings(passphrase, slot.repaired === true),
    };
  });
  const totalBytes = read.reduce((sum, slot) => sum + kdfMemoryBytes(slot.kdf) * slot.passwords.length, 0);
  if (totalBytes > MAX_TOTAL_KDF_BYTES) {
    throw new VaultError(
      'KDF_PARAMS_OUT_OF_BOUNDS',
      `Opening this Aegis export would need ${Math.round(totalBytes / 2 ** 20)} MiB of key derivation in total.`,
    );
  }
  return read;
}

async function unwrapMasterKey(slots: unknown[], passphrase: string): Promise<Uint8Array> {
  const passwordSlots = readPasswordSlots(slots, passphrase);
  const { scryptAsync } = await import('@noble/hashes/scrypt.js');
  for (const slot of passwordSlots) {
    for (const password of slot.passwords) {
      const derived = await scryptAsync(password, slot.salt, {
        N: slot.kdf.N,
        r: slot.kdf.r,
        p: slot.kdf.p,
        dkLen: 32,
        maxmem: KDF_BOUNDS.maxMemoryBytes + 1024 * 1024,
      });
      try {
        const masterKey = await aesGcmDecrypt(derived, slot.nonce, slot.wrapped);
        if (masterKey.length === 32) return masterKey;
      } catch (error) {
        if (!isVaultError(error, 'WRONG_PASSPHRASE')) throw error;
      }
    }
  }
  throw new VaultError('WRONG_PASSPHRASE', 'Wrong password for this Aegis export.');
}

/**
 * Aegis slots not marked `repaired` were created by versions that turned the password's UTF-16 chars
 * into bytes by truncation; try that form too so old exports with non-ASCII passwords still open.
 */
function passwordEncodings(passphrase: string, repaired: boolean): Uint8Array[] {
  const modern = utf8.encode(passphrase);
  if (repaired || /^[\x00-\x7f]*$/.test(passphrase)) return [modern];
  return [modern, Uint8Array.from(passphrase, (char) => char.charCodeAt(0) & 0xff)];
}

function parseAegisDatabase(db: Record<string, unknown>): ImportEntry[] {
  if (!Array.isArray(db.entries)) throw new VaultError('CORRUPT_VAULT', 'The Aegis database has no entry list.');
  assertListLength(db.entries, MAX_ACCOUNTS, 'entries');
  return db.entries.map((entry, index): ImportEntry => {
    const where = `Entry ${index + 1}`;
    if (!isRecord(entry)) return unsupported(where, 'Not an account record.');
    const label = previewLabel(entry.issuer, entry.name, where);
    const type = optionalString(entry.type)?.toLowerCase();
    const info = isRecord(entry.info) ? entry.info : {};
    if (type === 'steam') {
      return toEntry(label, () =>
        steamInput({
          issuer: optionalString(entry.issuer),
          account: optionalString(entry.name),
          secret: fieldOr<string>(info.secret, ''),
        }),
      );
    }
    if (type !== 'totp' && type !== 'hotp') {
      const shown = typeof entry.type === 'string' ? entry.type.slice(0, 40) : describeValue(entry.type);
      return unsupported(label, `${shown} entries are not supported (only TOTP, HOTP and Steam).`);
    }
    return toEntry(label, () => ({
      type,
      issuer: optionalString(entry.issuer) ?? '',
      account: optionalString(entry.name) ?? '',
      secret: fieldOr<string>(info.secret, ''),
      algorithm: fieldOr<OtpAlgorithm>(info.algo, 'SHA1'),
      digits: fieldOr(info.digits, 6),
      period: fieldOr(info.period, 30),
      counter: type === 'hotp' ? fieldOr(info.counter, 0) : 0,
    }));
  });
}
