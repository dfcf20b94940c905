/**
 * Every way the vault can refuse input. Codes are stable public API: the extension maps each one to a
 * translated sentence, so existing codes never change meaning.
 */
export type VaultErrorCode =
  /** Authentication failed: the passphrase is wrong (or the file was tampered with; both look the same). */
  | 'WRONG_PASSPHRASE'
  /** The data is not a well-formed vault/backup (truncated, bad JSON, missing fields, bad encoding). */
  | 'CORRUPT_VAULT'
  /** A format version this build does not know (written by a newer release). */
  | 'UNSUPPORTED_VERSION'
  /**
   * Key-derivation parameters outside the bounds we accept: above the caps (a hostile file must not make us
   * allocate GiBs) or, for our own vaults and backups, below the floor (OWN_KDF_FLOOR).
   */
  | 'KDF_PARAMS_OUT_OF_BOUNDS'
  /** Input larger than we are willing to parse. */
  | 'INPUT_TOO_LARGE'
  /** An encrypted file was given without a passphrase. */
  | 'PASSPHRASE_REQUIRED'
  /** The passphrase does not meet the minimum length. */
  | 'PASSPHRASE_TOO_SHORT'
  /** A file whose format we recognise but whose variant we cannot read (e.g. 2FAS encrypted backups). */
  | 'UNSUPPORTED_IMPORT'
  /** A file whose format we do not recognise at all. */
  | 'UNRECOGNIZED_IMPORT'
  /** An account record that fails validation. */
  | 'INVALID_ACCOUNT'
  /** A passkey's PRF output does not unwrap its slot (another passkey, or the slot was modified). */
  | 'WRONG_PASSKEY'
  /** No key slot with that id (already removed, or another copy of the vault). */
  | 'SLOT_NOT_FOUND'
  /** The passphrase slot cannot be removed: it is what opens the vault when every passkey is lost. */
  | 'PASSPHRASE_SLOT_REQUIRED';

export const VAULT_ERROR_CODES: readonly VaultErrorCode[] = Object.freeze([
  'WRONG_PASSPHRASE',
  'CORRUPT_VAULT',
  'UNSUPPORTED_VERSION',
  'KDF_PARAMS_OUT_OF_BOUNDS',
  'INPUT_TOO_LARGE',
  'PASSPHRASE_REQUIRED',
  'PASSPHRASE_TOO_SHORT',
  'UNSUPPORTED_IMPORT',
  'UNRECOGNIZED_IMPORT',
  'INVALID_ACCOUNT',
  'WRONG_PASSKEY',
  'SLOT_NOT_FOUND',
  'PASSPHRASE_SLOT_REQUIRED',
]);

/** The only error type the vault throws for bad input: a machine-readable `code` plus an English `message`. */
export class VaultError extends Error {
  override readonly name = 'VaultError';
  readonly code: VaultErrorCode;

  constructor(code: VaultErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isVaultError(value: unknown, code?: VaultErrorCode): value is VaultError {
  return value instanceof VaultError && (code === undefined || value.code === code);
}

/**
 * A short, safe rendering of an untrusted value for an error message. Never String()/JSON.stringify on
 * arbitrary JSON: a deeply nested array would overflow the stack and escape as a RangeError.
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}
