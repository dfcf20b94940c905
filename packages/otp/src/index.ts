export { base32Decode, base32Encode } from './base32.js';
export { groupCode } from './display.js';
export type { OtpErrorCode } from './errors.js';
export { isOtpError, OTP_ERROR_CODES, OtpError } from './errors.js';
export { clearOtpKeyCache } from './hmac-cache.js';
export type { MigrationBatch, MigrationBatchOptions, MigrationEntry, MigrationSplitOptions } from './migration.js';
export {
  decodeMigrationPayload,
  encodeMigrationPayload,
  formatMigrationUri,
  formatMigrationUris,
  MIGRATION_LIMITS,
  migrationBatches,
  parseMigrationPayload,
  parseMigrationUri,
  parseMigrationUriEntries,
} from './migration.js';
export type {
  HotpOptions,
  SteamGuardOptions,
  TotpOptions,
  TotpTimeInput,
  TotpTimeOptions,
  TotpTimeStep,
  VerifyTotpOptions,
} from './otp.js';
export {
  hotp,
  hotpFromHmac,
  hotpMessage,
  MAX_VERIFY_WINDOW,
  steamGuardCode,
  totp,
  totpCounter,
  totpRemainingMs,
  totpTimeStep,
  verifyTotp,
} from './otp.js';
export {
  isSteamUri,
  parseSteamUri,
  STEAM_ALGORITHM,
  STEAM_ALPHABET,
  STEAM_DIGITS,
  STEAM_ISSUER,
  STEAM_PERIOD,
  steamCodeFromHmac,
} from './steam.js';
export type { OtpAccount, OtpAlgorithm, OtpType } from './types.js';
export {
  DEFAULT_ALGORITHM,
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  MAX_DIGITS,
  MIN_DIGITS,
  OTP_ALGORITHMS,
} from './types.js';
export { formatOtpauthUri, MAX_URI_LENGTH, parseOtpauthUri } from './uri.js';
export { normalizeAlgorithm } from './validate.js';
