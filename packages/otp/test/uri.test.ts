import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base32Decode, formatOtpauthUri, type OtpAccount, parseOtpauthUri } from '../src/index.js';
import { ascii, expectOtpError } from './helpers.js';

const SECRET_TEXT = 'JBSWY3DPEHPK3PXP';
const SECRET = base32Decode(SECRET_TEXT);

describe('parseOtpauthUri', () => {
  it('parses the Key URI format example with defaults', () => {
    expect(parseOtpauthUri(`otpauth://totp/Example:alice@google.com?secret=${SECRET_TEXT}&issuer=Example`)).toEqual({
      type: 'totp',
      issuer: 'Example',
      account: 'alice@google.com',
      secret: SECRET,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  });

  it('parses every parameter', () => {
    const account = parseOtpauthUri(
      'otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60',
    );
    expect(account).toMatchObject({
      type: 'totp',
      issuer: 'ACME Co',
      account: 'john.doe@email.com',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
    });
    expect(account.counter).toBeUndefined();
  });

  it('parses hotp with its counter', () => {
    expect(parseOtpauthUri(`otpauth://hotp/Foo:bar?secret=${SECRET_TEXT}&counter=42`)).toMatchObject({
      type: 'hotp',
      issuer: 'Foo',
      account: 'bar',
      counter: 42,
    });
    expect(parseOtpauthUri(`otpauth://hotp/x?secret=${SECRET_TEXT}&counter=0`).counter).toBe(0);
    expect(parseOtpauthUri(`otpauth://hotp/x?secret=${SECRET_TEXT}&counter=18446744073709551615`).counter).toBe(
      2n ** 64n - 1n,
    );
    expect(parseOtpauthUri(`otpauth://hotp/x?secret=${SECRET_TEXT}&counter=9007199254740991`).counter).toBe(
      Number.MAX_SAFE_INTEGER,
    );
    expect(parseOtpauthUri(`otpauth://hotp/x?secret=${SECRET_TEXT}&counter=9007199254740992`).counter).toBe(2n ** 53n);
  });

  it('requires a valid counter for hotp and ignores it for totp', () => {
    expectOtpError(() => parseOtpauthUri(`otpauth://hotp/x?secret=${SECRET_TEXT}`), 'INVALID_COUNTER');
    expectOtpError(() => parseOtpauthUri(`otpauth://hotp/x?secret=${SECRET_TEXT}&counter=`), 'INVALID_COUNTER');
    for (const counter of ['-1', '1.5', 'abc', '0x10', '18446744073709551616', '1e3']) {
      expectOtpError(
        () => parseOtpauthUri(`otpauth://hotp/x?secret=${SECRET_TEXT}&counter=${counter}`),
        'INVALID_COUNTER',
      );
    }
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${SECRET_TEXT}&counter=5`).counter).toBeUndefined();
  });

  it('reads zero-padded decimal counters, digits and periods by value', () => {
    const padded = (value: string) => `${'0'.repeat(30)}${value}`;
    expect(parseOtpauthUri(`otpauth://hotp/x?secret=${SECRET_TEXT}&counter=${padded('1')}`).counter).toBe(1);
    expect(parseOtpauthUri(`otpauth://hotp/x?secret=${SECRET_TEXT}&counter=${padded('0')}`).counter).toBe(0);
    expect(
      parseOtpauthUri(`otpauth://hotp/x?secret=${SECRET_TEXT}&counter=${padded('18446744073709551615')}`).counter,
    ).toBe(2n ** 64n - 1n);
    expectOtpError(
      () => parseOtpauthUri(`otpauth://hotp/x?secret=${SECRET_TEXT}&counter=${padded('18446744073709551616')}`),
      'INVALID_COUNTER',
    );
    expectOtpError(
      () => parseOtpauthUri(`otpauth://hotp/x?secret=${SECRET_TEXT}&counter=${'9'.repeat(5000)}`),
      'INVALID_COUNTER',
    );
    const account = parseOtpauthUri(
      `otpauth://totp/x?secret=${SECRET_TEXT}&digits=${padded('8')}&period=${padded('60')}`,
    );
    expect(account).toMatchObject({ digits: 8, period: 60 });
    expectOtpError(
      () => parseOtpauthUri(`otpauth://totp/x?secret=${SECRET_TEXT}&digits=${padded('0')}`),
      'INVALID_DIGITS',
    );
    expectOtpError(
      () => parseOtpauthUri(`otpauth://totp/x?secret=${SECRET_TEXT}&period=${padded('0')}`),
      'INVALID_PERIOD',
    );
  });

  it('lets the issuer parameter win over the label prefix', () => {
    expect(parseOtpauthUri(`otpauth://totp/Old:bob?secret=${SECRET_TEXT}&issuer=New`)).toMatchObject({
      issuer: 'New',
      account: 'bob',
    });
    // An empty issuer parameter does not erase the label's issuer.
    expect(parseOtpauthUri(`otpauth://totp/Old:bob?secret=${SECRET_TEXT}&issuer=`).issuer).toBe('Old');
  });

  it('takes the issuer from the label prefix, with ":" literal or as %3A, trimming spaces', () => {
    for (const label of [
      'GitHub:octo',
      'GitHub%3Aocto',
      'GitHub%3aocto',
      'GitHub: octo',
      'GitHub:%20octo%20',
      ' GitHub :octo',
    ]) {
      expect(parseOtpauthUri(`otpauth://totp/${label}?secret=${SECRET_TEXT}`), label).toMatchObject({
        issuer: 'GitHub',
        account: 'octo',
      });
    }
  });

  it('has no issuer when neither the label nor the parameters name one', () => {
    const account = parseOtpauthUri(`otpauth://totp/alice%40example.com?secret=${SECRET_TEXT}`);
    expect(account.account).toBe('alice@example.com');
    expect(account.issuer).toBeUndefined();
    expect('issuer' in account).toBe(false);
    expect(parseOtpauthUri(`otpauth://totp/?secret=${SECRET_TEXT}`).account).toBe('');
    expect(parseOtpauthUri(`otpauth://totp?secret=${SECRET_TEXT}`).account).toBe('');
  });

  it('decodes UTF-8 percent-encoding and "+" as space in parameters only', () => {
    const account = parseOtpauthUri(
      `otpauth://totp/Caf%C3%A9%20%E2%98%95:j%C3%BCrgen+x?secret=${SECRET_TEXT}&issuer=Caf%C3%A9+%E2%98%95`,
    );
    expect(account.issuer).toBe('Café ☕');
    expect(account.account).toBe('jürgen+x');
    expect(parseOtpauthUri(`otpauth://totp/a?secret=${SECRET_TEXT}&issuer=A%2BB`).issuer).toBe('A+B');
    expect(parseOtpauthUri(`otpauth://totp/a?secret=${SECRET_TEXT}&issuer=A+B`).issuer).toBe('A B');
    expect(parseOtpauthUri(`otpauth://totp/😀:🎉?secret=${SECRET_TEXT}`)).toMatchObject({
      issuer: '😀',
      account: '🎉',
    });
  });

  it('is case-insensitive for scheme, type, algorithm and parameter names', () => {
    const account = parseOtpauthUri(`OTPAUTH://TOTP/a?SECRET=${SECRET_TEXT}&Algorithm=sha512&DIGITS=8`);
    expect(account).toMatchObject({ type: 'totp', algorithm: 'SHA512', digits: 8 });
    expect(parseOtpauthUri(`otpauth://HoTp/a?secret=${SECRET_TEXT}&counter=1`).type).toBe('hotp');
    for (const algorithm of ['sha1', 'Sha256', 'SHA-256', 'sha-512']) {
      expect(parseOtpauthUri(`otpauth://totp/a?secret=${SECRET_TEXT}&algorithm=${algorithm}`).algorithm).toMatch(
        /^SHA/,
      );
    }
  });

  it('accepts secrets with padding, lowercase, spaces and hyphens', () => {
    for (const secret of [
      'JBSWY3DPEHPK3PXP====',
      'jbswy3dpehpk3pxp',
      'JBSW%20Y3DP%20EHPK%203PXP',
      'JBSW+Y3DP+EHPK+3PXP',
      'JBSW-Y3DP-EHPK-3PXP',
    ]) {
      expect(parseOtpauthUri(`otpauth://totp/a?secret=${secret}`).secret, secret).toEqual(SECRET);
    }
  });

  it('rejects missing, empty and invalid secrets', () => {
    expectOtpError(() => parseOtpauthUri('otpauth://totp/a?issuer=x'), 'MISSING_SECRET');
    expectOtpError(() => parseOtpauthUri('otpauth://totp/a?secret=&issuer=x'), 'MISSING_SECRET');
    expectOtpError(() => parseOtpauthUri('otpauth://totp/a?secret===='), 'MISSING_SECRET');
    expectOtpError(() => parseOtpauthUri('otpauth://totp/a?secret'), 'MISSING_SECRET');
    expectOtpError(() => parseOtpauthUri('otpauth://totp/a?secret=JBSWY3DPEHPK3PX1'), 'INVALID_SECRET');
    expectOtpError(() => parseOtpauthUri('otpauth://totp/a?secret=JBSW%C3%A9'), 'INVALID_SECRET');
  });

  it('takes the first of duplicated parameters', () => {
    const account = parseOtpauthUri(
      `otpauth://totp/a?secret=${SECRET_TEXT}&secret=GEZDGNBV&digits=8&digits=6&issuer=A&issuer=B`,
    );
    expect(account.secret).toEqual(SECRET);
    expect(account.digits).toBe(8);
    expect(account.issuer).toBe('A');
  });

  it('validates digits, period and algorithm', () => {
    for (const digits of ['5', '11', '0', 'abc', '6.0', '-6', '99999999999999999999']) {
      expectOtpError(
        () => parseOtpauthUri(`otpauth://totp/a?secret=${SECRET_TEXT}&digits=${digits}`),
        'INVALID_DIGITS',
      );
    }
    for (const digits of [6, 7, 8, 9, 10]) {
      expect(parseOtpauthUri(`otpauth://totp/a?secret=${SECRET_TEXT}&digits=${digits}`).digits).toBe(digits);
    }
    for (const period of ['0', '-30', 'abc', '1.5', '99999999999999999999']) {
      expectOtpError(
        () => parseOtpauthUri(`otpauth://totp/a?secret=${SECRET_TEXT}&period=${period}`),
        'INVALID_PERIOD',
      );
    }
    for (const period of [15, 30, 60]) {
      expect(parseOtpauthUri(`otpauth://totp/a?secret=${SECRET_TEXT}&period=${period}`).period).toBe(period);
    }
    for (const algorithm of ['MD5', 'SHA384', 'SHA3-256', 'xyz']) {
      expectOtpError(
        () => parseOtpauthUri(`otpauth://totp/a?secret=${SECRET_TEXT}&algorithm=${algorithm}`),
        'UNSUPPORTED_ALGORITHM',
      );
    }
  });

  it('treats empty optional parameters as absent', () => {
    expect(parseOtpauthUri(`otpauth://totp/a?secret=${SECRET_TEXT}&digits=&period=&algorithm=`)).toMatchObject({
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    });
  });

  it('ignores unknown parameters, empty pairs, the fragment and surrounding whitespace', () => {
    const account = parseOtpauthUri(
      `  otpauth://totp/Acme:me?&secret=${SECRET_TEXT}&&image=https%3A%2F%2Fexample.com%2Flogo.png&foo#frag?secret=AAAA \n`,
    );
    expect(account).toMatchObject({ issuer: 'Acme', account: 'me', secret: SECRET });
  });

  it('rejects other schemes, missing types and unsupported types', () => {
    for (const uri of [
      '',
      'http://totp/a?secret=JBSWY3DP',
      'otpauth:/totp/a?secret=X',
      'otpauth-migration://offline?data=',
      'totp/a',
    ]) {
      expectOtpError(() => parseOtpauthUri(uri), 'INVALID_URI');
    }
    expectOtpError(() => parseOtpauthUri(`otpauth:///a?secret=${SECRET_TEXT}`), 'INVALID_URI');
    for (const type of ['motp', 'yaotp', 'st%65am%00', 't%6Ftp%00']) {
      expectOtpError(() => parseOtpauthUri(`otpauth://${type}/a?secret=${SECRET_TEXT}`), 'UNSUPPORTED_TYPE');
    }
    expect(parseOtpauthUri(`otpauth://t%6Ftp/a?secret=${SECRET_TEXT}`).type).toBe('totp');
  });

  it('turns malformed percent-encoding into OtpError, never URIError', () => {
    for (const uri of [
      `otpauth://totp/%E0%A4%A?secret=${SECRET_TEXT}`,
      `otpauth://totp/a%zz?secret=${SECRET_TEXT}`,
      `otpauth://totp/a:b%?secret=${SECRET_TEXT}`,
      `otpauth://totp/a?secret=${SECRET_TEXT}&issuer=%`,
      `otpauth://totp/a?secret=${SECRET_TEXT}&issuer=%C3%28`,
      `otpauth://totp/a?secret=${SECRET_TEXT}&%ZZ=1`,
      `otpauth://totp/%ED%A0%80?secret=${SECRET_TEXT}`,
      `otpauth://%/a?secret=${SECRET_TEXT}`,
    ]) {
      expectOtpError(() => parseOtpauthUri(uri), 'INVALID_URI');
    }
  });

  it('rejects non-strings, lone surrogates and huge inputs with INVALID_URI', () => {
    for (const value of [undefined, null, 42, {}, ['otpauth://totp/a?secret=JBSWY3DP']]) {
      expectOtpError(() => parseOtpauthUri(value as unknown as string), 'INVALID_URI');
    }
    expectOtpError(() => parseOtpauthUri(`otpauth://totp/a\uD800b?secret=${SECRET_TEXT}`), 'INVALID_URI');
    const huge = `otpauth://totp/${'a'.repeat(5_000_000)}?secret=${SECRET_TEXT}`;
    const started = performance.now();
    expectOtpError(() => parseOtpauthUri(huge), 'INVALID_URI');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('parses a long but reasonable label quickly', () => {
    const account = parseOtpauthUri(`otpauth://totp/${'%C3%A9'.repeat(5000)}?secret=${SECRET_TEXT}`);
    expect(account.account).toBe('é'.repeat(5000));
  });
});

describe('formatOtpauthUri', () => {
  const base: OtpAccount = {
    type: 'totp',
    issuer: 'ACME Co',
    account: 'john.doe@email.com',
    secret: SECRET,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  };

  it('writes a canonical Key URI', () => {
    expect(formatOtpauthUri(base)).toBe(
      `otpauth://totp/ACME%20Co:john.doe%40email.com?secret=${SECRET_TEXT}&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30`,
    );
    expect(formatOtpauthUri({ ...base, issuer: undefined, type: 'hotp', counter: 2n ** 64n - 1n })).toBe(
      `otpauth://hotp/john.doe%40email.com?secret=${SECRET_TEXT}&algorithm=SHA1&digits=6&period=30&counter=18446744073709551615`,
    );
  });

  it('escapes reserved characters in issuer and account', () => {
    const uri = formatOtpauthUri({ ...base, issuer: 'A:B&C?D#E%F+G', account: 'x:y z/ü' });
    expect(uri).toBe(
      `otpauth://totp/A%3AB%26C%3FD%23E%25F%2BG:x%3Ay%20z%2F%C3%BC?secret=${SECRET_TEXT}&issuer=A%3AB%26C%3FD%23E%25F%2BG&algorithm=SHA1&digits=6&period=30`,
    );
    expect(parseOtpauthUri(uri)).toMatchObject({ issuer: 'A:B&C?D#E%F+G', account: 'x:y z/ü' });
  });

  it('keeps a colon in an issuer-less account from being read as an issuer', () => {
    const uri = formatOtpauthUri({ ...base, issuer: undefined, account: 'user:name' });
    const parsed = parseOtpauthUri(uri);
    expect(parsed.issuer).toBeUndefined();
    expect(parsed.account).toBe('user:name');
  });

  it('rejects accounts it cannot represent', () => {
    expectOtpError(() => formatOtpauthUri({ ...base, type: 'hotp' }), 'INVALID_COUNTER');
    expectOtpError(() => formatOtpauthUri({ ...base, type: 'hotp', counter: -1 }), 'INVALID_COUNTER');
    expectOtpError(() => formatOtpauthUri({ ...base, digits: 11 }), 'INVALID_DIGITS');
    expectOtpError(() => formatOtpauthUri({ ...base, period: 0 }), 'INVALID_PERIOD');
    expectOtpError(() => formatOtpauthUri({ ...base, secret: new Uint8Array(0) }), 'MISSING_SECRET');
    expectOtpError(() => formatOtpauthUri({ ...base, algorithm: 'MD5' as 'SHA1' }), 'UNSUPPORTED_ALGORITHM');
    expectOtpError(() => formatOtpauthUri({ ...base, type: 'yandex' as 'totp' }), 'UNSUPPORTED_TYPE');
    expectOtpError(() => formatOtpauthUri({ ...base, type: 'steam', digits: 6 }), 'INVALID_DIGITS');
    expectOtpError(() => formatOtpauthUri({ ...base, account: 'a\uDC00' }), 'INVALID_ACCOUNT');
    expectOtpError(() => formatOtpauthUri({ ...base, account: 7 as unknown as string }), 'INVALID_ACCOUNT');
    expectOtpError(() => formatOtpauthUri(null as unknown as OtpAccount), 'INVALID_ACCOUNT');
  });
});

describe('format → parse round trip (property)', () => {
  const tricky = fc.constantFrom(
    ':',
    '%',
    '&',
    '?',
    '#',
    ' ',
    '+',
    '=',
    '/',
    '%3A',
    '%25',
    ':%',
    '\u00a0',
    'é',
    '😀',
    '\u200d',
  );
  const unicodeText = fc
    .array(
      fc.oneof(fc.string({ unit: 'binary', maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 }), tricky),
      {
        maxLength: 6,
      },
    )
    .map((parts) => parts.join(''));

  const accountArbitrary: fc.Arbitrary<OtpAccount> = fc
    .record({
      type: fc.constantFrom<'totp' | 'hotp'>('totp', 'hotp'),
      issuer: fc.option(unicodeText, { nil: undefined }),
      account: unicodeText,
      secret: fc.uint8Array({ minLength: 1, maxLength: 64 }),
      algorithm: fc.constantFrom<'SHA1' | 'SHA256' | 'SHA512'>('SHA1', 'SHA256', 'SHA512'),
      digits: fc.integer({ min: 6, max: 10 }),
      period: fc.integer({ min: 1, max: 86_400 }),
      counter: fc.oneof(fc.maxSafeNat(), fc.bigInt({ min: 2n ** 53n, max: 2n ** 64n - 1n })),
    })
    .map(({ counter, issuer, ...rest }) => ({
      ...rest,
      ...(issuer === undefined ? {} : { issuer }),
      ...(rest.type === 'hotp' ? { counter } : {}),
    }));

  it('parse(format(account)) gives the account back (account name trimmed)', () => {
    fc.assert(
      fc.property(accountArbitrary, (account) => {
        const parsed = parseOtpauthUri(formatOtpauthUri(account));
        const expected: OtpAccount = { ...account, account: account.account.trim() };
        if (!expected.issuer) delete expected.issuer;
        expect(parsed).toEqual(expected);
        // Formatting is canonical: a second trip is byte-identical.
        expect(formatOtpauthUri(parsed)).toBe(formatOtpauthUri(expected));
      }),
      { numRuns: 2000 },
    );
  });

  it('format is stable for accounts that came from parsing', () => {
    fc.assert(
      fc.property(accountArbitrary, (account) => {
        const once = formatOtpauthUri(parseOtpauthUri(formatOtpauthUri(account)));
        expect(formatOtpauthUri(parseOtpauthUri(once))).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  it('handles hand-picked hostile names', () => {
    for (const name of [
      'a:b:c',
      ':',
      '::',
      ' : ',
      '%',
      '%3A',
      '&secret=AAAA',
      '?x',
      '#y',
      ' padded ',
      '',
      'a\u0000b',
    ]) {
      for (const issuer of [undefined, name, 'Plain']) {
        const account: OtpAccount = {
          type: 'totp',
          ...(issuer === undefined ? {} : { issuer }),
          account: name,
          secret: ascii('secret!'),
          algorithm: 'SHA1',
          digits: 6,
          period: 30,
        };
        const parsed = parseOtpauthUri(formatOtpauthUri(account));
        expect(parsed.account, JSON.stringify({ name, issuer })).toBe(name.trim());
        expect(parsed.issuer, JSON.stringify({ name, issuer })).toBe(issuer || undefined);
      }
    }
  });
});
