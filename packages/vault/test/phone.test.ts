import { base32Decode, parseMigrationPayload, parseOtpauthUri } from '@mfa-companion/otp';
import { describe, expect, it } from 'vitest';
import {
  accountOtpauthUri,
  createAccount,
  PHONE_TRANSFER_MAX_URI_LENGTH,
  planPhoneTransfer,
  toOtpAccount,
} from '../src/index.ts';

const secret = (i: number) => Uint8Array.from({ length: 20 }, (_, j) => (i * 31 + j * 7) & 0xff);

describe('back to a phone', () => {
  it('gives each account its otpauth:// URI (Steam as otpauth://steam/)', () => {
    const totp = createAccount({ issuer: 'ACME', account: 'me@example.com', secret: secret(1), digits: 8 });
    expect(parseOtpauthUri(accountOtpauthUri(totp))).toEqual(toOtpAccount(totp));
    const steam = createAccount({ type: 'steam', issuer: 'Steam', account: 'gaben', secret: secret(2) });
    expect(accountOtpauthUri(steam)).toMatch(/^otpauth:\/\/steam\/Steam:gaben\?/);
  });

  it('splits a transfer into numbered codes within the size limit that read back to the same accounts', () => {
    const accounts = Array.from({ length: 27 }, (_, i) =>
      createAccount({
        issuer: `Service ${i}`,
        account: `user.${i}@example.com`,
        secret: secret(i),
        ...(i % 5 === 0 ? { type: 'hotp' as const, counter: i * 1000 } : {}),
        ...(i % 7 === 0 ? { algorithm: 'SHA256' as const } : {}),
      }),
    );
    const plan = planPhoneTransfer(accounts, 4242);
    expect(plan.skipped).toEqual([]);
    expect(plan.codes.length).toBeGreaterThanOrEqual(3);
    const decoded = plan.codes.map((code) => parseMigrationPayload(code.uri));
    decoded.forEach((batch, index) => {
      expect(plan.codes[index]?.uri.length).toBeLessThanOrEqual(PHONE_TRANSFER_MAX_URI_LENGTH);
      expect(batch).toMatchObject({ batchIndex: index, batchSize: plan.codes.length, batchId: 4242 });
      expect(batch.accounts).toEqual(plan.codes[index]?.accounts.map(toOtpAccount));
    });
    expect(decoded.flatMap((batch) => batch.accounts)).toEqual(accounts.map(toOtpAccount));
    expect(plan.codes.flatMap((code) => code.accounts)).toEqual(accounts);
  });

  it('lists what a migration code cannot carry instead of changing it', () => {
    const ok = createAccount({ issuer: 'OK', secret: secret(1) });
    const steam = createAccount({ type: 'steam', secret: secret(2) });
    const slow = createAccount({ issuer: 'Slow', secret: secret(3), period: 60 });
    const seven = createAccount({ issuer: 'Seven', secret: secret(4), digits: 7 });
    const plan = planPhoneTransfer([ok, steam, slow, seven]);
    expect(plan.codes).toHaveLength(1);
    expect(plan.codes[0]?.accounts).toEqual([ok]);
    expect(plan.skipped.map((entry) => [entry.account.id, entry.code])).toEqual([
      [steam.id, 'UNSUPPORTED_TYPE'],
      [slow.id, 'INVALID_PERIOD'],
      [seven.id, 'INVALID_DIGITS'],
    ]);
    expect(planPhoneTransfer([steam])).toEqual({ codes: [], skipped: [expect.objectContaining({ account: steam })] });
    expect(base32Decode(ok.secret)).toEqual(parseMigrationPayload(plan.codes[0]?.uri as string).accounts[0]?.secret);
  });
});
