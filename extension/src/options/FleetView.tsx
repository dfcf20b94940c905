import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { useManagedPolicy } from '../managed/useManagedPolicy';
import { type CheckAgainOutcome, checkHostAgain } from '../nmc/fleet-check';
import {
  FLEET_STATUS_ORDER,
  type FleetFilter,
  type FleetSort,
  fleetStatusCounts,
  visibleFleetRows,
} from '../nmc/fleet-view-model';
import { fleetToCsv, fleetToJson } from '../nmc/knowledge';
import { fleetRows } from '../nmc/managed-hosts';
import { HOST_KEY_PREFIX, loadFleet } from '../nmc/store';
import type { FleetRecord, NmcRequest } from '../nmc/types';
import { type FleetRowState, FleetTable, fleetStatusText } from './FleetTable';
import './fleet.css';

/** Hands a file to the browser's download UI from memory: nothing leaves the computer. */
function download(name: string, type: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const fileDate = (date: Date) => date.toISOString().slice(0, 10);

/** Builds an export, timed (`nmc-fleet-export-csv`, `-json`) for the benchmark and anyone profiling. */
function timedExport(kind: 'csv' | 'json', build: () => string): string {
  const start = performance.now();
  const text = build();
  performance.measure(`nmc-fleet-export-${kind}`, { start, end: performance.now() });
  return text;
}

const OUTCOME_MESSAGES: Record<CheckAgainOutcome, () => string> = {
  done: () => i18n.t('nmc.fleet.checkAgainDone'),
  'no-page': () => i18n.t('nmc.fleet.checkAgainNoPage'),
  'sign-in': () => i18n.t('nmc.fleet.checkAgainSignIn'),
  denied: () => i18n.t('nmc.fleet.checkAgainDenied'),
  failed: () => i18n.t('nmc.fleet.checkAgainFailed'),
};

export function FleetView() {
  const [fleet, setFleet] = useState<FleetRecord[]>();
  const [filter, setFilter] = useState<FleetFilter>('all');
  const [sort, setSort] = useState<FleetSort>('status');
  const [states, setStates] = useState<ReadonlyMap<string, FleetRowState>>(new Map());
  const reload = useCallback(
    () =>
      void loadFleet().then((loaded) => {
        performance.mark('nmc-fleet-data');
        setFleet(loaded);
      }),
    [],
  );
  const { policy } = useManagedPolicy();

  useEffect(() => {
    reload();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && Object.keys(changes).some((key) => key.startsWith(HOST_KEY_PREFIX))) reload();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [reload]);

  const rows = useMemo(() => (fleet ? fleetRows(fleet, policy.nmcHosts) : []), [fleet, policy.nmcHosts]);
  const shown = useMemo(() => visibleFleetRows(rows, filter, sort), [rows, filter, sort]);
  const counts = useMemo(() => fleetStatusCounts(rows), [rows]);
  const formatDate = useMemo(() => {
    const formatter = new Intl.DateTimeFormat(browser.i18n.getUILanguage(), {
      dateStyle: 'medium',
      timeStyle: 'short',
    });
    return (iso: string) => formatter.format(new Date(iso));
  }, []);

  // For the benchmark and anyone profiling: when the table with the loaded data is on screen.
  // Measured once per loaded fleet (not for re-renders caused by a filter, a sort or the managed policy).
  const measured = useRef<FleetRecord[] | undefined>(undefined);
  useLayoutEffect(() => {
    if (!fleet || measured.current === fleet) return;
    measured.current = fleet;
    performance.mark('nmc-fleet-rendered', { detail: { rows: shown.length } });
    performance.measure('nmc-fleet-render', 'nmc-fleet-data', 'nmc-fleet-rendered');
  }, [fleet, shown]);

  const setRowState = (origin: string, state: FleetRowState) =>
    setStates((current) => new Map(current).set(origin, state));
  const checkAgain = (origin: string) => {
    setRowState(origin, { checking: true });
    void checkHostAgain(origin).then((outcome) => setRowState(origin, { message: OUTCOME_MESSAGES[outcome]() }));
  };
  const forget = async (origin: string) => {
    await browser.runtime.sendMessage({ type: 'nmc:forget-host', origin } satisfies NmcRequest);
    reload();
  };

  if (!fleet) return null;
  return (
    <section class="nmc-fleet" aria-labelledby="nmc-fleet-heading">
      <h2 id="nmc-fleet-heading">{i18n.t('nmc.fleet.title')}</h2>
      <p>{i18n.t('nmc.fleet.intro')}</p>
      {rows.length === 0 ? (
        <p class="nmc-fleet-empty">{i18n.t('nmc.fleet.empty')}</p>
      ) : (
        <>
          <div class="nmc-fleet-tools">
            <label>
              {i18n.t('nmc.fleet.filter')}{' '}
              <select
                class="nmc-fleet-filter"
                value={filter}
                onChange={(event) => setFilter(event.currentTarget.value as FleetFilter)}
              >
                <option value="all">{`${i18n.t('nmc.fleet.filterAll')} (${rows.length})`}</option>
                {FLEET_STATUS_ORDER.filter((status) => counts.has(status)).map((status) => (
                  <option key={status} value={status}>
                    {`${fleetStatusText(status)} (${counts.get(status)})`}
                  </option>
                ))}
              </select>
            </label>
            <div class="nmc-fleet-export">
              <button
                type="button"
                onClick={() =>
                  download(
                    `nmc-fleet-${fileDate(new Date())}.csv`,
                    'text/csv',
                    timedExport('csv', () => fleetToCsv(fleet)),
                  )
                }
              >
                {i18n.t('nmc.fleet.exportCsv')}
              </button>{' '}
              <button
                type="button"
                onClick={() =>
                  download(
                    `nmc-fleet-${fileDate(new Date())}.json`,
                    'application/json',
                    timedExport('json', () => fleetToJson(fleet, new Date())),
                  )
                }
              >
                {i18n.t('nmc.fleet.exportJson')}
              </button>
            </div>
          </div>
          <FleetTable
            rows={shown}
            states={states}
            formatDate={formatDate}
            sort={sort}
            onSort={setSort}
            onCheckAgain={checkAgain}
            onForget={(origin) => void forget(origin)}
          />
        </>
      )}
    </section>
  );
}
