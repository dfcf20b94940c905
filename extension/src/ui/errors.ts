import { isOtpError } from '@mfa-companion/otp';
import { AccountValidationError, isVaultError } from '@mfa-companion/vault';
import { i18n } from '#i18n';
import { VaultStoreError } from '../vault/store';

/** Every error code the UI can meet, in words, in the user's language. */
const MESSAGES: Record<string, () => string> = {
  WRONG_PASSPHRASE: () => i18n.t('errors.WRONG_PASSPHRASE'),
  CORRUPT_VAULT: () => i18n.t('errors.CORRUPT_VAULT'),
  UNSUPPORTED_VERSION: () => i18n.t('errors.UNSUPPORTED_VERSION'),
  KDF_PARAMS_OUT_OF_BOUNDS: () => i18n.t('errors.KDF_PARAMS_OUT_OF_BOUNDS'),
  INPUT_TOO_LARGE: () => i18n.t('errors.INPUT_TOO_LARGE'),
  PASSPHRASE_REQUIRED: () => i18n.t('errors.PASSPHRASE_REQUIRED'),
  PASSPHRASE_TOO_SHORT: () => i18n.t('errors.PASSPHRASE_TOO_SHORT'),
  UNSUPPORTED_IMPORT: () => i18n.t('errors.UNSUPPORTED_IMPORT'),
  UNRECOGNIZED_IMPORT: () => i18n.t('errors.UNRECOGNIZED_IMPORT'),
  INVALID_ACCOUNT: () => i18n.t('errors.INVALID_ACCOUNT'),
  QUOTA_EXCEEDED: () => i18n.t('errors.QUOTA_EXCEEDED'),
  WRITE_FAILED: () => i18n.t('errors.WRITE_FAILED'),
  LOCKED: () => i18n.t('errors.LOCKED'),
  INVALID_URI: () => i18n.t('errors.INVALID_URI'),
  UNSUPPORTED_TYPE: () => i18n.t('errors.UNSUPPORTED_TYPE'),
  MISSING_SECRET: () => i18n.t('errors.MISSING_SECRET'),
  INVALID_SECRET: () => i18n.t('errors.INVALID_SECRET'),
  INVALID_DIGITS: () => i18n.t('errors.INVALID_DIGITS'),
  INVALID_PERIOD: () => i18n.t('errors.INVALID_PERIOD'),
  INVALID_COUNTER: () => i18n.t('errors.INVALID_COUNTER'),
  INVALID_TIME: () => i18n.t('errors.INVALID_TIME'),
  INVALID_WINDOW: () => i18n.t('errors.INVALID_WINDOW'),
  UNSUPPORTED_ALGORITHM: () => i18n.t('errors.UNSUPPORTED_ALGORITHM'),
  INVALID_MIGRATION_PAYLOAD: () => i18n.t('errors.INVALID_MIGRATION_PAYLOAD'),
  FIELD_TOO_LONG: () => i18n.t('errors.FIELD_TOO_LONG'),
  INVALID_SITE: () => i18n.t('errors.INVALID_SITE'),
  UNSUPPORTED_ENTRY: () => i18n.t('errors.UNSUPPORTED_ENTRY'),
  NOT_AN_OTP_URI: () => i18n.t('errors.NOT_AN_OTP_URI'),
  NO_QR_FOUND: () => i18n.t('errors.NO_QR_FOUND'),
  CAPTURE_FAILED: () => i18n.t('errors.CAPTURE_FAILED'),
};

export function messageForCode(code: string): string {
  return MESSAGES[code]?.() ?? i18n.t('errors.UNEXPECTED');
}

export function errorCode(error: unknown): string {
  if (
    isVaultError(error) ||
    isOtpError(error) ||
    error instanceof AccountValidationError ||
    error instanceof VaultStoreError
  ) {
    return error.code;
  }
  return 'UNEXPECTED';
}

/** A translated sentence for any error; unexpected ones get a generic message (details never shown or logged). */
export function describeError(error: unknown): string {
  return messageForCode(errorCode(error));
}
