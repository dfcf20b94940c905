import { createAccount } from '@mfa-companion/vault';
import { describe, expect, it } from 'vitest';
import { exactHostAccounts } from '../managed/effective';
import { decide } from './autofill';

const SECRET = 'JBSWY3DPEHPK3PXP';
const portal = createAccount({
  issuer: 'Portal',
  account: 'ops',
  secret: SECRET,
  sites: ['https://portal.example.com'],
});
const other = createAccount({ issuer: 'Other', account: 'me', secret: `${SECRET}AB`, sites: ['https://example.com'] });

describe('fill decision with per-account exact-host mode', () => {
  it('binds the registrable domain by default, so a sibling host fills', () => {
    const decision = decide('https://www.example.com', [portal], undefined);
    expect(decision).toEqual({ kind: 'fill', account: portal });
  });

  it('fills only the bound host when exact-host mode is on for the account', () => {
    expect(decide('https://www.example.com', [portal], undefined, [portal.id]).kind).toBe('none');
    expect(decide('https://portal.example.com', [portal], undefined, [portal.id])).toEqual({
      kind: 'fill',
      account: portal,
    });
  });

  it('applies the mode per account, and returns the vault objects themselves', () => {
    const decision = decide('https://www.example.com', [portal, other], undefined, [portal.id]);
    expect(decision).toEqual({ kind: 'fill', account: other });
    if (decision.kind === 'fill') expect(decision.account).toBe(other);
  });

  it('keeps an explicit account to its binding under exact-host mode', () => {
    expect(decide('https://www.example.com', [portal, other], portal.id, [portal.id]).kind).toBe('none');
    expect(decide('https://portal.example.com', [portal, other], portal.id, [portal.id]).kind).toBe('fill');
  });
});

describe('fill decision under the exactHostOnly policy', () => {
  const noUserChoice = { alwaysDetect: [], submitAfterFill: [], exactHost: [] };

  it('makes every account exact-host, whatever the user chose for each', () => {
    const exact = exactHostAccounts([portal, other], noUserChoice, { exactHostOnly: true });
    expect(decide('https://www.example.com', [portal, other], undefined, exact).kind).toBe('none');
    expect(decide('https://login.portal.example.com', [portal, other], undefined, exact).kind).toBe('none');
    expect(decide('https://example.com', [portal, other], undefined, exact)).toEqual({ kind: 'fill', account: other });
  });

  it('leaves the per-account choice to the user when off or unset', () => {
    for (const policy of [{}, { exactHostOnly: false }]) {
      const exact = exactHostAccounts([portal, other], noUserChoice, policy);
      expect(decide('https://www.example.com', [portal], undefined, exact).kind).toBe('fill');
    }
  });
});
