/**
 * Background side of the NMC3 checker: the single writer of per-host knowledge, the registrar of the content
 * script on watched origins, and the one-off injector behind "check this page".
 */
import { looksLikeNmcUrl } from '@mfa-companion/policy';
import { browser } from 'wxt/browser';
import { loadManagedPolicy } from '../managed/browser-policy';
import { answerMfa, checkHost, emptyKnowledge, mergePageRead } from '../nmc/knowledge';
import { managedToolAccounts } from '../nmc/managed-hosts';
import {
  forgetHost,
  loadHost,
  loadOwnedPermissions,
  loadWatched,
  saveHost,
  saveOwnedPermissions,
  saveWatched,
} from '../nmc/store';
import { forgetToolAccounts, getToolAccounts, setToolAccounts } from '../nmc/tool-accounts';
import type { NmcCheckResult, NmcContentState, NmcPageRead, NmcRequest, NmcTabState } from '../nmc/types';
import { originPattern } from '../origin-pattern';

const CONTENT_SCRIPT_ID = 'mfa-companion-nmc';
const CONTENT_SCRIPT_FILE = '/nmc.js';

type Sender = Parameters<Parameters<typeof browser.runtime.onMessage.addListener>[0]>[1];

export function registerNmc(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    const request = message as NmcRequest | undefined;
    if (typeof request?.type !== 'string' || !request.type.startsWith('nmc:') || sender.id !== browser.runtime.id) {
      return undefined;
    }
    handle(request, sender).then(
      (reply) => sendResponse(reply),
      (error: unknown) => sendResponse({ error: error instanceof Error ? error.message : String(error) }),
    );
    return true;
  });
  // Permissions can also be granted or revoked from the browser's own settings.
  browser.permissions.onAdded.addListener(() => void syncRegistration());
  browser.permissions.onRemoved.addListener(() => void syncRegistration());
  browser.runtime.onStartup.addListener(() => void syncRegistration());
  browser.runtime.onInstalled.addListener(() => void syncRegistration());
}

/** Only the extension's own pages may drive the popup/options actions; content scripts only report. */
function isExtensionPage(sender: Sender): boolean {
  return sender.tab === undefined || (sender.url?.startsWith(browser.runtime.getURL('/')) ?? false);
}

/** The origin of the page a content script runs in, from the browser, never from the message itself. */
function senderOrigin(sender: Sender): string {
  const url = sender.url ?? sender.tab?.url;
  if (!url) throw new Error('message without a sender page');
  const parsed = new URL(url);
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not a web page');
  return parsed.origin;
}

async function handle(request: NmcRequest, sender: Sender): Promise<unknown> {
  switch (request.type) {
    case 'nmc:report': {
      const origin = senderOrigin(sender);
      return { result: await mergeAndCheck(origin, request.read) };
    }
    case 'nmc:report-for': {
      // "Check again" in the fleet view read the card's own pages (same origin) and reports what they showed.
      requireExtensionPage(sender);
      return { result: await mergeAndCheck(webOrigin(request.origin), request.read) };
    }
    case 'nmc:answer-mfa': {
      const origin = senderOrigin(sender);
      const now = new Date();
      const before = (await loadHost(origin)) ?? emptyKnowledge(origin, now);
      const firmware = typeof request.firmwareVersion === 'string' ? request.firmwareVersion.slice(0, 80) : undefined;
      const known = answerMfa(before, request.value, now, firmware);
      return { result: await saveAndCheck(known) };
    }
    case 'nmc:tab-status':
      requireExtensionPage(sender);
      return tabState(request.tabId);
    case 'nmc:check-tab':
      requireExtensionPage(sender);
      await injectInto(request.tabId);
      return tabState(request.tabId);
    case 'nmc:watch': {
      requireExtensionPage(sender);
      const origin = webOrigin(request.origin);
      if (!(await browser.permissions.contains({ origins: [originPattern(origin)] }))) {
        return { error: 'permission-missing' };
      }
      await saveWatched([...(await loadWatched()), origin]);
      if (request.grantedForWatch) await saveOwnedPermissions([...(await loadOwnedPermissions()), origin]);
      await syncRegistration();
      if (request.tabId !== undefined) await injectInto(request.tabId);
      return { watched: true };
    }
    case 'nmc:unwatch': {
      requireExtensionPage(sender);
      const origin = webOrigin(request.origin);
      await saveWatched((await loadWatched()).filter((watched) => watched !== origin));
      // Give the access back only if watching asked for it: autofill may rely on the same origin permission.
      const owned = await loadOwnedPermissions();
      if (owned.includes(origin)) {
        await saveOwnedPermissions(owned.filter((item) => item !== origin));
        await browser.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
      }
      await syncRegistration();
      return { watched: false };
    }
    case 'nmc:forget-host': {
      requireExtensionPage(sender);
      const origin = webOrigin(request.origin);
      await forgetHost(origin);
      // The organisation's tool accounts stay: the card is still in its fleet.
      if (managedToolAccounts((await loadManagedPolicy()).policy.nmcHosts, origin).length === 0) {
        await forgetToolAccounts(origin);
      }
      return { forgotten: true };
    }
    case 'nmc:set-tool-accounts': {
      // The banner names accounts for its own page's card; an extension page names the origin it means.
      const origin =
        request.origin !== undefined && isExtensionPage(sender) ? webOrigin(request.origin) : senderOrigin(sender);
      const accounts = Array.isArray(request.accounts) ? request.accounts.slice(0, 32) : [];
      // The organisation's accounts for this card are not the admin's to replace.
      const managed = managedToolAccounts((await loadManagedPolicy()).policy.nmcHosts, origin).length > 0;
      if (!managed)
        await setToolAccounts(
          origin,
          accounts.map((account) => ({ tool: account?.tool as never, user: String(account?.user ?? '') })),
        );
      const known = (await loadHost(origin)) ?? emptyKnowledge(origin, new Date());
      return { result: checkHost(known, await getToolAccounts(origin)) };
    }
    default:
      return { error: 'unknown request' };
  }
}

function requireExtensionPage(sender: Sender): void {
  if (!isExtensionPage(sender)) throw new Error('only extension pages may ask this');
}

function webOrigin(value: string): string {
  const url = new URL(value);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not a web origin');
  return url.origin;
}

/** Folds a page read into the host's knowledge; a list address of another origin is dropped, never stored. */
async function mergeAndCheck(origin: string, read: NmcPageRead): Promise<NmcCheckResult> {
  const now = new Date();
  const clean: NmcPageRead = { ...read };
  if (clean.list && typeof clean.list.url === 'string' && !sameOrigin(clean.list.url, origin)) {
    const { url: _dropped, ...list } = clean.list;
    clean.list = list;
  }
  const known = mergePageRead((await loadHost(origin)) ?? emptyKnowledge(origin, now), clean, now);
  return saveAndCheck(known);
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

async function saveAndCheck(known: Parameters<typeof saveHost>[0]): Promise<NmcCheckResult> {
  await saveHost(known);
  return checkHost(known, await getToolAccounts(known.origin));
}

async function injectInto(tabId: number): Promise<void> {
  await browser.scripting.executeScript({ target: { tabId }, files: [CONTENT_SCRIPT_FILE] });
}

async function tabState(tabId: number): Promise<NmcTabState> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  const url = tab?.url ? new URL(tab.url) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) return { kind: 'unsupported' };
  const origin = url.origin;
  const watched = (await loadWatched()).includes(origin);
  const state = (await browser.tabs.sendMessage(tabId, { type: 'nmc:get-state' }).catch(() => undefined)) as
    | NmcContentState
    | undefined;
  if (!state) {
    // Nothing injected yet: only the address and title say whether this is an NMC (the popup hides its card if not).
    const looksLikeNmc = looksLikeNmcUrl(url.href) || /\bnetwork management card\b/i.test(tab?.title ?? '');
    return { kind: 'not-checked', origin, watched, looksLikeNmc };
  }
  if (state.kind === 'checked') return { kind: 'checked', origin, watched, result: state.result };
  // No list on this page (the About page, the log-on page): still show what is known about this NMC.
  const known = await loadHost(origin);
  const stored =
    known && (known.users.length > 0 || known.generation !== undefined)
      ? checkHost(known, await getToolAccounts(origin))
      : undefined;
  if (state.kind === 'login') {
    const login: NmcTabState = { kind: 'login', origin, watched, emailedCodeStep: state.emailedCodeStep };
    return stored ? { ...login, result: stored } : login;
  }
  if (state.kind === 'confirm') {
    const result = state.result ?? stored;
    return result ? { kind: 'confirm', origin, watched, result } : { kind: 'confirm', origin, watched };
  }
  if (state.kind === 'not-understood') {
    return stored
      ? { kind: 'not-understood', origin, watched, result: stored }
      : { kind: 'not-understood', origin, watched };
  }
  const result = state.result ?? stored;
  return result ? { kind: 'no-user-list', origin, watched, result } : { kind: 'no-user-list', origin, watched };
}

let registrationQueue: Promise<void> = Promise.resolve();

/** Serialised: a permission event and a "watch" click arriving together must not register the id twice. */
function syncRegistration(): Promise<void> {
  registrationQueue = registrationQueue.then(updateRegistration, updateRegistration);
  return registrationQueue;
}

/** One registration covering every watched origin the browser still lets us access. */
async function updateRegistration(): Promise<void> {
  const watched = await loadWatched();
  const granted: string[] = [];
  for (const origin of watched) {
    if (await browser.permissions.contains({ origins: [originPattern(origin)] })) granted.push(originPattern(origin));
  }
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (granted.length === 0) return;
  await browser.scripting.registerContentScripts([
    {
      id: CONTENT_SCRIPT_ID,
      matches: granted,
      js: [CONTENT_SCRIPT_FILE],
      runAt: 'document_idle',
      persistAcrossSessions: true,
    },
  ]);
}
