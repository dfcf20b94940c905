import { saveSettings, type VaultSettings } from './settings';
import type { StorageAreaLike } from './storage-area';
import { type VaultStatus, VaultStoreError } from './store';

/**
 * Writes the vault's settings only while the vault is open (or before one exists, when there is nothing to
 * protect yet): at a locked browser nobody may turn auto-lock off, stop locking with the computer or keep codes
 * on the clipboard. The check is here, not only in the page, so no caller can skip it.
 */
export async function writeSettingsGuarded(
  store: { status(): Promise<VaultStatus> },
  local: StorageAreaLike,
  settings: VaultSettings,
): Promise<void> {
  if ((await store.status()) === 'locked') {
    throw new VaultStoreError('LOCKED', 'The vault is locked: its settings cannot be changed.');
  }
  await saveSettings(local, settings);
}
