import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../vault/settings';
import {
  constrainAutoLock,
  effectiveAutofillSettings,
  effectiveVaultSettings,
  exactHostAccounts,
  isExactHost,
  withIssuerSites,
} from './effective';

const user = { autoLockMinutes: 45, clipboardClearSeconds: 90, lockOnSystemLock: false };
const autofill = { alwaysDetect: ['https://a.example'], submitAfterFill: ['id1'], exactHost: ['id2'] };

describe('effective settings', () => {
  it('are the user settings when nothing is managed', () => {
    expect(effectiveVaultSettings(user, {})).toEqual(user);
    expect(effectiveAutofillSettings(autofill, {})).toEqual(autofill);
  });

  it('cap auto-lock at the managed maximum, and "never" becomes that maximum', () => {
    expect(constrainAutoLock(45, { autoLockMaxMinutes: 10 })).toBe(10);
    expect(constrainAutoLock(5, { autoLockMaxMinutes: 10 })).toBe(5);
    expect(constrainAutoLock(0, { autoLockMaxMinutes: 10 })).toBe(10);
    expect(effectiveVaultSettings(user, { autoLockMaxMinutes: 10 }).autoLockMinutes).toBe(10);
  });

  it('replace locked values whatever the user stored', () => {
    expect(effectiveVaultSettings(user, { lockOnSystemLock: true, clipboardClearSeconds: 0 })).toEqual({
      autoLockMinutes: 45,
      lockOnSystemLock: true,
      clipboardClearSeconds: 0,
    });
    expect(effectiveVaultSettings(DEFAULT_SETTINGS, { lockOnSystemLock: false }).lockOnSystemLock).toBe(false);
  });

  it('take the in-field button off every site when the policy forbids it', () => {
    expect(effectiveAutofillSettings(autofill, { allowInFieldButton: false }).alwaysDetect).toEqual([]);
    expect(effectiveAutofillSettings(autofill, { allowInFieldButton: true })).toEqual(autofill);
  });

  it('make every account exact-host when the policy says so', () => {
    const accounts = [{ id: 'id1' }, { id: 'id2' }];
    expect(exactHostAccounts(accounts, autofill, {})).toEqual(['id2']);
    expect(exactHostAccounts(accounts, autofill, { exactHostOnly: false })).toEqual(['id2']);
    expect(exactHostAccounts(accounts, autofill, { exactHostOnly: true })).toEqual(['id1', 'id2']);
    expect(isExactHost('id1', autofill, {})).toBe(false);
    expect(isExactHost('id1', autofill, { exactHostOnly: true })).toBe(true);
  });

  it('bind the issuer sites to added accounts of that issuer, ignoring case and spaces', () => {
    const policy = { issuerSites: [{ issuer: 'Contoso', sites: ['https://login.contoso.com'] }] };
    const added = [
      { issuer: ' contoso ', sites: ['https://portal.contoso.com'] },
      { issuer: 'Contoso', sites: ['https://login.contoso.com'] },
      { issuer: 'Fabrikam', sites: [] },
      { issuer: '', sites: [] },
    ];
    expect(withIssuerSites(added, policy).map((account) => account.sites)).toEqual([
      ['https://portal.contoso.com', 'https://login.contoso.com'],
      ['https://login.contoso.com'],
      [],
      [],
    ]);
    expect(withIssuerSites(added, {})).toEqual(added);
  });

  it('never bind more sites than an account may hold', () => {
    const many = Array.from({ length: 50 }, (_, index) => `https://s${index}.contoso.com`);
    const policy = { issuerSites: [{ issuer: 'Contoso', sites: ['https://login.contoso.com'] }] };
    expect(withIssuerSites([{ issuer: 'Contoso', sites: many }], policy)[0]?.sites).toHaveLength(50);
  });
});
