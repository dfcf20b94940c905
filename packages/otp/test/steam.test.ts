import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  encodeMigrationPayload,
  formatMigrationUri,
  formatOtpauthUri,
  hotpMessage,
  isSteamUri,
  type OtpAccount,
  parseOtpauthUri,
  parseSteamUri,
  STEAM_ALPHABET,
  steamCodeFromHmac,
  steamGuardCode,
  totp,
  verifyTotp,
} from '../src/index.js';
import { ascii, expectOtpError } from './helpers.js';

/**
 * Independent oracle, on purpose written another way than src/steam.ts: OpenSSL's HMAC-SHA1 through node:crypto,
 * the counter as a BigInt, the 31-bit value read with Buffer.readUInt32BE, and the characters taken with BigInt
 * division. Only the description of the algorithm is shared (Steam Guard = RFC 6238 TOTP on 30 s steps, dynamic
 * truncation, then five times "value mod 26" into the alphabet below, least significant first).
 */
function referenceSteamCode(secret: Uint8Array, unixSeconds: number): string {
  const alphabet = [...'23456789BCDFGHJKMNPQRTVWXY'];
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = createHmac('sha1', secret).update(message).digest();
  let value = BigInt(mac.readUInt32BE((mac[19] as number) & 0x0f) & 0x7fffffff);
  const characters: string[] = [];
  while (characters.length < 5) {
    characters.push(alphabet[Number(value % 26n)] as string);
    value /= 26n;
  }
  return characters.join('');
}

/**
 * Published vectors.
 * - KeePassXC, tests/TestTotp.cpp, TestTotp::testSteamTotp (github.com/keepassxreboot/keepassxc): base32 secret
 *   63BEDWCQZKTQWPESARIERL5DTTQFCJTK; its comment says the pairs were produced by the Steam mobile app for a
 *   throw-away account. 1511200518 → FR8RV, 1511200714 → 9P3VP.
 * - The Python `steam_totp` module's unit test (generate_twofactor_code_for_time): shared_secret base64("foo"),
 *   i.e. the three bytes "foo", at time 1024 → TXNN5; and base64(base64("foo")) (the bytes "Zm9v") → 8XGNF.
 */
const PUBLISHED_VECTORS: readonly { source: string; secret: Uint8Array; time: number; code: string }[] = [
  { source: 'KeePassXC', secret: base32Decode('63BEDWCQZKTQWPESARIERL5DTTQFCJTK'), time: 1511200518, code: 'FR8RV' },
  { source: 'KeePassXC', secret: base32Decode('63BEDWCQZKTQWPESARIERL5DTTQFCJTK'), time: 1511200714, code: '9P3VP' },
  { source: 'steam_totp (Python)', secret: ascii('foo'), time: 1024, code: 'TXNN5' },
  { source: 'steam_totp (Python)', secret: ascii('Zm9v'), time: 1024, code: '8XGNF' },
];

describe('Steam Guard codes', () => {
  it('match the published vectors, through every entry point', () => {
    for (const { source, secret, time, code } of PUBLISHED_VECTORS) {
      const ms = time * 1000;
      expect(referenceSteamCode(secret, time), `oracle vs ${source}`).toBe(code);
      expect(steamGuardCode({ secret, time: ms }), source).toBe(code);
      expect(totp({ type: 'steam', secret, time: ms }), source).toBe(code);
      // The whole account object, as the extension and the README pass it.
      expect(totp({ ...parseSteamUri(`steam://${base32Encode(secret)}`), time: ms }), source).toBe(code);
      const mac = createHmac('sha1', secret)
        .update(hotpMessage(Math.floor(time / 30)))
        .digest();
      expect(steamCodeFromHmac(new Uint8Array(mac)), source).toBe(code);
    }
  });

  it('agree with the independent implementation on random secrets and times', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 1, maxLength: 80 }),
        fc.integer({ min: 0, max: 2 ** 37 }),
        (secret, seconds) => {
          const code = steamGuardCode({ secret, time: seconds * 1000 });
          expect(code).toBe(referenceSteamCode(secret, seconds));
          expect(code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('use every character of the alphabet and change every 30 seconds', () => {
    const secret = ascii('steam-guard-alphabet');
    const seen = new Set<string>();
    for (let step = 0; step < 400; step++)
      for (const char of steamGuardCode({ secret, time: step * 30_000 })) seen.add(char);
    expect([...seen].sort().join('')).toBe([...STEAM_ALPHABET].sort().join(''));
    expect(steamGuardCode({ secret, time: 29_999 })).toBe(steamGuardCode({ secret, time: 0 }));
    expect(steamGuardCode({ secret, time: 30_000 })).toBe(referenceSteamCode(secret, 30));
  });

  it("refuse any parameter other than Steam's", () => {
    const secret = ascii('12345678901234567890');
    expectOtpError(() => steamGuardCode({ secret, digits: 6 }), 'INVALID_DIGITS');
    expectOtpError(() => steamGuardCode({ secret, algorithm: 'SHA256' }), 'UNSUPPORTED_ALGORITHM');
    expectOtpError(() => totp({ type: 'steam', secret, period: 60 }), 'INVALID_PERIOD');
    expectOtpError(() => totp({ type: 'steam', secret, digits: 8 }), 'INVALID_DIGITS');
    expectOtpError(() => steamGuardCode({ secret: new Uint8Array(0) }), 'MISSING_SECRET');
    expectOtpError(() => steamGuardCode(null as never), 'MISSING_SECRET');
    expectOtpError(() => steamGuardCode({ secret, time: Number.NaN }), 'INVALID_TIME');
    expectOtpError(() => steamCodeFromHmac(new Uint8Array(32)), 'UNSUPPORTED_ALGORITHM');
    // Steam's own values are accepted when spelled out (accounts carry them).
    expect(steamGuardCode({ secret, algorithm: 'SHA1', digits: 5, period: 30, time: 0 })).toBe(
      referenceSteamCode(secret, 0),
    );
  });

  it('verify typed codes, in any case and with spaces, within the window', () => {
    const { secret, time, code } = PUBLISHED_VECTORS[0] as (typeof PUBLISHED_VECTORS)[number];
    const ms = time * 1000;
    expect(verifyTotp({ type: 'steam', secret, token: code, time: ms })).toBe(0);
    expect(verifyTotp({ type: 'steam', secret, token: ' fr8 rv ', time: ms })).toBe(0);
    expect(verifyTotp({ type: 'steam', secret, token: code, time: ms + 30_000 })).toBe(-1);
    expect(verifyTotp({ type: 'steam', secret, token: code, time: ms + 30_000, window: 0 })).toBeNull();
    for (const token of ['FR8R', 'FR8RVV', 'FR8RA', '12345', '']) {
      expect(verifyTotp({ type: 'steam', secret, token, time: ms }), token).toBeNull();
    }
  });
});

describe('Steam accounts in URIs', () => {
  const secret = base32Decode('63BEDWCQZKTQWPESARIERL5DTTQFCJTK');
  const steamAccount: OtpAccount = {
    type: 'steam',
    issuer: 'Steam',
    account: 'gaben',
    secret,
    algorithm: 'SHA1',
    digits: 5,
    period: 30,
  };

  it('reads the otpauth://steam/ form Aegis writes (and its defaults when parameters are missing)', () => {
    // Parameter order and set of Aegis' GoogleAuthInfo.getUri(): period, digits, algorithm, secret, issuer.
    const aegis =
      'otpauth://steam/Steam:gaben?period=30&digits=5&algorithm=SHA1&secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Steam';
    expect(parseOtpauthUri(aegis)).toEqual(steamAccount);
    expect(parseOtpauthUri('otpauth://STEAM/Steam:gaben?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK')).toEqual(
      steamAccount,
    );
  });

  it("reads KeePassXC's totp URI with encoder=steam", () => {
    const keepassxc =
      'otpauth://totp/Steam:gaben?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Steam&algorithm=SHA1&digits=5&period=30&encoder=steam';
    expect(parseOtpauthUri(keepassxc)).toEqual(steamAccount);
    expect(parseOtpauthUri('otpauth://totp/a?secret=GEZDGNBV&encoder=other').type).toBe('totp');
  });

  it('refuses Steam URIs whose parameters are not Steam’s', () => {
    const base = 'otpauth://steam/Steam:gaben?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK';
    expectOtpError(() => parseOtpauthUri(`${base}&digits=6`), 'INVALID_DIGITS');
    expectOtpError(() => parseOtpauthUri(`${base}&period=60`), 'INVALID_PERIOD');
    expectOtpError(() => parseOtpauthUri(`${base}&algorithm=SHA256`), 'UNSUPPORTED_ALGORITHM');
    expectOtpError(() => parseOtpauthUri(`${base}&digits=five`), 'INVALID_DIGITS');
    expectOtpError(() => parseOtpauthUri('otpauth://steam/Steam:gaben'), 'MISSING_SECRET');
  });

  it('writes otpauth://steam/ and reads it back', () => {
    const uri = formatOtpauthUri(steamAccount);
    expect(uri).toBe(
      'otpauth://steam/Steam:gaben?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Steam&algorithm=SHA1&digits=5&period=30',
    );
    expect(parseOtpauthUri(uri)).toEqual(steamAccount);
    expectOtpError(() => formatOtpauthUri({ ...steamAccount, period: 60 }), 'INVALID_PERIOD');
    expectOtpError(() => formatOtpauthUri({ ...steamAccount, algorithm: 'SHA512' }), 'UNSUPPORTED_ALGORITHM');
  });

  it("parses Bitwarden's steam://SECRET form", () => {
    expect(parseSteamUri('steam://63BEDWCQZKTQWPESARIERL5DTTQFCJTK')).toEqual({ ...steamAccount, account: '' });
    expect(parseSteamUri(' STEAM://63bedwcqzktqwpesarierl5dttqfcjtk ').secret).toEqual(secret);
    expect(isSteamUri('steam://ABC')).toBe(true);
    expect(isSteamUri('otpauth://steam/a?secret=ABC')).toBe(false);
    expect(isSteamUri(42)).toBe(false);
    expectOtpError(() => parseSteamUri('steam://'), 'MISSING_SECRET');
    expectOtpError(() => parseSteamUri('steam://not base32!'), 'INVALID_SECRET');
    expectOtpError(() => parseSteamUri('otpauth://steam/a?secret=ABC'), 'INVALID_URI');
    expectOtpError(() => parseSteamUri(7 as unknown as string), 'INVALID_URI');
    expectOtpError(() => parseSteamUri(`steam://${'A'.repeat(5000)}`), 'INVALID_URI');
  });

  it('are refused by the migration encoder, which has no Steam type', () => {
    expectOtpError(() => encodeMigrationPayload([steamAccount]), 'UNSUPPORTED_TYPE');
    expectOtpError(() => formatMigrationUri([steamAccount]), 'UNSUPPORTED_TYPE');
  });
});
