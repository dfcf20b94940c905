import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import type { PageStep } from '../autofill/messages';
import { disableAlwaysDetect, enableAlwaysDetect } from '../autofill/site-access';
import { deliveredNotice } from '../autofill/wording';
import { ManagedBadge } from '../managed/ManagedBadge';
import type { FillNotice } from './fill';
import { hostOf } from './fill';

export interface SitePanelProps {
  origin: string;
  /** Whether "always detect" is on for this origin (from the autofill settings). */
  alwaysDetect: boolean;
  /** The organisation's policy does not allow the in-field button: the switch shows off and locked. */
  alwaysDetectForbidden?: boolean;
  notice: FillNotice | undefined;
  filling: boolean;
  /** What the page asks for, once known: a delivered code gets an explanation, a lone password the append offer. */
  step?: PageStep | undefined;
  /** An account is bound to this site: a plain login form then gets the append offer too. */
  boundHere?: boolean;
  onFillPage(): void;
  /** "Add the code after the password" (or before it): remembered for the bound account and this site. */
  onAppend(position: 'after' | 'before'): void;
  /** No account is bound to this page (it imitates or downgrades a bound site): filling is not the main action. */
  fillSecondary?: boolean;
  onAlwaysDetectChanged(enabled: boolean): void;
}

/**
 * What the popup can do on the page it was opened over: fill the code of the account bound to it, and opt this
 * one site in to the in-field button. Fill results, and above all look-alike and plain-http refusals, are shown
 * here, next to the action that caused them.
 */
export function SitePanel(props: SitePanelProps) {
  const host = hostOf(props.origin);
  const [problem, setProblem] = useState<string>();
  /** The state asked for while the browser and the background are still answering (shown at once, not flickering). */
  const [switchingTo, setSwitchingTo] = useState<boolean>();

  const toggleAlwaysDetect = async (enabled: boolean) => {
    if (switchingTo !== undefined) return;
    setProblem(undefined);
    setSwitchingTo(enabled);
    try {
      if (enabled) {
        // The permission request is the first call of the click: the browser shows its prompt for this origin only.
        const granted = await enableAlwaysDetect(props.origin);
        if (!granted) setProblem(i18n.t('autofill.popup.alwaysDetectDenied', [host]));
        props.onAlwaysDetectChanged(granted);
      } else {
        await disableAlwaysDetect(props.origin);
        props.onAlwaysDetectChanged(false);
      }
    } catch {
      setProblem(i18n.t('autofill.popup.alwaysDetectFailed'));
    } finally {
      setSwitchingTo(undefined);
    }
  };

  const step = props.step;
  /** A login that takes the code in the password field: the page says so, or it is a bound site's login form. */
  const offersAppend = step?.kind === 'appended' || (step?.kind === 'password' && !!props.boundHere);
  const before = step?.position === 'before';

  return (
    <section class="site-panel" aria-labelledby="site-panel-heading">
      <h2 id="site-panel-heading" class="site-heading">
        {i18n.t('autofill.popup.heading', [host])}
      </h2>
      {props.step?.kind === 'delivered' && (
        <p class="note step-note" data-step="delivered">
          {deliveredNotice(props.step.channel)}
        </p>
      )}
      {offersAppend && (
        <>
          <div class="append-offer buttons">
            <button
              type="button"
              class={props.step?.kind === 'appended' ? 'primary' : ''}
              disabled={props.filling}
              aria-describedby="append-hint"
              onClick={() => props.onAppend(before ? 'before' : 'after')}
            >
              {i18n.t(before ? 'autofill.popup.appendBeforeFirst' : 'autofill.popup.appendAfter')}
            </button>
            {!before && (
              <button type="button" disabled={props.filling} onClick={() => props.onAppend('before')}>
                {i18n.t('autofill.popup.appendBefore')}
              </button>
            )}
          </div>
          <p id="append-hint" class="note">
            {i18n.t('autofill.popup.appendHint')}
          </p>
        </>
      )}
      <div class="site-actions">
        {/* A delivered code is not ours to fill; a login that takes the code with the password has the offer above. */}
        {props.step?.kind !== 'delivered' && !offersAppend && (
          <button
            type="button"
            class={props.fillSecondary ? undefined : 'primary'}
            disabled={props.filling}
            onClick={props.onFillPage}
          >
            {i18n.t('autofill.popup.fillPage')}
          </button>
        )}
        <label class="checkbox">
          <input
            type="checkbox"
            checked={!props.alwaysDetectForbidden && (switchingTo ?? props.alwaysDetect)}
            disabled={props.alwaysDetectForbidden}
            aria-busy={switchingTo !== undefined}
            aria-describedby="always-detect-hint"
            onChange={(event) => void toggleAlwaysDetect(event.currentTarget.checked)}
          />
          {i18n.t('autofill.popup.alwaysDetect')}
          {props.alwaysDetectForbidden && <ManagedBadge />}
        </label>
      </div>
      <p id="always-detect-hint" class="note">
        {i18n.t('autofill.popup.alwaysDetectHint', [host])}
      </p>
      {problem && (
        <p class="fill-notice warning" role="alert">
          {problem}
        </p>
      )}
      {/* Refusals interrupt (alert); successes and neutral results are announced politely. */}
      <div role="alert" class="fill-alert">
        {props.notice?.tone === 'warning' && (
          <p class="fill-notice warning" data-tone="warning">
            <strong>{i18n.t('autofill.popup.warningLabel')}</strong> {props.notice.text}
          </p>
        )}
      </div>
      <div role="status" class="fill-status">
        {props.notice && props.notice.tone !== 'warning' && (
          <p class={`fill-notice ${props.notice.tone}`} data-tone={props.notice.tone}>
            {props.notice.text}
          </p>
        )}
      </div>
    </section>
  );
}
