import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { applyManagedToolAccounts, fleetRows, managedToolAccounts, toolAccountsText } from './managed-hosts';
import { getToolAccounts, setToolAccounts } from './tool-accounts';
import type { FleetRecord } from './types';

const SST = 'secure-nmc-system-tool' as const;

describe("the organisation's NMC hosts", () => {
  beforeEach(() => fakeBrowser.reset());

  it('lists managed hosts before their first check, next to the checked ones, by origin', () => {
    const checked = { origin: 'http://b.lan', status: 'ok' } as FleetRecord;
    const managed = [
      { origin: 'http://c.lan', toolAccounts: [] },
      { origin: 'http://b.lan', toolAccounts: [{ tool: SST, user: 'apc' }] },
    ];
    expect(fleetRows([checked], managed)).toEqual([
      { origin: 'http://b.lan', record: checked, managed: managed[1] },
      { origin: 'http://c.lan', managed: managed[0] },
    ]);
    expect(fleetRows([checked])).toEqual([{ origin: 'http://b.lan', record: checked }]);
  });

  it('names tool accounts with the tool they belong to', () => {
    expect(
      toolAccountsText([
        { tool: SST, user: 'fw' },
        { tool: 'data-center-expert', user: 'dce' },
      ]),
    ).toBe('fw (Secure NMC System Tool), dce (DCE)');
    expect(
      managedToolAccounts([{ origin: 'http://a.lan', toolAccounts: [{ tool: SST, user: 'fw' }] }], 'http://x.lan'),
    ).toEqual([]);
  });

  it("writes the organisation's tool accounts to the store, and takes back only its own when the policy drops a host", async () => {
    await setToolAccounts('http://kept.lan', [{ tool: SST, user: 'admin-named' }]);
    await applyManagedToolAccounts([
      { origin: 'http://managed.lan', toolAccounts: [{ tool: SST, user: 'fw' }] },
      { origin: 'http://kept.lan', toolAccounts: [{ tool: 'data-center-expert', user: 'dce' }] },
    ]);
    expect(await getToolAccounts('http://managed.lan')).toEqual([{ tool: SST, user: 'fw', source: 'policy' }]);
    expect(await getToolAccounts('http://kept.lan')).toEqual([
      { tool: 'data-center-expert', user: 'dce', source: 'policy' },
    ]);

    // The admin names an account next to the policy's on a host the policy later drops.
    await setToolAccounts('http://managed.lan', [
      { tool: SST, user: 'fw', source: 'policy' },
      { tool: SST, user: 'mine' },
    ]);
    await applyManagedToolAccounts([]);
    expect(await getToolAccounts('http://managed.lan')).toEqual([{ tool: SST, user: 'mine', source: 'admin' }]);
    expect(await getToolAccounts('http://kept.lan')).toEqual([]);
  });
});
