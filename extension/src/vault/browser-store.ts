import { browser } from 'wxt/browser';
import { loadManagedPolicy } from '../managed/browser-policy';
import { effectiveVaultSettings } from '../managed/effective';
import { loadSettings, type VaultSettings } from './settings';
import { writeSettingsGuarded } from './settings-access';
import type { StorageAreaLike } from './storage-area';
import { VaultStore } from './store';

export const localArea = browser.storage.local as unknown as StorageAreaLike;
export const sessionArea = browser.storage.session as unknown as StorageAreaLike;

let store: VaultStore | undefined;

/** The extension's one vault, in browser storage. Works in any extension context (popup, options, background). */
export function vaultStore(): VaultStore {
  store ??= new VaultStore(localArea, sessionArea);
  return store;
}

/** The user's own choices, as stored (the options page edits these). */
export const readUserSettings = (): Promise<VaultSettings> => loadSettings(localArea);

/** The settings in force: the user's choices constrained by the organisation's policy. */
export async function readSettings(): Promise<VaultSettings> {
  const [user, managed] = await Promise.all([readUserSettings(), loadManagedPolicy()]);
  return effectiveVaultSettings(user, managed.policy);
}
/** Refused (VaultStoreError LOCKED) while the vault is locked. */
export const writeSettings = (settings: VaultSettings): Promise<void> =>
  writeSettingsGuarded(vaultStore(), localArea, settings);
