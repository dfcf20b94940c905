import { formatMigrationUri, parseOtpauthUri } from '@mfa-companion/otp';
import { describe, expect, it } from 'vitest';
import {
  applyImport,
  createAccount,
  exportEncryptedBackup,
  exportOtpauthList,
  IMPORT_BOUNDS,
  MAX_ACCOUNTS,
  parseImport,
  previewImport,
  VaultError,
} from '../src/index.ts';
import { DEEP, FAST_ARGON, fixture, withDeepJson } from './helpers.ts';

const DEEP_VALUE = JSON.parse(DEEP);

async function expectCode(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((error: unknown) => error instanceof VaultError && error.code === code);
}

describe('import: Aegis', () => {
  it('reads a plain export, flagging unsupported and invalid entries', async () => {
    const parsed = await parseImport(fixture('aegis-plain.json'));
    expect(parsed.format).toBe('aegis');
    const preview = previewImport([], parsed);
    expect(preview.toAdd.map((account) => [account.issuer, account.account, account.type])).toEqual([
      ['GitHub', 'alice@example.com', 'totp'],
      ['Bank', 'bob', 'hotp'],
      ['Steam', 'gamer', 'steam'],
    ]);
    expect(preview.toAdd[1]).toMatchObject({ algorithm: 'SHA256', digits: 8, counter: 42 });
    expect(preview.toAdd[2]).toMatchObject({ secret: 'KRSXG5CTMVRXEZLU', algorithm: 'SHA1', digits: 5, period: 30 });
    expect(preview.invalid.map((entry) => entry.code)).toEqual(['INVALID_SECRET']);
  });

  it('decrypts an encrypted export (scrypt key slot + AES-GCM) made with node:crypto', async () => {
    const parsed = await parseImport(fixture('aegis-encrypted.json'), { passphrase: 'correct horse battery staple' });
    expect(parsed.format).toBe('aegis-encrypted');
    expect(previewImport([], parsed).toAdd).toHaveLength(3);
  });

  it('asks for the password, then refuses a wrong one', async () => {
    await expectCode(parseImport(fixture('aegis-encrypted.json')), 'PASSPHRASE_REQUIRED');
    await expectCode(
      parseImport(fixture('aegis-encrypted.json'), { passphrase: 'nope nope nope' }),
      'WRONG_PASSPHRASE',
    );
  });

  it('refuses hostile scrypt parameters instead of allocating 16 GiB', async () => {
    await expectCode(
      parseImport(fixture('aegis-hostile-params.json'), { passphrase: 'correct horse battery staple' }),
      'KDF_PARAMS_OUT_OF_BOUNDS',
    );
  });

  it('checks every password slot before deriving anything: too many slots or too much total work', async () => {
    const file = JSON.parse(fixture('aegis-encrypted.json'));
    const slot = file.header.slots[0];
    const withSlots = (slots: unknown[]) => JSON.stringify({ ...file, header: { ...file.header, slots } });
    const started = performance.now();
    // A valid first slot no longer lets a hostile second one through unchecked.
    await expectCode(
      parseImport(withSlots([slot, { ...slot, n: 2 ** 24 }]), { passphrase: 'correct horse battery staple' }),
      'KDF_PARAMS_OUT_OF_BOUNDS',
    );
    await expectCode(
      parseImport(withSlots(Array.from({ length: 5 }, () => slot)), { passphrase: 'correct horse battery staple' }),
      'KDF_PARAMS_OUT_OF_BOUNDS',
    );
    // Each slot within the per-derivation bound (256 MiB), but 3 slots × 2 password encodings = 1.5 GiB.
    const big = { ...slot, n: 2 ** 18, repaired: false };
    await expectCode(
      parseImport(withSlots([big, big, big]), { passphrase: 'pässwörd ünïcode' }),
      'KDF_PARAMS_OUT_OF_BOUNDS',
    );
    expect(performance.now() - started).toBeLessThan(1_000);
    // Biometric/raw slots around the password slot are fine.
    const parsed = await parseImport(withSlots([{ type: 2 }, slot, { type: 0 }]), {
      passphrase: 'correct horse battery staple',
    });
    expect(parsed.entries.filter((entry) => entry.status === 'ok')).toHaveLength(3);
  });

  it('reports wrongly typed header fields as corrupt, never as a TypeError or RangeError', async () => {
    const file = JSON.parse(fixture('aegis-encrypted.json'));
    const deep = JSON.parse(DEEP);
    const cases = [
      { ...file, header: { ...file.header, params: { ...file.header.params, nonce: deep } } },
      { ...file, header: { ...file.header, params: { ...file.header.params, tag: 42 } } },
      { ...file, header: { ...file.header, slots: [{ ...file.header.slots[0], salt: deep }] } },
      { ...file, header: { ...file.header, slots: [{ ...file.header.slots[0], key_params: { nonce: {}, tag: [] } }] } },
    ];
    for (const value of cases) {
      await expectCode(
        parseImport(withDeepJson(value, undefined, 40), { passphrase: 'correct horse battery staple' }),
        'CORRUPT_VAULT',
      );
    }
    await expectCode(
      parseImport(fixture('aegis-encrypted.json'), { passphrase: 42 as unknown as string }),
      'PASSPHRASE_REQUIRED',
    );
  });

  it('reports wrongly typed entry fields per entry instead of substituting defaults', async () => {
    const entry = (info: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      type: 'totp',
      name: 'n',
      issuer: 'i',
      info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30, ...info },
      ...extra,
    });
    const deep = JSON.parse(DEEP);
    const parsed = await parseImport(
      withDeepJson(
        {
          version: 1,
          header: { slots: null, params: null },
          db: {
            version: 3,
            entries: [
              entry({ digits: '8' }),
              entry({ period: '60' }),
              entry({ counter: '7' }, { type: 'hotp' }),
              entry({ counter: true }, { type: 'hotp' }),
              entry({ secret: 12345 }),
              entry({ secret: deep }),
              entry({}, { type: deep }),
              entry({ algo: 'MD5' }),
              entry({ algo: 'sha-256', secret: 'JBSWY3DPEHPK3PXQ' }, { icon: 'iVBORw0KGgo=', icon_mime: 'image/png' }),
              entry({ digits: null, period: null, secret: 'JBSWY3DPEHPK3PXR' }),
            ],
          },
        },
        undefined,
        40,
      ),
    );
    expect(parsed.entries.map((item) => (item.status === 'ok' ? 'ok' : item.code))).toEqual([
      'INVALID_DIGITS',
      'INVALID_PERIOD',
      'INVALID_COUNTER',
      'INVALID_COUNTER',
      'INVALID_SECRET',
      'INVALID_SECRET',
      'UNSUPPORTED_ENTRY',
      'UNSUPPORTED_ALGORITHM',
      'ok',
      'ok',
    ]);
    const preview = previewImport([], parsed);
    expect(preview.toAdd.map((account) => [account.algorithm, account.digits, account.period])).toEqual([
      ['SHA256', 6, 30],
      ['SHA1', 6, 30],
    ]);
  });

  it('refuses a database with more entries than a vault may hold before validating them', async () => {
    const entries = Array.from({ length: 10_001 }, () => ({ type: 'totp', info: { secret: 'JBSWY3DPEHPK3PXP' } }));
    await expectCode(
      parseImport(JSON.stringify({ version: 1, header: { slots: null, params: null }, db: { entries } })),
      'INPUT_TOO_LARGE',
    );
  });

  it('reports truncated files as corrupt', async () => {
    const text = fixture('aegis-encrypted.json');
    await expectCode(parseImport(text.slice(0, text.length / 2), { passphrase: 'x' }), 'CORRUPT_VAULT');
  });
});

describe('import: 2FAS', () => {
  it('reads a plain backup', async () => {
    const preview = previewImport([], await parseImport(fixture('2fas-plain.2fas')));
    expect(preview.toAdd.map((account) => [account.issuer, account.account, account.type])).toEqual([
      ['Google', 'carol@example.com', 'totp'],
      ['Counter Corp', 'dave', 'hotp'],
      ['Steam', 'gamer', 'steam'],
    ]);
    expect(preview.toAdd[1]).toMatchObject({ type: 'hotp', algorithm: 'SHA512', counter: 7 });
    expect(preview.invalid).toEqual([]);
  });

  it('handles real-world variants and hostile fields per service', async () => {
    const deep = JSON.parse(DEEP);
    const services = [
      { name: 'Old', secret: 'JBSWY3DPEHPK3PXP', otp: { label: 'Old:me@example.com', tokenType: 'TOTP' } },
      { name: 'Lower', secret: 'jbsw y3dp ehpk 3pxq', otp: { account: 'x', tokenType: 'totp', algorithm: 'sha256' } },
      { name: 'Deep', secret: 'JBSWY3DPEHPK3PXR', otp: { tokenType: deep } },
      { name: 'Digits', secret: 'JBSWY3DPEHPK3PXS', otp: { tokenType: 'TOTP', digits: '8' } },
      { name: 'Hot', secret: 'JBSWY3DPEHPK3PXT', otp: { tokenType: 'HOTP', counter: '3' } },
    ];
    const parsed = await parseImport(withDeepJson({ services, schemaVersion: 4 }, '"TOTP"', 40));
    expect(parsed.entries.map((item) => (item.status === 'ok' ? item.label : item.code))).toEqual([
      'Old (me@example.com)',
      'Lower (x)',
      'UNSUPPORTED_ENTRY',
      'INVALID_DIGITS',
      'INVALID_COUNTER',
    ]);
    expect(previewImport([], parsed).toAdd.map((account) => account.algorithm)).toEqual(['SHA1', 'SHA256']);
  });

  it('asks for the password of an encrypted 2FAS backup and refuses a damaged one', async () => {
    await expectCode(parseImport(fixture('2fas-encrypted.2fas')), 'PASSPHRASE_REQUIRED');
    await expectCode(parseImport(fixture('2fas-encrypted.2fas'), { passphrase: 'any' }), 'CORRUPT_VAULT');
  });
});

describe('import: otpauth lines and Google Authenticator migration', () => {
  it('reads otpauth lines with per-line reasons', async () => {
    const preview = previewImport([], await parseImport(fixture('otpauth-list.txt')));
    expect(preview.toAdd.map((account) => account.issuer)).toEqual(['Example', 'Hot']);
    expect(preview.invalid.map((entry) => [entry.label, entry.code])).toEqual([
      ['Line 5', 'MISSING_SECRET'],
      ['Line 6', 'NOT_AN_OTP_URI'],
      ['Line 7', 'INVALID_DIGITS'],
    ]);
  });

  it('reads every account of an otpauth-migration URI', async () => {
    const accounts = [
      parseOtpauthUri('otpauth://totp/One:a?secret=JBSWY3DPEHPK3PXP&issuer=One'),
      parseOtpauthUri('otpauth://totp/Two:b?secret=JBSWY3DPEHPK3PXQ&issuer=Two'),
    ];
    const preview = previewImport([], await parseImport(formatMigrationUri(accounts)));
    expect(preview.toAdd.map((account) => account.issuer)).toEqual(['One', 'Two']);
  });

  it('stops reading an oversized otpauth list early', async () => {
    const text = Array.from({ length: 100_000 }, () => 'otpauth://totp/a?secret=JBSWY3DPEHPK3PXP').join('\n');
    const started = performance.now();
    await expectCode(parseImport(text), 'INPUT_TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('refuses unrecognised, oversized and broken files with typed errors', async () => {
    await expectCode(parseImport('hello world'), 'UNRECOGNIZED_IMPORT');
    await expectCode(parseImport('{"foo": 1}'), 'UNRECOGNIZED_IMPORT');
    await expectCode(parseImport('{"services": ['), 'CORRUPT_VAULT');
    await expectCode(parseImport('x'.repeat(17 * 1024 * 1024)), 'INPUT_TOO_LARGE');
  });
});

describe('import: structure bounds (IMPORT_BOUNDS)', () => {
  // The shapes of the security review: each fits in the 16 MiB cap yet cost seconds and hundreds of MiB to parse.
  // How fast they are refused is measured in test/bench/import-limits.bench.ts; here, that they are, with a type.
  it('refuses deep nesting anywhere in a JSON file, whatever the format around it', async () => {
    const depth = 8_000_000;
    await expectCode(parseImport(`${'['.repeat(depth)}${']'.repeat(depth)}`), 'INPUT_TOO_LARGE');
    await expectCode(
      parseImport(withDeepJson({ services: [DEEP_VALUE], schemaVersion: 4 }, '1', 65)),
      'INPUT_TOO_LARGE',
    );
    await expectCode(
      parseImport(new TextEncoder().encode(`{"db":${'{"a":'.repeat(100)}1${'}'.repeat(100)}}`)),
      'INPUT_TOO_LARGE',
    );
    // Brackets inside strings are text, not nesting.
    const inString = JSON.stringify({ services: [], schemaVersion: 4, note: '['.repeat(1000) });
    expect((await parseImport(inString)).format).toBe('2fas');
  });

  it('refuses a CSV row with millions of fields and a JSON list with millions of items', async () => {
    await expectCode(parseImport(`name,login_totp,login_uri\n${','.repeat(8_000_000)}`), 'INPUT_TOO_LARGE');
    await expectCode(parseImport(`name,totp\nx,JBSWY3DPEHPK3PXP${',a'.repeat(2_000)}`), 'INPUT_TOO_LARGE');
    await expectCode(parseImport(`[${'0,'.repeat(4_000_000)}0]`), 'INPUT_TOO_LARGE');
    await expectCode(parseImport(`{"items":[${'{},'.repeat(300_000)}{}],"folders":[]}`), 'INPUT_TOO_LARGE');
  });

  it('refuses millions of junk lines or rows without splitting the whole file first', async () => {
    await expectCode(
      parseImport(`otpauth://totp/a?secret=JBSWY3DPEHPK3PXP\n${'x\n'.repeat(8_000_000)}`),
      'INPUT_TOO_LARGE',
    );
    await expectCode(parseImport(`name,totp\n${'\n,'.repeat(5_000_000)}`), 'INPUT_TOO_LARGE');
    // One unterminated 15 MiB quoted field: a damaged file, read with one search, not character by character.
    await expectCode(parseImport(`name,totp\n"${'a'.repeat(15 * 2 ** 20)}`), 'CORRUPT_VAULT');
  });

  it('reads CSV quoting as before: doubled quotes, line breaks inside quotes, CR, CRLF and LF records', async () => {
    const csv =
      'name,username,totp\r\n"Acme ""Ops""","multi\nline",JBSWY3DPEHPK3PXP\r"x"y,z,JBSWY3DPEHPK3PXQ\n\n,,JBSWY3DPEHPK3PXR,';
    const parsed = await parseImport(csv);
    expect(
      parsed.entries.map((entry) => (entry.status === 'ok' ? [entry.input.issuer, entry.input.account] : entry.code)),
    ).toEqual([
      ['Acme "Ops"', 'multi\nline'],
      ['xy', 'z'],
      ['', ''],
    ]);
  });

  it('caps entries per file at what a vault may hold', () => {
    expect(IMPORT_BOUNDS.maxEntries).toBe(MAX_ACCOUNTS);
  });

  it('still reads files at the edge of real exports', async () => {
    const row = (index: number) =>
      `Site ${index},user${index},JBSWY3DPEHPK3PX${'ABCDEFGH'[index % 8]}${',x'.repeat(50)}`;
    const csv = [`name,username,totp${',extra'.repeat(50)}`, row(0), row(1)].join('\n');
    expect((await parseImport(csv)).entries).toHaveLength(2);
  });
});

describe('import preview and own backups', () => {
  it('flags duplicates against the vault and within the file', async () => {
    const existing = [createAccount({ issuer: 'GitHub', account: 'alice', secret: 'JBSWY3DPEHPK3PXP' })];
    const text = [
      'otpauth://totp/GitHub:alice?secret=jbswy3dpehpk3pxp',
      'otpauth://totp/New:x?secret=JBSWY3DPEHPK3PXQ',
      'otpauth://totp/New:x?secret=JBSWY3DPEHPK3PXQ',
    ].join('\n');
    const preview = previewImport(existing, await parseImport(text));
    expect(preview.toAdd).toHaveLength(1);
    expect(preview.duplicates.map((duplicate) => duplicate.existing.issuer)).toEqual(['GitHub', 'New']);
    expect(applyImport(existing, preview)).toHaveLength(2);
  });

  it('restores an encrypted backup byte for byte into an empty vault', async () => {
    const accounts = [
      createAccount({ issuer: 'GitHub', account: 'alice', secret: 'JBSWY3DPEHPK3PXP', sites: ['https://github.com'] }),
      createAccount({ issuer: 'Bank', type: 'hotp', counter: 9, secret: 'JBSWY3DPEHPK3PXQ', digits: 8 }),
    ];
    accounts[1] = { ...(accounts[1] as (typeof accounts)[number]), pinned: true, order: 5 };
    const backup = await exportEncryptedBackup(accounts, 'backup passphrase', { cost: FAST_ARGON });
    await expectCode(parseImport(backup), 'PASSPHRASE_REQUIRED');
    await expectCode(parseImport(backup, { passphrase: 'wrong passphrase' }), 'WRONG_PASSPHRASE');
    const parsed = await parseImport(backup, { passphrase: 'backup passphrase' });
    expect(parsed.format).toBe('mfa-companion-backup');
    const restored = applyImport([], previewImport([], parsed));
    expect(JSON.stringify(restored)).toBe(JSON.stringify(accounts));
  });

  it('exports a plain otpauth list that imports back to the same secrets', async () => {
    const accounts = [
      createAccount({ issuer: 'GitHub', account: 'alice', secret: 'JBSWY3DPEHPK3PXP' }),
      createAccount({ issuer: 'Bank', type: 'hotp', counter: 9, secret: 'JBSWY3DPEHPK3PXQ', algorithm: 'SHA512' }),
    ];
    const preview = previewImport([], await parseImport(exportOtpauthList(accounts)));
    expect(
      preview.toAdd.map(({ issuer, account, secret, type, counter, algorithm }) => ({
        issuer,
        account,
        secret,
        type,
        counter,
        algorithm,
      })),
    ).toEqual(
      accounts.map(({ issuer, account, secret, type, counter, algorithm }) => ({
        issuer,
        account,
        secret,
        type,
        counter,
        algorithm,
      })),
    );
  });
});
