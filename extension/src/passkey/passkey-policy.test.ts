import type { SlotSummary } from '@mfa-companion/vault';
import { describe, expect, it } from 'vitest';
import { readManagedPolicy } from '../managed/policy';
import { MemoryStorageArea } from '../vault/storage-area';
import { failedPasskeyAttempts, recordFailedPasskeyAttempt, resetPasskeyAttempts } from './attempts';
import { ceremonyPlace } from './ceremony-place';
import { allowedPasskeys } from './webauthn';

const passkey = (id: string, attachment: 'platform' | 'cross-platform' | 'unknown') =>
  ({ id, credentialId: id, prfSalt: '', label: id, createdAt: 0, attachment }) as SlotSummary['passkeys'][number];

describe('passkey policy and attempts', () => {
  it('reads passkeyUnlock and backupReminderDays, refusing other values with a reported problem', () => {
    expect(readManagedPolicy({ passkeyUnlock: 'security-keys-only', backupReminderDays: 0 })).toEqual({
      policy: { passkeyUnlock: 'security-keys-only', backupReminderDays: 0 },
      problems: [],
    });
    expect(readManagedPolicy({ passkeyUnlock: 'sometimes', backupReminderDays: 400 })).toEqual({
      policy: {},
      problems: [
        { path: 'passkeyUnlock', code: 'OUT_OF_RANGE' },
        { path: 'backupReminderDays', code: 'OUT_OF_RANGE' },
      ],
    });
    expect(readManagedPolicy({ passkeyUnlock: false }).problems).toEqual([
      { path: 'passkeyUnlock', code: 'WRONG_TYPE' },
    ]);
  });

  it('offers all passkeys, only security keys, or none, as the policy says', () => {
    const all = [passkey('a', 'platform'), passkey('b', 'cross-platform'), passkey('c', 'unknown')];
    expect(allowedPasskeys(all, undefined)).toEqual(all);
    expect(allowedPasskeys(all, 'allowed')).toEqual(all);
    expect(allowedPasskeys(all, 'security-keys-only').map((entry) => entry.id)).toEqual(['b']);
    expect(allowedPasskeys(all, 'forbidden')).toEqual([]);
  });

  it('counts failed attempts until a successful unlock resets them', async () => {
    const local = new MemoryStorageArea();
    expect(await failedPasskeyAttempts(local)).toBe(0);
    await recordFailedPasskeyAttempt(local);
    expect(await recordFailedPasskeyAttempt(local)).toBe(2);
    await resetPasskeyAttempts(local);
    expect(await failedPasskeyAttempts(local)).toBe(0);
    await local.set({ 'passkey.failedAttempts': 'many' });
    expect(await failedPasskeyAttempts(local)).toBe(0);
  });

  it('runs the ceremony in a window where the OS dialog takes the focus', () => {
    expect(ceremonyPlace('Windows')).toBe('window');
    expect(ceremonyPlace('macOS')).toBe('window');
    expect(ceremonyPlace('MacIntel')).toBe('window');
    expect(ceremonyPlace('Linux x86_64')).toBe('popup');
    expect(ceremonyPlace('Chrome OS')).toBe('popup');
  });
});
