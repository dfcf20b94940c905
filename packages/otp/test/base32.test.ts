import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode } from '../src/index.js';
import { ascii, expectOtpError } from './helpers.js';

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

describe('base32 (RFC 4648)', () => {
  // Section 10 test vectors.
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'MY======'],
    ['fo', 'MZXQ===='],
    ['foo', 'MZXW6==='],
    ['foob', 'MZXW6YQ='],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI======'],
  ];

  it.each(vectors)('section 10: BASE32(%j) = %j', (plain, encoded) => {
    expect(base32Encode(ascii(plain))).toBe(encoded.replace(/=+$/, ''));
    expect(text(base32Decode(encoded))).toBe(plain);
    expect(text(base32Decode(encoded.replace(/=+$/, '')))).toBe(plain);
  });

  it('tolerates lowercase, spaces, hyphens and missing or extra padding', () => {
    const expected = 'foobar';
    for (const input of [
      'mzxw6ytboi',
      'MZXW 6YTB OI',
      'mzxw-6ytb-oi',
      'MZXW6YTBOI======',
      'MZXW6YTBOI=',
      'MZXW6YTBOI==========',
      '  MZXW6YTBOI  ',
      'MzXw6YtBoI',
      'MZXW\t6YTB\nOI',
    ]) {
      expect(text(base32Decode(input)), input).toBe(expected);
    }
  });

  it('decodes the Google Authenticator example secret', () => {
    expect(Array.from(base32Decode('JBSWY3DPEHPK3PXP'))).toEqual([
      0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef,
    ]);
  });

  it('rejects characters outside the alphabet', () => {
    for (const input of [
      'MZXW0',
      'MZXW1YTB',
      'MZXW8YTB',
      'MZXW9YTB',
      'MZ!W',
      'MZXW6YTB+',
      'MZXW6YTB/',
      'é',
      'MZ\u0000XW',
    ]) {
      const error = expectOtpError(() => base32Decode(input), 'INVALID_SECRET');
      expect(error.message).toMatch(/position/);
    }
  });

  it('rejects data after padding and impossible lengths', () => {
    expectOtpError(() => base32Decode('MY==MY'), 'INVALID_SECRET');
    expectOtpError(() => base32Decode('M'), 'INVALID_SECRET');
    expectOtpError(() => base32Decode('MZX'), 'INVALID_SECRET');
    expectOtpError(() => base32Decode('MZXW6Y'), 'INVALID_SECRET');
    expectOtpError(() => base32Decode('MZXW6YTBM'), 'INVALID_SECRET');
  });

  it('rejects non-string input with OtpError', () => {
    expectOtpError(() => base32Decode(undefined as unknown as string), 'INVALID_SECRET');
    expectOtpError(() => base32Encode('abc' as unknown as Uint8Array), 'INVALID_SECRET');
  });

  it('round-trips arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => {
        const encoded = base32Encode(bytes);
        expect(encoded).toMatch(/^[A-Z2-7]*$/);
        expect(encoded.length).toBe(Math.ceil((bytes.length * 8) / 5));
        expect(base32Decode(encoded)).toEqual(bytes);
        expect(base32Decode(encoded.toLowerCase())).toEqual(bytes);
        const padded = encoded + '='.repeat((8 - (encoded.length % 8)) % 8);
        expect(base32Decode(padded)).toEqual(bytes);
        const grouped = encoded.replace(/(.{4})/g, '$1 ');
        expect(base32Decode(grouped)).toEqual(bytes);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws anything but OtpError for arbitrary strings (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), (input) => {
        try {
          base32Decode(input);
        } catch (error) {
          expect((error as Error).name).toBe('OtpError');
        }
      }),
      { numRuns: 2000 },
    );
  });
});
