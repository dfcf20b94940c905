/**
 * The fleet table: one row per NMC, status worded and coloured as in the banner, aligned columns. Rows are class
 * components that re-render only when what they show changes, so a 1,000-host fleet updates one row, not all.
 * Only the rows in the scroll window (plus a margin) are in the DOM: building 1,000 rows of buttons and chips cost
 * ~300 ms on the first paint, while sort, filter and counts still run over every row. Rows have one fixed height
 * (no wrapping), so blank spacer rows stand in for the rows outside the window and the scroll bar stays true;
 * aria-rowcount/aria-rowindex tell assistive technology where each rendered row sits in the whole table.
 */
import type { NmcGeneration } from '@mfa-companion/policy';
import { Component } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { ManagedBadge } from '../managed/ManagedBadge';
import { type FleetStatus, fleetRowKey, fleetStatusOf, fleetWindow } from '../nmc/fleet-view-model';
import { type FleetRow, toolAccountsText } from '../nmc/managed-hosts';
import { formatList, generationLabel, shownName, statusLabel } from '../nmc/wording';

export interface FleetRowState {
  checking?: boolean;
  /** The message of the last "Check again" on this row. */
  message?: string;
}

/** Every caption a row shows, looked up once per table render rather than once per row. */
interface RowLabels {
  none: string;
  checkAgain: string;
  checking: string;
  forget: string;
  status: Record<FleetStatus, string>;
  generation: Record<NmcGeneration, string>;
}

function rowLabels(): RowLabels {
  return {
    none: i18n.t('nmc.fleet.none'),
    checkAgain: i18n.t('nmc.fleet.checkAgain'),
    checking: i18n.t('nmc.fleet.checking'),
    forget: i18n.t('nmc.fleet.forget'),
    status: {
      ok: fleetStatusText('ok'),
      'at-risk': fleetStatusText('at-risk'),
      unknown: fleetStatusText('unknown'),
      'not-applicable': fleetStatusText('not-applicable'),
      'not-checked': fleetStatusText('not-checked'),
    },
    generation: {
      nmc3: generationLabel('nmc3'),
      nmc2: generationLabel('nmc2'),
      nmc1: generationLabel('nmc1'),
      unknown: generationLabel('unknown'),
    },
  };
}

interface RowProps {
  row: FleetRow;
  /** Position in the table, for the ids that name each row's buttons after its host. */
  index: number;
  labels: RowLabels;
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

  override render({ row, index, labels, state, formatDate, onCheckAgain, onForget }: RowProps) {
    const { origin, record, managed } = row;
    const status = fleetStatusOf(row);
    const none = labels.none;
    const hostId = `nmc-fleet-host-${index}`;
    const checkId = `nmc-fleet-check-${index}`;
    return (
      <tr
        data-origin={origin}
        data-status={status}
        data-generation={record?.generation}
        // Row 1 is the header row.
        aria-rowindex={index + 2}
      >
        <th scope="row" class="host" id={hostId}>
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
          <span class={`nmc-status-chip ${status}`}>{labels.status[status]}</span>
        </td>
        <td class="checked">
          {record ? <time dateTime={record.checkedAt}>{formatDate(record.checkedAt)}</time> : none}
        </td>
        {/* The card in one column (generation, model, AOS), so the table fits beside the options' navigation. */}
        <td class="card">
          <span class="nmc-fleet-generation">{record ? labels.generation[record.generation ?? 'unknown'] : none}</span>
          {record?.model ? (
            <>
              {' · '}
              <span class="nmc-fleet-model">{record.model}</span>
            </>
          ) : null}
          {record?.firmwareVersion ? (
            <>
              {' · '}
              <span class="nmc-fleet-aos">{record.firmwareVersion}</span>
            </>
          ) : null}
        </td>
        <td class="candidate">{record?.candidate ? shownName(record.candidate) : none}</td>
        {/* One line per row (fixed height): a long list is cut with an ellipsis and shown whole on hover. */}
        <TruncatedCell className="to-check">
          {record?.usersToCheck.length ? formatList(record.usersToCheck.map(shownName)) : none}
        </TruncatedCell>
        <td>
          <div class="row-actions">
            {/* Named "Check again <host>" by its own caption and the row's host, with no per-row lookup. */}
            <button
              type="button"
              id={checkId}
              class="check-again"
              disabled={state?.checking}
              aria-labelledby={`${checkId} ${hostId}`}
              onClick={() => onCheckAgain(origin)}
            >
              {state?.checking ? labels.checking : labels.checkAgain}
            </button>
            {record && (
              <button type="button" class="forget" onClick={() => onForget(origin)}>
                {labels.forget}
              </button>
            )}
            {state?.message && (
              <span class="row-message" role="status">
                {state.message}
              </span>
            )}
          </div>
        </td>
      </tr>
    );
  }
}

function TruncatedCell({ className, children }: { className: string; children: string }) {
  return (
    <td class={className} title={children}>
      {children}
    </td>
  );
}

/** The height a row is drawn at (CSS `--nmc-fleet-row`), until the first rendered row is measured. */
const ROW_HEIGHT_PX = 40;
/** The scroll area's height before it is laid out (the CSS caps it at about this much). */
const DEFAULT_VIEWPORT_PX = 640;
function SpacerRow({ rows, rowPx }: { rows: number; rowPx: number }) {
  if (rows <= 0) return null;
  return (
    <tr class="nmc-fleet-spacer" aria-hidden="true" style={{ height: `${rows * rowPx}px` }}>
      <td colSpan={7} />
    </tr>
  );
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
  const labels = useMemo(rowLabels, []);
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewportPx, setViewportPx] = useState(DEFAULT_VIEWPORT_PX);
  const [rowPx, setRowPx] = useState(ROW_HEIGHT_PX);
  const frame = useRef(0);
  const onScroll = () => {
    // One window update per frame, however many scroll events arrive.
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      if (scroller.current) setScrollTop(scroller.current.scrollTop);
    });
  };
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => {
      if (element.clientHeight > 0) setViewportPx(element.clientHeight);
      const drawn = element.querySelector<HTMLElement>('tbody tr[aria-rowindex]')?.getBoundingClientRect().height;
      if (drawn && Math.abs(drawn - rowPx) > 0.5) setRowPx(drawn);
    };
    // Measured when the observer reports (after layout, with no layout forced inside the first render): the first
    // paint uses the defaults, which the CSS makes right.
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => {
      observer.disconnect();
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, [rowPx]);
  const { start, end } = fleetWindow(rows.length, scrollTop, viewportPx, rowPx);
  // The visible caption is the button's name; aria-sort on the header says how the column is sorted.
  const sortHeader = (key: 'host' | 'status' | 'checked', text: string, className: string) => (
    <th
      scope="col"
      class={className}
      aria-sort={sort === key ? (key === 'checked' ? 'descending' : 'ascending') : 'none'}
    >
      <button type="button" class="sort" onClick={() => onSort(key)}>
        {text}
        <span aria-hidden="true">{sort === key ? ' ▾' : ''}</span>
      </button>
    </th>
  );
  return (
    // Focusable and named after the section heading, so the keyboard scrolls it (arrows, Page Up/Down, Home/End);
    // a group, not a second landmark with the section's name.
    <div
      class="nmc-fleet-scroll"
      ref={scroller}
      onScroll={onScroll}
      tabIndex={0}
      role="group"
      aria-labelledby="nmc-fleet-heading"
    >
      <table
        class="nmc-fleet-table"
        aria-rowcount={rows.length + 1}
        style={{ '--nmc-fleet-row': `${ROW_HEIGHT_PX}px` }}
      >
        <thead>
          <tr aria-rowindex={1}>
            {sortHeader('host', i18n.t('nmc.fleet.host'), 'host')}
            {sortHeader('status', i18n.t('nmc.fleet.status'), 'status')}
            {sortHeader('checked', i18n.t('nmc.fleet.checkedAt'), 'checked')}
            <th scope="col">{i18n.t('nmc.fleet.generation')}</th>
            <th scope="col">{i18n.t('nmc.fleet.candidate')}</th>
            <th scope="col">{i18n.t('nmc.fleet.toCheck')}</th>
            <th scope="col">{i18n.t('nmc.fleet.actions')}</th>
          </tr>
        </thead>
        <tbody>
          <SpacerRow rows={start} rowPx={rowPx} />
          {rows.slice(start, end).map((row, offset) => (
            <FleetTableRow
              key={row.origin}
              row={row}
              index={start + offset}
              labels={labels}
              rowKey={fleetRowKey(row)}
              state={states.get(row.origin)}
              formatDate={formatDate}
              onCheckAgain={onCheckAgain}
              onForget={onForget}
            />
          ))}
          <SpacerRow rows={rows.length - end} rowPx={rowPx} />
        </tbody>
      </table>
    </div>
  );
}
