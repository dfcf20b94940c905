import { describe, expect, it } from 'vitest';
import { hmacCounter } from '../src/hmac-cache.js';
import { hotp, hotpFromHmac, hotpMessage, totp, totpCounter } from '../src/index.js';
import { ascii, hex, RFC6238_SEEDS } from './helpers.js';

describe('RFC 4226 Appendix D', () => {
  const secret = ascii('12345678901234567890');
  // Count, HMAC-SHA1 intermediate value, truncated 31-bit value, 6-digit HOTP.
  const vectors: [number, string, number, string][] = [
    [0, 'cc93cf18508d94934c64b65d8ba7667fb7cde4b0', 1284755224, '755224'],
    [1, '75a48a19d4cbe100644e8ac1397eea747a2d33ab', 1094287082, '287082'],
    [2, '0bacb7fa082fef30782211938bc1c5e70416ff44', 137359152, '359152'],
    [3, '66c28227d03a2d5529262ff016a1e6ef76557ece', 1726969429, '969429'],
    [4, 'a904c900a64b35909874b33e61c5938a8e15ed1c', 1640338314, '338314'],
    [5, 'a37e783d7b7233c083d4f62926c7a25f238d0316', 868254676, '254676'],
    [6, 'bc9cd28561042c83f219324d3c607256c03272ae', 1918287922, '287922'],
    [7, 'a4fb960c0bc06e1eabb804e5b397cdc4b45596fa', 82162583, '162583'],
    [8, '1b3c89f65e6c9e883012052823443f048b4332db', 673399871, '399871'],
    [9, '1637409809a679dc698207310c8c7fc07290d9e5', 645520489, '520489'],
  ];

  it.each(vectors)('count %i: HMAC-SHA1 intermediate value', (counter, mac) => {
    expect(hex(hmacCounter('SHA1', secret, counter))).toBe(mac);
  });

  it.each(vectors)('count %i: HOTP value', (counter, _mac, truncated, code) => {
    expect(hotp({ secret, counter })).toBe(code);
    expect(hotp({ secret, counter: BigInt(counter) })).toBe(code);
    // 10 digits keep the whole 31-bit truncated value: it checks dynamic truncation directly.
    expect(hotp({ secret, counter, digits: 10 })).toBe(truncated.toString().padStart(10, '0'));
  });

  it('produces the same codes when repeated, interleaved and out of order (cached key state)', () => {
    for (let round = 0; round < 3; round++) {
      for (const [counter, , , code] of [...vectors].reverse()) {
        expect(hotp({ secret, counter })).toBe(code);
        expect(hotp({ secret: ascii('12345678901234567890'), counter })).toBe(code);
      }
    }
  });
});

describe('RFC 6238 Appendix B', () => {
  // Time (s), T as hex, TOTP for SHA1 / SHA256 / SHA512 (8 digits).
  const vectors: [number, string, string, string, string][] = [
    [59, '0000000000000001', '94287082', '46119246', '90693936'],
    [1111111109, '00000000023523EC', '07081804', '68084774', '25091201'],
    [1111111111, '00000000023523ED', '14050471', '67062674', '99943326'],
    [1234567890, '000000000273EF07', '89005924', '91819424', '93441116'],
    [2000000000, '0000000003F940AA', '69279037', '90698825', '38618901'],
    [20000000000, '0000000027BC86AA', '65353130', '77737706', '47863826'],
  ];

  it.each(vectors)('time %i s: step counter T = %s', (seconds, stepHex) => {
    expect(totpCounter({ time: seconds * 1000 })).toBe(Number.parseInt(stepHex, 16));
  });

  it.each(vectors)('time %i s: SHA1 / SHA256 / SHA512 codes', (seconds, _step, sha1, sha256, sha512) => {
    const time = seconds * 1000;
    expect(totp({ secret: RFC6238_SEEDS.SHA1, time, digits: 8 })).toBe(sha1);
    expect(totp({ secret: RFC6238_SEEDS.SHA1, time, digits: 8, algorithm: 'SHA1' })).toBe(sha1);
    expect(totp({ secret: RFC6238_SEEDS.SHA256, time, digits: 8, algorithm: 'SHA256' })).toBe(sha256);
    expect(totp({ secret: RFC6238_SEEDS.SHA512, time, digits: 8, algorithm: 'SHA512' })).toBe(sha512);
  });

  it('uses the whole step: the last millisecond of a step still gives that step’s code', () => {
    expect(totp({ secret: RFC6238_SEEDS.SHA1, time: 59_999, digits: 8 })).toBe('94287082');
    expect(totp({ secret: RFC6238_SEEDS.SHA1, time: 30_000, digits: 8 })).toBe('94287082');
  });
});

describe('HOTP from an HMAC computed elsewhere (hotpMessage + hotpFromHmac)', () => {
  const secret = ascii('12345678901234567890');

  it('encodes the counter as 8 bytes, big-endian, numbers and bigints alike', () => {
    expect(hex(hotpMessage(0))).toBe('0000000000000000');
    expect(hex(hotpMessage(2 ** 32 + 5))).toBe('0000000100000005');
    expect(hex(hotpMessage(2n ** 64n - 1n))).toBe('ffffffffffffffff');
  });

  it('gives the RFC 4226 codes from WebCrypto HMACs', async () => {
    const key = await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
    for (let counter = 0; counter < 10; counter++) {
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, hotpMessage(counter)));
      expect(hotpFromHmac(mac)).toBe(hotp({ secret, counter }));
      expect(hotpFromHmac(mac, 8)).toBe(hotp({ secret, counter, digits: 8 }));
    }
  });

  it('refuses bad counters, digits and MAC lengths with OtpError', () => {
    expect(() => hotpMessage(-1)).toThrow(expect.objectContaining({ code: 'INVALID_COUNTER' }));
    expect(() => hotpMessage(2n ** 64n)).toThrow(expect.objectContaining({ code: 'INVALID_COUNTER' }));
    expect(() => hotpFromHmac(new Uint8Array(20), 5)).toThrow(expect.objectContaining({ code: 'INVALID_DIGITS' }));
    expect(() => hotpFromHmac(new Uint8Array(16))).toThrow(expect.objectContaining({ code: 'UNSUPPORTED_ALGORITHM' }));
  });
});
