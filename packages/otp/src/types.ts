export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';
/** `steam`: a TOTP written as 5 characters of Steam's alphabet (SHA1, 30 s; see steam.ts). */
export type OtpType = 'totp' | 'hotp' | 'steam';

/** One authenticator entry, as carried by an otpauth:// URI or a Google Authenticator export. */
export interface OtpAccount {
  type: OtpType;
  /** Service name shown to the user ("GitHub"); absent when neither the URI nor the label names one. */
  issuer?: string;
  /** Account name (user, e-mail, device), trimmed. May be empty when the source gave none. */
  account: string;
  secret: Uint8Array;
  algorithm: OtpAlgorithm;
  /** 6 to 10; always 5 for 'steam' (characters rather than digits). */
  digits: number;
  /** TOTP time step in seconds (kept for HOTP entries too, default 30). */
  period: number;
  /** HOTP moving factor: present for 'hotp' entries. A number up to MAX_SAFE_INTEGER, a bigint above. */
  counter?: number | bigint;
}

export const OTP_ALGORITHMS: readonly OtpAlgorithm[] = Object.freeze(['SHA1', 'SHA256', 'SHA512']);
export const DEFAULT_ALGORITHM: OtpAlgorithm = 'SHA1';
export const DEFAULT_DIGITS = 6;
export const DEFAULT_PERIOD = 30;
export const MIN_DIGITS = 6;
export const MAX_DIGITS = 10;
