import { hotp } from '@mfa-companion/otp';
import { describe, expect, it } from 'vitest';
import {
  AccountValidationError,
  createAccount,
  findDuplicate,
  normalizeSite,
  parseStoredAccount,
  secretFingerprint,
  toOtpAccount,
  validateAccountInput,
} from '../src/index.ts';

function problem(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AccountValidationError) return error.code;
    throw error;
  }
  return undefined;
}

describe('accounts', () => {
  it('normalises secrets and applies defaults', () => {
    const account = createAccount({ issuer: ' GitHub ', account: 'me', secret: 'jbsw y3dp ehpk 3pxp' });
    expect(account).toMatchObject({
      issuer: 'GitHub',
      account: 'me',
      secret: 'JBSWY3DPEHPK3PXP',
      type: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      sites: [],
      pinned: false,
      order: 0,
    });
    expect(account.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(() => parseStoredAccount(account, 0)).not.toThrow();
  });

  it('reports OTP library error codes for bad fields', () => {
    expect(problem(() => validateAccountInput({ secret: '' }))).toBe('MISSING_SECRET');
    expect(problem(() => validateAccountInput({ secret: 'abc!' }))).toBe('INVALID_SECRET');
    expect(problem(() => validateAccountInput({ secret: 'JBSWY3DPEHPK3PXP', digits: 4 }))).toBe('INVALID_DIGITS');
    expect(problem(() => validateAccountInput({ secret: 'JBSWY3DPEHPK3PXP', period: 0 }))).toBe('INVALID_PERIOD');
    expect(problem(() => validateAccountInput({ secret: 'JBSWY3DPEHPK3PXP', algorithm: 'MD5' as never }))).toBe(
      'UNSUPPORTED_ALGORITHM',
    );
    expect(problem(() => validateAccountInput({ secret: 'JBSWY3DPEHPK3PXP', type: 'steam' as never }))).toBe(
      'UNSUPPORTED_TYPE',
    );
    expect(problem(() => validateAccountInput({ secret: 'JBSWY3DPEHPK3PXP', type: 'hotp', counter: -1 }))).toBe(
      'INVALID_COUNTER',
    );
  });

  it('refuses huge fields', () => {
    expect(problem(() => validateAccountInput({ secret: 'A'.repeat(10_000) }))).toBe('FIELD_TOO_LONG');
    expect(problem(() => validateAccountInput({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'x'.repeat(100_000) }))).toBe(
      'FIELD_TOO_LONG',
    );
  });

  it('strips control and bidi-override characters from names', () => {
    expect(validateAccountInput({ secret: 'JBSWY3DPEHPK3PXP', issuer: 'Pay\u202epal\u0000' }).issuer).toBe('Paypal');
  });

  it('binds sites as origins and refuses other schemes', () => {
    expect(normalizeSite('https://github.com/login?x=1')).toBe('https://github.com');
    expect(normalizeSite('nmc3.lan')).toBe('https://nmc3.lan');
    expect(normalizeSite('http://192.168.1.20:8080/logon.htm')).toBe('http://192.168.1.20:8080');
    expect(problem(() => normalizeSite('javascript:alert(1)'))).toBe('INVALID_SITE');
  });

  it('detects duplicates by secret bytes, however the base32 is written', () => {
    const accounts = [createAccount({ issuer: 'A', secret: 'JBSWY3DPEHPK3PXP' })];
    expect(findDuplicate(accounts, 'jbswy3dp-ehpk3pxp')).toBe(accounts[0]);
    expect(findDuplicate(accounts, 'JBSWY3DPEHPK3PXQ')).toBeUndefined();
    expect(secretFingerprint('JBSWY3DPEHPK3PXP====')).toBe('JBSWY3DPEHPK3PXP');
  });

  it('converts to the OTP library shape and generates the RFC 4226 codes', () => {
    // RFC 4226 appendix D secret "12345678901234567890".
    const account = createAccount({ type: 'hotp', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', counter: 1 });
    const otp = toOtpAccount(account);
    expect(hotp({ secret: otp.secret, counter: account.counter })).toBe('287082');
  });
});
