import type { AccountInput } from '../account.js';
import { base64ToBytes, bytesToBase64, hexToBytes, utf8 } from '../encoding.js';
import { describeValue, isVaultError, VaultError } from '../errors.js';
import { deriveArgon2id } from '../kdf.js';
import { MAX_ACCOUNTS } from '../vault.js';
import { parseBoundedJson } from './limits.js';
import { decryptCryptoJsAes } from './openssl-aes.js';
import type { ImportEntry, ParsedImport } from './types.js';
import {
  assertListLength,
  invalidEntry,
  isRecord,
  numberish,
  optionalString,
  previewLabel,
  steamInput,
  toEntry,
  unsupported,
} from './util.js';

/*
 * The "Authenticator" browser extension (github.com/Authenticator-Extension/Authenticator), read from its
 * source (src/models/storage.ts, src/import.ts, src/store/Accounts.ts):
 * - A backup is one JSON object keyed by entry hash (a UUID). Plain entries (`OTPStorage`) hold `secret`,
 *   `type` (totp, hotp, battle, steam, hex, hhex), `issuer`, `account`, `index` and, only when not the
 *   default, `period`, `digits`, `algorithm` (SHA256, SHA512, GOST3411_2012_256/512) and `counter`.
 * - Since the 2024 encryption rework, a passphrase-protected backup holds `EncOTPStorage` records
 *   (`{dataType, keyId, data, index}`, `data` = CryptoJS AES of the entry's JSON) next to a `Key` record
 *   (`{dataType: "Key", id, salt, hash, version: 3}`). The CryptoJS passphrase is the base64 hash part of
 *   argon2id(passphrase, salt, m = 19 MiB, t = 2, p = 1, 32 bytes); `hash` is the encoded argon2id hash of
 *   that string, so the passphrase can be checked before decrypting.
 * - Older encrypted variants it still reads: v2 (2020–2024) has a `key: {enc, hash}` record (`enc` =
 *   CryptoJS AES of 120 random bytes under the passphrase; their hex is the passphrase of each entry's
 *   `secret`, and entries say `encrypted: true`); a bug in that era wrote `enc`/`hash` at the top level
 *   instead. v1 encrypted each `secret` under the passphrase itself.
 */

/** The extension's own argon2id setting (src/argon.ts). */
const EXTENSION_ARGON2 = { memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 } as const;

/** Bounds for the argon2id password check stored in a `Key` record (the extension uses its own setting). */
const MAX_CHECK_MEMORY_KIB = 64 * 1024;
const MAX_CHECK_ITERATIONS = 8;

/** Most distinct `Key` records one import will derive (the extension writes one; sync conflicts add a few). */
const MAX_KEYS = 4;

const RECORD_TYPES = new Set(['OTPStorage', 'EncOTPStorage', 'Key']);

/** True when every member of the object is an entry or key of this extension's backup. */
export function isAuthenticatorExtensionBackup(json: Record<string, unknown>): boolean {
  let entries = 0;
  let keys = 0;
  for (const [name, value] of Object.entries(json)) {
    if ((name === 'enc' || name === 'hash') && typeof value === 'string') continue;
    if (!isRecord(value)) return false;
    if (name === 'key' && typeof value.enc === 'string') keys++;
    else if (value.dataType === 'Key') keys++;
    else if (typeof value.dataType === 'string' && RECORD_TYPES.has(value.dataType)) entries++;
    else if (typeof value.secret === 'string' && ('encrypted' in value || 'hash' in value || 'type' in value))
      entries++;
    else return false;
    if (entries > MAX_ACCOUNTS) return true;
  }
  return entries > 0 || keys > 0;
}

interface ExtensionRecord {
  where: string;
  value: Record<string, unknown>;
}

export async function parseAuthenticatorExtension(
  json: Record<string, unknown>,
  passphrase: string | undefined,
): Promise<ParsedImport> {
  const names = Object.keys(json);
  assertListLength(names, MAX_ACCOUNTS + MAX_KEYS + 3, 'entries');
  const keys = new Map<string, Record<string, unknown>>();
  const records: ExtensionRecord[] = [];
  let oldKey: string | undefined;
  for (const name of names) {
    const value = json[name];
    if (name === 'key' && isRecord(value) && typeof value.enc === 'string') oldKey = value.enc;
    else if (name === 'enc' && typeof value === 'string') oldKey = value;
    else if (name === 'hash' && typeof value === 'string') continue;
    else if (isRecord(value) && value.dataType === 'Key') {
      if (typeof value.id === 'string') keys.set(value.id, value);
    } else if (isRecord(value)) records.push({ where: name, value });
  }
  // The extension shows entries by `index`; records without one keep their place in the file.
  const ordered = records
    .map((record, position) => ({ record, position, index: record.value.index }))
    .sort((a, b) => sortIndex(a.index, a.position) - sortIndex(b.index, b.position) || a.position - b.position)
    .map(({ record }) => record);

  const encrypted = ordered.some(({ value }) => value.dataType === 'EncOTPStorage' || value.encrypted === true);
  if (!encrypted) {
    return {
      format: 'authenticator-extension',
      entries: ordered.map(({ where, value }) => toExtensionEntry(where, value)),
    };
  }
  if (typeof passphrase !== 'string' || passphrase === '') {
    throw new VaultError(
      'PASSPHRASE_REQUIRED',
      'This Authenticator extension backup is encrypted: enter its password.',
    );
  }
  const reader = new EncryptedReader(keys, oldKey, passphrase);
  const entries: ImportEntry[] = [];
  let opened = 0;
  let locked = 0;
  for (const { where, value } of ordered) {
    const decrypted = await reader.open(where, value);
    if ('entry' in decrypted) {
      if (decrypted.wasEncrypted) opened++;
      entries.push(decrypted.entry);
    } else {
      locked++;
      entries.push(
        invalidEntry(
          previewLabel(value.issuer, value.account, entryLabel(where)),
          'UNREADABLE_ENTRY',
          decrypted.problem,
        ),
      );
    }
  }
  if (opened === 0 && locked > 0) {
    throw new VaultError('WRONG_PASSPHRASE', 'Wrong password for this Authenticator extension backup.');
  }
  return { format: 'authenticator-extension-encrypted', entries };
}

function sortIndex(index: unknown, position: number): number {
  return typeof index === 'number' && Number.isFinite(index) ? index : MAX_ACCOUNTS + position;
}

function entryLabel(where: string): string {
  return `Entry ${where.slice(0, 40)}`;
}

type Opened = { entry: ImportEntry; wasEncrypted: boolean } | { problem: string };

/** Decrypts entries of any of the extension's encryption versions, deriving each key at most once. */
class EncryptedReader {
  private readonly unlocked = new Map<string, Promise<string | null>>();
  private oldKeyPassphrase: Promise<string | null> | undefined;

  constructor(
    private readonly keys: Map<string, Record<string, unknown>>,
    private readonly oldKey: string | undefined,
    private readonly passphrase: string,
  ) {
    if (keys.size > MAX_KEYS) {
      throw new VaultError('KDF_PARAMS_OUT_OF_BOUNDS', `This backup holds ${keys.size} encryption keys.`);
    }
  }

  async open(where: string, value: Record<string, unknown>): Promise<Opened> {
    if (value.dataType === 'EncOTPStorage') {
      const keyId = optionalString(value.keyId) ?? '';
      const key = this.keys.get(keyId);
      if (!key) return { problem: 'This entry is encrypted with a key that is not in the file.' };
      let pending = this.unlocked.get(keyId);
      if (!pending) {
        pending = unlockKey(key, this.passphrase);
        this.unlocked.set(keyId, pending);
      }
      const entryPassphrase = await pending;
      if (entryPassphrase === null) return { problem: 'This entry is encrypted with another password.' };
      let inner: unknown;
      try {
        inner = parseBoundedJson(
          utf8.decode(await decryptCryptoJsAes(value.data, entryPassphrase)),
          'An entry is not valid JSON.',
        );
      } catch (error) {
        if (isVaultError(error, 'INPUT_TOO_LARGE')) throw error;
        if (error instanceof SyntaxError || isVaultError(error))
          return { problem: 'This encrypted entry is damaged and cannot be read.' };
        throw error;
      }
      if (!isRecord(inner)) return { problem: 'This encrypted entry is damaged and cannot be read.' };
      return { entry: toExtensionEntry(where, { ...inner, encrypted: false }), wasEncrypted: true };
    }
    if (value.encrypted !== true) return { entry: toExtensionEntry(where, value), wasEncrypted: false };
    // v2: the entries' passphrase is the hex of a random key stored encrypted under the user's; v1: the user's.
    let secretPassphrase: string | null = this.passphrase;
    if (this.oldKey !== undefined) {
      this.oldKeyPassphrase ??= decryptCryptoJsAes(this.oldKey, this.passphrase).then(
        (bytes) => Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(''),
        (error: unknown) => {
          if (isVaultError(error)) return null;
          throw error;
        },
      );
      secretPassphrase = await this.oldKeyPassphrase;
      if (secretPassphrase === null) return { problem: 'Wrong password for this entry.' };
    }
    let secret: string;
    try {
      secret = utf8.decode(await decryptCryptoJsAes(value.secret, secretPassphrase));
    } catch (error) {
      if (isVaultError(error)) return { problem: 'Wrong password for this entry, or the entry is damaged.' };
      throw error;
    }
    if (!/^[A-Za-z0-9=\-\s]+$/.test(secret)) return { problem: 'Wrong password for this entry.' };
    return { entry: toExtensionEntry(where, { ...value, secret, encrypted: false }), wasEncrypted: true };
  }
}

/**
 * The CryptoJS passphrase a `Key` record unlocks, or null when `passphrase` is not the one it was made
 * with (checked against the record's `hash` when it is an argon2id hash we can read).
 */
async function unlockKey(key: Record<string, unknown>, passphrase: string): Promise<string | null> {
  if (typeof key.salt !== 'string' || key.salt === '')
    throw new VaultError('CORRUPT_VAULT', 'A backup key has no salt.');
  if (key.salt.length > 256) throw new VaultError('CORRUPT_VAULT', 'A backup key has an oversized salt.');
  // argon2-browser hashes a string salt as its UTF-8 bytes.
  const derived = await deriveArgon2id(passphrase, utf8.encode(key.salt), EXTENSION_ARGON2);
  const entryPassphrase = bytesToBase64(derived).replace(/=+$/, '');
  const check = parseEncodedArgon2id(key.hash);
  if (!check) return entryPassphrase;
  // The extension writes m = 19 MiB, t = 2; a check asking for far more is a hostile file, not a backup.
  if (check.cost.memoryKiB > MAX_CHECK_MEMORY_KIB || check.cost.iterations > MAX_CHECK_ITERATIONS) {
    throw new VaultError('KDF_PARAMS_OUT_OF_BOUNDS', 'The backup key asks for an unreasonable password check.');
  }
  const expected = await deriveArgon2id(entryPassphrase, check.salt, check.cost, check.hash.length);
  return constantTimeEqual(expected, check.hash) ? entryPassphrase : null;
}

/** `$argon2id$v=19$m=…,t=…,p=…$salt$hash` (PHC string format, unpadded base64), or undefined. */
function parseEncodedArgon2id(encoded: unknown) {
  if (typeof encoded !== 'string' || encoded.length > 512) return undefined;
  const match = /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(
    encoded,
  );
  if (!match) return undefined;
  const unpadded = (text: string) => base64ToBytes(text + '='.repeat((4 - (text.length % 4)) % 4), 'key hash');
  try {
    const hash = unpadded(match[5] as string);
    if (hash.length < 16 || hash.length > 64) return undefined;
    return {
      cost: { memoryKiB: Number(match[1]), iterations: Number(match[2]), parallelism: Number(match[3]) },
      salt: unpadded(match[4] as string),
      hash,
    };
  } catch {
    return undefined;
  }
}

function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let index = 0; index < a.length; index++) difference |= (a[index] as number) ^ (b[index] as number);
  return difference === 0;
}

const TYPE_BY_NUMBER = ['', 'totp', 'hotp', 'battle', 'steam', 'hex', 'hhex'];
const ALGORITHM_BY_NUMBER = ['', 'SHA1', 'SHA256', 'SHA512', 'GOST3411_2012_256', 'GOST3411_2012_512'];

function typeName(value: unknown): string {
  if (value === undefined || value === null || value === '') return 'totp';
  const number = numberish(value);
  if (typeof number === 'number') return TYPE_BY_NUMBER[number] ?? `type #${number}`;
  return typeof value === 'string' ? value.toLowerCase() : describeValue(value);
}

function algorithmName(value: unknown): unknown {
  const number = numberish(value);
  if (typeof number === 'number') return ALGORITHM_BY_NUMBER[number] ?? value;
  return value ?? 'SHA1';
}

/** One decrypted entry (RawOTPStorage) as an account input, the way the extension itself reads it. */
function toExtensionEntry(where: string, value: Record<string, unknown>): ImportEntry {
  const label = previewLabel(value.issuer, value.account, entryLabel(where));
  if (typeof value.secret !== 'string' || value.secret === '') {
    return invalidEntry(label, 'MISSING_SECRET', 'This entry has no secret.');
  }
  let secret = value.secret.replace(/\s/g, '');
  let type = typeName(value.type);
  // Entries added from old Battle.net/Steam links carry the kind as a secret prefix.
  const prefix = /^(blz-|bliz-|stm-)/.exec(secret)?.[1];
  if (prefix) {
    secret = secret.slice(prefix.length);
    type = prefix === 'stm-' ? 'steam' : 'battle';
  }
  // Like the extension: a hex-only secret on a TOTP/HOTP entry is a hex key.
  const hexOnly = !/^[a-z2-7]+=*$/i.test(secret) && /^[0-9a-f]+$/i.test(secret);
  if (hexOnly && type === 'totp') type = 'hex';
  if (hexOnly && type === 'hotp') type = 'hhex';
  const issuer = optionalString(value.issuer) ?? '';
  const account = optionalString(value.account) ?? '';
  const algorithm = algorithmName(value.algorithm);
  if (typeof algorithm === 'string' && algorithm.startsWith('GOST')) {
    return unsupported(label, `${algorithm} (GOST) codes are not supported (only SHA1, SHA256 and SHA512).`);
  }
  const common = { issuer, account, algorithm: algorithm as AccountInput['algorithm'] };
  // The extension only applies a stored period to TOTP entries (hex and Battle.net ones always use 30 s).
  const period = numberish(value.period ?? 30) as number;
  const digits = numberish(value.digits ?? 6) as number;
  const counter = numberish(value.counter ?? 0) as number;
  switch (type) {
    case 'totp':
      return toEntry(label, () => ({ ...common, type: 'totp', secret, digits, period }));
    case 'hotp':
      return toEntry(label, () => ({ ...common, type: 'hotp', secret, digits, counter }));
    case 'hex':
      return toEntry(label, () => ({ ...common, type: 'totp', secret: hexToBytes(evenHex(secret), 'secret'), digits }));
    case 'hhex':
      return toEntry(label, () => ({
        ...common,
        type: 'hotp',
        secret: hexToBytes(evenHex(secret), 'secret'),
        digits,
        counter,
      }));
    case 'battle':
      // Battle.net authenticators: 8-digit SHA1 TOTP on 30 s (the extension forces 8 digits).
      return toEntry(label, () => ({ ...common, type: 'totp', secret, digits: 8 }));
    case 'steam':
      return toEntry(label, () => steamInput({ issuer, account, secret }));
    default:
      return unsupported(label, `${type.slice(0, 40)} entries are not supported.`);
  }
}

/** The extension drops a trailing 0 nibble (or adds one) to an odd-length hex key; do the same. */
function evenHex(hex: string): string {
  if (hex.length % 2 === 0) return hex;
  return hex.endsWith('0') ? hex.slice(0, -1) : `${hex}0`;
}
