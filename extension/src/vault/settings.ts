import type { StorageAreaLike } from './storage-area';

/** Non-secret preferences, stored in clear in storage.local. */
export interface VaultSettings {
  /** Lock after this many minutes without using the extension; 0 = only on browser restart / system lock. */
  autoLockMinutes: number;
  /** Clear the clipboard this many seconds after copying a code, if it still holds that code; 0 = never. */
  clipboardClearSeconds: number;
  /** Lock as soon as the computer locks its screen. */
  lockOnSystemLock: boolean;
}

export const DEFAULT_SETTINGS: Readonly<VaultSettings> = Object.freeze({
  autoLockMinutes: 15,
  clipboardClearSeconds: 30,
  lockOnSystemLock: true,
});

import { SETTINGS_KEY } from './storage-keys';

export { SETTINGS_KEY };

export const SETTINGS_LIMITS = Object.freeze({
  maxAutoLockMinutes: 24 * 60,
  maxClipboardClearSeconds: 600,
});

function clampInteger(value: unknown, fallback: number, max: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max ? value : fallback;
}

/** Tolerates missing or hand-edited values: each bad field falls back to its default. */
export function normalizeSettings(value: unknown): VaultSettings {
  const raw = (typeof value === 'object' && value !== null ? value : {}) as Partial<
    Record<keyof VaultSettings, unknown>
  >;
  return {
    autoLockMinutes: clampInteger(
      raw.autoLockMinutes,
      DEFAULT_SETTINGS.autoLockMinutes,
      SETTINGS_LIMITS.maxAutoLockMinutes,
    ),
    clipboardClearSeconds: clampInteger(
      raw.clipboardClearSeconds,
      DEFAULT_SETTINGS.clipboardClearSeconds,
      SETTINGS_LIMITS.maxClipboardClearSeconds,
    ),
    lockOnSystemLock:
      typeof raw.lockOnSystemLock === 'boolean' ? raw.lockOnSystemLock : DEFAULT_SETTINGS.lockOnSystemLock,
  };
}

export async function loadSettings(local: StorageAreaLike): Promise<VaultSettings> {
  return normalizeSettings((await local.get(SETTINGS_KEY))[SETTINGS_KEY]);
}

export async function saveSettings(local: StorageAreaLike, settings: VaultSettings): Promise<void> {
  await local.set({ [SETTINGS_KEY]: normalizeSettings(settings) });
}

/** Whether an unlocked vault has been idle long enough to lock. */
export function isIdleExpired(lastActivity: number | undefined, now: number, settings: VaultSettings): boolean {
  if (settings.autoLockMinutes === 0) return false;
  if (lastActivity === undefined) return true;
  return now - lastActivity >= settings.autoLockMinutes * 60_000;
}
