import {
  type Account,
  accountLabel,
  type BackupComparison,
  compareBackup,
  readEncryptedBackup,
} from '@mfa-companion/vault';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { ManagedBadge } from '../managed/ManagedBadge';
import { useManagedPolicy } from '../managed/useManagedPolicy';
import { describeError } from '../ui/errors';
import { localArea } from '../vault/browser-store';
import {
  BACKUP_HEALTH_KEY,
  type BackupHealthRecord,
  effectiveReminderDays,
  MAX_REMINDER_DAYS,
  readBackupHealth,
  saveReminderDays,
  summarizeBackupHealth,
} from './health';
import { backupHealthText } from './text';

/**
 * Backup health on the options page: when the last backup was made and what changed since, the reminder delay,
 * and "Check a backup file", which opens an encrypted backup in memory and compares it with the vault.
 */
export function BackupHealthSection(props: { accounts: Account[] }) {
  const { policy, loaded } = useManagedPolicy();
  const [record, setRecord] = useState<BackupHealthRecord | undefined>();
  useEffect(() => {
    const load = () => void readBackupHealth(localArea).then(setRecord);
    load();
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && BACKUP_HEALTH_KEY in changes) load();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  }, []);
  if (!record) return null;
  const managedDays = policy.backupReminderDays !== undefined;
  return (
    // No aria-labelledby: a region named "Backup health" would also answer to "Backup", the export section's name.
    <section class="stack" data-backup-health>
      <h2 id="backup-health-title">{i18n.t('backupHealth.title')}</h2>
      <p data-backup-status>{backupHealthText(summarizeBackupHealth(props.accounts, record))}</p>
      {loaded && (
        <label class="stack" for="backup-reminder-days">
          <span>
            {i18n.t('backupHealth.reminderDays')}
            {managedDays && <ManagedBadge />}
          </span>
          <input
            id="backup-reminder-days"
            type="number"
            min={0}
            max={MAX_REMINDER_DAYS}
            value={effectiveReminderDays(record, policy)}
            disabled={managedDays}
            onChange={(event) => {
              const days = Number(event.currentTarget.value);
              void saveReminderDays(localArea, Number.isInteger(days) ? days : record.reminderDays);
            }}
          />
        </label>
      )}
      <CheckBackup accounts={props.accounts} />
    </section>
  );
}

function CheckBackup(props: { accounts: Account[] }) {
  const [file, setFile] = useState<File | undefined>();
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ comparison: BackupComparison; exportedAt: number } | undefined>();
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      class="stack"
      aria-labelledby="check-backup-title"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!file) return;
        setBusy(true);
        setError(undefined);
        setResult(undefined);
        try {
          // Opened in memory only: nothing is imported or stored, and the passphrase is dropped at once.
          const backup = await readEncryptedBackup(await file.text(), passphrase);
          setResult({ comparison: compareBackup(props.accounts, backup.accounts), exportedAt: backup.exportedAt });
        } catch (caught) {
          setError(describeError(caught));
        } finally {
          setPassphrase('');
          setBusy(false);
        }
      }}
    >
      <h3 id="check-backup-title">{i18n.t('backupHealth.checkTitle')}</h3>
      <p class="note">{i18n.t('backupHealth.checkIntro')}</p>
      <label for="check-backup-file">{i18n.t('backupHealth.checkFile')}</label>
      <input
        id="check-backup-file"
        type="file"
        accept=".json,application/json"
        onChange={(event) => setFile(event.currentTarget.files?.[0])}
      />
      <label for="check-backup-passphrase">{i18n.t('backupHealth.checkPassphrase')}</label>
      <input
        id="check-backup-passphrase"
        type="password"
        autocomplete="off"
        value={passphrase}
        onInput={(event) => setPassphrase(event.currentTarget.value)}
      />
      <button type="submit" disabled={!file || passphrase === '' || busy} aria-busy={busy}>
        {busy ? i18n.t('backupHealth.checking') : i18n.t('backupHealth.check')}
      </button>
      {error && (
        <p class="error" role="alert" data-check-result="error">
          {error}
        </p>
      )}
      {result && <CheckResult {...result} />}
    </form>
  );
}

function CheckResult({ comparison }: { comparison: BackupComparison; exportedAt: number }) {
  const complete = comparison.missing.length === 0 && comparison.differing.length === 0;
  return (
    <div class="stack" role="status" data-check-result={complete ? 'complete' : 'incomplete'}>
      <p class={complete ? undefined : 'error'}>
        {complete
          ? i18n.t('backupHealth.checkComplete', comparison.matched, [comparison.matched])
          : i18n.t('backupHealth.checkIncomplete', comparison.missing.length + comparison.differing.length, [
              comparison.missing.length + comparison.differing.length,
            ])}
      </p>
      {comparison.missing.length > 0 && (
        <>
          <p>{i18n.t('backupHealth.missing')}</p>
          <ul data-missing>
            {comparison.missing.map((account) => (
              <li key={account.id}>{accountLabel(account)}</li>
            ))}
          </ul>
        </>
      )}
      {comparison.differing.length > 0 && (
        <>
          <p>{i18n.t('backupHealth.differing')}</p>
          <ul data-differing>
            {comparison.differing.map((account) => (
              <li key={account.id}>{accountLabel(account)}</li>
            ))}
          </ul>
        </>
      )}
      {comparison.onlyInBackup.length > 0 && (
        <p class="note">
          {i18n.t('backupHealth.onlyInBackup', comparison.onlyInBackup.length, [comparison.onlyInBackup.length])}
        </p>
      )}
    </div>
  );
}
