import type { SlotSummary } from '@mfa-companion/vault';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { loadManagedPolicy } from '../managed/browser-policy';
import { describeError } from '../ui/errors';
import { localArea, vaultStore } from '../vault/browser-store';
import { VaultSlots } from '../vault/slots';
import { failedPasskeyAttempts, MAX_PASSKEY_ATTEMPTS } from './attempts';
import { unlockWithPasskey } from './PasskeyUnlock';
import { allowedPasskeys } from './webauthn';

type State = { step: 'asking' } | { step: 'failed'; error: string } | { step: 'done' } | { step: 'none' };

/** Runs the passkey ceremony at once, unlocks, reopens the popup where the browser allows it, and closes. */
export function PasskeyWindow() {
  const [state, setState] = useState<State>({ step: 'asking' });
  const [passkeys, setPasskeys] = useState<SlotSummary['passkeys']>([]);
  const attempt = async (candidates: SlotSummary['passkeys']) => {
    setState({ step: 'asking' });
    try {
      await unlockWithPasskey(candidates);
      setState({ step: 'done' });
      // Chrome 127+ opens the popup again without a click; elsewhere the user clicks the toolbar button.
      await (browser.action as { openPopup?: () => Promise<void> }).openPopup?.().catch(() => undefined);
      window.close();
    } catch (caught) {
      const exhausted = (await failedPasskeyAttempts(localArea)) >= MAX_PASSKEY_ATTEMPTS;
      setState(exhausted ? { step: 'none' } : { step: 'failed', error: describeError(caught) });
    }
  };
  useEffect(() => {
    void (async () => {
      const [summary, { policy }, failed] = await Promise.all([
        new VaultSlots(vaultStore()).list(),
        loadManagedPolicy(),
        failedPasskeyAttempts(localArea),
      ]);
      const allowed = allowedPasskeys(summary.passkeys, policy.passkeyUnlock);
      setPasskeys(allowed);
      if (allowed.length === 0 || failed >= MAX_PASSKEY_ATTEMPTS) return setState({ step: 'none' });
      await attempt(allowed);
    })();
  }, []);
  return (
    <main class="popup stack">
      <h1>{i18n.t('passkey.windowTitle')}</h1>
      {state.step === 'asking' && <p aria-live="polite">{i18n.t('passkey.followDialog')}</p>}
      {state.step === 'done' && <p role="status">{i18n.t('passkey.unlockedOpenPopup')}</p>}
      {state.step === 'none' && <p class="note">{i18n.t('passkey.tooManyAttempts')}</p>}
      {state.step === 'failed' && (
        <>
          <p class="error" role="alert">
            {state.error}
          </p>
          <div class="buttons">
            <button type="button" class="primary" onClick={() => void attempt(passkeys)}>
              {i18n.t('passkey.tryAgain')}
            </button>
            <button type="button" onClick={() => window.close()}>
              {i18n.t('common.cancel')}
            </button>
          </div>
        </>
      )}
    </main>
  );
}
