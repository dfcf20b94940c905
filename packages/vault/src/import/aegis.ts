import type { OtpAlgorithm } from '@mfa-companion/otp';
import { aesGcmDecrypt } from '../crypto.js';
import { base64ToBytes, bytesToBase64, concatBytes, hexToBytes, utf8 } from '../encoding.js';
import { isVaultError, VaultError } from '../errors.js';
import { KDF_BOUNDS, validateKdfParams } from '../kdf.js';
import type { ImportEntry, ParsedImport } from './types.js';
import { isRecord, optionalString, previewLabel, toEntry, unsupported } from './util.js';

/** Aegis slot type for a password-derived key (0 = raw, 2 = biometric: unusable outside the phone). */
const PASSWORD_SLOT = 1;

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
    throw new VaultError('UNSUPPORTED_VERSION', `Unsupported Aegis export version ${String(json.version)}.`);
  const header = json.header as Record<string, unknown>;
  if (isRecord(json.db)) return { format: 'aegis', entries: parseAegisDatabase(json.db) };
  if (typeof json.db !== 'string') throw new VaultError('CORRUPT_VAULT', 'The Aegis export has no database.');
  if (passphrase === undefined || passphrase === '') {
    throw new VaultError('PASSPHRASE_REQUIRED', 'This Aegis export is encrypted: enter its password.');
  }
  const params = header.params;
  if (!Array.isArray(header.slots) || !isRecord(params))
    throw new VaultError('CORRUPT_VAULT', 'The Aegis header is incomplete.');
  const masterKey = await unwrapMasterKey(header.slots, passphrase);
  const plaintext = await aesGcmDecrypt(
    masterKey,
    hexToBytes(String(params.nonce), 'Aegis nonce'),
    concatBytes(
      base64ToBytes(json.db.replace(/\s/g, ''), 'Aegis database'),
      hexToBytes(String(params.tag), 'Aegis tag'),
    ),
  ).catch((error: unknown) => {
    // The master key opened a slot, so a failure here is damage, not a wrong password.
    if (isVaultError(error, 'WRONG_PASSPHRASE'))
      throw new VaultError('CORRUPT_VAULT', 'The Aegis database is damaged.');
    throw error;
  });
  let db: unknown;
  try {
    db = JSON.parse(utf8.decode(plaintext));
  } catch (cause) {
    throw new VaultError('CORRUPT_VAULT', 'The decrypted Aegis database is not valid JSON.', { cause });
  }
  if (!isRecord(db)) throw new VaultError('CORRUPT_VAULT', 'The decrypted Aegis database is not an object.');
  return { format: 'aegis-encrypted', entries: parseAegisDatabase(db) };
}

async function unwrapMasterKey(slots: unknown[], passphrase: string): Promise<Uint8Array> {
  const passwordSlots = slots.filter(
    (slot): slot is Record<string, unknown> => isRecord(slot) && slot.type === PASSWORD_SLOT,
  );
  if (passwordSlots.length === 0) {
    throw new VaultError('UNSUPPORTED_IMPORT', 'This Aegis export has no password slot (only biometric or raw keys).');
  }
  for (const slot of passwordSlots.slice(0, 8)) {
    const salt = hexToBytes(String(slot.salt), 'Aegis salt');
    // Same bounds as our own vaults: a hostile file must not make us allocate gigabytes.
    validateKdfParams(
      { algorithm: 'scrypt', N: slot.n, r: slot.r, p: slot.p, salt: bytesToBase64(salt) },
      base64ToBytes,
    );
    const keyParams = isRecord(slot.key_params) ? slot.key_params : {};
    const wrapped = concatBytes(
      hexToBytes(String(slot.key), 'Aegis slot key'),
      hexToBytes(String(keyParams.tag), 'Aegis slot tag'),
    );
    const nonce = hexToBytes(String(keyParams.nonce), 'Aegis slot nonce');
    const { scryptAsync } = await import('@noble/hashes/scrypt.js');
    for (const password of passwordEncodings(passphrase, slot.repaired === true)) {
      const derived = await scryptAsync(password, salt, {
        N: slot.n as number,
        r: slot.r as number,
        p: slot.p as number,
        dkLen: 32,
        maxmem: KDF_BOUNDS.maxMemoryBytes + 1024 * 1024,
      });
      try {
        const masterKey = await aesGcmDecrypt(derived, nonce, wrapped);
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
  return db.entries.map((entry, index): ImportEntry => {
    const where = `Entry ${index + 1}`;
    if (!isRecord(entry)) return unsupported(where, 'Not an account record.');
    const label = previewLabel(entry.issuer, entry.name, where);
    const type = optionalString(entry.type)?.toLowerCase();
    if (type !== 'totp' && type !== 'hotp') {
      return unsupported(label, `${String(entry.type)} entries are not supported (only TOTP and HOTP).`);
    }
    const info = isRecord(entry.info) ? entry.info : {};
    return toEntry(label, () => ({
      type,
      issuer: optionalString(entry.issuer) ?? '',
      account: optionalString(entry.name) ?? '',
      secret: String(info.secret ?? ''),
      algorithm: (optionalString(info.algo) ?? 'SHA1').toUpperCase() as OtpAlgorithm,
      digits: typeof info.digits === 'number' ? info.digits : 6,
      period: typeof info.period === 'number' ? info.period : 30,
      counter: typeof info.counter === 'number' ? info.counter : 0,
    }));
  });
}
