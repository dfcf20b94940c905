import { browser } from 'wxt/browser';
import { loadManagedPolicy, onManagedPolicyChanged } from '../managed/browser-policy';
import type { ManagedPolicyReading } from '../managed/policy';
import { applyManagedToolAccounts } from '../nmc/managed-hosts';

/** What the organisation's policy writes into the extension's own stores, kept in step with every change. */
export function registerManagedPolicy(): void {
  const apply = (reading: ManagedPolicyReading) => applyManagedToolAccounts(reading.policy.nmcHosts ?? []);
  const applyCurrent = () => void loadManagedPolicy().then(apply);
  browser.runtime.onStartup.addListener(applyCurrent);
  browser.runtime.onInstalled.addListener(applyCurrent);
  onManagedPolicyChanged((reading) => void apply(reading));
}
