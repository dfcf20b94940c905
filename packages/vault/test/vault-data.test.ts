import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAccount, createVault, openVaultWithKey, parseVaultData, sealVault, VaultError } from '../src/index.ts';
import { FAST_ARGON } from './helpers.ts';

const secretArbitrary = fc.uint8Array({ minLength: 1, maxLength: 64 });
const accountArbitrary = fc.record({
  issuer: fc.string({ maxLength: 40 }),
  account: fc.string({ maxLength: 40 }),
  secret: secretArbitrary,
  type: fc.constantFrom('totp' as const, 'hotp' as const),
  algorithm: fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
  digits: fc.integer({ min: 6, max: 10 }),
  period: fc.integer({ min: 1, max: 300 }),
  counter: fc.nat(),
});

describe('vault content', () => {
  it('any valid account list survives seal → open unchanged', async () => {
    const { unlocked } = await createVault('a long enough passphrase', FAST_ARGON);
    await fc.assert(
      fc.asyncProperty(fc.array(accountArbitrary, { maxLength: 8 }), async (inputs) => {
        const accounts = inputs.map((input) => createAccount(input));
        const text = await sealVault({ accounts }, unlocked);
        expect(await openVaultWithKey(text, unlocked.key)).toEqual({ accounts });
      }),
      { numRuns: 40 },
    );
  });

  it('the quick check for self-sealed content still refuses wrong shapes', () => {
    const good = createAccount({ secret: 'JBSWY3DPEHPK3PXP' });
    expect(parseVaultData({ accounts: [good] }, { verifyOtp: false }).accounts).toEqual([good]);
    for (const bad of [
      { ...good, type: 'yandex' },
      { ...good, secret: 'abc' },
      { ...good, counter: -1 },
      { ...good, sites: [1] },
    ]) {
      expect(() => parseVaultData({ accounts: [bad] }, { verifyOtp: false })).toThrow(
        expect.objectContaining({ code: 'CORRUPT_VAULT' }) as unknown as VaultError,
      );
    }
  });

  it('rejects malformed stored accounts with typed errors', () => {
    const good = createAccount({ secret: 'JBSWY3DPEHPK3PXP' });
    const cases: Array<[unknown, string]> = [
      [null, 'CORRUPT_VAULT'],
      [{ accounts: 'nope' }, 'CORRUPT_VAULT'],
      [{ accounts: [{ ...good, id: 7 }] }, 'CORRUPT_VAULT'],
      [{ accounts: [good, good] }, 'CORRUPT_VAULT'],
      [{ accounts: [{ ...good, secret: 'jbswy3dpehpk3pxp' }] }, 'CORRUPT_VAULT'],
      [{ accounts: [{ ...good, digits: 99 }] }, 'INVALID_ACCOUNT'],
      [{ accounts: [{ ...good, issuer: 'x'.repeat(10_000) }] }, 'INVALID_ACCOUNT'],
      [{ accounts: new Array(10_001).fill(good) }, 'INPUT_TOO_LARGE'],
    ];
    for (const [payload, code] of cases) {
      expect(() => parseVaultData(payload)).toThrow(expect.objectContaining({ code }) as unknown as VaultError);
    }
  });
});
