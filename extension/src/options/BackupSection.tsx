import { type Account, exportEncryptedBackup, exportOtpauthList } from '@mfa-companion/vault';
import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { recordBackup } from '../backup-health/health';
import { unencryptedExportAllowed } from '../managed/effective';
import { ManagedBadge } from '../managed/ManagedBadge';
import { useManagedPolicy } from '../managed/useManagedPolicy';
import { describeError } from '../ui/errors';
import { NewPassphraseFields } from '../ui/PassphraseForms';
import { localArea } from '../vault/browser-store';
import { dated, downloadText } from './download';

export function BackupSection(props: { accounts: Account[] }) {
  const [passphrase, setPassphrase] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | undefined>();
  const [acknowledged, setAcknowledged] = useState(false);
  const { policy, loaded: policyLoaded } = useManagedPolicy();
  return (
    <section class="stack" aria-labelledby="backup-title">
      <h2 id="backup-title">{i18n.t('options.backup')}</h2>
      <form
        class="stack"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!passphrase) return;
          setBusy(true);
          setMessage(undefined);
          try {
            const text = await exportEncryptedBackup(props.accounts, passphrase);
            downloadText(dated('mfa-companion-backup', 'json'), text, 'application/json');
            await recordBackup(localArea, 'encrypted');
            setMessage({ text: i18n.t('options.exported', [props.accounts.length]), error: false });
          } catch (caught) {
            setMessage({ text: describeError(caught), error: true });
          } finally {
            setBusy(false);
          }
        }}
      >
        <p class="note">{i18n.t('options.backupIntro')}</p>
        <NewPassphraseFields idPrefix="backup" onChange={setPassphrase} />
        <button type="submit" class="primary" disabled={!passphrase || busy} aria-busy={busy}>
          {busy ? i18n.t('options.exporting') : i18n.t('options.exportEncrypted')}
        </button>
        {message && (
          <p class={message.error ? 'error' : 'note'} role={message.error ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}
      </form>
      {policyLoaded && !unencryptedExportAllowed(policy) && (
        <p class="note" data-managed="allowUnencryptedExport">
          {i18n.t('managed.exportOff')}
          <ManagedBadge />
        </p>
      )}
      {/* Not rendered before the policy is known, so a forbidden export never shows, not even for a moment. */}
      {policyLoaded && unencryptedExportAllowed(policy) && (
        <details>
          <summary>{i18n.t('options.plainTitle')}</summary>
          <div class="stack">
            <p class="error">{i18n.t('options.plainWarning')}</p>
            <label class="checkbox">
              <input
                type="checkbox"
                checked={acknowledged}
                onChange={(event) => setAcknowledged(event.currentTarget.checked)}
              />
              {i18n.t('options.plainAcknowledge')}
            </label>
            <button
              type="button"
              disabled={!acknowledged}
              onClick={() =>
                downloadText(
                  dated('mfa-companion-otpauth-UNENCRYPTED', 'txt'),
                  exportOtpauthList(props.accounts),
                  'text/plain',
                )
              }
            >
              {i18n.t('options.exportPlain')}
            </button>
          </div>
        </details>
      )}
    </section>
  );
}
