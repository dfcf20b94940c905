import { useEffect, useRef } from 'preact/hooks';
import { i18n } from '#i18n';

export interface BindOfferProps {
  accountName: string;
  /** The origin the background suggested (registrable domain over https, or the exact host for http/local). */
  origin: string;
  busy: boolean;
  onBind(): void;
  onCancel(): void;
}

/**
 * Asked when the user picked an account whose code may not go to this site: nothing is filled until the user
 * binds the account here, on purpose, to exactly the origin shown.
 */
export function BindOffer(props: BindOfferProps) {
  const cancel = useRef<HTMLButtonElement>(null);
  // Focus starts on the harmless choice: binding must be a deliberate second step.
  useEffect(() => cancel.current?.focus(), []);
  return (
    <div
      class="sheet bind-offer"
      role="dialog"
      aria-modal="true"
      aria-labelledby="bind-offer-title"
      aria-describedby="bind-offer-body"
    >
      <h2 id="bind-offer-title">{i18n.t('autofill.popup.bindTitle', [props.origin])}</h2>
      <p id="bind-offer-body">{i18n.t('autofill.popup.bindBody', [props.accountName, props.origin])}</p>
      <p class="note">{i18n.t('autofill.popup.bindCheck')}</p>
      <div class="buttons">
        <button type="button" ref={cancel} onClick={props.onCancel}>
          {i18n.t('common.cancel')}
        </button>
        <button type="button" class="primary" disabled={props.busy} onClick={props.onBind}>
          {i18n.t('autofill.popup.bindAndFill')}
        </button>
      </div>
    </div>
  );
}
