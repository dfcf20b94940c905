import { base32Decode, OTP_ERROR_CODES, OtpError, totp } from '@mfa-companion/otp';
import { evaluateNmcUsers, type NmcFindingCode, parseNmcUserList } from '@mfa-companion/policy';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_LISTS } from '../src/islands/nmc-examples.ts';
import { describeFinding, fixSteps } from '../src/islands/nmc-messages.ts';
import { OTP_ERROR_EXPLANATIONS } from '../src/islands/otp-errors.ts';
import { codeRows, groupCode, parsePinnedTime, readSecretInput } from '../src/islands/totp-model.ts';

const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890", the RFC 6238 test key
const MANUAL = { algorithm: 'SHA1', digits: 8, period: 30 } as const;

describe('TOTP debugger model', () => {
  it('reproduces the RFC 6238 SHA-1 vector at T = 59 s', () => {
    const { account } = readSecretInput(RFC_SECRET, MANUAL);
    const rows = codeRows(account, 59_000, 0);
    expect(rows).toEqual([{ delta: 0, counter: 1, startMs: 30_000, code: '94287082' }]);
  });

  it('shows Steam Guard codes from an otpauth://steam link (KeePassXC vector, tests/TestTotp.cpp)', () => {
    const { account } = readSecretInput(
      'otpauth://steam/Steam:gaben?secret=63BEDWCQZKTQWPESARIERL5DTTQFCJTK&issuer=Steam',
      MANUAL,
    );
    expect(account).toMatchObject({ type: 'steam', digits: 5, period: 30 });
    expect(codeRows(account, 1_511_200_518_000, 0).map((row) => row.code)).toEqual(['FR8RV']);
    expect(groupCode('FR8RV')).toBe('FR8RV');
  });

  it('lists the steps around the pinned time, each matching the library', () => {
    const time = 1_700_000_000_000;
    const secret = base32Decode('JBSWY3DPEHPK3PXP');
    const { account } = readSecretInput('JBSWY3DPEHPK3PXP', { algorithm: 'SHA1', digits: 6, period: 30 });
    const rows = codeRows(account, time, 2);
    expect(rows.map((row) => row.delta)).toEqual([-2, -1, 0, 1, 2]);
    for (const row of rows) {
      expect(row.code).toBe(totp({ secret, time: time + row.delta * 30_000 }));
    }
  });

  it('takes algorithm, digits and period from an otpauth link over the manual settings', () => {
    const read = readSecretInput(
      'otpauth://totp/ACME:ops@example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME&digits=8&period=60&algorithm=SHA256',
      { algorithm: 'SHA1', digits: 6, period: 30 },
    );
    expect(read.origin).toBe('otpauth');
    expect(read.account).toMatchObject({ issuer: 'ACME', digits: 8, period: 60, algorithm: 'SHA256' });
  });

  it('counts forward from the stored counter for HOTP links', () => {
    const read = readSecretInput(`otpauth://hotp/Test?secret=${RFC_SECRET}&counter=0`, MANUAL);
    // RFC 4226 appendix D: counters 0, 1, 2 with the same key.
    expect(codeRows(read.account, 0, 2).map((row) => row.code)).toEqual(['755224', '287082', '359152']);
  });

  it('rejects bad input with the typed library error', () => {
    expect(() => readSecretInput('', MANUAL)).toThrow(OtpError);
    expect(() => readSecretInput('NOT-BASE32-0189', MANUAL)).toThrow(
      expect.objectContaining({ code: 'INVALID_SECRET' }),
    );
    expect(() => readSecretInput('otpauth://push/x?secret=AAAA', MANUAL)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED_TYPE' }),
    );
  });

  it('reads pinned times as Unix seconds or ISO dates, and refuses anything else', () => {
    expect(parsePinnedTime('')).toBeUndefined();
    expect(parsePinnedTime(' 1700000000 ')).toBe(1_700_000_000_000);
    expect(parsePinnedTime('2026-01-31T12:00:00Z')).toBe(Date.UTC(2026, 0, 31, 12));
    expect(() => parsePinnedTime('yesterday')).toThrow(expect.objectContaining({ code: 'INVALID_TIME' }));
  });

  it('groups codes in two halves', () => {
    expect(groupCode('123456')).toBe('123 456');
    expect(groupCode('1234567')).toBe('1234 567');
  });
});

describe('otp error explanations', () => {
  it('explains every library error code in both languages', () => {
    for (const code of OTP_ERROR_CODES) {
      expect(OTP_ERROR_EXPLANATIONS[code].en.length).toBeGreaterThan(20);
      expect(OTP_ERROR_EXPLANATIONS[code].fr.length).toBeGreaterThan(20);
    }
  });
});

describe('NMC checker messages', () => {
  it('flags the at-risk example and clears the OK one', () => {
    const atRisk = evaluateNmcUsers({ mfaEnabled: true, users: parseNmcUserList(EXAMPLE_LISTS.atRisk) });
    expect(atRisk.status).toBe('at-risk');
    expect(fixSteps(atRisk, 'en').join(' ')).toContain('Configuration > Security > Local Users > Management');
    const ok = evaluateNmcUsers({ mfaEnabled: true, users: parseNmcUserList(EXAMPLE_LISTS.ok) });
    expect(ok).toMatchObject({ status: 'ok', candidates: ['fw-updates'] });
    expect(fixSteps(ok, 'fr')).toEqual([]);
  });

  it('has French wording for every finding the evaluation can produce', () => {
    const users = parseNmcUserList(EXAMPLE_LISTS.atRisk);
    const codes: NmcFindingCode[] = [
      'mfa-disabled',
      'firmware-before-mfa',
      'firmware-before-mfa-but-mfa-reported',
      'firmware-unparseable',
      'mfa-state-unknown',
      'update-user-found',
      'no-update-user',
      'no-users',
      'blank-email-user-disabled',
      'blank-email-user-cannot-update-firmware',
      'blank-email-user-type-unknown',
      'blank-email-user-status-unknown',
      'user-type-unrecognised',
      'emails-unknown',
    ];
    for (const code of codes) {
      const text = describeFinding({ code, severity: 'info', message: 'english', user: 'viewer' }, users, 'fr');
      expect(text).not.toBe('english');
      expect(text).not.toContain('undefined');
    }
    const disabled = describeFinding(
      { code: 'blank-email-user-cannot-update-firmware', severity: 'warning', message: '', user: 'viewer' },
      users,
      'fr',
    );
    expect(disabled).toContain('Read-Only User');
  });
});
