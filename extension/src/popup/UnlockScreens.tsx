import type { Account } from '@mfa-companion/vault';
import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import type { ManagedPolicy } from '../managed/policy';
import { resetPasskeyAttempts } from '../passkey/attempts';
import type { PasskeyOffer } from '../passkey/offer';
import { PasskeyUnlock } from '../passkey/PasskeyUnlock';
import { DamagedVaultOffer } from '../ui/DamagedVaultOffer';
import { LogoMark } from '../ui/icons';
import { CreateVaultForm, UnlockForm } from '../ui/PassphraseForms';
import { localArea, vaultStore } from '../vault/browser-store';
import { VaultStoreError } from '../vault/store';
import { NmcStatus } from './NmcStatus';

/** The product's mark and name above the first-run form (the unlock form's heading carries the mark itself). */
function BrandBar() {
  return (
    <div class="brand-bar">
      <LogoMark />
      <span class="brand-name">{i18n.t('popup.title')}</span>
    </div>
  );
}

/** No vault yet: choosing the passphrase creates one, and the (empty) list follows. */
export function FirstRunScreen({ onCreated }: { onCreated: () => void }) {
  const store = vaultStore();
  return (
    <main class="popup">
      <BrandBar />
      <CreateVaultForm
        onCreate={async (passphrase) => {
          await store.create(passphrase);
          onCreated();
        }}
      />
    </main>
  );
}

interface LockedScreenProps {
  error?: string;
  passkeyOffer?: PasskeyOffer;
  policy: ManagedPolicy;
  /** Set once the first content is on screen: the NMC card follows then. */
  painted: boolean;
  /** The vault is open: its accounts, and the message to show above the list (recovered copy) if any. */
  onOpened: (accounts: Account[], message?: string) => void;
}

/**
 * The locked vault: passkey (when one is registered) or passphrase. A current copy that is damaged while the
 * previous one opens leads to the restore offer, and nothing changes until the user agrees.
 */
export function LockedScreen({ error, passkeyOffer, policy, painted, onOpened }: LockedScreenProps) {
  const store = vaultStore();
  /** Set when unlocking found the stored copy damaged and the previous one opening: the restore offer is shown. */
  const [damagedPassphrase, setDamagedPassphrase] = useState<string | undefined>();
  return (
    <main class="popup">
      {damagedPassphrase !== undefined ? (
        <>
          <BrandBar />
          <DamagedVaultOffer
            onRestore={async () => {
              const opened = await store.restorePrevious(damagedPassphrase);
              setDamagedPassphrase(undefined);
              onOpened(opened.accounts);
            }}
            onCancel={() => setDamagedPassphrase(undefined)}
          />
        </>
      ) : (
        <UnlockForm
          mark={<LogoMark />}
          offer={
            <>
              {error && (
                <p class="error" role="alert">
                  {error}
                </p>
              )}
              <PasskeyUnlock offer={passkeyOffer} policy={policy} onUnlocked={(opened) => onOpened(opened.accounts)} />
            </>
          }
          onUnlock={async (passphrase) => {
            try {
              const opened = await store.unlock(passphrase);
              void resetPasskeyAttempts(localArea);
              onOpened(opened.accounts, opened.recoveredFromPrevious ? i18n.t('errors.RECOVERED') : undefined);
            } catch (caught) {
              // Damage is not a wrong passphrase: offer the previous copy, change nothing until the user agrees.
              if (!(caught instanceof VaultStoreError && caught.code === 'DAMAGED')) throw caught;
              setDamagedPassphrase(passphrase);
            }
          }}
        />
      )}
      {painted && <NmcStatus />}
    </main>
  );
}
