// Builders for other apps' export files, written from what their sources say (see the comments of each
// importer). Encryption uses node:crypto (OpenSSL: its own MD5, AES, PBKDF2 and argon2id), an implementation
// independent of the @noble/hashes and WebCrypto code the importers run, so a shared mistake cannot pass.
import { argon2Sync, createCipheriv, createHash, pbkdf2Sync, randomBytes } from 'node:crypto';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const b64NoPad = (bytes: Uint8Array) => b64(bytes).replace(/=+$/, '');

/** What `CryptoJS.AES.encrypt(text, passphrase).toString()` returns: OpenSSL "Salted__" format, base64. */
export function cryptoJsEncrypt(plaintext: string | Uint8Array, passphrase: string, salt = randomBytes(8)): string {
  const password = Buffer.from(passphrase, 'utf8');
  let material = Buffer.alloc(0);
  let previous = Buffer.alloc(0);
  while (material.length < 48) {
    previous = createHash('md5')
      .update(Buffer.concat([previous, password, salt]))
      .digest();
    material = Buffer.concat([material, previous]);
  }
  const cipher = createCipheriv('aes-256-cbc', material.subarray(0, 32), material.subarray(32, 48));
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : Buffer.from(plaintext);
  return b64(Buffer.concat([Buffer.from('Salted__'), salt, cipher.update(data), cipher.final()]));
}

function argon2id(message: string | Uint8Array, nonce: Uint8Array, memory = 19 * 1024, passes = 2, tagLength = 32) {
  return argon2Sync('argon2id', { message, nonce, parallelism: 1, tagLength, memory, passes });
}

/** The extension's genHash salt: eight random 16-bit numbers in hex, concatenated (8–32 characters). */
function extensionSalt(): string {
  return Array.from(new Uint16Array(randomBytes(16).buffer), (word) => word.toString(16)).join('');
}

/**
 * An Authenticator extension backup with a v3 `Key`: every entry becomes an EncOTPStorage record whose
 * data is CryptoJS AES of its JSON under base64(argon2id(passphrase, salt)).
 */
export function authenticatorV3Backup(
  entries: Record<string, Record<string, unknown>>,
  passphrase: string,
  options: { keyHash?: string; keyId?: string } = {},
) {
  const keyId = options.keyId ?? '8f4d2a60-3b6c-4d0e-9a51-2c7b8e9f0a11';
  const salt = extensionSalt();
  const saltedHash = b64NoPad(argon2id(passphrase, Buffer.from(salt, 'utf8')));
  const hashSalt = Buffer.from(extensionSalt(), 'utf8');
  const hashOfHash = `$argon2id$v=19$m=19456,t=2,p=1$${b64NoPad(hashSalt)}$${b64NoPad(argon2id(saltedHash, hashSalt))}`;
  const file: Record<string, unknown> = {};
  for (const [hash, entry] of Object.entries(entries)) {
    const stored = { ...entry, encrypted: true, hash, keyId, dataType: 'OTPStorage' };
    file[hash] = {
      dataType: 'EncOTPStorage',
      keyId,
      data: cryptoJsEncrypt(JSON.stringify(stored), saltedHash),
      index: entry.index,
    };
  }
  file[keyId] = { dataType: 'Key', id: keyId, salt, hash: options.keyHash ?? hashOfHash, version: 3 };
  return file;
}

/** v2 (2020–2024): `key.enc` wraps 120 random bytes; their hex encrypts each entry's secret. */
export function authenticatorV2Backup(
  entries: Record<string, Record<string, unknown>>,
  passphrase: string,
  bugTopLevel = false,
) {
  const randomKey = randomBytes(120);
  const hexKey = randomKey.toString('hex');
  const file: Record<string, unknown> = {};
  for (const [hash, entry] of Object.entries(entries)) {
    file[hash] = { ...entry, hash, encrypted: true, secret: cryptoJsEncrypt(entry.secret as string, hexKey) };
  }
  const key = { enc: cryptoJsEncrypt(randomKey, passphrase), hash: '$argon2id$v=19$m=16,t=1,p=1$c2FsdHNhbHQ$aGFzaA' };
  if (bugTopLevel) Object.assign(file, key);
  else file.key = key;
  return file;
}

/** v1: each secret encrypted under the passphrase itself. */
export function authenticatorV1Backup(entries: Record<string, Record<string, unknown>>, passphrase: string) {
  const file: Record<string, unknown> = {};
  for (const [hash, entry] of Object.entries(entries)) {
    file[hash] = { ...entry, hash, encrypted: true, secret: cryptoJsEncrypt(entry.secret as string, passphrase) };
  }
  return file;
}

function gcm(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array, aad?: Uint8Array) {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  if (aad) cipher.setAAD(aad);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

export const TWOFAS_REFERENCE =
  'tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd';

/** A password-protected .2fas file as the Android app (256-byte salt) or the iOS app (32-byte) writes it. */
export function twoFasEncrypted(
  services: unknown[],
  password: string,
  saltBytes = 256,
  extra: Record<string, unknown> = {},
) {
  const salt = randomBytes(saltBytes);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, 10_000, 32, 'sha256');
  const part = (plaintext: string) => {
    const iv = randomBytes(12);
    return `${b64(gcm(key, iv, Buffer.from(plaintext, 'utf8')))}:${b64(salt)}:${b64(iv)}`;
  };
  return {
    services: [],
    groups: [],
    updatedAt: 1733130000000,
    schemaVersion: 4,
    appVersionCode: 5100000,
    appVersionName: '5.1.0',
    appOrigin: 'android',
    servicesEncrypted: part(JSON.stringify(services)),
    reference: part(TWOFAS_REFERENCE),
    ...extra,
  };
}

/** andOTP .json.aes: iterations ‖ salt ‖ IV ‖ GCM(ciphertext ‖ tag), PBKDF2-HMAC-SHA1 key. */
export function andOtpEncrypted(entries: unknown[], password: string, iterations = 148_213): Uint8Array {
  const salt = randomBytes(12);
  const iv = randomBytes(12);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha1');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(iterations);
  return new Uint8Array(Buffer.concat([header, salt, iv, gcm(key, iv, Buffer.from(JSON.stringify(entries), 'utf8'))]));
}

/** The older andOTP format: IV ‖ GCM(ciphertext ‖ tag) with SHA-256(password) as the key. */
export function andOtpOldEncrypted(entries: unknown[], password: string): Uint8Array {
  const iv = randomBytes(12);
  const key = createHash('sha256').update(password, 'utf8').digest();
  return new Uint8Array(Buffer.concat([iv, gcm(key, iv, Buffer.from(JSON.stringify(entries), 'utf8'))]));
}

/** Proton Authenticator's password-protected export. */
export function protonEncrypted(plainExport: unknown, password: string) {
  const salt = randomBytes(16);
  const nonce = randomBytes(12);
  const key = argon2id(password, salt);
  const sealed = gcm(
    key,
    nonce,
    Buffer.from(JSON.stringify(plainExport), 'utf8'),
    Buffer.from('proton.authenticator.export.v1'),
  );
  return { version: 1, salt: b64(salt), content: b64(Buffer.concat([nonce, sealed])) };
}

/** Java's signed bytes, as Gson writes a byte[] (FreeOTP+). */
export function javaBytes(bytes: Uint8Array): number[] {
  return Array.from(bytes, (byte) => (byte > 127 ? byte - 256 : byte));
}

/** A hand-written Google Authenticator MigrationPayload, so accounts our encoder refuses (MD5) can be made. */
export function migrationUri(
  accounts: Array<{
    secret: Uint8Array;
    name: string;
    issuer?: string;
    algorithm?: number;
    digits?: number;
    type?: number;
    counter?: number;
  }>,
): string {
  const varint = (value: number) => {
    const out: number[] = [];
    let rest = value;
    while (rest > 0x7f) {
      out.push((rest & 0x7f) | 0x80);
      rest = Math.floor(rest / 128);
    }
    out.push(rest);
    return out;
  };
  const bytesField = (field: number, bytes: Uint8Array) => [(field << 3) | 2, ...varint(bytes.length), ...bytes];
  const varintField = (field: number, value: number) => [field << 3, ...varint(value)];
  const payload: number[] = [];
  for (const account of accounts) {
    const parameters = [
      ...bytesField(1, account.secret),
      ...bytesField(2, Buffer.from(account.name, 'utf8')),
      ...(account.issuer ? bytesField(3, Buffer.from(account.issuer, 'utf8')) : []),
      ...varintField(4, account.algorithm ?? 1),
      ...varintField(5, account.digits ?? 1),
      ...varintField(6, account.type ?? 2),
      ...(account.counter !== undefined ? varintField(7, account.counter) : []),
    ];
    payload.push(...bytesField(1, Uint8Array.from(parameters)));
  }
  payload.push(...varintField(2, 1), ...varintField(3, 1), ...varintField(4, 0), ...varintField(5, 424242));
  return `otpauth-migration://offline?data=${encodeURIComponent(b64(Uint8Array.from(payload)))}`;
}
