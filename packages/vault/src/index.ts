export {
  ACCOUNT_LIMITS,
  type Account,
  type AccountInput,
  type AccountProblemCode,
  AccountValidationError,
  accountLabel,
  canonicalAccount,
  cleanName,
  createAccount,
  findDuplicate,
  indexBySecret,
  newAccountId,
  normalizeSite,
  otpAccountToInput,
  parseSecret,
  secretFingerprint,
  toOtpAccount,
  validateAccountInput,
} from './account.js';
export { type BackupPayload, exportEncryptedBackup, exportOtpauthList, readEncryptedBackup } from './backup.js';
export { base64ToBytes, bytesToBase64 } from './encoding.js';
export {
  assertPassphrase,
  createKey,
  ENVELOPE_VERSION,
  type Envelope,
  type EnvelopeKind,
  MIN_PASSPHRASE_LENGTH,
  openEnvelope,
  openEnvelopeWithKey,
  parseEnvelope,
  sealEnvelope,
  type UnlockedKey,
} from './envelope.js';
export { isVaultError, VAULT_ERROR_CODES, VaultError, type VaultErrorCode } from './errors.js';
export {
  applyImport,
  type ImportEntry,
  type ImportFormat,
  type ImportOptions,
  type ImportPreview,
  type ImportProblemCode,
  MAX_IMPORT_CHARS,
  type ParsedImport,
  parseImport,
  previewImport,
  UnsupportedImportError,
  type UnsupportedImportKind,
} from './import/index.js';
export { steamSecretFromText } from './import/steam-guard.js';
export {
  type Argon2idParams,
  DEFAULT_KDF,
  deriveKey,
  KDF_BOUNDS,
  type KdfCost,
  type KdfParams,
  kdfMemoryBytes,
  type ScryptParams,
  validateKdfParams,
} from './kdf.js';
export {
  accountOtpauthUri,
  PHONE_TRANSFER_ACCOUNTS_PER_CODE,
  PHONE_TRANSFER_MAX_URI_LENGTH,
  type PhoneTransferCode,
  type PhoneTransferPlan,
  planPhoneTransfer,
} from './phone.js';
export { estimatePassphraseStrength, type PassphraseStrength, type StrengthEstimate } from './strength.js';
export {
  changePassphrase,
  createVault,
  MAX_ACCOUNTS,
  openVaultWithKey,
  parseStoredAccount,
  parseVaultData,
  type SealedVault,
  sealVault,
  unlockVault,
  type VaultData,
} from './vault.js';
