import { base32Decode, totp } from '@mfa-companion/otp';
import { type Account, createAccount } from '@mfa-companion/vault';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetSecrets, groupCode, prepareTotpCodes, totpView } from '../src/vault/codes';

// The library's totp() stays the reference; wrapped so a test can tell that a code came from WebCrypto instead.
vi.mock('@mfa-companion/otp', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@mfa-companion/otp')>();
  return { ...actual, totp: vi.fn(actual.totp) };
});

/** The code totpView shows, asserting it was prepared (no synchronous HMAC in JavaScript). */
function preparedCode(account: Account, time: number): string {
  vi.mocked(totp).mockClear();
  const code = totpView(account, time).code;
  expect(totp).not.toHaveBeenCalled();
  return code;
}

// RFC 6238 appendix B secrets: the ASCII digits, 20 / 32 / 64 bytes long.
const SECRETS = {
  SHA1: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
  SHA256: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA',
  SHA512: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNA',
} as const;

function accountFor(algorithm: keyof typeof SECRETS, digits: number, period = 30): Account {
  return createAccount({ secret: SECRETS[algorithm], algorithm, digits, period });
}

describe('codes prepared with WebCrypto', () => {
  beforeEach(() => forgetSecrets());

  it('match @mfa-companion/otp for every algorithm, digit count and period', async () => {
    const times = [59_000, 1_111_111_109_000, 1_234_567_890_000, 2_000_000_000_000, 20_000_000_000_000];
    for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
      for (const digits of [6, 7, 8, 10]) {
        for (const period of [30, 60]) {
          const account = accountFor(algorithm, digits, period);
          for (const time of times) {
            forgetSecrets();
            // Only the WebCrypto path fills the cache here; totpView then reads what it computed.
            await prepareTotpCodes([account], time);
            const expected = totp({ secret: base32Decode(account.secret), algorithm, digits, period, time });
            expect(preparedCode(account, time), `${algorithm} ${digits} ${period} ${time}`).toBe(expected);
          }
        }
      }
    }
  });

  it('matches the RFC 6238 vectors', async () => {
    const vectors: [keyof typeof SECRETS, number, string][] = [
      ['SHA1', 59, '94287082'],
      ['SHA256', 59, '46119246'],
      ['SHA512', 59, '90693936'],
      ['SHA1', 20000000000, '65353130'],
      ['SHA256', 20000000000, '77737706'],
      ['SHA512', 20000000000, '47863826'],
    ];
    for (const [algorithm, seconds, code] of vectors) {
      const account = accountFor(algorithm, 8);
      await prepareTotpCodes([account], seconds * 1000);
      expect(preparedCode(account, seconds * 1000)).toBe(code);
    }
  });

  it('also prepares the next code once it is previewed', async () => {
    const account = accountFor('SHA1', 8);
    await prepareTotpCodes([account], 55_000);
    const expected = totp({ secret: base32Decode(account.secret), digits: 8, time: 60_000 });
    expect(preparedCode(account, 55_000)).toBe(totp({ secret: base32Decode(account.secret), digits: 8, time: 55_000 }));
    vi.mocked(totp).mockClear();
    expect(totpView(account, 55_000).next).toBe(expected);
    expect(totp).not.toHaveBeenCalled();
  });
});

describe('Steam Guard accounts', () => {
  beforeEach(() => forgetSecrets());
  // KeePassXC's published pair (tests/TestTotp.cpp), also checked in packages/otp/test/steam.test.ts.
  const steam = () => createAccount({ type: 'steam', issuer: 'Steam', secret: '63BEDWCQZKTQWPESARIERL5DTTQFCJTK' });

  it('show the Steam code, from WebCrypto and from the synchronous path alike', async () => {
    const account = steam();
    await prepareTotpCodes([account], 1_511_200_518_000);
    expect(preparedCode(account, 1_511_200_518_000)).toBe('FR8RV');
    forgetSecrets();
    expect(totpView(account, 1_511_200_714_000).code).toBe('9P3VP');
  });

  it('are not split into groups (the Steam app shows five characters in one piece)', () => {
    expect(groupCode('FR8RV')).toBe('FR8RV');
    expect(groupCode('23456')).toBe('23456');
    expect(groupCode('123456')).toBe('123 456');
  });
});
