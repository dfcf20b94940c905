import {
  ACCOUNT_LIMITS,
  type Account,
  AccountValidationError,
  canonicalAccount,
  validateAccountInput,
} from './account.js';
import { base64ToBytes } from './encoding.js';
import {
  assertPassphrase,
  createKey,
  openEnvelope,
  openEnvelopeWithKey,
  sealEnvelope,
  type UnlockedKey,
} from './envelope.js';
import { VaultError } from './errors.js';
import { DEFAULT_KDF, deriveKey, type KdfCost, kdfNeedsUpgrade } from './kdf.js';
import { newVaultKey, wrapWithPassphraseKey } from './slots.js';
import {
  isSlotVault,
  migrateVaultRecord,
  openVaultRecord,
  rewrapPassphraseSlot,
  sealVaultRecord,
  unwrapPasskeySlot,
  unwrapPassphraseSlot,
} from './vault-record.js';

/** The decrypted content of a vault. */
export interface VaultData {
  accounts: Account[];
}

/** More than anyone carries; bounds what a hostile backup can make us hold. */
export const MAX_ACCOUNTS = 10_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Field types only (no OTP re-validation): the cheap check for content we sealed ourselves. */
function checkStoredAccountShape(value: unknown, index: number): Account {
  const where = `Account #${index + 1}`;
  if (!isRecord(value)) throw new VaultError('CORRUPT_VAULT', `${where} is not an object.`);
  const {
    id,
    issuer,
    account,
    secret,
    type,
    algorithm,
    digits,
    period,
    counter,
    sites,
    pinned,
    order,
    createdAt,
    updatedAt,
  } = value;
  const checks: Array<[boolean, string]> = [
    [typeof id === 'string' && id.length > 0 && id.length <= 64, 'id'],
    [typeof issuer === 'string', 'issuer'],
    [typeof account === 'string', 'account'],
    [typeof secret === 'string' && /^[A-Z2-7]+$/.test(secret), 'secret'],
    [type === 'totp' || type === 'hotp' || type === 'steam', 'type'],
    [algorithm === 'SHA1' || algorithm === 'SHA256' || algorithm === 'SHA512', 'algorithm'],
    [typeof digits === 'number' && Number.isInteger(digits), 'digits'],
    [typeof period === 'number' && Number.isInteger(period) && period > 0, 'period'],
    [typeof counter === 'number' && Number.isSafeInteger(counter) && counter >= 0, 'counter'],
    [typeof pinned === 'boolean', 'pinned'],
    [typeof order === 'number' && Number.isFinite(order), 'order'],
    [typeof createdAt === 'number' && Number.isFinite(createdAt), 'createdAt'],
    [typeof updatedAt === 'number' && Number.isFinite(updatedAt), 'updatedAt'],
    [Array.isArray(sites) && sites.every((site) => typeof site === 'string'), 'sites'],
  ];
  for (const [ok, field] of checks) {
    if (!ok) throw new VaultError('CORRUPT_VAULT', `${where} has an invalid "${field}" field.`);
  }
  if (
    (issuer as string).length > ACCOUNT_LIMITS.maxIssuerChars ||
    (account as string).length > ACCOUNT_LIMITS.maxAccountChars
  ) {
    throw new VaultError('INVALID_ACCOUNT', `${where} has a field that is too long.`);
  }
  return canonicalAccount(value as unknown as Account);
}

/**
 * Checks one stored account field by field and re-validates its OTP parameters. Stored accounts are
 * returned as they were (no normalisation) so a backup round trip is byte for byte.
 */
export function parseStoredAccount(value: unknown, index: number): Account {
  const where = `Account #${index + 1}`;
  const shaped = checkStoredAccountShape(value, index);
  try {
    const normalised = validateAccountInput(shaped);
    if (normalised.secret !== shaped.secret) {
      throw new VaultError('CORRUPT_VAULT', `${where} has a non-canonical secret.`);
    }
  } catch (error) {
    if (error instanceof AccountValidationError) {
      throw new VaultError('INVALID_ACCOUNT', `${where}: ${error.message}`, { cause: error });
    }
    throw error;
  }
  return shaped;
}

/**
 * Checks decrypted vault content. `verifyOtp: false` skips re-deriving every account's OTP parameters and
 * is only for content this extension sealed itself after a full check (AES-GCM proves it is unchanged);
 * anything from outside (backups, imports) always gets the full check.
 */
export function parseVaultData(payload: unknown, options: { verifyOtp?: boolean } = {}): VaultData {
  if (!isRecord(payload) || !Array.isArray(payload.accounts)) {
    throw new VaultError('CORRUPT_VAULT', 'The vault content has no account list.');
  }
  if (payload.accounts.length > MAX_ACCOUNTS) {
    throw new VaultError('INPUT_TOO_LARGE', `More than ${MAX_ACCOUNTS} accounts.`);
  }
  const accounts =
    options.verifyOtp === false
      ? payload.accounts.map(checkStoredAccountShape)
      : payload.accounts.map(parseStoredAccount);
  const ids = new Set<string>();
  for (const account of accounts) {
    if (ids.has(account.id)) throw new VaultError('CORRUPT_VAULT', 'Two accounts share the same id.');
    ids.add(account.id);
  }
  return { accounts };
}

/** A sealed vault (text to store) with the key that opens it (the vault key, for a slot vault). */
export interface SealedVault {
  text: string;
  unlocked: UnlockedKey;
}

/**
 * First run: a new, empty slot vault (format 2). A random vault key encrypts the accounts; the passphrase slot wraps
 * it under the argon2id key. `unlocked.slots` carries the slots, so `sealVault(data, unlocked)` keeps them.
 */
export async function createVault(
  passphrase: string,
  cost?: KdfCost,
  data: VaultData = { accounts: [] },
): Promise<SealedVault> {
  const passphraseKey = await createKey(passphrase, cost);
  const vaultKey = newVaultKey();
  const slots = [await wrapWithPassphraseKey(vaultKey, passphraseKey)];
  const text = await sealVaultRecord(data, vaultKey, slots);
  return { text, unlocked: { key: vaultKey, kdf: passphraseKey.kdf, slots } };
}

/**
 * Opens a vault of either format with the passphrase. For a slot vault the returned key is the vault key; for a
 * format-1 vault it is the passphrase key, and `version: 1` tells the caller to migrate (`migrateVault`).
 */
export async function unlockVault(
  text: string,
  passphrase: string,
): Promise<{ data: VaultData; unlocked: UnlockedKey; version: 1 | 2 }> {
  if (isSlotVault(text)) {
    if (typeof passphrase !== 'string' || passphrase === '') {
      throw new VaultError('PASSPHRASE_REQUIRED', 'Enter the passphrase to open this file.');
    }
    const { vaultKey, kdf, slots } = await unwrapPassphraseSlot(text, (params) =>
      deriveKey(passphrase, params, base64ToBytes(params.salt)),
    );
    const payload = await openVaultRecord(text, vaultKey, true);
    return { data: parseVaultData(payload, { verifyOtp: false }), unlocked: { key: vaultKey, kdf, slots }, version: 2 };
  }
  const { payload, unlocked } = await openEnvelope('vault', text, passphrase);
  // Authenticated content this extension sealed after a full check: the shape check is enough.
  return { data: parseVaultData(payload, { verifyOtp: false }), unlocked, version: 1 };
}

/**
 * Opens a vault of either format with a key already derived from the passphrase with the KDF its header names
 * (`parseEnvelope(...).kdf`: for a slot vault, the passphrase slot's). Lets a caller derive once and try several
 * copies with the same settings. Same result as `unlockVault`: for a slot vault the vault key, for format 1 the
 * passphrase key and `version: 1`.
 */
export async function openVaultWithPassphraseKey(
  text: string,
  passphraseKey: UnlockedKey,
): Promise<{ data: VaultData; unlocked: UnlockedKey; version: 1 | 2 }> {
  if (isSlotVault(text)) {
    const { vaultKey, kdf, slots } = await unwrapPassphraseSlot(text, async () => passphraseKey.key);
    const payload = await openVaultRecord(text, vaultKey, true);
    return { data: parseVaultData(payload, { verifyOtp: false }), unlocked: { key: vaultKey, kdf, slots }, version: 2 };
  }
  const payload = await openEnvelopeWithKey('vault', text, passphraseKey.key);
  return { data: parseVaultData(payload, { verifyOtp: false }), unlocked: passphraseKey, version: 1 };
}

/** Opens a slot vault with a passkey: the PRF output for slot `slotId` unwraps the vault key (no KDF run). */
export async function unlockVaultWithPasskey(
  text: string,
  slotId: string,
  prfOutput: Uint8Array,
): Promise<{ data: VaultData; unlocked: UnlockedKey }> {
  const { vaultKey, kdf, slots } = await unwrapPasskeySlot(text, slotId, prfOutput);
  const data = parseVaultData(await openVaultRecord(text, vaultKey, true), { verifyOtp: false });
  return { data, unlocked: { key: vaultKey, kdf, slots } };
}

/**
 * A format-1 vault, opened with `passphrase`, as a slot vault holding the same accounts. The passphrase key that
 * opened it becomes the passphrase slot's key (no second KDF run), unless its settings are below `cost`: then a
 * fresh key with today's settings and a new salt is derived, so migration and KDF upgrade are one write.
 */
export async function migrateVault(
  v1Text: string,
  passphrase: string,
  cost: KdfCost = DEFAULT_KDF,
): Promise<SealedVault & { data: VaultData; kdfUpgraded: boolean }> {
  const { unlocked } = await unlockVault(v1Text, passphrase);
  const kdfUpgraded = kdfNeedsUpgrade(unlocked.kdf, cost);
  const passphraseKey = kdfUpgraded ? await createKey(passphrase, cost) : unlocked;
  const migrated = await migrateVaultRecord(v1Text, unlocked.key, passphraseKey);
  const data = parseVaultData(migrated.payload, { verifyOtp: false });
  return { text: migrated.text, unlocked: { key: migrated.vaultKey, kdf: passphraseKey.kdf }, data, kdfUpgraded };
}

/** Opens with a key kept from an earlier unlock (no KDF run: this is the fast path a popup takes). */
export async function openVaultWithKey(text: string, key: Uint8Array): Promise<VaultData> {
  const payload = isSlotVault(text) ? await openVaultRecord(text, key) : await openEnvelopeWithKey('vault', text, key);
  return parseVaultData(payload, { verifyOtp: false });
}

/**
 * Seals new content with the current key (fresh nonce). Validates first: we never write a vault we cannot read.
 * With `unlocked.slots` (a slot vault) the result is format 2 with those slots; without, format 1.
 */
export async function sealVault(data: VaultData, unlocked: UnlockedKey): Promise<string> {
  const checked = parseVaultData(JSON.parse(JSON.stringify(data)));
  if (unlocked.slots) return sealVaultRecord(checked, unlocked.key, unlocked.slots);
  return sealEnvelope('vault', checked, unlocked);
}

/** New content for the stored vault `current`, in its format: a slot vault keeps its slots as they are. */
export async function resealVault(current: string, data: VaultData, unlocked: UnlockedKey): Promise<string> {
  if (!isSlotVault(current)) return sealVault(data, { key: unlocked.key, kdf: unlocked.kdf });
  const slots = (JSON.parse(current) as { slots: unknown[] }).slots;
  return sealVault(data, { key: unlocked.key, kdf: unlocked.kdf, slots });
}

/**
 * A new passphrase. For a slot vault only the passphrase slot is rewrapped (new salt): the accounts' ciphertext
 * and the passkey slots stay as they are. A format-1 vault is migrated in the same step. The caller stores the
 * returned text in one write; until then the old passphrase keeps working, so an interruption loses nothing.
 */
export async function changePassphrase(
  text: string,
  currentPassphrase: string,
  newPassphrase: string,
  cost?: KdfCost,
): Promise<SealedVault & { data: VaultData }> {
  assertPassphrase(newPassphrase);
  const { data, unlocked, version } = await unlockVault(text, currentPassphrase);
  const passphraseKey = await createKey(newPassphrase, cost);
  if (version === 2) {
    const changed = await rewrapPassphraseSlot(text, unlocked.key, passphraseKey);
    return { text: changed, unlocked: { key: unlocked.key, kdf: passphraseKey.kdf }, data };
  }
  const migrated = await migrateVaultRecord(text, unlocked.key, passphraseKey);
  return { text: migrated.text, unlocked: { key: migrated.vaultKey, kdf: passphraseKey.kdf }, data };
}
