import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clearOtpKeyCache,
  hotp,
  MAX_VERIFY_WINDOW,
  OtpError,
  totp,
  totpCounter,
  totpRemainingMs,
  totpTimeStep,
  verifyTotp,
} from '../src/index.js';
import { ascii, expectOtpError, RFC6238_SEEDS, referenceHotp } from './helpers.js';

const secret = RFC6238_SEEDS.SHA1;
const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;

describe('hotp', () => {
  it.each([6, 7, 8, 9, 10])('returns exactly %i zero-padded digits', (digits) => {
    for (let counter = 0; counter < 200; counter++) {
      const code = hotp({ secret, counter, digits });
      expect(code).toMatch(new RegExp(`^\\d{${digits}}$`));
      expect(code).toBe(referenceHotp(secret, BigInt(counter), 'SHA1', digits));
    }
  });

  it('zero-pads short values (counter 7 of RFC 4226 truncates to 82162583)', () => {
    expect(hotp({ secret, counter: 7, digits: 10 })).toBe('0082162583');
    expect(hotp({ secret, counter: 7, digits: 9 })).toBe('082162583');
  });

  it('defaults to SHA1 and 6 digits', () => {
    expect(hotp({ secret, counter: 1 })).toBe(hotp({ secret, counter: 1, algorithm: 'SHA1', digits: 6 }));
  });

  it('handles counters at and above 2^32 as numbers and bigints', () => {
    const counters = [2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 2 ** 40 + 12345, 2 ** 52, Number.MAX_SAFE_INTEGER];
    for (const counter of counters) {
      for (const algorithm of ALGORITHMS) {
        const expected = referenceHotp(secret, BigInt(counter), algorithm, 8);
        expect(hotp({ secret, counter, algorithm, digits: 8 })).toBe(expected);
        expect(hotp({ secret, counter: BigInt(counter), algorithm, digits: 8 })).toBe(expected);
      }
    }
  });

  it('handles bigint counters up to 2^64 − 1', () => {
    const max = 2n ** 64n - 1n;
    for (const counter of [max, max - 1n, 2n ** 63n, 2n ** 63n - 1n, BigInt(Number.MAX_SAFE_INTEGER) + 1n]) {
      expect(hotp({ secret, counter })).toBe(referenceHotp(secret, counter));
    }
  });

  it('matches node:crypto for random secrets, counters, algorithms and digits', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.constantFrom(...ALGORITHMS),
        fc.integer({ min: 6, max: 10 }),
        (key, counter, algorithm, digits) => {
          expect(hotp({ secret: key, counter, algorithm, digits })).toBe(
            referenceHotp(key, counter, algorithm, digits),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects digits outside 6–10', () => {
    for (const digits of [0, 5, 11, 6.5, Number.NaN, -6, '6' as unknown as number]) {
      expectOtpError(() => hotp({ secret, counter: 0, digits }), 'INVALID_DIGITS');
    }
  });

  it('rejects negative, fractional, unsafe and out-of-range counters', () => {
    const bad = [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, -1n, 2n ** 64n, '1' as unknown as number];
    for (const counter of bad) expectOtpError(() => hotp({ secret, counter }), 'INVALID_COUNTER');
  });

  it('rejects unsupported algorithms but accepts case and hyphen variants', () => {
    expectOtpError(() => hotp({ secret, counter: 0, algorithm: 'MD5' as 'SHA1' }), 'UNSUPPORTED_ALGORITHM');
    expectOtpError(() => hotp({ secret, counter: 0, algorithm: 'SHA384' as 'SHA1' }), 'UNSUPPORTED_ALGORITHM');
    expect(hotp({ secret, counter: 0, algorithm: 'sha-256' as 'SHA256' })).toBe(
      hotp({ secret, counter: 0, algorithm: 'SHA256' }),
    );
  });

  it('rejects missing or non-byte secrets with OtpError', () => {
    expectOtpError(() => hotp({ secret: new Uint8Array(0), counter: 0 }), 'MISSING_SECRET');
    expectOtpError(() => hotp({ secret: 'JBSWY3DP' as unknown as Uint8Array, counter: 0 }), 'INVALID_SECRET');
    expectOtpError(() => hotp({ secret: [1, 2, 3] as unknown as Uint8Array, counter: 0 }), 'INVALID_SECRET');
    expectOtpError(() => hotp(null as unknown as Parameters<typeof hotp>[0]), 'MISSING_SECRET');
  });

  it('reports an absent secret as MISSING_SECRET and a wrongly typed one as INVALID_SECRET', () => {
    for (const value of [undefined, null]) {
      const missing = value as unknown as Uint8Array;
      expectOtpError(() => hotp({ secret: missing, counter: 0 }), 'MISSING_SECRET');
      expectOtpError(() => totp({ secret: missing, time: 0 }), 'MISSING_SECRET');
      expectOtpError(() => hotp({ counter: 0 } as unknown as Parameters<typeof hotp>[0]), 'MISSING_SECRET');
      expectOtpError(() => totp({} as unknown as Parameters<typeof totp>[0]), 'MISSING_SECRET');
    }
    for (const value of ['JBSWY3DP', 42, {}, [1, 2], new ArrayBuffer(4)]) {
      expectOtpError(() => hotp({ secret: value as unknown as Uint8Array, counter: 0 }), 'INVALID_SECRET');
    }
  });

  it('notices a Node Buffer secret mutated in place after it was cached (Buffer#slice is a view)', () => {
    const key = Buffer.from('12345678901234567890');
    expect(hotp({ secret: key, counter: 0 })).toBe('755224');
    key[0] = 0x39;
    expect(hotp({ secret: key, counter: 0 })).toBe(referenceHotp(key, 0n));
    key[0] = 0x31;
    expect(hotp({ secret: key, counter: 0 })).toBe('755224');
  });

  it('notices a secret array mutated in place after it was cached', () => {
    const key = ascii('12345678901234567890');
    expect(hotp({ secret: key, counter: 0 })).toBe('755224');
    key[0] = 0x39;
    expect(hotp({ secret: key, counter: 0 })).toBe(referenceHotp(key, 0n));
    key[0] = 0x31;
    expect(hotp({ secret: key, counter: 0 })).toBe('755224');
  });

  it('keeps SHA1/SHA256/SHA512 states of the same key apart', () => {
    for (const algorithm of ALGORITHMS) {
      expect(hotp({ secret, counter: 3, algorithm })).toBe(referenceHotp(secret, 3n, algorithm));
    }
  });

  it('accepts keys longer than the hash block (hashed first, RFC 2104)', () => {
    const long = new Uint8Array(300).map((_, i) => i);
    for (const algorithm of ALGORITHMS)
      expect(hotp({ secret: long, counter: 9, algorithm })).toBe(referenceHotp(long, 9n, algorithm));
  });

  it('still works after the key cache is cleared, and with many distinct secrets (eviction)', () => {
    expect(hotp({ secret, counter: 0 })).toBe('755224');
    clearOtpKeyCache();
    expect(hotp({ secret, counter: 0 })).toBe('755224');
    for (let i = 0; i < 600; i++) {
      const key = ascii(`secret-${i}`);
      expect(hotp({ secret: key, counter: i })).toBe(referenceHotp(key, BigInt(i)));
    }
    expect(hotp({ secret, counter: 1 })).toBe('287082');
  });

  it('works on a subarray view of a larger buffer', () => {
    const buffer = new Uint8Array(40);
    buffer.set(secret, 10);
    expect(hotp({ secret: buffer.subarray(10, 30), counter: 0 })).toBe('755224');
  });
});

describe('totp and time steps', () => {
  it.each([15, 30, 60])('period %i s: counter, code and remaining time', (period) => {
    const time = 1_700_000_123_456;
    const counter = Math.floor(time / 1000 / period);
    expect(totpCounter({ time, period })).toBe(counter);
    expect(totp({ secret, time, period })).toBe(referenceHotp(secret, BigInt(counter)));
    expect(totpRemainingMs({ time, period })).toBe((counter + 1) * period * 1000 - time);
    const step = totpTimeStep({ time, period });
    expect(step).toMatchObject({ counter, startMs: counter * period * 1000, endMs: (counter + 1) * period * 1000 });
    expect(step.progress).toBeGreaterThanOrEqual(0);
    expect(step.progress).toBeLessThan(1);
  });

  it('changes code exactly at step boundaries', () => {
    const start = 56_666_667 * 30_000;
    expect(totp({ secret, time: start - 1 })).toBe(referenceHotp(secret, BigInt(start / 30_000 - 1)));
    expect(totp({ secret, time: start })).toBe(referenceHotp(secret, BigInt(start / 30_000)));
    expect(totpRemainingMs({ time: start })).toBe(30_000);
    expect(totpRemainingMs({ time: start - 1 })).toBe(1);
  });

  it('also takes (timeMs, period) positionally', () => {
    expect(totpCounter(59_000)).toBe(1);
    expect(totpCounter(59_000, 60)).toBe(0);
    expect(totpRemainingMs(59_000)).toBe(1_000);
    expect(totpRemainingMs(59_000, 60)).toBe(1_000);
    expect(totpTimeStep(61_000, 15)).toMatchObject({ counter: 4, startMs: 60_000, endMs: 75_000, remainingMs: 14_000 });
    expectOtpError(() => totpCounter('59' as unknown as number), 'INVALID_TIME');
  });

  it('honours t0 (seconds)', () => {
    expect(totpCounter({ time: 100_000, t0: 10, period: 30 })).toBe(3);
    expect(totp({ secret, time: 100_000, t0: 10 })).toBe(referenceHotp(secret, 3n));
    expect(totpTimeStep({ time: 100_000, t0: 10 })).toMatchObject({ startMs: 100_000, endMs: 130_000 });
    expect(totpRemainingMs({ time: 100_000, t0: 10 })).toBe(30_000);
  });

  it('defaults to the current time', () => {
    const before = totpCounter({ time: Date.now() });
    const code = totp({ secret });
    const after = totpCounter({ time: Date.now() });
    expect([referenceHotp(secret, BigInt(before)), referenceHotp(secret, BigInt(after))]).toContain(code);
    expect(totpRemainingMs()).toBeGreaterThan(0);
    expect(totpRemainingMs()).toBeLessThanOrEqual(30_000);
  });

  it('accepts fractional millisecond times', () => {
    expect(totp({ secret, time: 59_999.9, digits: 8 })).toBe('94287082');
  });

  it('rejects bad periods, times and t0', () => {
    for (const period of [0, -30, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '30' as unknown as number]) {
      expectOtpError(() => totp({ secret, time: 0, period }), 'INVALID_PERIOD');
      expectOtpError(() => totpRemainingMs({ time: 0, period }), 'INVALID_PERIOD');
    }
    for (const time of [Number.NaN, Number.POSITIVE_INFINITY, -1, '0' as unknown as number]) {
      expectOtpError(() => totp({ secret, time }), 'INVALID_TIME');
    }
    expectOtpError(() => totp({ secret, time: 5_000, t0: 10 }), 'INVALID_TIME');
    expectOtpError(() => totpCounter({ time: 0, t0: Number.NaN }), 'INVALID_TIME');
  });
});

describe('verifyTotp', () => {
  const time = 1_234_567_890_000;
  const counter = Math.floor(time / 30_000);
  const codeAt = (delta: number, digits = 6) => referenceHotp(secret, BigInt(counter + delta), 'SHA1', digits);

  it('returns the matching step delta within the default window of 1', () => {
    expect(verifyTotp({ secret, token: codeAt(0), time })).toBe(0);
    expect(verifyTotp({ secret, token: codeAt(-1), time })).toBe(-1);
    expect(verifyTotp({ secret, token: codeAt(1), time })).toBe(1);
    expect(verifyTotp({ secret, token: codeAt(2), time })).toBeNull();
    expect(verifyTotp({ secret, token: codeAt(-2), time })).toBeNull();
  });

  it('honours window, digits, algorithm and period', () => {
    expect(verifyTotp({ secret, token: codeAt(3), time, window: 3 })).toBe(3);
    expect(verifyTotp({ secret, token: codeAt(1), time, window: 0 })).toBeNull();
    expect(verifyTotp({ secret, token: codeAt(0, 8), time, digits: 8 })).toBe(0);
    const seed = RFC6238_SEEDS.SHA512;
    expect(
      verifyTotp({ secret: seed, token: '47863826', time: 20_000_000_000_000, algorithm: 'SHA512', digits: 8 }),
    ).toBe(0);
    const token = referenceHotp(secret, BigInt(Math.floor(time / 60_000) - 1));
    expect(verifyTotp({ secret, token, time, period: 60 })).toBe(-1);
  });

  it('ignores spaces in the token and rejects malformed tokens without throwing', () => {
    const code = codeAt(0);
    expect(verifyTotp({ secret, token: `${code.slice(0, 3)} ${code.slice(3)}`, time })).toBe(0);
    for (const token of ['', '12345', '1234567', 'abcdef', `${code}\u0000`, 123456 as unknown as string]) {
      expect(verifyTotp({ secret, token, time })).toBeNull();
    }
  });

  it('returns +0, never -0, for a match in the current step (window 0 included)', () => {
    for (const window of [0, 1, 5]) {
      expect(Object.is(verifyTotp({ secret, token: codeAt(0), time, window }), 0), `window ${window}`).toBe(true);
    }
    expect(verifyTotp({ secret, token: codeAt(0), time, window: 0 })).toBe(0);
  });

  it('skips steps before the epoch', () => {
    expect(verifyTotp({ secret, token: referenceHotp(secret, 0n), time: 1000, window: 5 })).toBe(0);
  });

  it('rejects invalid windows', () => {
    for (const window of [-1, 1.5, MAX_VERIFY_WINDOW + 1, Number.NaN]) {
      expectOtpError(() => verifyTotp({ secret, token: codeAt(0), time, window }), 'INVALID_WINDOW');
    }
  });

  it('throws OtpError (not TypeError) for a missing secret', () => {
    // README: MISSING_SECRET is "no or empty secret (… hotp/totp option)"; INVALID_SECRET is a secret of the wrong type.
    const error = expectOtpError(
      () => verifyTotp({ secret: undefined as unknown as Uint8Array, token: '123456', time }),
      'MISSING_SECRET',
    );
    expect(error).toBeInstanceOf(OtpError);
    expectOtpError(
      () => verifyTotp({ secret: 'JBSWY3DP' as unknown as Uint8Array, token: '123456', time }),
      'INVALID_SECRET',
    );
  });
});
