import { base32Decode, base32Encode, formatOtpauthUri, parseOtpauthUri } from '@mfa-companion/otp';
import { describe, expect, it } from 'vitest';
import {
  type Account,
  cleanName,
  createAccount,
  exportEncryptedBackup,
  type ParsedImport,
  parseImport,
  previewImport,
  VaultError,
} from '../src/index.ts';
import {
  andOtpEncrypted,
  andOtpOldEncrypted,
  authenticatorV1Backup,
  authenticatorV2Backup,
  authenticatorV3Backup,
  cryptoJsEncrypt,
  javaBytes,
  migrationUri,
  protonEncrypted,
  twoFasEncrypted,
} from './foreign-fixtures.ts';
import { FAST_ARGON } from './helpers.ts';

async function expectCode(promise: Promise<unknown>, code: string) {
  await expect(promise).rejects.toSatisfy((error: unknown) => error instanceof VaultError && error.code === code);
}

type Fields = [string, string, string, string, string, number, number, number];
/** type, issuer, account, secret, algorithm, digits, period, counter — what "every entry exact" means. */
const fields = (account: Account): Fields => [
  account.type,
  account.issuer,
  account.account,
  account.secret,
  account.algorithm,
  account.digits,
  account.period,
  account.counter,
];

function preview(parsed: ParsedImport, existing: Account[] = []) {
  const result = previewImport(existing, parsed);
  return {
    format: result.format,
    added: result.toAdd.map(fields),
    duplicates: result.duplicates.map((duplicate) => duplicate.label),
    invalid: result.invalid.map((entry) => [entry.label, entry.code]),
  };
}

const json = (value: unknown) => JSON.stringify(value, null, 2).replace(/\n/g, '\r\n');
const bytes = (text: string) => new TextEncoder().encode(text);
const STEAM_SECRET = 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF';
const HEX_KEY = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4';

/** What the Authenticator extension exports (storage.ts getOTPStorageFromEntry): defaults left out. */
const extensionEntries: Record<string, Record<string, unknown>> = {
  'a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f601': {
    account: 'alice@example.com',
    encrypted: false,
    hash: 'a3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f601',
    index: 1,
    issuer: 'GitHub',
    secret: 'jbsw y3dp ehpk 3pxp',
    type: 'totp',
    dataType: 'OTPStorage',
  },
  'b3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f602': {
    encrypted: false,
    hash: 'b3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f602',
    index: 0,
    account: 'ops',
    secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    type: 'hotp',
    counter: 12,
    digits: 8,
    algorithm: 'SHA256',
    pinned: true,
    dataType: 'OTPStorage',
  },
  'c3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f603': {
    encrypted: false,
    hash: 'c3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f603',
    index: 2,
    issuer: 'Steam',
    account: 'gamer',
    secret: STEAM_SECRET,
    type: 'steam',
  },
  'd3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f604': {
    encrypted: false,
    hash: 'd3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f604',
    index: 3,
    issuer: 'Legacy',
    secret: HEX_KEY,
    type: 'hex',
  },
  'e3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f605': {
    encrypted: false,
    hash: 'e3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f605',
    index: 4,
    issuer: 'Battle.net',
    account: 'hero',
    secret: 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U',
    type: 'battle',
  },
  'f3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f606': {
    encrypted: false,
    hash: 'f3f1c2d4-5b6e-4f70-8a91-b2c3d4e5f606',
    index: 5,
    issuer: 'Cloud',
    account: 'root',
    secret: 'ONSWG4TFORZW63LFORUGS3THON2XE2LT',
    type: 'totp',
    period: 60,
    digits: 7,
    algorithm: 'SHA512',
  },
  '03f1c2d4-5b6e-4f70-8a91-b2c3d4e5f607': {
    encrypted: false,
    hash: '03f1c2d4-5b6e-4f70-8a91-b2c3d4e5f607',
    index: 6,
    issuer: 'Yandex',
    secret: 'NBSWY3DPO5XXE3DE',
    type: 'totp',
    algorithm: 'GOST3411_2012_256',
  },
};
const hexSecret = base32Encode(Uint8Array.from(Buffer.from(HEX_KEY, 'hex'))).replace(/=+$/, '');
const extensionExpected: Fields[] = [
  ['hotp', '', 'ops', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'SHA256', 8, 30, 12],
  ['totp', 'GitHub', 'alice@example.com', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 30, 0],
  ['steam', 'Steam', 'gamer', STEAM_SECRET, 'SHA1', 5, 30, 0],
  ['totp', 'Legacy', '', hexSecret, 'SHA1', 6, 30, 0],
  ['totp', 'Battle.net', 'hero', 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U', 'SHA1', 8, 30, 0],
  ['totp', 'Cloud', 'root', 'ONSWG4TFORZW63LFORUGS3THON2XE2LT', 'SHA512', 7, 60, 0],
];

describe('import: Authenticator browser extension', () => {
  it('reads a plain backup keyed by hash, in the extension’s order, mapping every entry type', async () => {
    const parsed = await parseImport(json(extensionEntries));
    expect(preview(parsed)).toEqual({
      format: 'authenticator-extension',
      added: extensionExpected,
      duplicates: [],
      invalid: [['Yandex', 'UNSUPPORTED_ENTRY']],
    });
  });

  it('reads legacy secret prefixes (stm-, blz-) and numeric types the way the extension does', async () => {
    const parsed = await parseImport(
      JSON.stringify({
        one: { encrypted: false, hash: 'one', index: 0, secret: `stm-${STEAM_SECRET}`, type: 'totp', account: 'a' },
        two: {
          encrypted: false,
          hash: 'two',
          index: 1,
          secret: 'blz-MFRGGZDFMZTWQ2LK',
          type: 'totp',
          issuer: 'Blizzard',
        },
        three: {
          encrypted: false,
          hash: 'three',
          index: 2,
          secret: 'JBSWY3DPEHPK3PXR',
          type: 2,
          counter: '4',
          issuer: 'Num',
        },
      }),
    );
    expect(preview(parsed).added).toEqual([
      ['steam', 'Steam', 'a', STEAM_SECRET, 'SHA1', 5, 30, 0],
      ['totp', 'Blizzard', '', 'MFRGGZDFMZTWQ2LK', 'SHA1', 8, 30, 0],
      ['hotp', 'Num', '', 'JBSWY3DPEHPK3PXR', 'SHA1', 6, 30, 4],
    ]);
  });

  it('opens a passphrase-protected backup (Key record, argon2id, EncOTPStorage in CryptoJS AES)', async () => {
    const file = authenticatorV3Backup(extensionEntries, 'fjord lamp Ünïcode 9');
    const text = json(file);
    expect(text).not.toContain('JBSWY3DPEHPK3PXP');
    await expectCode(parseImport(text), 'PASSPHRASE_REQUIRED');
    await expectCode(parseImport(text, { passphrase: 'fjord lamp unicode 9' }), 'WRONG_PASSPHRASE');
    const parsed = await parseImport(text, { passphrase: 'fjord lamp Ünïcode 9' });
    expect(preview(parsed)).toEqual({
      format: 'authenticator-extension-encrypted',
      added: extensionExpected,
      duplicates: [],
      invalid: [['Yandex', 'UNSUPPORTED_ENTRY']],
    });
  }, 60_000);

  it('reports damaged encrypted entries one by one and refuses hostile key parameters', async () => {
    const file = authenticatorV3Backup(extensionEntries, 'pass phrase');
    const hashes = Object.keys(extensionEntries);
    const damaged = structuredClone(file) as Record<string, Record<string, unknown>>;
    (damaged[hashes[0] as string] as Record<string, unknown>).data = cryptoJsEncrypt('not json', 'other key');
    (damaged[hashes[1] as string] as Record<string, unknown>).keyId = 'missing-key';
    const parsed = await parseImport(JSON.stringify(damaged), { passphrase: 'pass phrase' });
    expect(preview(parsed).added).toHaveLength(4);
    expect(preview(parsed).invalid.map(([, code]) => code)).toEqual([
      'UNREADABLE_ENTRY',
      'UNREADABLE_ENTRY',
      'UNSUPPORTED_ENTRY',
    ]);

    const hostile = authenticatorV3Backup(extensionEntries, 'pass phrase', {
      keyHash: '$argon2id$v=19$m=4194304,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA',
    });
    const started = performance.now();
    await expectCode(parseImport(JSON.stringify(hostile), { passphrase: 'pass phrase' }), 'KDF_PARAMS_OUT_OF_BOUNDS');
    expect(performance.now() - started).toBeLessThan(5_000);
    const text = json(file);
    await expectCode(parseImport(text.slice(0, text.length - 40), { passphrase: 'pass phrase' }), 'CORRUPT_VAULT');
  }, 60_000);

  it('reads the older encrypted variants: v2 key record (and its top-level bug form) and v1', async () => {
    const plain = {
      h1: { account: 'me', index: 0, issuer: 'Old', secret: 'JBSWY3DPEHPK3PXQ', type: 'totp' },
      h2: { index: 1, issuer: 'Older', secret: 'JBSWY3DPEHPK3PXS', type: 'hotp', counter: 3 },
    };
    const expected: Fields[] = [
      ['totp', 'Old', 'me', 'JBSWY3DPEHPK3PXQ', 'SHA1', 6, 30, 0],
      ['hotp', 'Older', '', 'JBSWY3DPEHPK3PXS', 'SHA1', 6, 30, 3],
    ];
    for (const file of [
      authenticatorV2Backup(plain, 'old secret words'),
      authenticatorV2Backup(plain, 'old secret words', true),
      authenticatorV1Backup(plain, 'old secret words'),
    ]) {
      const text = json(file);
      await expectCode(parseImport(text), 'PASSPHRASE_REQUIRED');
      await expectCode(parseImport(text, { passphrase: 'wrong words' }), 'WRONG_PASSPHRASE');
      const parsed = await parseImport(text, { passphrase: 'old secret words' });
      expect(parsed.format).toBe('authenticator-extension-encrypted');
      expect(preview(parsed).added).toEqual(expected);
    }
  });
});

describe('import: Bitwarden and other password managers', () => {
  const bitwardenJson = {
    encrypted: false,
    folders: [{ id: '5b9e8a41-0000-4000-8000-000000000001', name: 'Work' }],
    items: [
      {
        id: '11111111-2222-4333-8444-555555555555',
        organizationId: null,
        folderId: null,
        type: 1,
        reprompt: 0,
        name: 'GitHub',
        notes: null,
        favorite: false,
        login: {
          uris: [
            { match: null, uri: 'https://github.com/login' },
            { match: null, uri: 'androidapp://com.github.android' },
          ],
          username: 'alice',
          password: 'hunter2',
          totp: 'otpauth://totp/GitHub:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
          fido2Credentials: [],
        },
        collectionIds: null,
      },
      { type: 1, name: 'Bare', login: { username: 'bob', totp: 'mfrg gzdf mztw q2lk', uris: null } },
      { type: 1, name: 'Steam', login: { username: 'gamer', totp: `steam://${STEAM_SECRET}` } },
      { type: 1, name: 'No TOTP', login: { username: 'x', password: 'y', totp: null } },
      { type: 2, name: 'A note', secureNote: { type: 0 }, notes: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXZ' },
      { type: 1, name: 'Broken', login: { username: 'z', totp: 'not base32!' } },
      {
        type: 1,
        name: 'Eight',
        login: { totp: 'otpauth://totp/Acme?secret=ONSWG4TFOQ&digits=8&period=60&algorithm=SHA256' },
      },
    ],
  };
  const bitwardenExpected: Fields[] = [
    ['totp', 'GitHub', 'alice@example.com', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 30, 0],
    ['totp', 'Bare', 'bob', 'MFRGGZDFMZTWQ2LK', 'SHA1', 6, 30, 0],
    ['steam', 'Steam', 'gamer', STEAM_SECRET, 'SHA1', 5, 30, 0],
    ['totp', 'Eight', 'Acme', 'ONSWG4TFOQ', 'SHA256', 8, 60, 0],
  ];

  it('reads login.totp from a JSON export (otpauth URI, bare base32, steam://), sites as origins', async () => {
    const parsed = await parseImport(JSON.stringify(bitwardenJson, null, 2));
    expect(preview(parsed)).toEqual({
      format: 'bitwarden',
      added: bitwardenExpected,
      duplicates: [],
      invalid: [['Broken (z)', 'INVALID_SECRET']],
    });
    expect(previewImport([], parsed).toAdd[0]?.sites).toEqual(['https://github.com']);
  });

  it('binds http:// login addresses of public hosts over https, and keeps http for LAN addresses', async () => {
    const lan = [
      'http://192.168.1.20/',
      'http://10.20.0.5:8080/login',
      'http://172.20.1.1',
      'http://169.254.10.2',
      'http://127.0.0.1:8443',
      'http://nmc3.lan',
      'http://printer.local/',
      'http://router.home.arpa',
      'http://nas.internal',
      'http://apcnmc',
      'http://[fd12:3456:789a::10]',
      'http://[fe80::1]',
      'http://[::1]:8080',
    ];
    const items = [
      { uri: 'http://online.examplebank.com/login', expected: ['https://online.examplebank.com'] },
      // Bitwarden stores a URI typed without a scheme with http:// in front.
      { uri: 'http://shop.example.co.uk:8080/account', expected: ['https://shop.example.co.uk'] },
      { uri: 'http://8.8.8.8/admin', expected: ['https://8.8.8.8'] },
      { uri: 'http://172.32.0.1', expected: ['https://172.32.0.1'] },
      { uri: 'http://[2001:db8::1]', expected: ['https://[2001:db8::1]'] },
      ...lan.map((uri) => ({ uri, expected: [new URL(uri).origin] })),
    ];
    const json = {
      encrypted: false,
      folders: [],
      items: items.map(({ uri }, index) => ({
        type: 1,
        name: `Site ${index}`,
        login: {
          username: 'me',
          totp: base32Encode(Uint8Array.of(index + 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)),
          uris: [{ uri }],
        },
      })),
    };
    const result = previewImport([], await parseImport(JSON.stringify(json)));
    expect(result.toAdd.map((account) => account.sites)).toEqual(items.map(({ expected }) => expected));
    const upgraded = result.toAdd.map((account) => result.upgradedSites?.[account.id] ?? []);
    expect(upgraded.slice(0, 5)).toEqual(items.slice(0, 5).map(({ expected }) => expected));
    expect(upgraded.slice(5).flat()).toEqual([]);

    // Other managers' CSV exports the same way; a site also listed over https is simply bound.
    const csv = 'name,username,totp,url\nBank,me,JBSWY3DPEHPK3PXP,http://online.examplebank.com\n';
    const fromCsv = previewImport([], await parseImport(csv));
    expect(fromCsv.toAdd[0]?.sites).toEqual(['https://online.examplebank.com']);
    expect(Object.values(fromCsv.upgradedSites ?? {})).toEqual([['https://online.examplebank.com']]);
    const both = `folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n,,login,Bank,,,0,"http://online.examplebank.com,https://online.examplebank.com",me,pw,JBSWY3DPEHPK3PXP\n`;
    const fromBoth = previewImport([], await parseImport(both));
    expect(fromBoth.toAdd[0]?.sites).toEqual(['https://online.examplebank.com']);
    expect(fromBoth.upgradedSites).toEqual({});
  });

  it('refuses encrypted Bitwarden exports with what to export instead', async () => {
    const encrypted = {
      encrypted: true,
      passwordProtected: true,
      salt: 'c2FsdA==',
      kdfType: 0,
      kdfIterations: 600000,
      encKeyValidation_DO_NOT_EDIT: '2.x|y|z',
      data: '2.a|b|c',
    };
    await expect(parseImport(JSON.stringify(encrypted))).rejects.toMatchObject({
      code: 'UNSUPPORTED_IMPORT',
      message: expect.stringContaining('.json'),
    });
  });

  it('reads login_totp from a CSV export, never as an otpauth list', async () => {
    const csv = [
      'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp',
      'Work,1,login,GitHub,"multi-line\r\nnote, with comma",,0,"https://github.com,https://gist.github.com",alice,"pa""ss",otpauth://totp/GitHub:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
      ',,login,Bare,,,0,,bob,pw,mfrg gzdf mztw q2lk',
      ',,login,Steam,,,0,,gamer,pw,steam://' + STEAM_SECRET,
      ',,login,No TOTP,,,0,https://example.com,x,y,',
      ',,note,A note,otpauth://totp/x?secret=JBSWY3DPEHPK3PXZ,,0,,,,',
      ',,login,Broken,,,0,,z,pw,not base32!',
      ',,login,Eight,,,0,,,,otpauth://totp/Acme?secret=ONSWG4TFOQ&digits=8&period=60&algorithm=SHA256',
      '',
    ].join('\r\n');
    const parsed = await parseImport(bytes(`\uFEFF${csv}`));
    expect(preview(parsed)).toEqual({
      format: 'bitwarden-csv',
      added: bitwardenExpected,
      duplicates: [],
      invalid: [['Broken (z)', 'INVALID_SECRET']],
    });
    expect(previewImport([], parsed).toAdd[0]?.sites).toEqual(['https://github.com', 'https://gist.github.com']);
    // Organisation exports have `collections` instead of `folder,favorite`.
    const organisation = await parseImport(
      'collections,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n' +
        'Team,login,VPN,,,0,,ops,pw,JBSWY3DPEHPK3PXQ\n',
    );
    expect(preview(organisation).added).toEqual([['totp', 'VPN', 'ops', 'JBSWY3DPEHPK3PXQ', 'SHA1', 6, 30, 0]]);
    await expectCode(parseImport('name,login_totp\n"unterminated,JBSWY3DPEHPK3PXQ\n'), 'CORRUPT_VAULT');
  });

  it('reads hand-typed secrets whose last character fills no byte, as the exporting apps decoded them', async () => {
    const csv =
      'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n' +
      ',,login,Code 2 ,,,0,,,,otpauth://totp/?secret=JDKSNDJJDNDJJDBXB&issuer=Code%202%20&algorithm=SHA1&digits=6&period=30\n' +
      ',,login,Bare,,,0,,me,,jdjd uzbx hshd bxbx hbb\n';
    expect(preview(await parseImport(csv)).added).toEqual([
      ['totp', 'Code 2', '', 'JDKSNDJJDNDJJDBX', 'SHA1', 6, 30, 0],
      ['totp', 'Bare', 'me', 'JDJDUZBXHSHDBXBXHA', 'SHA1', 6, 30, 0],
    ]);
  });

  it('reads other managers’ CSV exports by their TOTP column and refuses tables without one', async () => {
    const keepass = await parseImport(
      '"Group","Title","Username","Password","URL","Notes","TOTP"\n' +
        '"Root","Router","admin","pw","https://192.0.2.1/","","otpauth://totp/Router:admin?secret=JBSWY3DPEHPK3PXT&issuer=Router"\n',
    );
    expect(preview(keepass)).toMatchObject({
      format: 'csv',
      added: [['totp', 'Router', 'admin', 'JBSWY3DPEHPK3PXT', 'SHA1', 6, 30, 0]],
    });
    await expectCode(parseImport('name,url,username,password\nx,https://example.com,u,p\n'), 'UNRECOGNIZED_IMPORT');
  });
});

describe('import: 2FAS', () => {
  const services = [
    {
      name: 'Google',
      secret: 'JBSWY3DPEHPK3PXQ',
      updatedAt: 1733130000000,
      serviceTypeID: 'a6f1d1d4-0000-4000-8000-000000000000',
      otp: {
        label: 'Google:carol@example.com',
        account: 'carol@example.com',
        issuer: 'Google',
        digits: 6,
        period: 30,
        algorithm: 'SHA1',
        tokenType: 'TOTP',
        source: 'Link',
      },
      order: { position: 0 },
      icon: { selected: 'Label', label: { text: 'GO', backgroundColor: 'Orange' }, iconCollection: { id: 'x' } },
    },
    {
      name: 'Counter Corp',
      secret: 'MFRGGZDFMZTWQ2LK',
      otp: { account: 'dave', digits: 8, algorithm: 'SHA512', tokenType: 'HOTP', counter: 7, source: 'Manual' },
      order: { position: 1 },
    },
    {
      name: 'Steam',
      secret: STEAM_SECRET,
      otp: { account: 'gamer', digits: 5, period: 30, algorithm: 'SHA1', tokenType: 'STEAM', source: 'Manual' },
      order: { position: 2 },
    },
  ];
  const expected: Fields[] = [
    ['totp', 'Google', 'carol@example.com', 'JBSWY3DPEHPK3PXQ', 'SHA1', 6, 30, 0],
    ['hotp', 'Counter Corp', 'dave', 'MFRGGZDFMZTWQ2LK', 'SHA512', 8, 30, 7],
    ['steam', 'Steam', 'gamer', STEAM_SECRET, 'SHA1', 5, 30, 0],
  ];

  it('reads plain backups with Steam tokens', async () => {
    const parsed = await parseImport(JSON.stringify({ services, groups: [], schemaVersion: 4, appOrigin: 'ios' }));
    expect(preview(parsed)).toMatchObject({ format: '2fas', added: expected, invalid: [] });
  });

  it('decrypts password-protected backups as the Android (256-byte salt) and iOS (32-byte salt) apps write them', async () => {
    for (const file of [
      twoFasEncrypted(services, 'tall Ötter 77'),
      twoFasEncrypted(services, 'tall Ötter 77', 32, { appOrigin: 'ios', schemaVersion: 3 }),
    ]) {
      const text = JSON.stringify(file, null, 2);
      await expectCode(parseImport(text), 'PASSPHRASE_REQUIRED');
      await expectCode(parseImport(text, { passphrase: 'tall otter 77' }), 'WRONG_PASSPHRASE');
      const parsed = await parseImport(text, { passphrase: 'tall Ötter 77' });
      expect(preview(parsed)).toMatchObject({ format: '2fas-encrypted', added: expected, invalid: [] });
    }
  });

  it('treats tampered or malformed encrypted services as errors, not as empty backups', async () => {
    const file = twoFasEncrypted(services, 'password');
    const [data, salt, iv] = file.servicesEncrypted.split(':') as [string, string, string];
    const flipped = Buffer.from(data, 'base64');
    flipped[3] = (flipped[3] as number) ^ 1;
    await expectCode(
      parseImport(JSON.stringify({ ...file, servicesEncrypted: `${flipped.toString('base64')}:${salt}:${iv}` }), {
        passphrase: 'password',
      }),
      'WRONG_PASSPHRASE',
    );
    await expectCode(
      parseImport(JSON.stringify({ ...file, servicesEncrypted: `${data}:${salt}` }), { passphrase: 'password' }),
      'CORRUPT_VAULT',
    );
    await expectCode(
      parseImport(JSON.stringify({ ...file, servicesEncrypted: `${data}:${salt}:AAAA` }), { passphrase: 'password' }),
      'CORRUPT_VAULT',
    );
  });
});

describe('import: andOTP', () => {
  const entries = [
    {
      secret: 'JBSWY3DPEHPK3PXP',
      issuer: 'GitHub',
      label: 'alice',
      digits: 6,
      type: 'TOTP',
      algorithm: 'SHA1',
      thumbnail: 'Github',
      last_used: 1733130000000,
      used_frequency: 3,
      period: 30,
      tags: ['work'],
    },
    {
      secret: 'GEZDGNBVGY3TQOJQ',
      issuer: 'VPN',
      label: 'ops',
      digits: 8,
      type: 'HOTP',
      algorithm: 'SHA256',
      thumbnail: 'Default',
      last_used: 0,
      used_frequency: 0,
      counter: 5,
      tags: [],
    },
    {
      secret: STEAM_SECRET,
      issuer: 'Steam',
      label: 'gamer',
      digits: 5,
      type: 'STEAM',
      algorithm: 'SHA1',
      thumbnail: 'Steam',
      last_used: 0,
      used_frequency: 0,
      tags: [],
    },
    {
      secret: 'MFRGGZDFMZTWQ2LK',
      label: 'old style',
      digits: 6,
      type: 'TOTP',
      algorithm: 'SHA512',
      period: 60,
      tags: [],
    },
    {
      secret: 'ABCDEF',
      issuer: 'Mobile',
      label: 'motp',
      digits: 6,
      type: 'MOTP',
      algorithm: 'MD5',
      period: 10,
      tags: [],
    },
  ];
  const expected: Fields[] = [
    ['totp', 'GitHub', 'alice', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 30, 0],
    ['hotp', 'VPN', 'ops', 'GEZDGNBVGY3TQOJQ', 'SHA256', 8, 30, 5],
    ['steam', 'Steam', 'gamer', STEAM_SECRET, 'SHA1', 5, 30, 0],
    ['totp', '', 'old style', 'MFRGGZDFMZTWQ2LK', 'SHA512', 6, 60, 0],
  ];

  it('reads the plain JSON backup', async () => {
    expect(preview(await parseImport(JSON.stringify(entries)))).toEqual({
      format: 'andotp',
      added: expected,
      duplicates: [],
      invalid: [['Mobile (motp)', 'UNSUPPORTED_ENTRY']],
    });
  });

  it('splits the labels of backups written before andOTP stored an issuer, as andOTP built them', async () => {
    // Before andOTP 0.7 an account added from a link got the label issuer + " - " + the link's path (which may
    // repeat the issuer as "Issuer:account"); the backup had no issuer field.
    const old = (label: string, extra: Record<string, unknown> = {}) => ({
      secret: 'JBSWY3DPEHPK3PXP',
      label,
      digits: 6,
      type: 'TOTP',
      algorithm: 'SHA1',
      period: 30,
      ...extra,
    });
    const file = [
      old('Contoso Mail - jane.doe@contoso.test'),
      old('Forge - Forge:dev-team'),
      old('Acme - Ops - night shift'),
      old('plain label'),
      old('Router admin - ', { secret: 'GEZDGNBVGY3TQOJQ' }),
      // Kept as written when the file stores an issuer of its own (a current backup).
      old('Keep - as is', { issuer: 'Board', secret: 'MFRGGZDFMZTWQ2LK' }),
      // A re-saved old entry: andOTP read it with issuer "" and wrote the label unchanged.
      old('Example Bank - teller', { issuer: '', secret: 'KRUGKIDROVUWG2ZA' }),
    ];
    const parsed = await parseImport(JSON.stringify(file));
    const names = parsed.entries.map((entry) =>
      entry.status === 'ok' ? [entry.input.issuer, entry.input.account] : entry.status,
    );
    expect(names).toEqual([
      ['Contoso Mail', 'jane.doe@contoso.test'],
      ['Forge', 'dev-team'],
      ['Acme', 'Ops - night shift'],
      ['', 'plain label'],
      ['Router admin', ''],
      ['Board', 'Keep - as is'],
      ['Example Bank', 'teller'],
    ]);
  });

  it('decrypts the current (PBKDF2) and the old (SHA-256 key) encrypted formats, given as bytes', async () => {
    for (const file of [andOtpEncrypted(entries, 'andotp pässword'), andOtpOldEncrypted(entries, 'andotp pässword')]) {
      await expectCode(parseImport(file, { passphrase: 'andotp password' }), 'WRONG_PASSPHRASE');
      const parsed = await parseImport(file, { passphrase: 'andotp pässword' });
      expect(preview(parsed)).toMatchObject({ format: 'andotp-encrypted', added: expected });
    }
    await expectCode(parseImport(andOtpEncrypted(entries, 'x')), 'PASSPHRASE_REQUIRED');
  });

  it('refuses truncated, tampered and hostile encrypted files with typed errors', async () => {
    const file = andOtpEncrypted(entries, 'pw');
    await expectCode(parseImport(file.slice(0, file.length - 5), { passphrase: 'pw' }), 'WRONG_PASSPHRASE');
    await expectCode(parseImport(file.slice(0, 20), { passphrase: 'pw' }), 'WRONG_PASSPHRASE');
    const hostile = file.slice();
    new DataView(hostile.buffer).setUint32(0, 0xffffffff);
    const started = performance.now();
    await expectCode(parseImport(hostile, { passphrase: 'pw' }), 'WRONG_PASSPHRASE');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('import: Proton Authenticator', () => {
  const plain = {
    version: 1,
    entries: [
      {
        id: '01JQ0000000000000000000001',
        content: {
          uri: 'otpauth://totp/alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Proton&algorithm=SHA1&digits=6&period=30',
          entry_type: 'Totp',
          name: 'alice@example.com',
        },
        note: null,
      },
      {
        id: '01JQ0000000000000000000002',
        content: {
          uri: 'otpauth://totp/MYLABEL?secret=ONSWG4TFOQ&issuer=Corp&algorithm=SHA256&digits=8&period=15',
          entry_type: 'Totp',
          name: 'MYLABEL',
        },
        note: 'vpn',
      },
      {
        id: '01JQ0000000000000000000003',
        content: {
          uri: `steam://${Buffer.from(base32Decode(STEAM_SECRET)).toString('base64')}`,
          entry_type: 'Steam',
          name: 'gamer',
        },
        note: null,
      },
      { id: '01JQ0000000000000000000004', content: { uri: 'otpauth://totp/x?secret=', entry_type: 'Totp', name: 'x' } },
    ],
  };
  const expected: Fields[] = [
    ['totp', 'Proton', 'alice@example.com', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 30, 0],
    ['totp', 'Corp', 'MYLABEL', 'ONSWG4TFOQ', 'SHA256', 8, 15, 0],
    ['steam', 'Steam', 'gamer', STEAM_SECRET, 'SHA1', 5, 30, 0],
  ];

  it('reads the plain export (otpauth URIs and steam:// base64 secrets)', async () => {
    expect(preview(await parseImport(JSON.stringify(plain)))).toEqual({
      format: 'proton-authenticator',
      added: expected,
      duplicates: [],
      invalid: [['x', 'MISSING_SECRET']],
    });
  });

  it('decrypts the password-protected export (argon2id, AES-GCM with its additional data)', async () => {
    const text = JSON.stringify(protonEncrypted(plain, 'proton pass'));
    await expectCode(parseImport(text), 'PASSPHRASE_REQUIRED');
    await expectCode(parseImport(text, { passphrase: 'proton Pass' }), 'WRONG_PASSPHRASE');
    expect(preview(await parseImport(text, { passphrase: 'proton pass' }))).toMatchObject({
      format: 'proton-authenticator-encrypted',
      added: expected,
    });
    const short = { ...JSON.parse(text), salt: 'c2FsdA==' };
    await expectCode(parseImport(JSON.stringify(short), { passphrase: 'proton pass' }), 'CORRUPT_VAULT');
  }, 60_000);
});

describe('import: FreeOTP+', () => {
  it('reads the JSON export (Java signed-byte secrets, tokenOrder, renamed issuers and labels, Steam)', async () => {
    const secret = (base32: string) => javaBytes(base32Decode(base32));
    const file = {
      tokenOrder: ['Acme:ops', 'GitHub:alice', 'Steam:gamer'],
      tokens: [
        {
          algo: 'SHA1',
          counter: 0,
          digits: 6,
          issuerExt: 'GitHub',
          issuerInt: 'GitHub',
          label: 'alice',
          period: 30,
          secret: secret('7777777777777777'),
          type: 'TOTP',
        },
        {
          algo: 'SHA256',
          counter: 3,
          digits: 8,
          issuerExt: 'Acme',
          issuerAlt: 'Acme VPN',
          label: 'ops',
          labelAlt: 'operations',
          period: 30,
          secret: secret('GEZDGNBVGY3TQOJQ'),
          type: 'HOTP',
        },
        {
          algo: 'SHA1',
          counter: 0,
          digits: 5,
          issuerExt: 'Steam',
          issuerInt: 'Steam',
          label: 'gamer',
          period: 30,
          secret: secret(STEAM_SECRET),
          type: 'TOTP',
        },
        { algo: 'SHA1', digits: 6, label: 'bad', period: 30, secret: 'JBSWY3DPEHPK3PXP', type: 'TOTP' },
      ],
    };
    expect(preview(await parseImport(JSON.stringify(file)))).toEqual({
      format: 'freeotp-plus',
      added: [
        ['hotp', 'Acme VPN', 'operations', 'GEZDGNBVGY3TQOJQ', 'SHA256', 8, 30, 3],
        ['totp', 'GitHub', 'alice', '7777777777777777', 'SHA1', 6, 30, 0],
        ['steam', 'Steam', 'gamer', STEAM_SECRET, 'SHA1', 5, 30, 0],
      ],
      duplicates: [],
      invalid: [['bad', 'INVALID_SECRET']],
    });
  });
});

describe('import: Ente Auth and files we recognise but cannot read', () => {
  it('reads the plain Ente export: one JSON-quoted otpauth URI per line with its codeDisplay metadata', async () => {
    const display = encodeURIComponent(
      JSON.stringify({
        pinned: false,
        trashed: false,
        lastUsedAt: 0,
        tapCount: 3,
        tags: ['work'],
        note: 'a, b',
        position: 0,
      }),
    );
    const text = [
      `otpauth://totp/GitHub:alice%20smith?algorithm=SHA1&digits=6&issuer=GitHub&period=30&secret=JBSWY3DPEHPK3PXP&codeDisplay=${display}`,
      `otpauth://steam/Steam:gamer?algorithm=SHA1&digits=5&issuer=Steam&period=30&secret=${STEAM_SECRET}&codeDisplay=${display}`,
      `otpauth://hotp/Bank:me?algorithm=SHA1&digits=6&issuer=Bank&period=30&secret=GEZDGNBVGY3TQOJQ&counter=4&codeDisplay=${display}`,
    ]
      .map((uri) => `${JSON.stringify(uri)}\n`)
      .join('');
    expect(preview(await parseImport(bytes(text)))).toEqual({
      format: 'otpauth-list',
      added: [
        ['totp', 'GitHub', 'alice smith', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 30, 0],
        ['steam', 'Steam', 'gamer', STEAM_SECRET, 'SHA1', 5, 30, 0],
        ['hotp', 'Bank', 'me', 'GEZDGNBVGY3TQOJQ', 'SHA1', 6, 30, 4],
      ],
      duplicates: [],
      invalid: [],
    });
  });

  it('reads otpauth lines as Aegis and others write them (including Steam and HOTP lines)', async () => {
    const text = [
      'otpauth://totp/Ente:me%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Ente&algorithm=sha1&digits=6&period=30',
      'otpauth://hotp/Bank:me?secret=GEZDGNBVGY3TQOJQ&issuer=Bank&counter=9&digits=6',
      `otpauth://steam/Steam:gamer?secret=${STEAM_SECRET}&issuer=Steam&digits=5`,
    ].join('\n');
    expect(preview(await parseImport(bytes(text))).added).toEqual([
      ['totp', 'Ente', 'me@example.com', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 30, 0],
      ['hotp', 'Bank', 'me', 'GEZDGNBVGY3TQOJQ', 'SHA1', 6, 30, 9],
      ['steam', 'Steam', 'gamer', STEAM_SECRET, 'SHA1', 5, 30, 0],
    ]);
  });

  it('names the app and what to export for recognised but unsupported files', async () => {
    const cases: Array<[string | Uint8Array, RegExp]> = [
      [
        JSON.stringify({
          version: 1,
          kdfParams: { memLimit: 1073741824, opsLimit: 4, salt: 'c2FsdA==' },
          encryptedData: 'AAAA',
          encryptionNonce: 'AAAA',
        }),
        /Ente Auth.*Plain text/,
      ],
      [Uint8Array.from([...bytes('SQLite format 3'), 0, 16, 0, 1, 1]), /Google Authenticator.*Transfer accounts/],
      [Uint8Array.from([0xac, 0xed, 0x00, 0x05, 0x73, 0x72, 0x00]), /FreeOTP backup/],
      [Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00]), /ZIP archive/],
      [
        '<?xml version="1.0"?><map><string name="com.authy.storage.tokens.authenticator.key">[]</string></map>',
        /Authy/,
      ],
      [JSON.stringify({ Authenticators: [], Categories: [] }), /Authenticator Pro/],
      ['-----BEGIN PGP MESSAGE-----\n\nhQEMA…\n-----END PGP MESSAGE-----\n', /OpenPGP/],
    ];
    for (const [input, message] of cases) {
      await expect(parseImport(input)).rejects.toMatchObject({
        code: 'UNSUPPORTED_IMPORT',
        message: expect.stringMatching(message),
      });
    }
  });
});

describe('import: detection and Google Authenticator migration', () => {
  it('imports the good accounts of a migration payload and lists the bad one with its reason', async () => {
    const uri = migrationUri([
      { secret: base32Decode('JBSWY3DPEHPK3PXP'), name: 'alice@example.com', issuer: 'GitHub' },
      { secret: base32Decode('GEZDGNBVGY3TQOJQ'), name: 'Legacy:bob', algorithm: 4 },
      { secret: base32Decode('MFRGGZDFMZTWQ2LK'), name: 'ops', issuer: 'VPN', type: 1, counter: 6, digits: 2 },
    ]);
    expect(preview(await parseImport(uri))).toEqual({
      format: 'otpauth-list',
      added: [
        ['totp', 'GitHub', 'alice@example.com', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 30, 0],
        ['hotp', 'VPN', 'ops', 'MFRGGZDFMZTWQ2LK', 'SHA1', 8, 30, 6],
      ],
      duplicates: [],
      invalid: [['Legacy:bob', 'UNSUPPORTED_ALGORITHM']],
    });
  });

  it('accepts text and bytes alike (UTF-8 with BOM, UTF-16) and keeps JSON with otpauth: values JSON', async () => {
    const line = 'otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP&issuer=A';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(line, 'utf16le')]);
    for (const input of [line, bytes(`\uFEFF${line}\n`), new Uint8Array(utf16)]) {
      expect(preview(await parseImport(input)).added).toEqual([
        ['totp', 'A', 'b', 'JBSWY3DPEHPK3PXP', 'SHA1', 6, 30, 0],
      ]);
    }
    await expectCode(parseImport(JSON.stringify({ note: line })), 'UNRECOGNIZED_IMPORT');
    // A KeePassXC-style CSV saved in Windows-1252 (é = 0xE9) is still text.
    const latin1 = Uint8Array.from(Buffer.from('Title,Username,TOTP\nCaf\u00e9,me,JBSWY3DPEHPK3PXQ\n', 'latin1'));
    expect(preview(await parseImport(latin1)).added).toEqual([
      ['totp', 'Café', 'me', 'JBSWY3DPEHPK3PXQ', 'SHA1', 6, 30, 0],
    ]);
    await expectCode(parseImport(new Uint8Array([0xfe, 0x80, 0, 1, 2, 3])), 'PASSPHRASE_REQUIRED');
    await expectCode(parseImport(new Uint8Array([0xfe, 0x80, 0, 1, 2, 3]), { passphrase: 'x' }), 'WRONG_PASSPHRASE');
  });

  it('counts duplicates against the vault for foreign formats too', async () => {
    const existing = [createAccount({ issuer: 'GitHub', account: 'alice', secret: 'JBSWY3DPEHPK3PXP' })];
    const result = preview(await parseImport(json(extensionEntries)), existing);
    expect(result.added).toHaveLength(5);
    expect(result.duplicates).toEqual(['GitHub (alice@example.com)']);
  });
});

describe('import: names and sites cleaned like typed ones', () => {
  it('cleanName strips bidi marks (LRM, RLM, ALM), overrides, isolates and zero-width characters', () => {
    expect(cleanName('\u200eGit\u200bHub\u200f \u061c\u202ebank\u2066\u2069\ufeff\u2060\u200c\u200d')).toBe(
      'GitHub bank',
    );
  });

  it('restoring an encrypted backup cleans names and turns sites into origins', async () => {
    const account = createAccount({
      issuer: 'GitHub',
      account: 'alice',
      secret: 'JBSWY3DPEHPK3PXP',
      sites: ['https://github.com'],
    });
    const tampered: Account = {
      ...account,
      issuer: 'Git\u202eHub\u200b',
      account: 'al\u0007ice\u200e',
      sites: ['https://github.com/login?next=1', 'example.org'],
    };
    const backup = await exportEncryptedBackup([tampered], 'backup passphrase', { cost: FAST_ARGON });
    const restored = previewImport([], await parseImport(backup, { passphrase: 'backup passphrase' }))
      .toAdd[0] as Account;
    expect([restored.issuer, restored.account, restored.sites]).toEqual([
      'GitHub',
      'alice',
      ['https://github.com', 'https://example.org'],
    ]);
    expect(restored.id).toBe(account.id);
  });

  it('imported names from foreign formats are cleaned too', async () => {
    const uri = formatOtpauthUri({
      ...parseOtpauthUri('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'),
      issuer: 'Pay\u202epal',
      account: '\u200fme',
    });
    const file = { items: [{ type: 1, name: 'N', login: { totp: uri } }], encrypted: false };
    expect(preview(await parseImport(JSON.stringify(file))).added[0]?.slice(1, 3)).toEqual(['Paypal', 'me']);
  });
});
