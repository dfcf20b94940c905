/**
 * The fleet view's rows as a tool: filtered and sorted by status, host or date. Pure, so 1,000 hosts are sorted once
 * per change and the table only re-renders the rows that changed.
 */
import type { NmcStatus } from '@mfa-companion/policy';
import type { FleetRow } from './managed-hosts';

/** A row's status; a host the organisation lists but nobody checked yet is `not-checked`. */
export type FleetStatus = NmcStatus | 'not-checked';
export type FleetFilter = FleetStatus | 'all';
export type FleetSort = 'host' | 'status' | 'checked';

/** What needs attention first: at risk, then not sure, not checked, OK, not applicable. */
export const FLEET_STATUS_ORDER: readonly FleetStatus[] = ['at-risk', 'unknown', 'not-checked', 'ok', 'not-applicable'];

export const fleetStatusOf = (row: FleetRow): FleetStatus => row.record?.status ?? 'not-checked';

const collator = new Intl.Collator(undefined, { numeric: true });

export function visibleFleetRows(rows: readonly FleetRow[], filter: FleetFilter, sort: FleetSort): FleetRow[] {
  const shown = filter === 'all' ? [...rows] : rows.filter((row) => fleetStatusOf(row) === filter);
  const byHost = (a: FleetRow, b: FleetRow) => collator.compare(a.origin, b.origin);
  if (sort === 'status') {
    const rank = (row: FleetRow) => FLEET_STATUS_ORDER.indexOf(fleetStatusOf(row));
    return shown.sort((a, b) => rank(a) - rank(b) || byHost(a, b));
  }
  if (sort === 'checked') {
    // Most recently checked first; never-checked hosts last.
    const time = (row: FleetRow) => (row.record ? Date.parse(row.record.checkedAt) || 0 : -1);
    return shown.sort((a, b) => time(b) - time(a) || byHost(a, b));
  }
  return shown.sort(byHost);
}

/** How many hosts have each status, for the filter's options. */
export function fleetStatusCounts(rows: readonly FleetRow[]): Map<FleetStatus, number> {
  const counts = new Map<FleetStatus, number>();
  for (const row of rows) counts.set(fleetStatusOf(row), (counts.get(fleetStatusOf(row)) ?? 0) + 1);
  return counts;
}

/** A key that changes whenever anything a row shows changes: rows with the same key are not re-rendered. */
export function fleetRowKey(row: FleetRow): string {
  const record = row.record;
  return JSON.stringify([
    row.origin,
    record?.status,
    record?.checkedAt,
    record?.generation,
    record?.model,
    record?.firmwareVersion,
    record?.candidate,
    record?.usersToCheck,
    row.managed?.toolAccounts,
  ]);
}

/** Rows rendered above and below the visible window, so Tab and arrow keys always have a next row to reach. */
const OVERSCAN_ROWS = 12;
/** Which rows [start, end) are in the DOM for a scroll position. Pure, for tests. */
export function fleetWindow(
  total: number,
  scrollTop: number,
  viewportPx: number,
  rowPx: number,
  overscan = OVERSCAN_ROWS,
): { start: number; end: number } {
  const first = Math.floor(Math.max(0, scrollTop) / rowPx);
  const start = Math.max(0, Math.min(first, total) - overscan);
  const end = Math.min(total, first + Math.ceil(viewportPx / rowPx) + overscan);
  return { start, end };
}
