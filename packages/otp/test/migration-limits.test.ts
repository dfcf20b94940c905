import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  formatMigrationUri,
  MIGRATION_LIMITS,
  OTP_ALGORITHMS,
  type OtpAccount,
  parseMigrationUri,
} from '../src/index.js';

const SECRET = base32Decode('JBSWY3DPEHPK3PXP');
const BASE: OtpAccount = { type: 'totp', secret: SECRET, account: 'a', algorithm: 'SHA1', digits: 6, period: 30 };

describe('MIGRATION_LIMITS', () => {
  it('states what a migration QR code carries: 30-second TOTP, 6 or 8 digits, SHA-1/256/512, TOTP and HOTP', () => {
    expect(MIGRATION_LIMITS.periods).toEqual([30]);
    expect(MIGRATION_LIMITS.digits).toEqual([6, 8]);
    expect([...MIGRATION_LIMITS.algorithms].sort()).toEqual([...OTP_ALGORITHMS].sort());
    expect(MIGRATION_LIMITS.types).toEqual(['totp', 'hotp']);
  });

  it('matches what formatMigrationUri accepts and refuses', () => {
    for (const digits of MIGRATION_LIMITS.digits) {
      for (const algorithm of MIGRATION_LIMITS.algorithms) {
        const uri = formatMigrationUri([{ type: 'totp', secret: SECRET, account: 'a', digits, algorithm, period: 30 }]);
        expect(parseMigrationUri(uri)[0]).toMatchObject({ digits, algorithm, period: 30 });
      }
    }
    for (const period of [15, 60]) {
      expect(() => formatMigrationUri([{ ...BASE, period }])).toThrow(/30-second/);
    }
    for (const digits of [7, 9, 10]) {
      expect(() => formatMigrationUri([{ ...BASE, digits }])).toThrow(/6 or 8/);
    }
  });
});
