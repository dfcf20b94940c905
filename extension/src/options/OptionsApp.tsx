import type { Account } from '@mfa-companion/vault';
import { useEffect, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { BackupHealthSection } from '../backup-health/BackupHealthSection';
import { PasskeySection } from '../passkey/PasskeySection';
import { trapModalFocus } from '../ui/modal-focus';
import { UnlockForm } from '../ui/PassphraseForms';
import { readUserSettings, vaultStore } from '../vault/browser-store';
import { DEFAULT_SETTINGS, type VaultSettings } from '../vault/settings';
import { AccountsSitesSection } from './AccountsSitesSection';
import { BackupSection } from './BackupSection';
import { ChangePassphraseSection } from './ChangePassphraseSection';
import { FleetView } from './FleetView';
import { ImportSection } from './ImportSection';
import { ManagedSection } from './ManagedSection';
import { OptionsLayout } from './OptionsLayout';
import { PhoneSection } from './PhoneSection';
import { SecuritySection } from './SecuritySection';
import { WipeSection } from './WipeSection';

type Status = 'loading' | 'no-vault' | 'locked' | 'unlocked';

export function OptionsApp() {
  const store = vaultStore();
  const [status, setStatus] = useState<Status>('loading');
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [settings, setSettings] = useState<VaultSettings>(DEFAULT_SETTINGS);

  const refresh = async () => {
    const [current, loaded] = await Promise.all([store.status(), readUserSettings()]);
    setSettings(loaded);
    if (current === 'unlocked') {
      setAccounts((await store.open()).accounts);
      void store.touch();
    }
    setStatus(current);
  };

  useEffect(() => {
    void refresh();
    return trapModalFocus();
  }, []);

  const unlocked = status === 'unlocked';
  return (
    <OptionsLayout
      top={
        <>
          {status === 'locked' && (
            <section class="locked-notice">
              <p>{i18n.t('options.locked')}</p>
              <UnlockForm
                onUnlock={async (passphrase) => {
                  await store.unlock(passphrase);
                  await refresh();
                }}
              />
            </section>
          )}
          {status === 'no-vault' && <p>{i18n.t('options.noVault')}</p>}
        </>
      }
      groups={{
        security: status !== 'loading' && (
          <>
            <SecuritySection settings={settings} locked={status === 'locked'} onSaved={setSettings} />
            {unlocked && <ChangePassphraseSection />}
            {unlocked && <PasskeySection />}
          </>
        ),
        backup: unlocked && (
          <>
            <BackupHealthSection accounts={accounts} />
            <BackupSection accounts={accounts} />
            <PhoneSection accounts={accounts} />
          </>
        ),
        import: unlocked && <ImportSection accounts={accounts} onImported={refresh} />,
        accounts: unlocked && <AccountsSitesSection accounts={accounts} />,
        fleet: <FleetView />,
        organisation: <ManagedSection />,
        danger: unlocked && <WipeSection onWiped={refresh} />,
      }}
    />
  );
}
