/**
 * The organisation's NMC hosts (managed policy `nmcHosts`) next to what this browser has checked. A seam kept
 * small on purpose: per-host tool accounts kept by the NMC store can merge `managedToolAccounts` with their own.
 */
import type { ManagedNmcHost } from '../managed/policy';
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

/** The tool accounts the organisation names for one NMC (none when it names none). */
export function managedToolAccounts(managed: readonly ManagedNmcHost[] | undefined, origin: string): string[] {
  return managed?.find((host) => host.origin === origin)?.toolAccounts ?? [];
}
