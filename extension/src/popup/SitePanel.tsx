import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { disableAlwaysDetect, enableAlwaysDetect } from '../autofill/site-access';
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
  onFillPage(): void;
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

  return (
    <section class="site-panel" aria-labelledby="site-panel-heading">
      <h2 id="site-panel-heading" class="site-heading">
        {i18n.t('autofill.popup.heading', [host])}
      </h2>
      <div class="site-actions">
        <button
          type="button"
          class={props.fillSecondary ? undefined : 'primary'}
          disabled={props.filling}
          onClick={props.onFillPage}
        >
          {i18n.t('autofill.popup.fillPage')}
        </button>
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
