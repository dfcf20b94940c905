import {
  ACCOUNT_LIMITS,
  type Account,
  AccountValidationError,
  canonicalAccount,
  validateAccountInput,
} from './account.js';
import {
  assertPassphrase,
  createKey,
  openEnvelope,
  openEnvelopeWithKey,
  sealEnvelope,
  type UnlockedKey,
} from './envelope.js';
import { VaultError } from './errors.js';
import type { KdfCost } from './kdf.js';

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

/** A sealed vault (text to store) with the key that opens it. */
export interface SealedVault {
  text: string;
  unlocked: UnlockedKey;
}

/** First run: a new, empty vault under a new passphrase. */
export async function createVault(
  passphrase: string,
  cost?: KdfCost,
  data: VaultData = { accounts: [] },
): Promise<SealedVault> {
  const unlocked = await createKey(passphrase, cost);
  return { text: await sealEnvelope('vault', data, unlocked), unlocked };
}

export async function unlockVault(
  text: string,
  passphrase: string,
): Promise<{ data: VaultData; unlocked: UnlockedKey }> {
  const { payload, unlocked } = await openEnvelope('vault', text, passphrase);
  // Authenticated content this extension sealed after a full check: the shape check is enough.
  return { data: parseVaultData(payload, { verifyOtp: false }), unlocked };
}

/** Opens with a key kept from an earlier unlock (no KDF run: this is the fast path a popup takes). */
export async function openVaultWithKey(text: string, key: Uint8Array): Promise<VaultData> {
  return parseVaultData(await openEnvelopeWithKey('vault', text, key), { verifyOtp: false });
}

/** Seals new content with the current key (fresh nonce). Validates first: we never write a vault we cannot read. */
export async function sealVault(data: VaultData, unlocked: UnlockedKey): Promise<string> {
  const checked = parseVaultData(JSON.parse(JSON.stringify(data)));
  return sealEnvelope('vault', checked, unlocked);
}

/**
 * Re-encrypts everything under a new passphrase with a new salt. The caller stores the returned text in
 * one write; until then the old vault stays valid, so an interruption loses nothing.
 */
export async function changePassphrase(
  text: string,
  currentPassphrase: string,
  newPassphrase: string,
  cost?: KdfCost,
): Promise<SealedVault & { data: VaultData }> {
  assertPassphrase(newPassphrase);
  const { data } = await unlockVault(text, currentPassphrase);
  const unlocked = await createKey(newPassphrase, cost);
  return { text: await sealEnvelope('vault', data, unlocked), unlocked, data };
}
