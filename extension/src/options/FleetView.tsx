import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { ManagedBadge } from '../managed/ManagedBadge';
import { useManagedPolicy } from '../managed/useManagedPolicy';
import { fleetToCsv, fleetToJson } from '../nmc/knowledge';
import { fleetRows, toolAccountsText } from '../nmc/managed-hosts';
import { HOST_KEY_PREFIX, loadFleet } from '../nmc/store';
import type { FleetRecord, NmcRequest } from '../nmc/types';
import { generationLabel, statusLabel } from '../nmc/wording';

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

export function FleetView() {
  const [fleet, setFleet] = useState<FleetRecord[]>();
  const reload = useCallback(() => void loadFleet().then(setFleet), []);
  const { policy } = useManagedPolicy();

  useEffect(() => {
    reload();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && Object.keys(changes).some((key) => key.startsWith(HOST_KEY_PREFIX))) reload();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, [reload]);

  if (!fleet) return null;
  const rows = fleetRows(fleet, policy.nmcHosts);
  const formatter = new Intl.DateTimeFormat(browser.i18n.getUILanguage(), { dateStyle: 'medium', timeStyle: 'short' });
  const forget = async (origin: string) => {
    await browser.runtime.sendMessage({ type: 'nmc:forget-host', origin } satisfies NmcRequest);
    reload();
  };

  return (
    <section class="nmc-fleet" aria-labelledby="nmc-fleet-heading">
      <h2 id="nmc-fleet-heading">{i18n.t('nmc.fleet.title')}</h2>
      <p>{i18n.t('nmc.fleet.intro')}</p>
      {rows.length === 0 ? (
        <p class="nmc-fleet-empty">{i18n.t('nmc.fleet.empty')}</p>
      ) : (
        <>
          <table class="nmc-fleet-table">
            <thead>
              <tr>
                <th scope="col">{i18n.t('nmc.fleet.host')}</th>
                <th scope="col">{i18n.t('nmc.fleet.status')}</th>
                <th scope="col">{i18n.t('nmc.fleet.checkedAt')}</th>
                <th scope="col">{i18n.t('nmc.fleet.generation')}</th>
                <th scope="col">{i18n.t('nmc.fleet.model')}</th>
                <th scope="col">{i18n.t('nmc.fleet.aos')}</th>
                <th scope="col">{i18n.t('nmc.fleet.candidate')}</th>
                <th scope="col">{i18n.t('nmc.fleet.toCheck')}</th>
                <th scope="col">
                  <span class="visually-hidden">{i18n.t('nmc.fleet.forget')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map(({ origin, record, managed }) => (
                <tr
                  key={origin}
                  data-origin={origin}
                  data-status={record?.status ?? 'not-checked'}
                  data-generation={record?.generation}
                >
                  <th scope="row">
                    {origin}
                    {managed && <ManagedBadge />}
                    {managed && managed.toolAccounts.length > 0 && (
                      <span class="note" data-tool-accounts>
                        {' '}
                        {i18n.t('managed.fleetToolAccounts', [toolAccountsText(managed.toolAccounts)])}
                      </span>
                    )}
                  </th>
                  {record ? (
                    <>
                      <td>{statusLabel(record.status)}</td>
                      <td>
                        <time dateTime={record.checkedAt}>{formatter.format(new Date(record.checkedAt))}</time>
                      </td>
                      <td class="nmc-fleet-generation">{generationLabel(record.generation ?? 'unknown')}</td>
                      <td class="nmc-fleet-model">{record.model || i18n.t('nmc.fleet.none')}</td>
                      <td class="nmc-fleet-aos">{record.firmwareVersion || i18n.t('nmc.fleet.none')}</td>
                      <td>{record.candidate || i18n.t('nmc.fleet.none')}</td>
                      <td>{record.usersToCheck.join(', ') || i18n.t('nmc.fleet.none')}</td>
                      <td>
                        <button type="button" onClick={() => void forget(record.origin)}>
                          {i18n.t('nmc.fleet.forget')}
                        </button>
                      </td>
                    </>
                  ) : (
                    <>
                      <td>{i18n.t('managed.fleetNotChecked')}</td>
                      {Array.from({ length: 6 }, (_, index) => (
                        <td key={index}>{i18n.t('nmc.fleet.none')}</td>
                      ))}
                      <td />
                    </>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          <div class="nmc-fleet-export">
            <button
              type="button"
              onClick={() => download(`nmc-fleet-${fileDate(new Date())}.csv`, 'text/csv', fleetToCsv(fleet))}
            >
              {i18n.t('nmc.fleet.exportCsv')}
            </button>
            <button
              type="button"
              onClick={() =>
                download(`nmc-fleet-${fileDate(new Date())}.json`, 'application/json', fleetToJson(fleet, new Date()))
              }
            >
              {i18n.t('nmc.fleet.exportJson')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
