/**
 * Effective settings: the user's own choices, constrained by the organisation's policy. The one place where the two
 * meet; the background, the popup and the options page all read settings through these functions, so a managed
 * value holds wherever it matters, whatever was stored before the policy arrived.
 */
import { ACCOUNT_LIMITS, type Account } from '@mfa-companion/vault';
import type { AutofillSettings } from '../autofill/settings';
import type { VaultSettings } from '../vault/settings';
import type { ManagedPolicy } from './policy';

export function effectiveVaultSettings(user: VaultSettings, policy: ManagedPolicy): VaultSettings {
  return {
    autoLockMinutes: constrainAutoLock(user.autoLockMinutes, policy),
    lockOnSystemLock: policy.lockOnSystemLock ?? user.lockOnSystemLock,
    clipboardClearSeconds: policy.clipboardClearSeconds ?? user.clipboardClearSeconds,
  };
}

/** A maximum, not a value: shorter is the user's choice, longer and "never" (0) are not. */
export function constrainAutoLock(minutes: number, policy: ManagedPolicy): number {
  const max = policy.autoLockMaxMinutes;
  if (max === undefined) return minutes;
  return minutes === 0 || minutes > max ? max : minutes;
}

export function inFieldButtonAllowed(policy: ManagedPolicy): boolean {
  return policy.allowInFieldButton !== false;
}

export function unencryptedExportAllowed(policy: ManagedPolicy): boolean {
  return policy.allowUnencryptedExport !== false;
}

/** With the in-field button forbidden, no site keeps it, whatever the user turned on before. */
export function effectiveAutofillSettings(user: AutofillSettings, policy: ManagedPolicy): AutofillSettings {
  return inFieldButtonAllowed(policy) ? user : { ...user, alwaysDetect: [] };
}

/** Whether this account fills on its exact bound hosts only. */
export function isExactHost(accountId: string, settings: AutofillSettings, policy: ManagedPolicy): boolean {
  return policy.exactHostOnly === true || settings.exactHost.includes(accountId);
}

/** The accounts that fill on exact hosts only, as the binding decision takes them. */
export function exactHostAccounts(
  accounts: readonly Pick<Account, 'id'>[],
  settings: AutofillSettings,
  policy: ManagedPolicy,
): string[] {
  return policy.exactHostOnly === true ? accounts.map((account) => account.id) : settings.exactHost;
}

const issuerKey = (issuer: string) => issuer.trim().toLowerCase();

/**
 * Binds the organisation's sites to newly added accounts of a listed issuer. Applied to new accounts only: an
 * account the user already has keeps exactly the sites the user gave it.
 */
export function withIssuerSites<T extends Pick<Account, 'issuer' | 'sites'>>(
  added: readonly T[],
  policy: ManagedPolicy,
): T[] {
  const entries = policy.issuerSites;
  if (!entries?.length) return [...added];
  const byIssuer = new Map(entries.map((entry) => [issuerKey(entry.issuer), entry.sites]));
  return added.map((account) => {
    const sites = account.issuer ? byIssuer.get(issuerKey(account.issuer)) : undefined;
    if (!sites) return account;
    return { ...account, sites: [...new Set([...account.sites, ...sites])].slice(0, ACCOUNT_LIMITS.maxSites) };
  });
}
