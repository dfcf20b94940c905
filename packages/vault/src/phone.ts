import {
  encodeMigrationPayload,
  formatMigrationUris,
  formatOtpauthUri,
  isOtpError,
  migrationBatches,
  type OtpErrorCode,
} from '@mfa-companion/otp';
import { type Account, toOtpAccount } from './account.js';

/**
 * Taking accounts back to a phone: the one-account otpauth:// URI ("Show QR code") and the Google Authenticator
 * migration export ("Transfer to a phone app"), which Google Authenticator, Aegis and 2FAS scan. Both are built by
 * the OTP library's own encoders — the same protobuf code the importer reads with.
 */

/** The account as one otpauth:// Key URI (Steam accounts as otpauth://steam/…, which Aegis reads). */
export function accountOtpauthUri(account: Account): string {
  return formatOtpauthUri(toOtpAccount(account));
}

/**
 * Characters per migration URI. A QR code of ~800 bytes (version 22 at error correction M, 105 modules) still
 * scans quickly from a laptop screen; Google Authenticator's own exports are of that order.
 */
export const PHONE_TRANSFER_MAX_URI_LENGTH = 800;
/** Google Authenticator puts at most 10 accounts in one export QR code; so do we. */
export const PHONE_TRANSFER_ACCOUNTS_PER_CODE = 10;

export interface PhoneTransferCode {
  /** `otpauth-migration://offline?data=…` for this QR code. */
  uri: string;
  /** The accounts it carries, in order. */
  accounts: Account[];
}

export interface PhoneTransferPlan {
  /** One entry per QR code, in scanning order ("1 of n"). */
  codes: PhoneTransferCode[];
  /** Accounts a migration QR code cannot carry, with the OTP library's reason. */
  skipped: Array<{ account: Account; code: OtpErrorCode; message: string }>;
}

/**
 * Splits the selected accounts into migration QR codes. An account the format cannot carry (Steam Guard: the
 * format has no Steam type; periods other than 30 s; 7, 9 or 10 digits) is listed in `skipped`, never altered
 * into something that would give wrong codes. `batchId` ties the codes of one transfer together.
 */
export function planPhoneTransfer(
  accounts: readonly Account[],
  batchId = Math.floor(Math.random() * 2 ** 31),
): PhoneTransferPlan {
  const carried: Account[] = [];
  const skipped: PhoneTransferPlan['skipped'] = [];
  for (const account of accounts) {
    try {
      encodeMigrationPayload([toOtpAccount(account)]);
      carried.push(account);
    } catch (error) {
      if (!isOtpError(error)) throw error;
      skipped.push({ account, code: error.code, message: error.message });
    }
  }
  if (carried.length === 0) return { codes: [], skipped };
  const otpAccounts = carried.map(toOtpAccount);
  const split = {
    accountsPerBatch: PHONE_TRANSFER_ACCOUNTS_PER_CODE,
    maxUriLength: PHONE_TRANSFER_MAX_URI_LENGTH,
    batchId,
  };
  // The same split twice: the URIs, and how many accounts each carries (to label them).
  const uris = formatMigrationUris(otpAccounts, split);
  const sizes = migrationBatches(otpAccounts, split).map((batch) => batch.length);
  let offset = 0;
  const codes = uris.map((uri, index) => {
    const size = sizes[index] ?? 0;
    const code = { uri, accounts: carried.slice(offset, offset + size) };
    offset += size;
    return code;
  });
  return { codes, skipped };
}
