import { useEffect, useRef } from 'preact/hooks';
import { i18n } from '#i18n';
import type { ChooserOption } from './messages';

export interface AccountChooserProps {
  /** The host the code will go to (the frame that holds the field). */
  host: string;
  options: ChooserOption[];
  busy?: boolean;
  onChoose(accountId: string): void;
  onCancel(): void;
}

/**
 * Several accounts are bound to the page's site: which code? Drawn only in extension UI (the popup, or the
 * chooser window the background opens), so the page never sees the account names.
 */
export function AccountChooser(props: AccountChooserProps) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div
      class="sheet chooser"
      role="dialog"
      aria-modal="true"
      aria-labelledby="chooser-title"
      aria-describedby="chooser-for"
    >
      <h2 id="chooser-title">{i18n.t('autofill.chooseTitle')}</h2>
      <p id="chooser-for" class="note">
        {i18n.t('autofill.chooseFor', [props.host])}
      </p>
      <ul class="chooser-list">
        {props.options.map((option, index) => (
          <li key={option.id}>
            <button
              type="button"
              ref={index === 0 ? first : undefined}
              disabled={props.busy}
              onClick={() => props.onChoose(option.id)}
            >
              {option.label}
            </button>
          </li>
        ))}
      </ul>
      <div class="buttons">
        <button type="button" onClick={props.onCancel}>
          {i18n.t('autofill.cancel')}
        </button>
      </div>
    </div>
  );
}
