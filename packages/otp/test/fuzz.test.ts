import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Encode } from '../src/base64.js';
import {
  encodeMigrationPayload,
  formatOtpauthUri,
  type OtpAccount,
  OtpError,
  parseMigrationUri,
  parseOtpauthUri,
} from '../src/index.js';

/**
 * Hostile-input fuzzing: whatever string arrives (a scanned QR code, a paste), parsing either
 * returns a well-formed account or throws OtpError — never TypeError/RangeError/URIError, never hangs.
 */

function checkAccount(account: OtpAccount): void {
  expect(['totp', 'hotp']).toContain(account.type);
  expect(typeof account.account).toBe('string');
  expect(account.secret).toBeInstanceOf(Uint8Array);
  expect(account.secret.length).toBeGreaterThan(0);
  expect(['SHA1', 'SHA256', 'SHA512']).toContain(account.algorithm);
  expect(account.digits).toBeGreaterThanOrEqual(6);
  expect(account.digits).toBeLessThanOrEqual(10);
  expect(Number.isSafeInteger(account.period) && account.period >= 1).toBe(true);
  if (account.type === 'hotp') expect(['number', 'bigint']).toContain(typeof account.counter);
  // Anything we accept, we can write back out and read again identically.
  expect(parseOtpauthUri(formatOtpauthUri(account))).toEqual(account);
}

function onlyOtpErrors(parse: () => OtpAccount | OtpAccount[]): 'ok' | 'rejected' {
  try {
    const result = parse();
    for (const account of Array.isArray(result) ? result : [result]) {
      expect(account.secret.length).toBeGreaterThan(0);
      expect(['totp', 'hotp']).toContain(account.type);
    }
    return 'ok';
  } catch (error) {
    if (!(error instanceof OtpError)) throw error;
    expect(error.name).toBe('OtpError');
    expect(typeof error.code).toBe('string');
    return 'rejected';
  }
}

const SEEDS = [
  'otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30',
  'otpauth://hotp/Bank:card?secret=JBSWY3DPEHPK3PXP&counter=18446744073709551615&digits=8',
  'otpauth://totp/Caf%C3%A9%3Aj%C3%BCrgen?secret=jbsw+y3dp-ehpk%203pxp====&issuer=A+B&algorithm=sha512&period=60',
  'OTPAUTH://TOTP/x?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=10#frag',
];
const FRAGMENTS = [
  '%',
  '%2',
  '%zz',
  '%C3',
  '%C3%28',
  '%E0%A4%A',
  '%ED%A0%80',
  '%F4%90%80%80',
  '%00',
  '%3A',
  '%25',
  ':',
  '::',
  '/',
  '//',
  '?',
  '??',
  '&',
  '&&',
  '=',
  '==',
  '#',
  '+',
  ' ',
  '\t',
  '\n',
  '\u0000',
  'é',
  '😀',
  '\uD800',
  '\uDC00',
  'secret=',
  'secret=AAAA',
  'secret=1',
  'counter=',
  'counter=-1',
  'counter=99999999999999999999',
  'digits=5',
  'digits=99',
  'period=0',
  'period=-1',
  'algorithm=MD5',
  'algorithm=',
  'issuer=',
  'otpauth://',
  'hotp',
  'totp',
  'steam',
  'x'.repeat(1000),
];

/** Deterministic mutations of a valid URI: insert / delete / replace / duplicate / truncate. */
const mutatedUri = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom('insert', 'delete', 'replace', 'duplicate', 'truncate'),
        fc.constantFrom(...FRAGMENTS),
        fc.nat(20),
      ),
      { minLength: 1, maxLength: 6 },
    ),
  )
  .map(([seed, edits]) => {
    let uri = seed;
    for (const [rawPosition, kind, fragment, span] of edits) {
      const at = uri.length === 0 ? 0 : rawPosition % (uri.length + 1);
      if (kind === 'insert') uri = uri.slice(0, at) + fragment + uri.slice(at);
      else if (kind === 'delete') uri = uri.slice(0, at) + uri.slice(at + span);
      else if (kind === 'replace') uri = uri.slice(0, at) + fragment + uri.slice(at + fragment.length);
      else if (kind === 'duplicate') uri = uri.slice(0, at + span) + uri.slice(at);
      else uri = uri.slice(0, at);
    }
    return uri;
  });

const randomUri = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }).map((rest) => `otpauth://${rest}`),
  fc
    .tuple(fc.constantFrom('totp', 'hotp', 'TOTP', 'x', ''), fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 12 }))
    .map(([type, parts]) => `otpauth://${type}/${parts.join('')}`),
);

describe('fuzzing parseOtpauthUri', () => {
  it('only ever throws OtpError on 12,000 mutated URIs, and accepted ones are well-formed', () => {
    let accepted = 0;
    fc.assert(
      fc.property(mutatedUri, (uri) => {
        try {
          checkAccount(parseOtpauthUri(uri));
          accepted++;
        } catch (error) {
          if (!(error instanceof OtpError)) throw error;
        }
      }),
      { numRuns: 12_000, seed: 4226 },
    );
    // The mutations must not all be trivially fatal, or the fuzz would not reach deep code.
    expect(accepted).toBeGreaterThan(500);
  });

  it('only ever throws OtpError on 12,000 random strings', () => {
    const outcomes = { ok: 0, rejected: 0 };
    fc.assert(
      fc.property(randomUri, (uri) => {
        outcomes[onlyOtpErrors(() => parseOtpauthUri(uri))]++;
      }),
      { numRuns: 12_000, seed: 6238 },
    );
    expect(outcomes.ok + outcomes.rejected).toBe(12_000);
  });
});

describe('fuzzing parseMigrationUri', () => {
  const valid = encodeMigrationPayload([
    {
      type: 'totp',
      issuer: 'Example',
      account: 'alice',
      secret: Uint8Array.of(1, 2, 3, 4, 5),
      algorithm: 'SHA256',
      digits: 8,
      period: 30,
    },
    {
      type: 'hotp',
      account: 'bob',
      secret: Uint8Array.of(9, 9),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 77,
    },
  ]);

  it('only ever throws OtpError on 10,000 bit-flipped, spliced and truncated payloads', () => {
    const mutatedPayload = fc
      .array(
        fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.constantFrom('set', 'insert', 'delete', 'truncate')),
        {
          minLength: 1,
          maxLength: 8,
        },
      )
      .map((edits) => {
        const bytes = Array.from(valid);
        for (const [rawPosition, value, kind] of edits) {
          const at = rawPosition % (bytes.length + 1);
          if (kind === 'set' && at < bytes.length) bytes[at] = value;
          else if (kind === 'insert') bytes.splice(at, 0, value);
          else if (kind === 'delete') bytes.splice(at, 1);
          else if (kind === 'truncate') bytes.length = at;
        }
        return Uint8Array.from(bytes);
      });
    fc.assert(
      fc.property(mutatedPayload, (bytes) => {
        onlyOtpErrors(() =>
          parseMigrationUri(`otpauth-migration://offline?data=${encodeURIComponent(base64Encode(bytes))}`),
        );
      }),
      { numRuns: 10_000, seed: 4648 },
    );
  });

  it('only ever throws OtpError on random bytes and random data strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc
            .uint8Array({ maxLength: 300 })
            .map((bytes) => `otpauth-migration://offline?data=${encodeURIComponent(base64Encode(bytes))}`),
          fc.string({ unit: 'binary', maxLength: 200 }).map((data) => `otpauth-migration://offline?data=${data}`),
          fc.string({ unit: 'binary', maxLength: 200 }),
        ),
        (uri) => {
          onlyOtpErrors(() => parseMigrationUri(uri));
        },
      ),
      { numRuns: 5_000, seed: 1 },
    );
  });
});
