import type { Account, AccountInput, AccountProblemCode } from '../account.js';

export type ImportFormat =
  | 'mfa-companion-backup'
  | 'aegis'
  | 'aegis-encrypted'
  | '2fas'
  | 'otpauth-list'
  | 'authenticator-extension'
  | 'authenticator-extension-encrypted'
  | 'bitwarden'
  | 'bitwarden-csv'
  | 'csv'
  | '2fas-encrypted'
  | 'andotp'
  | 'andotp-encrypted'
  | 'proton-authenticator'
  | 'proton-authenticator-encrypted'
  | 'freeotp-plus'
  // Steam Desktop Authenticator maFile / Steam app Steamguard file (steam-guard.ts)
  | 'steam-guard';

/** One record read from a file, before it is checked against the vault. */
export type ImportEntry =
  | {
      status: 'ok';
      /** What the preview shows for this entry ("GitHub (me@example.com)"). */
      label: string;
      input: AccountInput;
      /** Set for our own backups: the account exactly as it was, restored byte for byte. */
      stored?: Account;
      /** Sites bound over https although the file gave them as http:// (public hosts; see password-manager.ts). */
      upgradedSites?: string[];
    }
  | { status: 'invalid'; label: string; code: ImportProblemCode; message: string };

/** `UNREADABLE_ENTRY`: an encrypted entry that does not decrypt (damaged, or under another password). */
export type ImportProblemCode = AccountProblemCode | 'UNSUPPORTED_ENTRY' | 'UNREADABLE_ENTRY' | 'NOT_AN_OTP_URI';

export interface ParsedImport {
  format: ImportFormat;
  entries: ImportEntry[];
}

export interface ImportOptions {
  /** For encrypted files (our backups; Aegis, 2FAS, andOTP, Authenticator extension, Proton Authenticator). */
  passphrase?: string;
}
