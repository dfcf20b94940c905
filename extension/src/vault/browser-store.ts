import { browser } from 'wxt/browser';
import { loadSettings, saveSettings, type VaultSettings } from './settings';
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

export const readSettings = (): Promise<VaultSettings> => loadSettings(localArea);
export const writeSettings = (settings: VaultSettings): Promise<void> => saveSettings(localArea, settings);
