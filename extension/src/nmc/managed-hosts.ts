/**
 * The organisation's NMC hosts (managed policy `nmcHosts`): listed in the fleet view before their first check, and
 * their tool accounts written to the NMC tool-accounts store with source `policy`, so the checker's verdict is about
 * exactly those accounts, and the admin's own naming cannot replace them.
 */
import { type NmcToolAccount, POLICY } from '@mfa-companion/policy';
import { browser } from 'wxt/browser';
import type { ManagedNmcHost } from '../managed/policy';
import { cleanToolAccounts, setToolAccounts, TOOL_ACCOUNTS_PREFIX } from './tool-accounts';
import type { FleetRecord } from './types';

export interface FleetRow {
  origin: string;
  /** What this browser knows from its own checks; absent for a listed host not checked yet. */
  record?: FleetRecord;
  /** Set when the organisation lists this host. */
  managed?: ManagedNmcHost;
}

/** Every checked host, and every host the organisation lists even before its first check, by origin. */
export function fleetRows(fleet: readonly FleetRecord[], managed: readonly ManagedNmcHost[] = []): FleetRow[] {
  const rows = new Map<string, FleetRow>(fleet.map((record) => [record.origin, { origin: record.origin, record }]));
  for (const host of managed) {
    const row = rows.get(host.origin);
    rows.set(host.origin, row ? { ...row, managed: host } : { origin: host.origin, managed: host });
  }
  return [...rows.values()].sort((a, b) => a.origin.localeCompare(b.origin));
}

/** `nmc-update (Secure NMC System Tool), dce-poll (DCE)`. */
export function toolAccountsText(accounts: readonly NmcToolAccount[]): string {
  const shortName = (id: string) => POLICY.nmc3.tools.find((tool) => tool.id === id)?.shortName ?? id;
  return accounts.map((account) => `${account.user} (${shortName(account.tool)})`).join(', ');
}

/** The tool accounts the organisation names for one NMC (none when it names none). */
export function managedToolAccounts(managed: readonly ManagedNmcHost[] | undefined, origin: string): NmcToolAccount[] {
  return managed?.find((host) => host.origin === origin)?.toolAccounts ?? [];
}

/**
 * Makes the stored tool accounts follow the policy: each managed host gets the organisation's list; a host the
 * policy no longer names keeps only the accounts the admin named, never stale policy ones.
 */
export async function applyManagedToolAccounts(managed: readonly ManagedNmcHost[]): Promise<void> {
  const byOrigin = new Map(managed.map((host) => [host.origin, host]));
  const stored = await browser.storage.local.get(null);
  for (const [key, value] of Object.entries(stored)) {
    if (!key.startsWith(TOOL_ACCOUNTS_PREFIX)) continue;
    const origin = key.slice(TOOL_ACCOUNTS_PREFIX.length);
    const accounts = cleanToolAccounts(value);
    if (byOrigin.has(origin) || !accounts.some((account) => account.source === 'policy')) continue;
    await setToolAccounts(
      origin,
      accounts.filter((account) => account.source !== 'policy'),
    );
  }
  for (const host of managed) {
    if (host.toolAccounts.length > 0) await setToolAccounts(host.origin, host.toolAccounts, 'policy');
  }
}
