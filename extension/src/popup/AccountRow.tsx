import { groupCode } from '@mfa-companion/otp';
import { type Account, accountLabel } from '@mfa-companion/vault';
import { i18n } from '#i18n';
import { FillIcon, MoreIcon, PinIcon } from '../ui/icons';
import { countText } from '../ui/plural';
import { ServiceIcon } from '../ui/ServiceIcon';
import { isTimeBased, NEXT_CODE_PREVIEW_MS, totpView } from '../vault/codes';
import { TimeRing } from './TimeRing';

export interface RowActions {
  onCopy(account: Account, code: string): void;
  onNextHotp(account: Account): void;
  onOpenMenu(account: Account, anchor: HTMLElement): void;
  onFocusRow(index: number): void;
  /** Fills this account's code on the page the popup was opened over; absent when there is no such web page. */
  onFill?: (account: Account) => void;
}

export interface AccountRowProps extends RowActions {
  account: Account;
  index: number;
  total: number;
  top: number;
  now: number;
  active: boolean;
  /** HOTP code revealed by "next code" (kept by the list until the popup closes). */
  revealedHotp: string | undefined;
  matchesSite: boolean;
}

export function AccountRow(props: AccountRowProps) {
  const { account, onFill } = props;
  const label = accountLabel(account) || i18n.t('list.unnamed');
  let code: string | undefined;
  let body;
  let mainLabel: string;
  if (isTimeBased(account)) {
    const view = totpView(account, props.now);
    code = view.code;
    const seconds = Math.ceil(view.remainingMs / 1000);
    const previewNext = view.remainingMs <= NEXT_CODE_PREVIEW_MS;
    mainLabel = countText('list.copyLabel', seconds);
    body = (
      <>
        <span class="code" data-code={view.code} elementtiming={props.index === 0 ? 'first-code' : undefined}>
          {groupCode(view.code)}
        </span>
        {previewNext && (
          <span class="next-code">
            {i18n.t('list.next')} {groupCode(view.next)}
          </span>
        )}
        <TimeRing progress={view.progress} urgent={previewNext} />
      </>
    );
  } else if (props.revealedHotp) {
    code = props.revealedHotp;
    mainLabel = i18n.t('list.copyHotpLabel');
    body = (
      <span class="code" data-code={code}>
        {groupCode(code)}
      </span>
    );
  } else {
    mainLabel = i18n.t('list.nextHotpHint');
    body = (
      <span class="code hidden-code" aria-hidden="true">
        {'•'.repeat(3)} {'•'.repeat(Math.max(account.digits - 3, 3))}
      </span>
    );
  }
  return (
    <li
      class={props.active ? 'row active' : 'row'}
      style={{ transform: `translateY(${props.top}px)` }}
      aria-setsize={props.total}
      aria-posinset={props.index + 1}
      data-account-id={account.id}
    >
      <button
        type="button"
        class="row-main"
        id={`row-${props.index}`}
        tabIndex={props.active ? 0 : -1}
        aria-keyshortcuts={onFill ? 'Shift+Enter' : undefined}
        onFocus={() => props.onFocusRow(props.index)}
        onKeyDown={(event) => {
          // Enter copies (the button's own click); Shift+Enter fills the page instead.
          if (onFill && event.key === 'Enter' && event.shiftKey) {
            event.preventDefault();
            onFill(account);
          }
        }}
        onClick={() => (code ? props.onCopy(account, code) : props.onNextHotp(account))}
      >
        <ServiceIcon issuer={account.issuer} account={account.account} sites={account.sites} />
        <span class="names">
          <span class="issuer">
            {account.pinned && (
              <span class="pin">
                <PinIcon />{' '}
              </span>
            )}
            {account.issuer || account.account || i18n.t('list.unnamed')}
          </span>
          {account.issuer && account.account && <span class="account">{account.account}</span>}
          {props.matchesSite && <span class="site-badge">{i18n.t('list.thisSite')}</span>}
        </span>
        <span class="code-area">{body}</span>
        <span class="visually-hidden">
          {mainLabel}
          {onFill && ` ${i18n.t('autofill.popup.fillHint')}`}
        </span>
      </button>
      {onFill && (
        // An icon, not a word: a text button took the width the service's name needs (issue 24's gallery).
        <button
          type="button"
          class={props.matchesSite ? 'fill row-icon bound' : 'fill row-icon'}
          tabIndex={props.active ? 0 : -1}
          aria-label={i18n.t('autofill.popup.fillAccountLabel', [label])}
          title={i18n.t('autofill.popup.fillAccountLabel', [label])}
          onClick={() => onFill(account)}
        >
          <FillIcon />
        </button>
      )}
      {account.type === 'hotp' && props.revealedHotp && (
        <button
          type="button"
          class="small"
          onClick={() => props.onNextHotp(account)}
          aria-label={i18n.t('list.nextHotpLabel', [label])}
        >
          {i18n.t('list.nextHotp')}
        </button>
      )}
      <button
        type="button"
        class="more row-icon"
        tabIndex={props.active ? 0 : -1}
        aria-label={i18n.t('list.actionsFor', [label])}
        aria-haspopup="true"
        onClick={(event) => props.onOpenMenu(account, event.currentTarget)}
      >
        <MoreIcon />
      </button>
    </li>
  );
}
