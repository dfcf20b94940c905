import { describe, expect, expectTypeOf, it } from 'vitest';
import * as otp from '../src/index.js';
import { isOtpError, OTP_ERROR_CODES, type OtpAccount, OtpError, type OtpErrorCode } from '../src/index.js';

describe('public API', () => {
  it('exports the documented functions', () => {
    for (const name of [
      'base32Decode',
      'base32Encode',
      'hotp',
      'totp',
      'totpCounter',
      'totpRemainingMs',
      'totpTimeStep',
      'verifyTotp',
      'parseOtpauthUri',
      'formatOtpauthUri',
      'parseMigrationUri',
      'parseMigrationUriEntries',
      'parseMigrationPayload',
      'decodeMigrationPayload',
      'encodeMigrationPayload',
      'formatMigrationUri',
      'formatMigrationUris',
      'clearOtpKeyCache',
      'isOtpError',
      'steamGuardCode',
      'steamCodeFromHmac',
      'parseSteamUri',
      'isSteamUri',
      'groupCode',
    ] as const) {
      expect(typeof otp[name], name).toBe('function');
    }
  });

  it('OtpError is a real Error with a stable name, code and message', () => {
    const error = new OtpError('INVALID_URI', 'Not an otpauth URI.', { cause: 'x' });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(OtpError);
    expect(error.name).toBe('OtpError');
    expect(error.code).toBe('INVALID_URI');
    expect(error.message).toBe('Not an otpauth URI.');
    expect(error.cause).toBe('x');
    expect(String(error)).toBe('OtpError: Not an otpauth URI.');
    expect(isOtpError(error)).toBe(true);
    expect(isOtpError(error, 'INVALID_URI')).toBe(true);
    expect(isOtpError(error, 'INVALID_SECRET')).toBe(false);
    expect(isOtpError(new Error('x'))).toBe(false);
  });

  it('lists every error code, including the ones the spec names', () => {
    for (const code of [
      'INVALID_URI',
      'UNSUPPORTED_TYPE',
      'MISSING_SECRET',
      'INVALID_SECRET',
      'INVALID_DIGITS',
      'INVALID_PERIOD',
      'INVALID_COUNTER',
      'UNSUPPORTED_ALGORITHM',
      'INVALID_MIGRATION_PAYLOAD',
    ] satisfies OtpErrorCode[]) {
      expect(OTP_ERROR_CODES).toContain(code);
    }
    expect(new Set(OTP_ERROR_CODES).size).toBe(OTP_ERROR_CODES.length);
    expect(Object.isFrozen(OTP_ERROR_CODES)).toBe(true);
  });

  it('has the OtpAccount shape of the spec', () => {
    expectTypeOf<OtpAccount>().toEqualTypeOf<{
      type: 'totp' | 'hotp' | 'steam';
      issuer?: string;
      account: string;
      secret: Uint8Array;
      algorithm: 'SHA1' | 'SHA256' | 'SHA512';
      digits: number;
      period: number;
      counter?: number | bigint;
    }>();
    expectTypeOf(otp.hotp).returns.toEqualTypeOf<string>();
    expectTypeOf(otp.verifyTotp).returns.toEqualTypeOf<number | null>();
    expectTypeOf(otp.parseMigrationUri).returns.toEqualTypeOf<OtpAccount[]>();
  });
});
