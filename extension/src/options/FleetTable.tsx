/**
 * The fleet table: one row per NMC, status worded and coloured as in the banner, aligned columns. Rows are class
 * components that re-render only when what they show changes, so a 1,000-host fleet updates one row, not all.
 */
import { Component } from 'preact';
import { i18n } from '#i18n';
import { ManagedBadge } from '../managed/ManagedBadge';
import { type FleetStatus, fleetRowKey, fleetStatusOf } from '../nmc/fleet-view-model';
import { type FleetRow, toolAccountsText } from '../nmc/managed-hosts';
import { formatList, generationLabel, shownName, statusLabel } from '../nmc/wording';

export interface FleetRowState {
  checking?: boolean;
  /** The message of the last "Check again" on this row. */
  message?: string;
}

interface RowProps {
  row: FleetRow;
  rowKey: string;
  state: FleetRowState | undefined;
  formatDate: (iso: string) => string;
  onCheckAgain: (origin: string) => void;
  onForget: (origin: string) => void;
}

export function fleetStatusText(status: FleetStatus): string {
  return status === 'not-checked' ? i18n.t('managed.fleetNotChecked') : statusLabel(status);
}

class FleetTableRow extends Component<RowProps> {
  override shouldComponentUpdate(next: RowProps): boolean {
    return (
      next.rowKey !== this.props.rowKey || next.state !== this.props.state || next.formatDate !== this.props.formatDate
    );
  }

  override render({ row, state, formatDate, onCheckAgain, onForget }: RowProps) {
    const { origin, record, managed } = row;
    const status = fleetStatusOf(row);
    const none = i18n.t('nmc.fleet.none');
    return (
      <tr data-origin={origin} data-status={status} data-generation={record?.generation}>
        <th scope="row" class="host">
          {origin}
          {managed && <ManagedBadge />}
          {managed && managed.toolAccounts.length > 0 && (
            <span class="note" data-tool-accounts>
              {' '}
              {i18n.t('managed.fleetToolAccounts', [toolAccountsText(managed.toolAccounts)])}
            </span>
          )}
        </th>
        <td class="status">
          <span class={`nmc-status-chip ${status}`}>{fleetStatusText(status)}</span>
        </td>
        <td class="checked">
          {record ? <time dateTime={record.checkedAt}>{formatDate(record.checkedAt)}</time> : none}
        </td>
        <td class="nmc-fleet-generation">{record ? generationLabel(record.generation ?? 'unknown') : none}</td>
        <td class="nmc-fleet-model">{record?.model || none}</td>
        <td class="nmc-fleet-aos num">{record?.firmwareVersion || none}</td>
        <td class="candidate">{record?.candidate ? shownName(record.candidate) : none}</td>
        <td class="to-check">{record?.usersToCheck.length ? formatList(record.usersToCheck.map(shownName)) : none}</td>
        <td class="row-actions">
          <button
            type="button"
            class="check-again"
            disabled={state?.checking}
            aria-label={i18n.t('nmc.fleet.checkAgainLabel', [origin])}
            onClick={() => onCheckAgain(origin)}
          >
            {state?.checking ? i18n.t('nmc.fleet.checking') : i18n.t('nmc.fleet.checkAgain')}
          </button>
          {record && (
            <button type="button" class="forget" onClick={() => onForget(origin)}>
              {i18n.t('nmc.fleet.forget')}
            </button>
          )}
          {state?.message && (
            <span class="row-message" role="status">
              {state.message}
            </span>
          )}
        </td>
      </tr>
    );
  }
}

export interface FleetTableProps {
  rows: readonly FleetRow[];
  states: ReadonlyMap<string, FleetRowState>;
  formatDate: (iso: string) => string;
  sort: 'host' | 'status' | 'checked';
  onSort: (sort: 'host' | 'status' | 'checked') => void;
  onCheckAgain: (origin: string) => void;
  onForget: (origin: string) => void;
}

export function FleetTable({ rows, states, formatDate, sort, onSort, onCheckAgain, onForget }: FleetTableProps) {
  const sortHeader = (key: 'host' | 'status' | 'checked', text: string, label: string, className: string) => (
    <th
      scope="col"
      class={className}
      aria-sort={sort === key ? (key === 'checked' ? 'descending' : 'ascending') : 'none'}
    >
      <button type="button" class="sort" aria-label={label} onClick={() => onSort(key)}>
        {text}
        <span aria-hidden="true">{sort === key ? ' ▾' : ''}</span>
      </button>
    </th>
  );
  return (
    <table class="nmc-fleet-table">
      <thead>
        <tr>
          {sortHeader('host', i18n.t('nmc.fleet.host'), i18n.t('nmc.fleet.sortHost'), 'host')}
          {sortHeader('status', i18n.t('nmc.fleet.status'), i18n.t('nmc.fleet.sortStatus'), 'status')}
          {sortHeader('checked', i18n.t('nmc.fleet.checkedAt'), i18n.t('nmc.fleet.sortChecked'), 'checked')}
          <th scope="col">{i18n.t('nmc.fleet.generation')}</th>
          <th scope="col">{i18n.t('nmc.fleet.model')}</th>
          <th scope="col" class="num">
            {i18n.t('nmc.fleet.aos')}
          </th>
          <th scope="col">{i18n.t('nmc.fleet.candidate')}</th>
          <th scope="col">{i18n.t('nmc.fleet.toCheck')}</th>
          <th scope="col">{i18n.t('nmc.fleet.actions')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <FleetTableRow
            key={row.origin}
            row={row}
            rowKey={fleetRowKey(row)}
            state={states.get(row.origin)}
            formatDate={formatDate}
            onCheckAgain={onCheckAgain}
            onForget={onForget}
          />
        ))}
      </tbody>
    </table>
  );
}
