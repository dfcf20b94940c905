import { base32Decode, steamGuardCode, totp } from '@mfa-companion/otp';
import { createAccount, type KdfCost } from '@mfa-companion/vault';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { FrameScan } from '../autofill/content';
import { VaultStore } from '../vault/store';
import { CONTEXT_MENU_ID, fillInTab, handleContextMenuClick, handleFillCommand } from './autofill';

// The keyboard shortcut and the context menu cannot be driven by a person's gesture in headless Chromium (browser
// accelerators and native menus are out of Playwright's reach; the E2E suite dispatches the registered listeners
// instead). Here their handlers run against a fake of the one API they reach through, `scripting`, to check the
// tab and frame they target and that they take the popup's fill path.

// The cheapest settings the vault accepts for its own files (OWASP's argon2id minimum).
const FAST: KdfCost = { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 };
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const IDP = 'https://login.idp.example';

interface Injection {
  target: { tabId: number; allFrames?: boolean; frameIds?: number[] };
  files?: string[];
  func?: unknown;
  args?: unknown[];
}

/** A tab with frames: 0 is the top page (`https://shop.example`), 3 a frame of the identity provider. */
function fakeTab(frames: Record<number, Partial<FrameScan>>) {
  const injections: Injection[] = [];
  const executeScript = vi.fn(async (injection: Injection) => {
    injections.push(injection);
    const ids = injection.target.allFrames ? Object.keys(frames).map(Number) : (injection.target.frameIds ?? []);
    return ids.map((frameId) => {
      if (injection.files) return { frameId, result: undefined };
      if (injection.args?.length === 2 && typeof injection.args[0] === 'string') {
        return { frameId, result: { ok: true, submitted: false } }; // fill(code, submit)
      }
      if (!injection.args) {
        const scan = { found: true, score: 100, focused: false, top: frameId === 0, ...frames[frameId] };
        return { frameId, result: scan };
      }
      return { frameId, result: null }; // notify / choose
    });
  });
  // The fake browser has no `scripting`: give it the one method the fill path calls.
  (fakeBrowser as unknown as { scripting: unknown }).scripting = { executeScript };
  return { injections, executeScript };
}

const fills = (injections: Injection[]) =>
  injections.filter((injection) => injection.args?.length === 2 && typeof injection.args[0] === 'string');

async function unlockVaultWith(sites: string[], type: 'totp' | 'steam' = 'totp') {
  const store = new VaultStore(fakeBrowser.storage.local, fakeBrowser.storage.session, FAST);
  await store.create('a good long passphrase');
  await store.save([createAccount({ type, issuer: 'IdP', account: 'me', secret: SECRET, sites })]);
}

beforeEach(() => {
  fakeBrowser.reset();
  // Notices are localised; the message key is enough here.
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string) => key);
});
afterEach(() => vi.restoreAllMocks());

describe('keyboard shortcut (commands API)', () => {
  it('fills in the tab the command came from, through the same path as the popup', async () => {
    await unlockVaultWith(['https://shop.example']);
    const tab = fakeTab({ 0: { origin: 'https://shop.example' } });
    const before = Date.now();
    const report = await handleFillCommand('fill-otp', { id: 7 });
    expect(report).toMatchObject({ outcome: 'filled', frameOrigin: 'https://shop.example' });
    expect(tab.injections[0]).toMatchObject({
      target: { tabId: 7, allFrames: true },
      files: ['/autofill.js'],
    });
    const [fill] = fills(tab.injections);
    expect(fill?.target).toEqual({ tabId: 7, frameIds: [0] });
    const key = base32Decode(SECRET);
    expect([totp({ secret: key, time: before }), totp({ secret: key })]).toContain(fill?.args?.[0]);
    expect(fill?.args?.[1]).toBe(false); // never submits unless asked

    // The popup's fill goes through fillInTab too: the same injections, in the same order, for the same tab.
    const viaCommand = tab.injections.map((injection) => injection.target);
    tab.injections.length = 0;
    await fillInTab(7, {});
    expect(tab.injections.map((injection) => injection.target)).toEqual(viaCommand);
  });

  it('fills a Steam Guard account with its 5-character Steam code', async () => {
    await unlockVaultWith(['https://store.steampowered.com'], 'steam');
    const tab = fakeTab({ 0: { origin: 'https://store.steampowered.com' } });
    const before = Date.now();
    expect(await handleFillCommand('fill-otp', { id: 9 })).toMatchObject({ outcome: 'filled' });
    const key = base32Decode(SECRET);
    const code = fills(tab.injections)[0]?.args?.[0];
    expect(code).toMatch(/^[23456789BCDFGHJKMNPQRTVWXY]{5}$/);
    expect([steamGuardCode({ secret: key, time: before }), steamGuardCode({ secret: key })]).toContain(code);
  });

  it('names the bound site a look-alike imitates, and fills nothing', async () => {
    await unlockVaultWith(['https://acme-bank.com']);
    const tab = fakeTab({ 0: { origin: 'https://acme-bank.com.evil.io' } });
    expect(await handleFillCommand('fill-otp', { id: 7 })).toEqual({
      outcome: 'lookalike',
      frameOrigin: 'https://acme-bank.com.evil.io',
      resembles: 'acme-bank.com',
      lookalikeReason: 'embedded',
    });
    expect(fills(tab.injections)).toEqual([]);
  });

  it('ignores other commands and events without a tab', async () => {
    const tab = fakeTab({ 0: {} });
    expect(handleFillCommand('open-popup', { id: 7 })).toBeUndefined();
    expect(handleFillCommand('fill-otp', undefined)).toBeUndefined();
    expect(handleFillCommand('fill-otp', {})).toBeUndefined();
    expect(tab.executeScript).not.toHaveBeenCalled();
  });
});

describe('context menu on an editable field', () => {
  const frames = { 0: { origin: 'https://shop.example' }, 3: { origin: IDP, top: false } };

  it('fills the frame the user right-clicked in, deciding for that frame’s own origin', async () => {
    await unlockVaultWith([IDP]);
    const tab = fakeTab(frames);
    const info = { menuItemId: CONTEXT_MENU_ID, frameId: 3, pageUrl: 'https://shop.example/checkout' };
    const report = await handleContextMenuClick(info, { id: 9 });
    expect(report).toMatchObject({ outcome: 'filled', frameOrigin: IDP });
    expect(tab.injections[0]?.target).toEqual({ tabId: 9, allFrames: true });
    expect(fills(tab.injections).map((injection) => injection.target)).toEqual([{ tabId: 9, frameIds: [3] }]);
  });

  it('does not fill the clicked frame when only the embedding page is bound', async () => {
    await unlockVaultWith(['https://shop.example']);
    const tab = fakeTab(frames);
    const report = await handleContextMenuClick({ menuItemId: CONTEXT_MENU_ID, frameId: 3 }, { id: 9 });
    expect(report).toMatchObject({ outcome: 'no-account', frameOrigin: IDP });
    expect(fills(tab.injections)).toEqual([]);
  });

  it('without a frame id (top page), prefers the top page', async () => {
    await unlockVaultWith(['https://shop.example']);
    const tab = fakeTab(frames);
    const report = await handleContextMenuClick({ menuItemId: CONTEXT_MENU_ID }, { id: 9 });
    expect(report).toMatchObject({ outcome: 'filled', frameOrigin: 'https://shop.example' });
    expect(fills(tab.injections).map((injection) => injection.target)).toEqual([{ tabId: 9, frameIds: [0] }]);
  });

  it('ignores other menu entries and clicks without a tab', () => {
    const tab = fakeTab(frames);
    expect(handleContextMenuClick({ menuItemId: 'something-else', frameId: 3 }, { id: 9 })).toBeUndefined();
    expect(handleContextMenuClick({ menuItemId: CONTEXT_MENU_ID }, undefined)).toBeUndefined();
    expect(tab.executeScript).not.toHaveBeenCalled();
  });

  it('reports no access when injection is refused (browser pages, the Web Store)', async () => {
    const tab = fakeTab(frames);
    tab.executeScript.mockRejectedValueOnce(new Error('Cannot access contents of the page'));
    expect(await handleContextMenuClick({ menuItemId: CONTEXT_MENU_ID, frameId: 0 }, { id: 9 })).toEqual({
      outcome: 'no-access',
    });
  });
});

describe('several accounts bound to the page', () => {
  it('a page trigger opens the chooser window: nothing sent to the page names an account, nothing is filled', async () => {
    const store = new VaultStore(fakeBrowser.storage.local, fakeBrowser.storage.session, FAST);
    await store.create('a good long passphrase');
    await store.save([
      createAccount({ issuer: 'Work', account: 'alice@example.com', secret: SECRET, sites: ['https://shop.example'] }),
      createAccount({ issuer: 'Home', account: 'bob@example.com', secret: SECRET, sites: ['https://shop.example'] }),
    ]);
    const tab = fakeTab({ 0: { origin: 'https://shop.example' } });
    const create = vi.fn(async (_options: { url?: string; type?: string }) => ({ id: 42 }));
    (fakeBrowser as unknown as { windows: unknown }).windows = { create, remove: vi.fn(async () => undefined) };
    expect(await handleFillCommand('fill-otp', { id: 7 })).toEqual({
      outcome: 'choosing',
      frameOrigin: 'https://shop.example',
    });
    expect(fills(tab.injections)).toEqual([]);
    expect(JSON.stringify(tab.injections.map((injection) => injection.args ?? []))).not.toMatch(/alice|bob|Work|Home/);
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0]?.[0]).toMatchObject({ type: 'popup' });
    expect(create.mock.calls[0]?.[0].url).toMatch(/\/autofill-chooser\.html\?request=[0-9a-f-]{36}$/);
  });
});
