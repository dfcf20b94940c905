/** The managed policy as the browser delivers it, read once per call and on every change. */
import { browser } from 'wxt/browser';
import { type ManagedPolicyReading, NO_POLICY, readManagedPolicy } from './policy';

/**
 * `storage.managed.get()` rejects when no policy exists (Firefox: "Managed storage manifest not found") or the API
 * is missing; both mean "nothing managed". Whatever it returns goes through the one validator.
 */
export async function loadManagedPolicy(started?: Promise<{ raw: unknown }>): Promise<ManagedPolicyReading> {
  // A read the popup's first script already started (public/popup-prefetch.js): undefined `raw` means none.
  if (started) {
    const { raw } = await started;
    return raw === undefined ? NO_POLICY : readManagedPolicy(raw);
  }
  const managed = (browser.storage as { managed?: { get(keys: null): Promise<Record<string, unknown>> } }).managed;
  if (!managed) return NO_POLICY;
  let raw: unknown;
  try {
    raw = await managed.get(null);
  } catch {
    return NO_POLICY;
  }
  return readManagedPolicy(raw);
}

/** Calls `listener` with the new reading whenever the organisation's policy changes; returns the unsubscribe. */
export function onManagedPolicyChanged(listener: (reading: ManagedPolicyReading) => void): () => void {
  const onChanged = (_changes: unknown, area: string) => {
    if (area === 'managed') void loadManagedPolicy().then(listener);
  };
  browser.storage.onChanged.addListener(onChanged);
  return () => browser.storage.onChanged.removeListener(onChanged);
}
