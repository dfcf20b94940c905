import { isOtpError } from '@mfa-companion/otp';
import {
  AccountValidationError,
  isVaultError,
  UnsupportedImportError,
  type UnsupportedImportKind,
} from '@mfa-companion/vault';
import { i18n } from '#i18n';
import { PasskeyError } from '../passkey/webauthn';
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
  DAMAGED: () => i18n.t('errors.DAMAGED'),
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
  UNREADABLE_ENTRY: () => i18n.t('errors.UNREADABLE_ENTRY'),
  NOT_AN_OTP_URI: () => i18n.t('errors.NOT_AN_OTP_URI'),
  NO_QR_FOUND: () => i18n.t('errors.NO_QR_FOUND'),
  CAPTURE_FAILED: () => i18n.t('errors.CAPTURE_FAILED'),
  WRONG_PASSKEY: () => i18n.t('errors.WRONG_PASSKEY'),
  SLOT_NOT_FOUND: () => i18n.t('errors.SLOT_NOT_FOUND'),
  PASSPHRASE_SLOT_REQUIRED: () => i18n.t('errors.PASSPHRASE_SLOT_REQUIRED'),
  PASSKEY_NOT_AVAILABLE: () => i18n.t('errors.PASSKEY_NOT_AVAILABLE'),
  PASSKEY_NO_PRF: () => i18n.t('errors.PASSKEY_NO_PRF'),
  PASSKEY_CANCELLED: () => i18n.t('errors.PASSKEY_CANCELLED'),
  PASSKEY_NOT_SECURITY_KEY: () => i18n.t('errors.PASSKEY_NOT_SECURITY_KEY'),
  PASSKEY_FORBIDDEN: () => i18n.t('errors.PASSKEY_FORBIDDEN'),
};

export function messageForCode(code: string): string {
  return MESSAGES[code]?.() ?? i18n.t('errors.UNEXPECTED');
}

export function errorCode(error: unknown): string {
  if (
    isVaultError(error) ||
    isOtpError(error) ||
    error instanceof AccountValidationError ||
    error instanceof VaultStoreError ||
    error instanceof PasskeyError
  ) {
    return error.code;
  }
  return 'UNEXPECTED';
}

/** Files the importer recognises but cannot read: what they are and what to export instead. */
const UNSUPPORTED_IMPORTS: Record<UnsupportedImportKind, () => string> = {
  'app-database': () => i18n.t('errors.unsupportedImport.appDatabase'),
  'freeotp-backup': () => i18n.t('errors.unsupportedImport.freeotpBackup'),
  'freeotp-xml': () => i18n.t('errors.unsupportedImport.freeotpXml'),
  zip: () => i18n.t('errors.unsupportedImport.zip'),
  keepass: () => i18n.t('errors.unsupportedImport.keepass'),
  image: () => i18n.t('errors.unsupportedImport.image'),
  'authenticator-pro': () => i18n.t('errors.unsupportedImport.authenticatorPro'),
  pdf: () => i18n.t('errors.unsupportedImport.pdf'),
  gzip: () => i18n.t('errors.unsupportedImport.gzip'),
  authy: () => i18n.t('errors.unsupportedImport.authy'),
  xml: () => i18n.t('errors.unsupportedImport.xml'),
  'ente-encrypted': () => i18n.t('errors.unsupportedImport.enteEncrypted'),
  'bitwarden-encrypted': () => i18n.t('errors.unsupportedImport.bitwardenEncrypted'),
  openpgp: () => i18n.t('errors.unsupportedImport.openpgp'),
};

/** A translated sentence for any error; unexpected ones get a generic message (details never shown or logged). */
export function describeError(error: unknown): string {
  if (error instanceof UnsupportedImportError) return UNSUPPORTED_IMPORTS[error.kind]?.() ?? messageForCode(error.code);
  return messageForCode(errorCode(error));
}
