import { createAccount } from '@mfa-companion/vault';
import { describe, expect, it } from 'vitest';
import { totpView } from '../src/vault/codes';
import { DEFAULT_SETTINGS, isIdleExpired, normalizeSettings } from '../src/vault/settings';
import { matchesQuery, matchesSite, moveAccount, sortForDisplay, webOrigin } from '../src/vault/sites';

describe('codes', () => {
  it('matches RFC 6238 at T=59 (SHA-1, 8 digits) and previews the next code', () => {
    const account = createAccount({ secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', digits: 8 });
    const view = totpView(account, 59_000);
    expect(view.code).toBe('94287082');
    expect(view.remainingMs).toBe(1000);
    expect(view.next).toBe(totpView(account, 60_000).code);
  });
});

describe('settings', () => {
  it('falls back per field on bad values', () => {
    expect(normalizeSettings({ autoLockMinutes: -3, clipboardClearSeconds: 'x', lockOnSystemLock: false })).toEqual({
      ...DEFAULT_SETTINGS,
      lockOnSystemLock: false,
    });
    expect(normalizeSettings(undefined)).toEqual(DEFAULT_SETTINGS);
  });

  it('expires after the idle time, never with 0', () => {
    const settings = { ...DEFAULT_SETTINGS, autoLockMinutes: 5 };
    expect(isIdleExpired(0, 4 * 60_000, settings)).toBe(false);
    expect(isIdleExpired(0, 5 * 60_000, settings)).toBe(true);
    expect(isIdleExpired(undefined, 0, settings)).toBe(true);
    expect(isIdleExpired(0, 1e12, { ...settings, autoLockMinutes: 0 })).toBe(false);
  });
});

describe('site ordering and search', () => {
  const github = {
    ...createAccount({ issuer: 'GitHub', secret: 'JBSWY3DPEHPK3PXP', sites: ['https://github.com'] }),
    order: 2,
  };
  const bank = {
    ...createAccount({ issuer: 'Bänk', account: 'me', secret: 'JBSWY3DPEHPK3PXQ' }),
    order: 0,
    pinned: true,
  };
  const other = { ...createAccount({ issuer: 'Other', secret: 'JBSWY3DPEHPK3PXR' }), order: 1 };

  it('puts the current site first, then pinned, then manual order', () => {
    expect(sortForDisplay([other, github, bank], 'https://gist.github.com').map((a) => a.issuer)).toEqual([
      'GitHub',
      'Bänk',
      'Other',
    ]);
    expect(sortForDisplay([other, github, bank], undefined).map((a) => a.issuer)).toEqual(['Bänk', 'Other', 'GitHub']);
  });

  it('matches sites by origin or subdomain, never across schemes or look-alike suffixes', () => {
    expect(matchesSite(github, 'https://github.com')).toBe(true);
    expect(matchesSite(github, 'https://api.github.com')).toBe(true);
    expect(matchesSite(github, 'http://github.com')).toBe(false);
    expect(matchesSite(github, 'https://evilgithub.com')).toBe(false);
    expect(webOrigin('chrome-extension://abc/popup.html')).toBeUndefined();
  });

  it('searches accent- and case-insensitively across words', () => {
    expect(matchesQuery(bank, 'bank me')).toBe(true);
    expect(matchesQuery(github, 'github.com')).toBe(true);
    expect(matchesQuery(github, 'bank')).toBe(false);
  });

  it('moves an account one step in the manual order', () => {
    const moved = moveAccount([bank, other, github], other.id, -1);
    expect(sortForDisplay(moved, undefined).map((a) => a.issuer)).toEqual(['Bänk', 'Other', 'GitHub']);
    const down = moveAccount([bank, other, github], other.id, 1);
    expect([...down].sort((a, b) => a.order - b.order).map((a) => a.issuer)).toEqual(['Bänk', 'GitHub', 'Other']);
  });
});
