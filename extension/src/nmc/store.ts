/**
 * NMC knowledge in storage.local: one key per host plus the list of watched origins. Only the background
 * writes here, so reads and merges of one host never interleave.
 */
import { browser } from 'wxt/browser';
import { checkHost, toFleetRecord } from './knowledge';
import { cleanToolAccounts, TOOL_ACCOUNTS_PREFIX } from './tool-accounts';
import type { FleetRecord, HostKnowledge } from './types';

const HOST_PREFIX = 'nmc:host:';
const WATCHED_KEY = 'nmc:watched';

export async function loadHost(origin: string): Promise<HostKnowledge | undefined> {
  const key = HOST_PREFIX + origin;
  const stored = await browser.storage.local.get(key);
  return stored[key] as HostKnowledge | undefined;
}

export async function saveHost(knowledge: HostKnowledge): Promise<void> {
  await browser.storage.local.set({ [HOST_PREFIX + knowledge.origin]: knowledge });
}

export async function forgetHost(origin: string): Promise<void> {
  await browser.storage.local.remove(HOST_PREFIX + origin);
}

export async function loadAllHosts(): Promise<HostKnowledge[]> {
  const everything = await browser.storage.local.get(null);
  return Object.entries(everything)
    .filter(([key]) => key.startsWith(HOST_PREFIX))
    .map(([, value]) => value as HostKnowledge)
    .sort((a, b) => a.origin.localeCompare(b.origin));
}

export async function loadFleet(): Promise<FleetRecord[]> {
  const everything = await browser.storage.local.get(null);
  return (await loadAllHosts()).map((host) => {
    const accounts = cleanToolAccounts(everything[TOOL_ACCOUNTS_PREFIX + host.origin]);
    return toFleetRecord(host, checkHost(host, accounts));
  });
}

export async function loadWatched(): Promise<string[]> {
  const stored = await browser.storage.local.get(WATCHED_KEY);
  const value = stored[WATCHED_KEY];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export async function saveWatched(origins: readonly string[]): Promise<void> {
  await browser.storage.local.set({ [WATCHED_KEY]: [...new Set(origins)].sort() });
}

const OWNED_PERMISSIONS_KEY = 'nmc:owned-permissions';

/** Origins whose host permission was granted for watching, so "stop watching" may give it back. */
export async function loadOwnedPermissions(): Promise<string[]> {
  const stored = await browser.storage.local.get(OWNED_PERMISSIONS_KEY);
  const value = stored[OWNED_PERMISSIONS_KEY];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export async function saveOwnedPermissions(origins: readonly string[]): Promise<void> {
  await browser.storage.local.set({ [OWNED_PERMISSIONS_KEY]: [...new Set(origins)].sort() });
}

/** Key prefix, exported so the fleet view can react to changes of any host. */
export const HOST_KEY_PREFIX = HOST_PREFIX;
