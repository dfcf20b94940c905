import { hotp } from '@mfa-companion/otp';
import { describe, expect, it } from 'vitest';
import {
  AccountValidationError,
  cleanName,
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
    expect(problem(() => validateAccountInput({ secret: 'JBSWY3DPEHPK3PXP', type: 'yandex' as never }))).toBe(
      'UNSUPPORTED_TYPE',
    );
    expect(problem(() => validateAccountInput({ secret: 'JBSWY3DPEHPK3PXP', type: 'hotp', counter: -1 }))).toBe(
      'INVALID_COUNTER',
    );
  });

  it('stores the canonical algorithm name for every spelling the OTP library accepts', () => {
    for (const algorithm of ['sha256', 'SHA-256', ' Sha-256 ']) {
      const account = createAccount({ secret: 'JBSWY3DPEHPK3PXP', algorithm: algorithm as never });
      expect(account.algorithm).toBe('SHA256');
      // The vault's own reader accepts what was stored.
      expect(() => parseStoredAccount(account, 0)).not.toThrow();
    }
  });

  it('refuses counters and secrets of the wrong type instead of coercing them', () => {
    for (const counter of [true, '7', [7], {}]) {
      expect(
        problem(() => validateAccountInput({ secret: 'JBSWY3DPEHPK3PXP', type: 'hotp', counter: counter as never })),
      ).toBe('INVALID_COUNTER');
    }
    expect(validateAccountInput({ secret: 'JBSWY3DPEHPK3PXP', type: 'hotp', counter: 7n }).counter).toBe(7);
    for (const secret of [12345, [1, 2], {}]) {
      expect(problem(() => validateAccountInput({ secret: secret as never }))).toBe('INVALID_SECRET');
    }
    expect(problem(() => validateAccountInput({ secret: undefined as never }))).toBe('MISSING_SECRET');
    let deep: unknown = 'totp';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(problem(() => validateAccountInput({ secret: 'JBSWY3DPEHPK3PXP', type: deep as never }))).toBe(
      'UNSUPPORTED_TYPE',
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

describe('cleanName', () => {
  it('drops control and bidi-override characters and trims, as account creation does', () => {
    expect(cleanName('  Git\u202eHub\u0007 ')).toBe('GitHub');
    expect(createAccount({ issuer: '  Git\u202eHub\u0007 ', secret: 'JBSWY3DPEHPK3PXP' }).issuer).toBe('GitHub');
  });
});
