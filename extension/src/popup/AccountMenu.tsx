import { type Account, accountLabel } from '@mfa-companion/vault';
import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { ManagedBadge } from '../managed/ManagedBadge';

// The sheets the "⋯" button of an account row opens: its actions and settings, and renaming it.

/** Per-account autofill settings the account menu toggles. */
export type AccountOption = 'submitAfterFill' | 'exactHost';
const ACCOUNT_OPTIONS: readonly AccountOption[] = ['submitAfterFill', 'exactHost'];

export function AccountMenu(props: {
  account: Account;
  options: Record<AccountOption, boolean>;
  /** Options the organisation's policy fixes: shown, not changeable. */
  managedOptions: readonly AccountOption[];
  onOptionChange(option: AccountOption, enabled: boolean): void;
  onClose(): void;
  onPin(): void;
  onRename(): void;
  onMove(direction: -1 | 1): void;
  onDelete(): void;
  onShowQr(): void;
}) {
  const label = accountLabel(props.account) || i18n.t('list.unnamed');
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div class="sheet menu" role="dialog" aria-modal="true" aria-label={i18n.t('list.actionsFor', [label])}>
      <h2>{label}</h2>
      <button type="button" ref={first} onClick={props.onPin}>
        {props.account.pinned ? i18n.t('list.unpin') : i18n.t('list.pin')}
      </button>
      <button type="button" onClick={props.onRename}>
        {i18n.t('list.rename')}
      </button>
      <button type="button" onClick={() => props.onMove(-1)}>
        {i18n.t('list.moveUp')}
      </button>
      <button type="button" onClick={() => props.onMove(1)}>
        {i18n.t('list.moveDown')}
      </button>
      <hr />
      {ACCOUNT_OPTIONS.map((option) => {
        const managed = props.managedOptions.includes(option);
        return (
          <Fragment key={option}>
            <label class="checkbox">
              <input
                type="checkbox"
                checked={props.options[option]}
                disabled={managed}
                aria-describedby={`${option}-hint`}
                onChange={(event) => props.onOptionChange(option, event.currentTarget.checked)}
              />
              {i18n.t(`autofill.popup.${option}`)}
              {managed && <ManagedBadge />}
            </label>
            <p id={`${option}-hint`} class="note">
              {i18n.t(`autofill.popup.${option}Hint`)}
            </p>
          </Fragment>
        );
      })}
      <hr />
      <button type="button" onClick={props.onShowQr}>
        {i18n.t('phone.menuItem')}
      </button>
      <button type="button" class="danger" onClick={props.onDelete}>
        {i18n.t('list.delete')}
      </button>
      <button type="button" onClick={props.onClose}>
        {i18n.t('common.close')}
      </button>
    </div>
  );
}

export function RenameDialog(props: {
  account: Account;
  onClose(): void;
  onSave(issuer: string, account: string): Promise<void>;
}) {
  const [issuer, setIssuer] = useState(props.account.issuer);
  const [name, setName] = useState(props.account.account);
  return (
    <div class="sheet" role="dialog" aria-modal="true" aria-labelledby="rename-title">
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void props.onSave(issuer, name);
        }}
      >
        <h2 id="rename-title">{i18n.t('list.rename')}</h2>
        <label for="rename-issuer">{i18n.t('fields.issuer')}</label>
        <input
          id="rename-issuer"
          autofocus
          maxLength={256}
          value={issuer}
          onInput={(event) => setIssuer(event.currentTarget.value)}
        />
        <label for="rename-account">{i18n.t('fields.account')}</label>
        <input
          id="rename-account"
          maxLength={512}
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <div class="buttons">
          <button type="button" onClick={props.onClose}>
            {i18n.t('common.cancel')}
          </button>
          <button type="submit" class="primary">
            {i18n.t('common.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
