/**
 * Every way the library can reject input. The strings are part of the public API: callers switch on
 * them to pick a translated message, so existing codes never change meaning.
 */
export type OtpErrorCode =
  | 'INVALID_URI'
  | 'UNSUPPORTED_TYPE'
  | 'MISSING_SECRET'
  | 'INVALID_SECRET'
  | 'INVALID_DIGITS'
  | 'INVALID_PERIOD'
  | 'INVALID_COUNTER'
  | 'INVALID_TIME'
  | 'INVALID_WINDOW'
  | 'INVALID_ACCOUNT'
  | 'UNSUPPORTED_ALGORITHM'
  | 'INVALID_MIGRATION_PAYLOAD';

/** All codes, for exhaustive UI mappings and tests. */
export const OTP_ERROR_CODES: readonly OtpErrorCode[] = Object.freeze([
  'INVALID_URI',
  'UNSUPPORTED_TYPE',
  'MISSING_SECRET',
  'INVALID_SECRET',
  'INVALID_DIGITS',
  'INVALID_PERIOD',
  'INVALID_COUNTER',
  'INVALID_TIME',
  'INVALID_WINDOW',
  'INVALID_ACCOUNT',
  'UNSUPPORTED_ALGORITHM',
  'INVALID_MIGRATION_PAYLOAD',
]);

/** The only error type thrown for bad input: a stable machine-readable `code` plus a human `message`. */
export class OtpError extends Error {
  override readonly name = 'OtpError';
  readonly code: OtpErrorCode;

  constructor(code: OtpErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

export function isOtpError(value: unknown, code?: OtpErrorCode): value is OtpError {
  return value instanceof OtpError && (code === undefined || value.code === code);
}
