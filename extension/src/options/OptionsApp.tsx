import type { Account } from '@mfa-companion/vault';
import { useEffect, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { BackupHealthSection } from '../backup-health/BackupHealthSection';
import { PasskeySection } from '../passkey/PasskeySection';
import { UnlockForm } from '../ui/PassphraseForms';
import { readUserSettings, vaultStore } from '../vault/browser-store';
import { DEFAULT_SETTINGS, type VaultSettings } from '../vault/settings';
import { BackupSection } from './BackupSection';
import { ChangePassphraseSection } from './ChangePassphraseSection';
import { FleetView } from './FleetView';
import { ImportSection } from './ImportSection';
import { ManagedSection } from './ManagedSection';
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
  }, []);

  return (
    <main class="options stack">
      <h1>{i18n.t('options.title')}</h1>
      <ManagedSection />
      {status === 'locked' && (
        <section>
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
      {status !== 'loading' && <SecuritySection settings={settings} onSaved={setSettings} />}
      {status === 'unlocked' && (
        <>
          <ChangePassphraseSection />
          <PasskeySection />
          <BackupHealthSection accounts={accounts} />
          <BackupSection accounts={accounts} />
          <PhoneSection accounts={accounts} />
          <ImportSection accounts={accounts} onImported={refresh} />
          <WipeSection onWiped={refresh} />
        </>
      )}
      <FleetView />
    </main>
  );
}
