import { base32Decode, totp } from '@mfa-companion/otp';
import { createAccount, type KdfCost } from '@mfa-companion/vault';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageStep } from '../autofill/page';
import { readAutofillSettings } from '../autofill/settings';
import { VaultStore } from '../vault/store';
import { fillInTab } from './autofill';

// The background's path when no field takes an authenticator's code: a delivered-code step gets its notice, a
// login that takes the code with the password gets it only where the user chose so. `scripting` is faked: each
// injected function is told apart by what it calls in the page.

const FAST: KdfCost = { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 };
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SITE = 'https://firewall.acme-corp.com';

interface Injection {
  target: { tabId: number; allFrames?: boolean; frameIds?: number[] };
  files?: string[];
  func?: (...args: unknown[]) => unknown;
  args?: unknown[];
}

function fakePage(step: Omit<PageStep, 'origin' | 'top'>) {
  const injections: Injection[] = [];
  const executeScript = vi.fn(async (injection: Injection) => {
    injections.push(injection);
    const source = String(injection.func ?? '');
    const result = injection.files
      ? undefined
      : source.includes('.describe()')
        ? { origin: SITE, top: true, ...step }
        : source.includes('.scan()')
          ? { origin: SITE, found: false, score: 0, focused: false, top: true }
          : source.includes('.append(')
            ? { ok: true }
            : null;
    return [{ frameId: 0, result }];
  });
  (fakeBrowser as unknown as { scripting: unknown }).scripting = { executeScript };
  const called = (name: string) => injections.filter((injection) => String(injection.func ?? '').includes(name));
  return { injections, called };
}

async function unlockVault() {
  const store = new VaultStore(fakeBrowser.storage.local, fakeBrowser.storage.session, FAST);
  await store.create('a good long passphrase');
  const account = createAccount({ issuer: 'Firewall', account: 'me', secret: SECRET, sites: [SITE] });
  await store.save([account]);
  return account;
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
});
afterEach(() => vi.restoreAllMocks());

describe('no field takes an authenticator code', () => {
  it('a step that asks for an e-mailed code gets the delivered notice, and no code is computed', async () => {
    await unlockVault();
    const page = fakePage({ kind: 'delivered', channel: 'email' });
    expect(await fillInTab(4, {})).toEqual({ outcome: 'delivered', frameOrigin: SITE, channel: 'email' });
    const [notice] = page.called('.notify(');
    expect(String(notice?.args?.[0])).toContain('delivered_email');
    expect(page.called('.append(')).toEqual([]);
  });

  it('a bound login without the user’s choice: no code goes into the password field', async () => {
    await unlockVault();
    const page = fakePage({ kind: 'password' });
    expect(await fillInTab(4, {})).toEqual({ outcome: 'no-field' });
    expect(page.called('.append(')).toEqual([]);
  });

  it('"Add the code before the password" appends for the bound account, and the next fill remembers it', async () => {
    const account = await unlockVault();
    const page = fakePage({ kind: 'password' });
    const before = Date.now();
    expect(await fillInTab(4, { appendCode: 'before', fromExtensionPage: true })).toEqual({
      outcome: 'filled',
      frameOrigin: SITE,
      accountId: account.id,
      appended: 'before',
    });
    const [append] = page.called('.append(');
    const key = base32Decode(SECRET);
    expect([totp({ secret: key, time: before }), totp({ secret: key })]).toContain(append?.args?.[0]);
    expect(append?.args?.[1]).toBe('before');
    expect((await readAutofillSettings(fakeBrowser.storage.local)).appendCode).toEqual([
      { account: account.id, origin: SITE, position: 'before' },
    ]);
    // The shortcut, later: same site, same account, same position, without asking again.
    expect(await fillInTab(4, {})).toMatchObject({ outcome: 'filled', appended: 'before' });
    expect(page.called('.append(')).toHaveLength(2);
  });

  it('never appends on a site the account is not bound to: a look-alike login gets the warning', async () => {
    await unlockVault();
    const page = fakePage({ kind: 'appended', position: 'after' });
    (page.injections as unknown[]).length = 0;
    const executeScript = (fakeBrowser as unknown as { scripting: { executeScript: ReturnType<typeof vi.fn> } })
      .scripting.executeScript;
    executeScript.mockImplementation(async (injection: Injection) => {
      page.injections.push(injection);
      const source = String(injection.func ?? '');
      const origin = 'https://acme-corp-login.com';
      const result = source.includes('.describe()')
        ? { origin, top: true, kind: 'appended', position: 'after' }
        : source.includes('.scan()')
          ? { origin, found: false, score: 0, focused: false, top: true }
          : null;
      return [{ frameId: 0, result }];
    });
    expect(await fillInTab(4, { appendCode: 'after', fromExtensionPage: true })).toMatchObject({
      outcome: 'lookalike',
      resembles: 'acme-corp.com',
    });
    expect(page.called('.append(')).toEqual([]);
  });
});
