import type { SlotSummary } from '@mfa-companion/vault';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { ManagedPolicy } from '../managed/policy';
import { describeError } from '../ui/errors';
import { localArea, vaultStore } from '../vault/browser-store';
import { VaultSlots } from '../vault/slots';
import { LOCAL_KEYS } from '../vault/storage-keys';
import type { OpenedVault } from '../vault/store';
import { MAX_PASSKEY_ATTEMPTS, recordFailedPasskeyAttempt, resetPasskeyAttempts } from './attempts';
import { ceremonyPlace, currentPlatform, PASSKEY_WINDOW_PATH } from './ceremony-place';
import { type PasskeyOffer, passkeyOffer } from './offer';
import { requestPrfOutput } from './webauthn';

/** Runs the passkey ceremony here and unlocks; counts a failure or a cancel, resets the count on success. */
export async function unlockWithPasskey(passkeys: SlotSummary['passkeys']): Promise<OpenedVault> {
  try {
    const { slotId, prfOutput } = await requestPrfOutput(passkeys);
    const opened = await new VaultSlots(vaultStore()).unlockWithPasskey(slotId, prfOutput);
    await resetPasskeyAttempts(localArea);
    return opened;
  } catch (error) {
    await recordFailedPasskeyAttempt(localArea);
    throw error;
  }
}

/**
 * The popup's locked screen, passkey first: "Unlock with passkey" above the passphrase form (the fallback), while
 * passkeys are stored and allowed and fewer than five attempts in a row failed or were cancelled. Then only the
 * passphrase is offered, with a note saying why.
 */
export function PasskeyUnlock(props: {
  /** Known before the first paint when the popup opens locked; read here when it locks while open. */
  offer: PasskeyOffer | undefined;
  policy: ManagedPolicy;
  onUnlocked(opened: OpenedVault): void;
}) {
  const [offer, setOffer] = useState(props.offer);
  const [failed, setFailed] = useState(props.offer?.failedAttempts ?? 0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (offer) return;
    void (async () => {
      const storedVault = (await localArea.get(LOCAL_KEYS.vault))[LOCAL_KEYS.vault];
      const loaded = await passkeyOffer(storedVault, props.policy, localArea);
      setFailed(loaded.failedAttempts);
      setOffer(loaded);
    })();
  }, []);
  const passkeys = offer?.passkeys ?? [];
  if (passkeys.length === 0) return null;
  if (failed >= MAX_PASSKEY_ATTEMPTS) {
    return (
      <p class="note" data-passkey-exhausted>
        {i18n.t('passkey.tooManyAttempts')}
      </p>
    );
  }
  return (
    <div class="stack passkey-unlock">
      <button
        type="button"
        class="primary"
        disabled={busy}
        aria-busy={busy}
        onClick={async () => {
          setError(undefined);
          if (ceremonyPlace(currentPlatform()) === 'window') {
            // The OS dialog would take the focus and close this popup: the small window runs the ceremony.
            await browser.windows.create({
              url: browser.runtime.getURL(PASSKEY_WINDOW_PATH),
              type: 'popup',
              width: 380,
              height: 360,
              focused: true,
            });
            return;
          }
          setBusy(true);
          try {
            props.onUnlocked(await unlockWithPasskey(passkeys));
          } catch (caught) {
            setFailed((count) => count + 1);
            setError(describeError(caught));
            setBusy(false);
          }
        }}
      >
        {busy ? i18n.t('passkey.unlocking') : i18n.t('passkey.unlock')}
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <p class="note passkey-or">{i18n.t('passkey.orPassphrase')}</p>
    </div>
  );
}
