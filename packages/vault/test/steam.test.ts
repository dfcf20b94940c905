import { base32Encode, steamGuardCode } from '@mfa-companion/otp';
import { describe, expect, it } from 'vitest';
import {
  AccountValidationError,
  createAccount,
  exportOtpauthList,
  parseImport,
  parseStoredAccount,
  previewImport,
  steamSecretFromText,
  toOtpAccount,
  VaultError,
  validateAccountInput,
} from '../src/index.ts';

/** Our own 20-byte key (Steam's shared secrets are 20 bytes), not taken from any real account. */
const KEY = Uint8Array.from({ length: 20 }, (_, index) => (index * 37 + 11) & 0xff);
const KEY_BASE64 = Buffer.from(KEY).toString('base64');

/**
 * A maFile as Steam Desktop Authenticator writes it: the SteamAuth library's SteamGuardAccount serialised with
 * Newtonsoft (field names from SteamGuardAccount.cs / SessionData.cs). Every value here is made up.
 */
function maFile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    shared_secret: KEY_BASE64,
    serial_number: '4242424242424242424',
    revocation_code: 'R12345',
    uri: `otpauth://totp/Steam:mfa_tester?secret=${base32Encode(KEY)}&issuer=Steam`,
    server_time: 1700000000,
    account_name: 'mfa_tester',
    token_gid: '1a2b3c4d5e6f7a8b',
    identity_secret: Buffer.from('not the login key, a confirmation key').toString('base64'),
    secret_1: Buffer.from('another one').toString('base64'),
    status: 1,
    device_id: 'android:00000000-1111-2222-3333-444444444444',
    phone_number_hint: null,
    confirm_type: 0,
    fully_enrolled: true,
    Session: {
      SteamID: 76561190000000000,
      AccessToken: 'eyJ-made-up',
      RefreshToken: 'eyJ-made-up-too',
      SessionID: null,
    },
    ...overrides,
  };
}

async function expectVaultError(promise: Promise<unknown>, code: string): Promise<VaultError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(VaultError);
  expect((error as VaultError).code).toBe(code);
  return error as VaultError;
}

describe('vault: Steam accounts', () => {
  it("validates with Steam's fixed parameters and stores them", () => {
    const fields = validateAccountInput({ type: 'steam', issuer: 'Steam', account: 'gaben', secret: KEY });
    expect(fields).toMatchObject({ type: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 });
    const account = createAccount({ type: 'steam', secret: base32Encode(KEY) });
    expect(parseStoredAccount(account, 0)).toEqual(account);
    const otp = toOtpAccount(account);
    expect(otp.type).toBe('steam');
    expect(steamGuardCode({ secret: otp.secret, time: 0 })).toMatch(/^[2-9BCDFGHJKMNPQRTVWXY]{5}$/);
  });

  it('refuses any other digits, period or algorithm, naming the field', () => {
    for (const [override, code, field] of [
      [{ digits: 6 }, 'INVALID_DIGITS', 'digits'],
      [{ period: 60 }, 'INVALID_PERIOD', 'period'],
      [{ algorithm: 'SHA256' }, 'UNSUPPORTED_ALGORITHM', 'algorithm'],
    ] as const) {
      let error: unknown;
      try {
        validateAccountInput({ type: 'steam', secret: KEY, ...override });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(AccountValidationError);
      expect(error).toMatchObject({ code, field });
    }
  });

  it('exports Steam accounts as otpauth://steam/ lines that import back', async () => {
    const account = createAccount({ type: 'steam', issuer: 'Steam', account: 'gaben', secret: KEY });
    const text = exportOtpauthList([account]);
    expect(text).toContain('otpauth://steam/Steam:gaben?');
    const preview = previewImport([], await parseImport(text));
    expect(preview.toAdd.map((entry) => [entry.type, entry.secret, entry.digits])).toEqual([
      ['steam', account.secret, 5],
    ]);
  });
});

describe('import: Steam Guard files', () => {
  it('reads a Steam Desktop Authenticator maFile: shared_secret and account_name, nothing else', async () => {
    const parsed = await parseImport(JSON.stringify(maFile()));
    expect(parsed.format).toBe('steam-guard');
    const preview = previewImport([], parsed);
    expect(preview.invalid).toEqual([]);
    expect(preview.toAdd).toHaveLength(1);
    expect(preview.toAdd[0]).toMatchObject({
      type: 'steam',
      issuer: 'Steam',
      account: 'mfa_tester',
      secret: base32Encode(KEY),
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
      counter: 0,
      sites: [],
    });
    // The identity secret, session tokens and revocation code are not kept anywhere in the account.
    const stored = JSON.stringify(preview.toAdd[0]);
    for (const secretBit of ['R12345', 'eyJ-made-up', Buffer.from('another one').toString('base64')]) {
      expect(stored).not.toContain(secretBit);
    }
  });

  it("reads the Steam app's Steamguard file with several accounts, each on its own", async () => {
    const other = Uint8Array.from({ length: 20 }, (_, index) => 255 - index);
    const parsed = await parseImport(
      JSON.stringify({
        accounts: {
          '7656119000000001': maFile(),
          '7656119000000002': maFile({ account_name: 'second', shared_secret: Buffer.from(other).toString('base64') }),
          '7656119000000003': maFile({ account_name: 'broken', shared_secret: 'not*base64', uri: undefined }),
          '7656119000000004': 'not an object',
        },
      }),
    );
    const preview = previewImport([], parsed);
    expect(preview.toAdd.map((account) => account.account)).toEqual(['mfa_tester', 'second']);
    expect(preview.invalid).toEqual([
      { label: 'Steam (broken)', code: 'INVALID_SECRET', message: 'The shared_secret is not valid base64.' },
      { label: 'Steam account 4', code: 'UNSUPPORTED_ENTRY', message: 'Not an account record.' },
    ]);
  });

  it('falls back to the uri key when shared_secret is missing, and reports hostile fields per entry', async () => {
    const fromUri = previewImport([], await parseImport(JSON.stringify(maFile({ shared_secret: '' }))));
    expect(fromUri.toAdd[0]?.secret).toBe(base32Encode(KEY));

    const cases: Array<[Record<string, unknown>, string]> = [
      [{ shared_secret: 42, uri: undefined }, 'INVALID_SECRET'],
      [{ shared_secret: '', uri: undefined }, 'MISSING_SECRET'],
      [{ shared_secret: '', uri: 'otpauth://totp/Steam:x?secret=1!' }, 'INVALID_SECRET'],
      [{ shared_secret: '====' }, 'INVALID_SECRET'],
      [{ account_name: 'x'.repeat(10_000) }, 'FIELD_TOO_LONG'],
    ];
    for (const [override, code] of cases) {
      const json = { accounts: { a: maFile(override) } };
      const preview = previewImport([], await parseImport(JSON.stringify(json)));
      expect(preview.toAdd, JSON.stringify(override).slice(0, 60)).toEqual([]);
      expect(preview.invalid.map((entry) => entry.code)).toEqual([code]);
    }
  });

  it('cleans names like typed ones (control and bidi characters)', async () => {
    const parsed = await parseImport(JSON.stringify(maFile({ account_name: 'gab\u202Een\u0007' })));
    expect(previewImport([], parsed).toAdd[0]?.account).toBe('gaben');
  });

  it('flags a maFile already in the vault as a duplicate', async () => {
    const existing = createAccount({ type: 'steam', issuer: 'Steam', account: 'mfa_tester', secret: KEY });
    const preview = previewImport([existing], await parseImport(JSON.stringify(maFile())));
    expect(preview.toAdd).toEqual([]);
    expect(preview.duplicates).toHaveLength(1);
  });

  it("explains SDA's manifest.json instead of calling it unrecognised", async () => {
    const manifest = {
      encrypted: true,
      first_run: false,
      entries: [{ encryption_iv: 'AAAA', encryption_salt: 'BBBB', filename: '1.maFile', steamid: 1 }],
      periodic_checking: false,
    };
    const encrypted = await expectVaultError(parseImport(JSON.stringify(manifest)), 'UNSUPPORTED_IMPORT');
    expect(encrypted.message).toMatch(/Steam Desktop Authenticator.*Manage Encryption/);
    const plain = await expectVaultError(
      parseImport(JSON.stringify({ ...manifest, encrypted: false })),
      'UNSUPPORTED_IMPORT',
    );
    expect(plain.message).toMatch(/\.maFile/);
  });
});

describe('steamSecretFromText', () => {
  it("takes a maFile's base64 shared_secret or a base32 key, never confusing them", () => {
    expect(steamSecretFromText(KEY_BASE64)).toEqual(KEY);
    expect(steamSecretFromText(` ${KEY_BASE64}\n`)).toEqual(KEY);
    const base32 = base32Encode(KEY);
    expect(steamSecretFromText(base32)).toBe(base32);
    // 28 base32-looking characters without '=' stay base32 text.
    expect(steamSecretFromText('A'.repeat(28))).toBe('A'.repeat(28));
    expect(validateAccountInput({ type: 'steam', secret: steamSecretFromText(KEY_BASE64) }).secret).toBe(base32);
  });
});
