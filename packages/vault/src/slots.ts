import { aesGcmDecrypt, aesGcmEncrypt, NONCE_BYTES, randomBytes } from './crypto.js';
import { base64ToBytes, bytesToBase64, utf8 } from './encoding.js';
import { describeValue, isVaultError, VaultError } from './errors.js';
import type { KdfParams } from './kdf.js';
import { validateOwnKdfParams } from './kdf.js';

/**
 * Vault key slots (format version 2). A random 256-bit vault key encrypts the accounts; each slot holds that key
 * wrapped (AES-256-GCM) under the key of one way to unlock: the passphrase (argon2id, always present, never
 * removable) or a passkey / security key (a key derived with HKDF-SHA-256 from its WebAuthn PRF output). A slot's
 * own header is its additional data, so a slot whose parameters were edited no longer unwraps; slots are not
 * bound to the accounts' ciphertext, so one damaged slot never takes the others (or the accounts) with it.
 */

export const VAULT_KEY_BYTES = 32;
/** The passphrase slot's fixed id: there is exactly one. */
export const PASSPHRASE_SLOT_ID = 'passphrase';
/** More passkeys than anyone registers; bounds what a hostile record can make us parse. */
export const MAX_PASSKEY_SLOTS = 10;
const MAX_SLOTS = MAX_PASSKEY_SLOTS + 1;
const MAX_LABEL_CHARS = 64;
/** WebAuthn credential ids are at most 1023 bytes (WebAuthn Level 3, §5.1.1 credential record). */
const MAX_CREDENTIAL_ID_BYTES = 1023;
export const PRF_SALT_BYTES = 32;
const HKDF_SALT_BYTES = 32;
/** Domain separation: this key wraps a vault key and nothing else. */
const HKDF_INFO = 'MFA Companion vault key slot v1';
const SLOT_AAD_MAGIC = 'MFA-COMPANION-VAULT-SLOT';

/** The vault key under one slot's key. `iv`, not `nonce`: readers find the accounts' nonce by its name. */
export interface WrappedVaultKey {
  algorithm: 'AES-256-GCM';
  iv: string;
  wrappedKey: string;
}

export interface PassphraseSlot {
  id: typeof PASSPHRASE_SLOT_ID;
  type: 'passphrase';
  kdf: KdfParams;
  wrap: WrappedVaultKey;
}

/** How the authenticator is attached, as WebAuthn reported it at registration; 'cross-platform' = security key. */
export type PasskeyAttachment = 'platform' | 'cross-platform' | 'unknown';

export interface PasskeySlot {
  id: string;
  type: 'passkey';
  /** WebAuthn credential id, base64url (what `allowCredentials` needs). */
  credentialId: string;
  /** The PRF input (`eval.first`), base64: the same 32 bytes at every unlock give the same output. */
  prfSalt: string;
  /** HKDF salt, base64. The PRF output itself is never stored. */
  hkdfSalt: string;
  attachment: PasskeyAttachment;
  label: string;
  createdAt: number;
  wrap: WrappedVaultKey;
}

export type VaultSlot = PassphraseSlot | PasskeySlot;

/** A slot that could not be read: kept as stored (nothing is dropped silently), reported with why. */
export interface DamagedSlot {
  index: number;
  id?: string;
  error: VaultError;
}

export interface ParsedSlots {
  passphrase?: PassphraseSlot;
  passkeys: PasskeySlot[];
  damaged: DamagedSlot[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;

export function bytesToBase64Url(bytes: Uint8Array): string {
  return bytesToBase64(bytes).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function base64UrlToBytes(text: string, what = 'base64url field'): Uint8Array {
  if (typeof text !== 'string' || !BASE64URL.test(text) || text.length % 4 === 1) {
    throw new VaultError('CORRUPT_VAULT', `The ${what} is not valid base64url.`);
  }
  const padded = text.replaceAll('-', '+').replaceAll('_', '/');
  return base64ToBytes(padded + '='.repeat((4 - (padded.length % 4)) % 4), what);
}

type SlotHead = (Omit<PassphraseSlot, 'wrap'> | Omit<PasskeySlot, 'wrap'>) & {
  wrap: Pick<WrappedVaultKey, 'algorithm' | 'iv'>;
};

function slotAad(slot: SlotHead): Uint8Array {
  // Fixed field order, rebuilt from the parsed fields: the label and date are cosmetic and left out.
  const parameters =
    slot.type === 'passphrase'
      ? slot.kdf.algorithm === 'argon2id'
        ? [slot.kdf.algorithm, slot.kdf.memoryKiB, slot.kdf.iterations, slot.kdf.parallelism, slot.kdf.salt]
        : [slot.kdf.algorithm, slot.kdf.N, slot.kdf.r, slot.kdf.p, slot.kdf.salt]
      : [slot.credentialId, slot.prfSalt, slot.hkdfSalt, slot.attachment];
  return utf8.encode(
    JSON.stringify([SLOT_AAD_MAGIC, slot.type, slot.id, parameters, slot.wrap.algorithm, slot.wrap.iv]),
  );
}

async function wrap<T extends VaultSlot>(slot: Omit<T, 'wrap'>, vaultKey: Uint8Array, slotKey: Uint8Array): Promise<T> {
  if (vaultKey.length !== VAULT_KEY_BYTES) throw new Error('The vault key must be 32 bytes.');
  const head = { algorithm: 'AES-256-GCM' as const, iv: bytesToBase64(randomBytes(NONCE_BYTES)) };
  const aad = slotAad({ ...slot, wrap: head } as unknown as SlotHead);
  const wrapped = await aesGcmEncrypt(slotKey, base64ToBytes(head.iv), vaultKey, aad);
  return { ...slot, wrap: { ...head, wrappedKey: bytesToBase64(wrapped) } } as T;
}

/** Unwraps the vault key; a wrong slot key and an edited slot look the same (`failure` says which words to use). */
async function unwrap(slot: VaultSlot, slotKey: Uint8Array, failure: 'WRONG_PASSPHRASE' | 'WRONG_PASSKEY') {
  try {
    const key = await aesGcmDecrypt(
      slotKey,
      base64ToBytes(slot.wrap.iv),
      base64ToBytes(slot.wrap.wrappedKey),
      slotAad(slot),
    );
    if (key.length !== VAULT_KEY_BYTES)
      throw new VaultError('CORRUPT_VAULT', 'The wrapped vault key has the wrong size.');
    return key;
  } catch (error) {
    if (isVaultError(error, 'WRONG_PASSPHRASE') && failure === 'WRONG_PASSKEY') {
      throw new VaultError('WRONG_PASSKEY', 'This passkey does not open the vault, or its slot was modified.', {
        cause: error,
      });
    }
    throw error;
  }
}

export function newVaultKey(): Uint8Array {
  return randomBytes(VAULT_KEY_BYTES);
}

/** The passphrase slot for a key already derived from the passphrase with `kdf` (createKey's result). */
export function wrapWithPassphraseKey(
  vaultKey: Uint8Array,
  passphraseKey: { key: Uint8Array; kdf: KdfParams },
): Promise<PassphraseSlot> {
  return wrap<PassphraseSlot>(
    { id: PASSPHRASE_SLOT_ID, type: 'passphrase', kdf: passphraseKey.kdf },
    vaultKey,
    passphraseKey.key,
  );
}

export function unwrapWithPassphraseKey(slot: PassphraseSlot, passphraseKey: Uint8Array): Promise<Uint8Array> {
  return unwrap(slot, passphraseKey, 'WRONG_PASSPHRASE');
}

/**
 * HKDF-SHA-256 (RFC 5869) from a PRF output to the AES-256 key that wraps the vault key in a passkey slot. Loaded on
 * first use, like scrypt: the popup's first paint does not carry it.
 */
export async function derivePasskeySlotKey(prfOutput: Uint8Array, hkdfSalt: Uint8Array): Promise<Uint8Array> {
  if (!(prfOutput instanceof Uint8Array) || prfOutput.length < 32) {
    throw new VaultError('WRONG_PASSKEY', 'The authenticator returned no usable PRF output.');
  }
  const [{ hkdf }, { sha256 }] = await Promise.all([import('@noble/hashes/hkdf.js'), import('@noble/hashes/sha2.js')]);
  return hkdf(sha256, prfOutput, hkdfSalt, utf8.encode(HKDF_INFO), 32);
}

/** What the browser gave when the credential was made (or first used) with `prfSalt` as the PRF input. */
export interface NewPasskey {
  credentialId: Uint8Array;
  prfSalt: Uint8Array;
  prfOutput: Uint8Array;
  attachment?: PasskeyAttachment;
  label: string;
  createdAt: number;
}

export function newPrfSalt(): Uint8Array {
  return randomBytes(PRF_SALT_BYTES);
}

export async function wrapWithPasskey(vaultKey: Uint8Array, passkey: NewPasskey): Promise<PasskeySlot> {
  const hkdfSalt = randomBytes(HKDF_SALT_BYTES);
  const credentialId = bytesToBase64Url(passkey.credentialId);
  if (passkey.credentialId.length === 0 || passkey.credentialId.length > MAX_CREDENTIAL_ID_BYTES) {
    throw new VaultError('CORRUPT_VAULT', 'The credential id has an impossible length.');
  }
  return wrap<PasskeySlot>(
    {
      id: `passkey-${credentialId.slice(0, 16)}-${bytesToBase64Url(randomBytes(6))}`,
      type: 'passkey',
      credentialId,
      prfSalt: bytesToBase64(passkey.prfSalt),
      hkdfSalt: bytesToBase64(hkdfSalt),
      attachment: passkey.attachment ?? 'unknown',
      label: cleanLabel(passkey.label),
      createdAt: passkey.createdAt,
    },
    vaultKey,
    await derivePasskeySlotKey(passkey.prfOutput, hkdfSalt),
  );
}

export async function unwrapWithPasskey(slot: PasskeySlot, prfOutput: Uint8Array): Promise<Uint8Array> {
  const slotKey = await derivePasskeySlotKey(prfOutput, base64ToBytes(slot.hkdfSalt, 'HKDF salt'));
  return unwrap(slot, slotKey, 'WRONG_PASSKEY');
}

function cleanLabel(label: unknown): string {
  const text = typeof label === 'string' ? label.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '') : '';
  return [...text.trim()].slice(0, MAX_LABEL_CHARS).join('');
}

function parseWrap(value: unknown): WrappedVaultKey {
  if (!isRecord(value) || value.algorithm !== 'AES-256-GCM') {
    throw new VaultError('CORRUPT_VAULT', 'The slot has no AES-256-GCM wrapped key.');
  }
  const { iv, wrappedKey } = value;
  if (typeof iv !== 'string' || base64ToBytes(iv, 'slot iv').length !== NONCE_BYTES) {
    throw new VaultError('CORRUPT_VAULT', 'The slot iv is missing or has the wrong length.');
  }
  if (typeof wrappedKey !== 'string' || base64ToBytes(wrappedKey, 'wrapped key').length !== VAULT_KEY_BYTES + 16) {
    throw new VaultError('CORRUPT_VAULT', 'The wrapped key is missing or has the wrong length.');
  }
  return { algorithm: 'AES-256-GCM', iv, wrappedKey };
}

function parseSlot(value: unknown): VaultSlot {
  if (!isRecord(value)) throw new VaultError('CORRUPT_VAULT', 'A slot is not an object.');
  if (value.type === 'passphrase') {
    if (value.id !== PASSPHRASE_SLOT_ID) throw new VaultError('CORRUPT_VAULT', 'The passphrase slot has another id.');
    // Our own floor and caps: an edited slot cannot weaken its own KDF or ask for gigabytes.
    const kdf = validateOwnKdfParams(value.kdf, (salt) => base64ToBytes(salt, 'salt'));
    return { id: PASSPHRASE_SLOT_ID, type: 'passphrase', kdf, wrap: parseWrap(value.wrap) };
  }
  if (value.type === 'passkey') {
    const { id, credentialId, prfSalt, hkdfSalt, attachment, label, createdAt } = value;
    if (typeof id !== 'string' || !/^passkey-[A-Za-z0-9_-]{1,64}$/.test(id)) {
      throw new VaultError('CORRUPT_VAULT', 'A passkey slot has an invalid id.');
    }
    const idBytes = base64UrlToBytes(credentialId as string, 'credential id');
    if (idBytes.length === 0 || idBytes.length > MAX_CREDENTIAL_ID_BYTES) {
      throw new VaultError('CORRUPT_VAULT', 'The credential id has an impossible length.');
    }
    if (typeof prfSalt !== 'string' || base64ToBytes(prfSalt, 'PRF salt').length !== PRF_SALT_BYTES) {
      throw new VaultError('CORRUPT_VAULT', 'The PRF salt is missing or has the wrong length.');
    }
    if (typeof hkdfSalt !== 'string' || base64ToBytes(hkdfSalt, 'HKDF salt').length !== HKDF_SALT_BYTES) {
      throw new VaultError('CORRUPT_VAULT', 'The HKDF salt is missing or has the wrong length.');
    }
    if (attachment !== 'platform' && attachment !== 'cross-platform' && attachment !== 'unknown') {
      throw new VaultError('CORRUPT_VAULT', `Unknown authenticator attachment ${describeValue(attachment)}.`);
    }
    return {
      id,
      type: 'passkey',
      credentialId: credentialId as string,
      prfSalt,
      hkdfSalt,
      attachment,
      label: cleanLabel(label),
      createdAt: typeof createdAt === 'number' && Number.isFinite(createdAt) ? createdAt : 0,
      wrap: parseWrap(value.wrap),
    };
  }
  throw new VaultError('UNSUPPORTED_VERSION', `Unknown slot type ${describeValue(value.type)}.`);
}

/**
 * Reads every slot on its own: a damaged one is reported in `damaged` and the others still open the vault. Only
 * the list itself being unreadable, too long, or holding two slots with one id, refuses the whole record.
 */
export function parseSlots(value: unknown): ParsedSlots {
  if (!Array.isArray(value)) throw new VaultError('CORRUPT_VAULT', 'The vault has no slot list.');
  if (value.length > MAX_SLOTS) throw new VaultError('INPUT_TOO_LARGE', `More than ${MAX_SLOTS} key slots.`);
  const parsed: ParsedSlots = { passkeys: [], damaged: [] };
  const ids = new Set<string>();
  value.forEach((raw, index) => {
    const rawId = isRecord(raw) && typeof raw.id === 'string' ? raw.id : undefined;
    if (rawId !== undefined) {
      if (ids.has(rawId)) throw new VaultError('CORRUPT_VAULT', 'Two key slots share the same id.');
      ids.add(rawId);
    }
    try {
      const slot = parseSlot(raw);
      if (slot.type === 'passphrase') parsed.passphrase = slot;
      else parsed.passkeys.push(slot);
    } catch (error) {
      if (!isVaultError(error)) throw error;
      parsed.damaged.push({ index, ...(rawId === undefined ? {} : { id: rawId }), error });
    }
  });
  return parsed;
}

/** The passphrase slot, or the typed reason it cannot be used. */
export function requirePassphraseSlot(slots: ParsedSlots): PassphraseSlot {
  if (slots.passphrase) return slots.passphrase;
  const damaged = slots.damaged.find((slot) => slot.id === PASSPHRASE_SLOT_ID);
  throw damaged?.error ?? new VaultError('CORRUPT_VAULT', 'The vault has no passphrase slot.');
}
