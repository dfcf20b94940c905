import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Encode } from '../src/base64.js';
import {
  decodeMigrationPayload,
  encodeMigrationPayload,
  formatMigrationUri,
  formatMigrationUris,
  migrationBatches,
  type OtpAccount,
  parseMigrationPayload,
  parseMigrationUri,
  parseMigrationUriEntries,
} from '../src/index.js';
import { ProtobufWriter, WireType } from '../src/protobuf.js';
import { ascii, expectOtpError } from './helpers.js';

const SECRET = Uint8Array.of(0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef);

const uriFor = (bytes: Uint8Array): string =>
  `otpauth-migration://offline?data=${encodeURIComponent(base64Encode(bytes))}`;

/** OtpParameters built field by field, so tests can use any field, value or wire type. */
function otpParameters(fields: {
  secret?: Uint8Array;
  name?: string;
  issuer?: string;
  algorithm?: number;
  digits?: number;
  type?: number;
  counter?: bigint;
  extra?: (writer: ProtobufWriter) => void;
}): ProtobufWriter {
  const writer = new ProtobufWriter();
  if (fields.secret) writer.bytesField(1, fields.secret);
  if (fields.name !== undefined) writer.stringField(2, fields.name);
  if (fields.issuer !== undefined) writer.stringField(3, fields.issuer);
  if (fields.algorithm !== undefined)
    writer.uintField(4, fields.algorithm < 0 ? BigInt.asUintN(64, BigInt(fields.algorithm)) : fields.algorithm);
  if (fields.digits !== undefined) writer.uintField(5, fields.digits);
  if (fields.type !== undefined) writer.uintField(6, fields.type);
  if (fields.counter !== undefined) writer.uintField(7, BigInt.asUintN(64, fields.counter));
  fields.extra?.(writer);
  return writer;
}

function payload(...accounts: ProtobufWriter[]): ProtobufWriter {
  const writer = new ProtobufWriter();
  for (const account of accounts) writer.messageField(1, account);
  return writer.uintField(2, 1).uintField(3, 1).uintField(4, 0).uintField(5, 123);
}

const totpAccount: OtpAccount = {
  type: 'totp',
  issuer: 'Example',
  account: 'alice@google.com',
  secret: SECRET,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
};

describe('parseMigrationUri', () => {
  it('decodes hand-assembled bytes (independent of the encoder)', () => {
    // otp_parameters { secret: "Hello!\xde\xad\xbe\xef", name: "Example:alice@google.com", issuer: "Example",
    //                  algorithm: SHA1, digits: SIX, type: TOTP }, version: 1, batch_size: 1, batch_index: 0, batch_id: 7
    const bytes = Uint8Array.from([
      0x0a,
      0x35,
      0x0a,
      0x0a,
      ...SECRET,
      0x12,
      0x18,
      ...ascii('Example:alice@google.com'),
      0x1a,
      0x07,
      ...ascii('Example'),
      0x20,
      0x01,
      0x28,
      0x01,
      0x30,
      0x02,
      0x10,
      0x01,
      0x18,
      0x01,
      0x20,
      0x00,
      0x28,
      0x07,
    ]);
    expect(parseMigrationPayload(uriFor(bytes))).toEqual({
      accounts: [totpAccount],
      version: 1,
      batchSize: 1,
      batchIndex: 0,
      batchId: 7,
    });
  });

  it('round-trips a single account through formatMigrationUri', () => {
    const uri = formatMigrationUri([totpAccount]);
    expect(uri).toMatch(/^otpauth-migration:\/\/offline\?data=[A-Za-z0-9%]+$/);
    expect(parseMigrationUri(uri)).toEqual([totpAccount]);
  });

  it('round-trips several accounts of every kind in one payload', () => {
    const accounts: OtpAccount[] = [
      totpAccount,
      {
        type: 'totp',
        account: 'no-issuer',
        secret: ascii('12345678901234567890'),
        algorithm: 'SHA256',
        digits: 8,
        period: 30,
      },
      {
        type: 'hotp',
        issuer: 'Bank',
        account: 'card',
        secret: ascii('x'),
        algorithm: 'SHA512',
        digits: 6,
        period: 30,
        counter: 42,
      },
      {
        type: 'hotp',
        issuer: 'Big',
        account: 'n',
        secret: ascii('y'),
        algorithm: 'SHA1',
        digits: 8,
        period: 30,
        counter: 2n ** 63n - 1n,
      },
      {
        type: 'totp',
        issuer: 'Ünïcødé ☕',
        account: 'a:b c',
        secret: ascii('z'),
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
      },
      { type: 'totp', account: 'colon:in account', secret: ascii('w'), algorithm: 'SHA1', digits: 6, period: 30 },
    ];
    const parsed = parseMigrationPayload(formatMigrationUri(accounts, { batchId: -5 }));
    expect(parsed.accounts).toEqual(accounts);
    expect(parsed).toMatchObject({ version: 1, batchSize: 1, batchIndex: 0, batchId: -5 });
  });

  it('splits large exports into batches that share a batch id', () => {
    const accounts = Array.from(
      { length: 25 },
      (_, i): OtpAccount => ({
        ...totpAccount,
        account: `user${i}`,
        secret: ascii(`secret-${i}`),
      }),
    );
    const uris = formatMigrationUris(accounts, { accountsPerBatch: 10, batchId: 99 });
    expect(uris).toHaveLength(3);
    const batches = uris.map(parseMigrationPayload);
    expect(batches.map((batch) => [batch.batchIndex, batch.batchSize, batch.batchId, batch.accounts.length])).toEqual([
      [0, 3, 99, 10],
      [1, 3, 99, 10],
      [2, 3, 99, 5],
    ]);
    expect(batches.flatMap((batch) => batch.accounts)).toEqual(accounts);
    expect(formatMigrationUris([])).toHaveLength(1);
    expect(parseMigrationUri(formatMigrationUris([])[0] as string)).toEqual([]);
  });

  it('keeps every URI within maxUriLength, in order, and an oversized account on its own', () => {
    const accounts = Array.from(
      { length: 40 },
      (_, i): OtpAccount => ({ ...totpAccount, account: `user${i}@example.com`, secret: ascii(`secret-number-${i}`) }),
    );
    const uris = formatMigrationUris(accounts, { accountsPerBatch: 10, maxUriLength: 400, batchId: 7 });
    expect(uris.length).toBeGreaterThan(4);
    for (const uri of uris) expect(uri.length).toBeLessThanOrEqual(400);
    const batches = uris.map(parseMigrationPayload);
    expect(batches.every((batch) => batch.batchSize === uris.length && batch.batchId === 7)).toBe(true);
    expect(batches.map((batch) => batch.batchIndex)).toEqual(uris.map((_, index) => index));
    expect(batches.flatMap((batch) => batch.accounts)).toEqual(accounts);
    expect(migrationBatches(accounts, { accountsPerBatch: 10, maxUriLength: 400 }).map((b) => b.length)).toEqual(
      batches.map((batch) => batch.accounts.length),
    );
    const huge: OtpAccount = { ...totpAccount, account: 'x'.repeat(600) };
    expect(migrationBatches([totpAccount, huge, totpAccount], { maxUriLength: 300 })).toEqual([
      [totpAccount],
      [huge],
      [totpAccount],
    ]);
    expectOtpError(() => migrationBatches([totpAccount], { maxUriLength: 0 }), 'INVALID_MIGRATION_PAYLOAD');
    expectOtpError(() => migrationBatches([totpAccount, { ...totpAccount, period: 60 }]), 'INVALID_PERIOD');
  });

  it('maps the algorithm, digits and type enums, defaults included', () => {
    const cases: [Parameters<typeof otpParameters>[0], Partial<OtpAccount>][] = [
      [
        { algorithm: 0, digits: 0, type: 0 },
        { algorithm: 'SHA1', digits: 6, type: 'totp' },
      ],
      [{}, { algorithm: 'SHA1', digits: 6, type: 'totp' }],
      [
        { algorithm: 1, digits: 1, type: 2 },
        { algorithm: 'SHA1', digits: 6, type: 'totp' },
      ],
      [
        { algorithm: 2, digits: 2, type: 2 },
        { algorithm: 'SHA256', digits: 8, type: 'totp' },
      ],
      [
        { algorithm: 3, type: 1, counter: 5n },
        { algorithm: 'SHA512', type: 'hotp', counter: 5 },
      ],
      [{ type: 1 }, { type: 'hotp', counter: 0 }],
      [{ type: 2, counter: 9n }, { type: 'totp' }],
    ];
    for (const [fields, expected] of cases) {
      const [account] = parseMigrationUri(
        uriFor(payload(otpParameters({ secret: SECRET, name: 'x', ...fields })).finish()),
      );
      expect(
        account,
        JSON.stringify(fields, (_k, v) => (typeof v === 'bigint' ? `${v}` : v)),
      ).toMatchObject(expected);
      expect(account?.period).toBe(30);
      if (account?.type === 'totp') expect('counter' in account).toBe(false);
    }
  });

  it('rejects MD5, unknown algorithms, digit counts and types with specific codes', () => {
    const parse = (fields: Parameters<typeof otpParameters>[0]) => () =>
      parseMigrationUri(uriFor(payload(otpParameters({ secret: SECRET, name: 'x', ...fields })).finish()));
    expect(expectOtpError(parse({ algorithm: 4 }), 'UNSUPPORTED_ALGORITHM').message).toMatch(/MD5/);
    expectOtpError(parse({ algorithm: 7 }), 'UNSUPPORTED_ALGORITHM');
    expectOtpError(parse({ algorithm: -1 }), 'UNSUPPORTED_ALGORITHM');
    expectOtpError(parse({ digits: 3 }), 'INVALID_DIGITS');
    expectOtpError(parse({ type: 3 }), 'UNSUPPORTED_TYPE');
    expectOtpError(parse({ type: 1, counter: -1n }), 'INVALID_COUNTER');
    expectOtpError(parse({ secret: new Uint8Array(0) }), 'MISSING_SECRET');
    expectOtpError(
      () => parseMigrationUri(uriFor(payload(otpParameters({ name: 'no secret' })).finish())),
      'MISSING_SECRET',
    );
  });

  it('parseMigrationUriEntries keeps the good accounts and names the bad ones with their reason', () => {
    const uri = uriFor(
      payload(
        otpParameters({
          secret: SECRET,
          name: 'alice@google.com',
          issuer: 'Example',
          algorithm: 1,
          digits: 1,
          type: 2,
        }),
        otpParameters({ secret: SECRET, name: 'Legacy:bob', algorithm: 4, digits: 1, type: 2 }),
        otpParameters({ name: 'no secret', issuer: 'Empty', type: 2 }),
      ).finish(),
    );
    expect(() => parseMigrationUri(uri)).toThrow(/MD5/);
    const entries = parseMigrationUriEntries(uri);
    expect(entries[0]).toEqual({ ok: true, account: totpAccount });
    expect(
      entries.slice(1).map((entry) => (entry.ok ? 'ok' : [entry.position, entry.issuer, entry.name, entry.error.code])),
    ).toEqual([
      [1, '', 'Legacy:bob', 'UNSUPPORTED_ALGORITHM'],
      [2, 'Empty', 'no secret', 'MISSING_SECRET'],
    ]);
    // A payload that cannot be decoded at all still throws.
    expectOtpError(
      () => parseMigrationUriEntries('otpauth-migration://offline?data=AAE*'),
      'INVALID_MIGRATION_PAYLOAD',
    );
  });

  it('splits "Issuer:account" names; the issuer field wins', () => {
    const parse = (name: string, issuer?: string) =>
      parseMigrationUri(
        uriFor(payload(otpParameters({ secret: SECRET, name, ...(issuer === undefined ? {} : { issuer }) })).finish()),
      )[0];
    expect(parse('GitHub:octo')).toMatchObject({ issuer: 'GitHub', account: 'octo' });
    expect(parse('GitHub: octo ')).toMatchObject({ issuer: 'GitHub', account: 'octo' });
    expect(parse('Old:octo', 'New')).toMatchObject({ issuer: 'New', account: 'octo' });
    expect(parse('octo', 'GitHub')).toMatchObject({ issuer: 'GitHub', account: 'octo' });
    expect(parse('A:B:octo', 'A:B')).toMatchObject({ issuer: 'A:B', account: 'octo' });
    const plain = parse('  octo  ');
    expect(plain?.account).toBe('octo');
    expect(plain && 'issuer' in plain).toBe(false);
  });

  it('ignores unknown fields of every wire type at both levels', () => {
    const unknown = (writer: ProtobufWriter) =>
      writer
        .uintField(99, 12345)
        .stringField(100, 'future')
        .tag(101, WireType.Fixed32)
        .raw([1, 2, 3, 4])
        .tag(102, WireType.Fixed64)
        .raw([1, 2, 3, 4, 5, 6, 7, 8]);
    const top = payload(
      otpParameters({ secret: SECRET, name: 'Example:alice@google.com', issuer: 'Example', extra: unknown }),
    );
    unknown(top);
    expect(parseMigrationUri(uriFor(top.finish()))).toEqual([totpAccount]);
  });

  it('accepts URL-safe base64, missing padding, unescaped "+" and mixed-case scheme/host', () => {
    const bytes = payload(
      otpParameters({ secret: Uint8Array.from([0xfb, 0xff, 0xfe, 0xfb, 0xef, 0xbe]), name: '??>>~~', type: 2 }),
    ).finish();
    const standard = base64Encode(bytes);
    expect(standard).toMatch(/[+/]/);
    const expected = parseMigrationUri(uriFor(bytes));
    const variants = [
      `otpauth-migration://offline?data=${standard}`,
      `otpauth-migration://offline?data=${standard.replace(/=+$/, '')}`,
      `otpauth-migration://offline?data=${standard.replaceAll('+', '-').replaceAll('/', '_')}`,
      `OTPAUTH-MIGRATION://Offline?data=${encodeURIComponent(standard)}`,
      `otpauth-migration://offline/?foo=1&data=${encodeURIComponent(standard)}#fragment`,
      ` otpauth-migration://offline?data=${encodeURIComponent(standard)}\n`,
    ];
    for (const uri of variants) expect(parseMigrationUri(uri), uri).toEqual(expected);
  });

  it('rejects wrong schemes and hosts with INVALID_URI and missing or bad data with INVALID_MIGRATION_PAYLOAD', () => {
    expectOtpError(() => parseMigrationUri('otpauth://totp/a?secret=JBSWY3DP'), 'INVALID_URI');
    expectOtpError(() => parseMigrationUri('otpauth-migration://online?data=CgA='), 'INVALID_URI');
    expectOtpError(() => parseMigrationUri(42 as unknown as string), 'INVALID_URI');
    expectOtpError(() => parseMigrationUri(`otpauth-migration://offline?data=${'A'.repeat(100_000)}`), 'INVALID_URI');
    expectOtpError(() => parseMigrationUri('otpauth-migration://offline?data=%zz'), 'INVALID_URI');
    for (const data of ['', 'A', '!!!!', 'AB=C', 'AAAA=====', 'é', 'AA%00']) {
      expectOtpError(() => parseMigrationUri(`otpauth-migration://offline?data=${data}`), 'INVALID_MIGRATION_PAYLOAD');
    }
    expectOtpError(() => parseMigrationUri('otpauth-migration://offline'), 'INVALID_MIGRATION_PAYLOAD');
  });

  it('rejects every truncation of a valid payload that cuts a field, and never throws anything else', () => {
    const bytes = encodeMigrationPayload([totpAccount, { ...totpAccount, type: 'hotp', counter: 2n ** 40n }]);
    let rejected = 0;
    for (let length = 0; length < bytes.length; length++) {
      try {
        decodeMigrationPayload(bytes.subarray(0, length));
      } catch (error) {
        expect((error as Error).name).toBe('OtpError');
        rejected++;
      }
    }
    expect(rejected).toBeGreaterThan(bytes.length / 2);
  });

  it('rejects wrong wire types for known fields', () => {
    const cases = [
      new ProtobufWriter().uintField(1, 5),
      new ProtobufWriter().stringField(2, 'version as bytes'),
      new ProtobufWriter().tag(5, WireType.Fixed32).raw([0, 0, 0, 0]),
      payload(new ProtobufWriter().uintField(1, 7)),
      payload(new ProtobufWriter().bytesField(1, SECRET).uintField(2, 3)),
      payload(new ProtobufWriter().bytesField(1, SECRET).stringField(4, 'SHA1')),
      payload(new ProtobufWriter().bytesField(1, SECRET).tag(7, WireType.Fixed64).raw([0, 0, 0, 0, 0, 0, 0, 0])),
    ];
    for (const writer of cases) {
      expect(
        expectOtpError(() => decodeMigrationPayload(writer.finish()), 'INVALID_MIGRATION_PAYLOAD').message,
      ).toMatch(/wire type/);
    }
  });

  it('rejects huge length prefixes, overlong varints, groups and bad UTF-8', () => {
    const cases: number[][] = [
      [0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00],
      [0x0a, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
      [0x0a, 0x03, 0x0a, 0x7f, 0x00],
      [0x10, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01],
      [0x0b, 0x0c],
      [0x0a, 0x04, 0x12, 0x02, 0xc3, 0x28],
      [0x00],
      [0x0e],
      [0x08],
    ];
    for (const bytes of cases) {
      expectOtpError(() => decodeMigrationPayload(Uint8Array.from(bytes)), 'INVALID_MIGRATION_PAYLOAD');
      expectOtpError(() => parseMigrationUri(uriFor(Uint8Array.from(bytes))), 'INVALID_MIGRATION_PAYLOAD');
    }
  });

  it('throws OtpError, never TypeError, for non-byte payloads and non-array or non-object arguments', () => {
    for (const value of [undefined, null, 'CgA=', [10, 0], {}, 42, new ArrayBuffer(2)]) {
      expectOtpError(() => decodeMigrationPayload(value as unknown as Uint8Array), 'INVALID_MIGRATION_PAYLOAD');
    }
    for (const value of [undefined, null, {}, 'x', 3, () => []]) {
      const accounts = value as unknown as OtpAccount[];
      expectOtpError(() => encodeMigrationPayload(accounts), 'INVALID_ACCOUNT');
      expectOtpError(() => formatMigrationUri(accounts), 'INVALID_ACCOUNT');
      expectOtpError(() => formatMigrationUris(accounts), 'INVALID_ACCOUNT');
    }
    // null options mean "defaults", like undefined; other non-objects are refused.
    expect(encodeMigrationPayload([totpAccount], null as unknown as undefined)).toEqual(
      encodeMigrationPayload([totpAccount]),
    );
    expect(formatMigrationUris([totpAccount], null as unknown as undefined)).toEqual(
      formatMigrationUris([totpAccount]),
    );
    expectOtpError(() => encodeMigrationPayload([], 'x' as unknown as undefined), 'INVALID_MIGRATION_PAYLOAD');
  });

  it('refuses to encode what the format cannot carry', () => {
    expectOtpError(() => formatMigrationUri([{ ...totpAccount, period: 60 }]), 'INVALID_PERIOD');
    expectOtpError(() => formatMigrationUri([{ ...totpAccount, digits: 7 }]), 'INVALID_DIGITS');
    expectOtpError(() => formatMigrationUri([{ ...totpAccount, type: 'hotp' }]), 'INVALID_COUNTER');
    expectOtpError(() => formatMigrationUri([{ ...totpAccount, type: 'hotp', counter: 2n ** 63n }]), 'INVALID_COUNTER');
    expectOtpError(() => formatMigrationUri([{ ...totpAccount, secret: new Uint8Array(0) }]), 'MISSING_SECRET');
    expectOtpError(() => formatMigrationUri([{ ...totpAccount, account: '\uD800' }]), 'INVALID_ACCOUNT');
    expectOtpError(() => formatMigrationUri([totpAccount], { batchIndex: 1.5 }), 'INVALID_MIGRATION_PAYLOAD');
    expectOtpError(() => formatMigrationUris([totpAccount], { accountsPerBatch: 0 }), 'INVALID_MIGRATION_PAYLOAD');
    expectOtpError(() => formatMigrationUri('nope' as unknown as OtpAccount[]), 'INVALID_ACCOUNT');
  });

  it('round-trips arbitrary accounts (property)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 12 });
    const account: fc.Arbitrary<OtpAccount> = fc
      .record({
        type: fc.constantFrom<'totp' | 'hotp'>('totp', 'hotp'),
        issuer: fc.option(text, { nil: undefined }),
        account: text,
        secret: fc.uint8Array({ minLength: 1, maxLength: 64 }),
        algorithm: fc.constantFrom<'SHA1' | 'SHA256' | 'SHA512'>('SHA1', 'SHA256', 'SHA512'),
        digits: fc.constantFrom(6, 8),
        counter: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }),
      })
      .map(({ counter, issuer, ...rest }) => ({
        ...rest,
        ...(issuer ? { issuer } : {}),
        period: 30,
        ...(rest.type === 'hotp'
          ? { counter: counter <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(counter) : counter }
          : {}),
      }));
    fc.assert(
      fc.property(fc.array(account, { maxLength: 5 }), fc.integer({ min: 1, max: 3 }), (accounts, perBatch) => {
        const uris = formatMigrationUris(accounts, { accountsPerBatch: perBatch, batchId: 1 });
        const parsed = uris.flatMap(parseMigrationUri);
        expect(parsed).toEqual(accounts.map((a) => ({ ...a, account: a.account.trim() })));
      }),
      { numRuns: 500 },
    );
  });
});
