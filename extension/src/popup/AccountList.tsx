import type { Account } from '@mfa-companion/vault';
import { useEffect, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { AccountRow, type RowActions } from './AccountRow';
import { useNow } from './useNow';

export const ROW_HEIGHT = 60;
/** Fits Chrome's 600 px popup under the toolbar. */
const MAX_LIST_HEIGHT = 440;
/** Rows in view when the list opens (scrolled to the top): the ones the first paint shows. */
export const FIRST_SCREEN_ROWS = Math.ceil(MAX_LIST_HEIGHT / ROW_HEIGHT);
const OVERSCAN = 3;

export interface AccountListProps extends Omit<RowActions, 'onFocusRow'> {
  accounts: Account[];
  siteMatches: ReadonlySet<string>;
  revealedHotp: ReadonlyMap<string, string>;
  /** Diagnostics/benchmark peer: render every row instead of the visible window. */
  virtualize: boolean;
  /**
   * Also render a few rows beyond each edge of the viewport, so a fast scroll does not show empty rows before
   * the list catches up. Off for the first paint, which only needs (and only computes codes for) what is visible.
   */
  overscan: boolean;
  onFirstPaint?: () => void;
  onMove(account: Account, direction: -1 | 1): void;
  onDelete(account: Account): void;
}

/**
 * Only the rows in view (plus a few once the list is on screen) are rendered and ticked each second, so 500
 * accounts cost what 10 do.
 * Keyboard: ↑/↓/Home/End/PageUp/PageDown move between rows (roving tabindex), Enter copies,
 * Alt+↑/↓ reorders, Delete deletes (with undo).
 */
export function AccountList(props: AccountListProps) {
  const now = useNow();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [active, setActive] = useState(0);
  const total = props.accounts.length;
  // Known without measuring: no layout read, no second render before the first paint.
  const viewport = Math.min(MAX_LIST_HEIGHT, total * ROW_HEIGHT);
  const activeIndex = Math.min(active, Math.max(total - 1, 0));

  useEffect(() => {
    props.onFirstPaint?.();
  }, []);

  const overscan = props.overscan ? OVERSCAN : 0;
  const first = props.virtualize ? Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - overscan) : 0;
  const last = props.virtualize ? Math.min(total, Math.ceil((scrollTop + viewport) / ROW_HEIGHT) + overscan) : total;

  const focusRow = (index: number) => {
    const clamped = Math.max(0, Math.min(total - 1, index));
    setActive(clamped);
    const element = scroller.current;
    if (element) {
      const top = clamped * ROW_HEIGHT;
      if (top < element.scrollTop) element.scrollTop = top;
      else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) {
        element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
      }
      setScrollTop(element.scrollTop);
    }
    // The row may only exist after this render: focus it once painted.
    requestAnimationFrame(() => document.getElementById(`row-${clamped}`)?.focus());
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const current = props.accounts[activeIndex];
    if (current && event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      event.preventDefault();
      props.onMove(current, event.key === 'ArrowUp' ? -1 : 1);
      focusRow(activeIndex + (event.key === 'ArrowUp' ? -1 : 1));
      return;
    }
    if (current && event.key === 'Delete') {
      event.preventDefault();
      props.onDelete(current);
      return;
    }
    const keys: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      Home: 0,
      End: total - 1,
      PageDown: activeIndex + Math.floor(viewport / ROW_HEIGHT),
      PageUp: activeIndex - Math.floor(viewport / ROW_HEIGHT),
    };
    const target = keys[event.key];
    if (target !== undefined && total > 0) {
      event.preventDefault();
      focusRow(target);
    }
  };

  if (total === 0) return null;
  const rows = [];
  for (let index = first; index < last; index++) {
    const account = props.accounts[index] as Account;
    rows.push(
      <AccountRow
        key={account.id}
        account={account}
        index={index}
        total={total}
        top={index * ROW_HEIGHT}
        now={now}
        active={index === activeIndex}
        revealedHotp={props.revealedHotp.get(account.id)}
        matchesSite={props.siteMatches.has(account.id)}
        onCopy={props.onCopy}
        onNextHotp={props.onNextHotp}
        onOpenMenu={props.onOpenMenu}
        onFocusRow={setActive}
        onFill={props.onFill}
      />,
    );
  }
  return (
    <div
      class="scroller"
      ref={scroller}
      style={{ height: `${viewport}px` }}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <ul class="accounts" aria-label={i18n.t('list.label')} style={{ height: `${total * ROW_HEIGHT}px` }}>
        {rows}
      </ul>
    </div>
  );
}
