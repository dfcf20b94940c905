import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { cleanToolAccounts, getToolAccounts, setToolAccounts } from './tool-accounts';

describe('tool accounts per host', () => {
  beforeEach(() => fakeBrowser.reset());

  it('stores, reads back and forgets the accounts named for one host only', async () => {
    await setToolAccounts('http://nmc3.lan/NMC/abc/userman.htm', [
      { tool: 'secure-nmc-system-tool', user: ' fwupdate ' },
      { tool: 'data-center-expert', user: 'dce' },
    ]);
    expect(await getToolAccounts('http://nmc3.lan')).toEqual([
      { tool: 'secure-nmc-system-tool', user: 'fwupdate', source: 'admin' },
      { tool: 'data-center-expert', user: 'dce', source: 'admin' },
    ]);
    expect(await getToolAccounts('http://other.lan')).toEqual([]);
    await setToolAccounts('http://nmc3.lan', []);
    expect(await getToolAccounts('http://nmc3.lan')).toEqual([]);
  });

  it('keeps a policy preset marked as such', async () => {
    await setToolAccounts('https://ups1.lan', [{ tool: 'ecostruxure-it-expert', user: 'ite' }], 'policy');
    expect(await getToolAccounts('https://ups1.lan')).toEqual([
      { tool: 'ecostruxure-it-expert', user: 'ite', source: 'policy' },
    ]);
  });

  it('drops malformed entries from storage or a policy', () => {
    expect(
      cleanToolAccounts([
        null,
        { tool: 'nope', user: 'x' },
        { tool: 'data-center-expert', user: '' },
        { tool: 'data-center-expert', user: 'a'.repeat(65) },
        { tool: 'data-center-expert', user: 'dce\u0007' },
        { tool: 'data-center-expert', user: 'dce' },
      ]),
    ).toEqual([{ tool: 'data-center-expert', user: 'dce', source: 'admin' }]);
    expect(cleanToolAccounts('junk')).toEqual([]);
  });

  it('refuses a non-web origin', async () => {
    await expect(setToolAccounts('file:///etc/passwd', [])).rejects.toThrow('not a web origin');
  });
});
