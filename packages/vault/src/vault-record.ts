import { aesGcmDecrypt, aesGcmEncrypt, NONCE_BYTES, randomBytes } from './crypto.js';
import { base64ToBytes, bytesToBase64, utf8 } from './encoding.js';
import {
  assertFormatVersion,
  type Envelope,
  MAX_ENVELOPE_CHARS,
  openEnvelopeWithKey,
  parseStoredObject,
  parseEnvelope as parseV1Envelope,
  readSealedData,
  type UnlockedKey,
} from './envelope.js';
import { isVaultError, VaultError } from './errors.js';
import { DEFAULT_KDF, type KdfParams } from './kdf.js';
import {
  MAX_PASSKEY_SLOTS,
  type NewPasskey,
  newVaultKey,
  PASSPHRASE_SLOT_ID,
  type ParsedSlots,
  type PasskeyAttachment,
  type PasskeySlot,
  parseSlots,
  requirePassphraseSlot,
  unwrapWithPasskey,
  unwrapWithPassphraseKey,
  wrapWithPasskey,
  wrapWithPassphraseKey,
} from './slots.js';

/**
 * The stored vault record, format version 2: the accounts under a random vault key, and the key slots that
 * each wrap that key. Field order matters to readers that look for the accounts' nonce near the start without
 * parsing the (large) ciphertext: `cipher` comes before `slots` and `ciphertext`.
 */
export interface VaultRecordV2 {
  magic: 'MFA-COMPANION-VAULT';
  version: 2;
  cipher: { algorithm: 'AES-256-GCM'; nonce: string };
  /** As stored: a damaged slot is kept byte for byte until the user removes it. */
  slots: unknown[];
  ciphertext: string;
}

export const VAULT_FORMAT_VERSION = 2;
const MAGIC = 'MFA-COMPANION-VAULT';

/** Which format a stored vault text is: the fast look at the start, the full parse only when that is unclear. */
export function vaultFormatVersion(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  const quick = /^\{"magic":"MFA-COMPANION-VAULT","version":(\d+),/.exec(text.slice(0, 80));
  if (quick) return Number(quick[1]);
  if (text.length > MAX_ENVELOPE_CHARS) return undefined;
  try {
    const value = JSON.parse(text) as { version?: unknown } | null;
    return typeof value?.version === 'number' ? value.version : undefined;
  } catch {
    return undefined;
  }
}

export function isSlotVault(text: string): boolean {
  return vaultFormatVersion(text) === VAULT_FORMAT_VERSION;
}

interface ReadRecord {
  record: VaultRecordV2;
  slots: ParsedSlots;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
}

function readRecord(text: string): ReadRecord {
  const raw = parseStoredObject(text);
  if (raw.magic !== MAGIC) throw new VaultError('CORRUPT_VAULT', 'This is not an MFA Companion vault.');
  assertFormatVersion(raw, VAULT_FORMAT_VERSION);
  const sealed = readSealedData(raw);
  const slots = parseSlots(raw.slots);
  return {
    record: {
      magic: MAGIC,
      version: VAULT_FORMAT_VERSION,
      cipher: { algorithm: 'AES-256-GCM', nonce: sealed.nonceText },
      slots: raw.slots as unknown[],
      ciphertext: sealed.ciphertextText,
    },
    slots,
    nonce: sealed.nonce,
    ciphertext: sealed.ciphertext,
  };
}

function dataAad(nonce: string): Uint8Array {
  return utf8.encode(JSON.stringify([MAGIC, VAULT_FORMAT_VERSION, 'AES-256-GCM', nonce]));
}

function serialise(record: VaultRecordV2): string {
  const { magic, version, cipher, slots, ciphertext } = record;
  return JSON.stringify({ magic, version, cipher, slots, ciphertext });
}

/** Encrypts the accounts under the vault key (fresh nonce) and stores them with `slots`, kept as they are. */
export async function sealVaultRecord(
  payload: unknown,
  vaultKey: Uint8Array,
  slots: readonly unknown[],
): Promise<string> {
  const nonce = bytesToBase64(randomBytes(NONCE_BYTES));
  const ciphertext = await aesGcmEncrypt(
    vaultKey,
    base64ToBytes(nonce),
    utf8.encode(JSON.stringify(payload)),
    dataAad(nonce),
  );
  return serialise({
    magic: MAGIC,
    version: VAULT_FORMAT_VERSION,
    cipher: { algorithm: 'AES-256-GCM', nonce },
    slots: [...slots],
    ciphertext: bytesToBase64(ciphertext),
  });
}

/** Decrypts the accounts with the vault key. The key came from a slot, so a failure here means edited data. */
export async function openVaultRecord(text: string, vaultKey: Uint8Array, keyIsProven = false): Promise<unknown> {
  const { record, nonce, ciphertext } = readRecord(text);
  let plaintext: Uint8Array;
  try {
    plaintext = await aesGcmDecrypt(vaultKey, nonce, ciphertext, dataAad(record.cipher.nonce));
  } catch (error) {
    if (keyIsProven && isVaultError(error, 'WRONG_PASSPHRASE')) {
      throw new VaultError('CORRUPT_VAULT', 'The accounts were modified: they no longer match the vault key.', {
        cause: error,
      });
    }
    throw error;
  }
  try {
    return JSON.parse(utf8.decode(plaintext));
  } catch (cause) {
    if (cause instanceof VaultError) throw cause;
    throw new VaultError('CORRUPT_VAULT', 'The decrypted data is not valid JSON.', { cause });
  }
}

/** A v2 record's header in the v1 envelope's shape (`kdf` = the passphrase slot's), for code that reads headers. */
export function parseEnvelope(kind: 'vault' | 'backup', text: string): Envelope & { slots?: ParsedSlots } {
  if (kind !== 'vault' || !isSlotVault(text)) return parseV1Envelope(kind, text);
  const { record, slots } = readRecord(text);
  return {
    magic: record.magic,
    version: record.version,
    kdf: requirePassphraseSlot(slots).kdf,
    cipher: record.cipher,
    ciphertext: record.ciphertext,
    slots,
  };
}

/** The vault key from the passphrase slot, given the key derived from the passphrase with that slot's KDF. */
export async function unwrapPassphraseSlot(text: string, derive: (kdf: UnlockedKey['kdf']) => Promise<Uint8Array>) {
  const { record, slots } = readRecord(text);
  const slot = requirePassphraseSlot(slots);
  return { vaultKey: await unwrapWithPassphraseKey(slot, await derive(slot.kdf)), kdf: slot.kdf, slots: record.slots };
}

/** Opens a v2 vault with a passkey's PRF output for slot `slotId`. */
export async function unwrapPasskeySlot(text: string, slotId: string, prfOutput: Uint8Array) {
  const { record, slots } = readRecord(text);
  const slot = slots.passkeys.find((candidate) => candidate.id === slotId);
  if (!slot) {
    const damaged = slots.damaged.find((candidate) => candidate.id === slotId);
    throw damaged?.error ?? new VaultError('SLOT_NOT_FOUND', 'No passkey slot with this id.');
  }
  // The session keeps the passphrase slot's KDF next to the key, as after a passphrase unlock. In a slot vault it
  // only describes that slot (nothing is sealed with it), so a damaged passphrase slot must not stop the passkey.
  const kdf = slots.passphrase?.kdf ?? ({ ...DEFAULT_KDF, salt: '' } as KdfParams);
  return { vaultKey: await unwrapWithPasskey(slot, prfOutput), kdf, slots: record.slots };
}

/**
 * The migration, old stored record → new stored record: a v1 vault (accounts under the passphrase key) becomes a
 * v2 vault whose random vault key encrypts the same accounts and whose passphrase slot wraps it. `passphraseKey`
 * is the key that opened the v1 record (so no KDF runs again) or, when the KDF settings are raised in the same
 * step, a fresh one. Nothing is written: the caller swaps the returned text in in one write.
 */
export async function migrateVaultRecord(
  v1Text: string,
  v1Key: Uint8Array,
  passphraseKey: UnlockedKey,
): Promise<{ text: string; vaultKey: Uint8Array; payload: unknown }> {
  const payload = await openEnvelopeWithKey('vault', v1Text, v1Key);
  const vaultKey = newVaultKey();
  const slot = await wrapWithPassphraseKey(vaultKey, passphraseKey);
  return { text: await sealVaultRecord(payload, vaultKey, [slot]), vaultKey, payload };
}

/** Replaces only the passphrase slot (passphrase change, KDF upgrade): the accounts' ciphertext is untouched. */
export async function rewrapPassphraseSlot(text: string, vaultKey: Uint8Array, passphraseKey: UnlockedKey) {
  const { record } = readRecord(text);
  await openVaultRecord(text, vaultKey);
  const slot = await wrapWithPassphraseKey(vaultKey, passphraseKey);
  const slots = record.slots.map((raw) => (isPassphraseRaw(raw) ? slot : raw));
  if (!slots.includes(slot)) slots.unshift(slot);
  return serialise({ ...record, slots });
}

function isPassphraseRaw(raw: unknown): boolean {
  const candidate = raw as { id?: unknown; type?: unknown } | null;
  return candidate?.id === PASSPHRASE_SLOT_ID || candidate?.type === 'passphrase';
}

/** Adds a passkey slot wrapping `vaultKey`, which must open this record (we never store a key that opens nothing). */
export async function addPasskeySlot(text: string, vaultKey: Uint8Array, passkey: NewPasskey) {
  const { record, slots } = readRecord(text);
  await openVaultRecord(text, vaultKey);
  if (slots.passkeys.length + slots.damaged.length >= MAX_PASSKEY_SLOTS) {
    throw new VaultError('INPUT_TOO_LARGE', `At most ${MAX_PASSKEY_SLOTS} passkeys.`);
  }
  const slot = await wrapWithPasskey(vaultKey, passkey);
  return { text: serialise({ ...record, slots: [...record.slots, slot] }), slot };
}

/** Removes a passkey slot (or a damaged one) by id. The passphrase slot always stays. */
export function removeSlot(text: string, slotId: string): string {
  if (slotId === PASSPHRASE_SLOT_ID) {
    throw new VaultError('PASSPHRASE_SLOT_REQUIRED', 'The passphrase slot cannot be removed.');
  }
  const { record } = readRecord(text);
  const slots = record.slots.filter((raw) => (raw as { id?: unknown } | null)?.id !== slotId);
  if (slots.length === record.slots.length) throw new VaultError('SLOT_NOT_FOUND', 'No key slot with this id.');
  return serialise({ ...record, slots });
}

/** What the UI shows and what the popup needs to ask for a passkey: never a key, never a PRF output. */
export interface SlotSummary {
  passkeys: Array<
    Pick<PasskeySlot, 'id' | 'credentialId' | 'prfSalt' | 'label' | 'createdAt'> & {
      attachment: PasskeyAttachment;
    }
  >;
  damaged: Array<{ id?: string; code: VaultError['code'] }>;
}

/** The slots of a stored vault; a v1 vault (not migrated yet) has none but the passphrase. */
export function listSlots(text: string): SlotSummary {
  if (!isSlotVault(text)) return { passkeys: [], damaged: [] };
  const { slots } = readRecord(text);
  return {
    passkeys: slots.passkeys.map(({ id, credentialId, prfSalt, label, createdAt, attachment }) => ({
      id,
      credentialId,
      prfSalt,
      label,
      createdAt,
      attachment,
    })),
    damaged: slots.damaged.map(({ id, error }) => ({ ...(id === undefined ? {} : { id }), code: error.code })),
  };
}
