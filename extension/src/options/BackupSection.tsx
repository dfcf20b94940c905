import { type Account, exportEncryptedBackup, exportOtpauthList } from '@mfa-companion/vault';
import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { recordBackup } from '../backup-health/health';
import { loadManagedPolicy } from '../managed/browser-policy';
import { unencryptedExportAllowed } from '../managed/effective';
import { ManagedBadge } from '../managed/ManagedBadge';
import { useManagedPolicy } from '../managed/useManagedPolicy';
import { describeError } from '../ui/errors';
import { NewPassphraseFields } from '../ui/PassphraseForms';
import { PassphrasePrompt } from '../ui/PassphrasePrompt';
import { countText } from '../ui/plural';
import { StatusMessage, type StatusText } from '../ui/StatusMessage';
import { localArea } from '../vault/browser-store';
import { dated, downloadText } from './download';

/** What waits for the vault passphrase: an encrypted backup (with the passphrase chosen for it) or the plain list. */
type Pending = { kind: 'encrypted'; backupPassphrase: string } | { kind: 'plain' };

/**
 * Backups. Both downloads hold every secret, so both ask for the vault passphrase first (PassphrasePrompt) and are
 * built from the accounts it decrypts: someone at an unlocked browser cannot take the secrets without knowing it.
 * The plain export also needs the acknowledgement, and does not exist when the organisation's policy forbids it.
 */
export function BackupSection(_props: { accounts: Account[] }) {
  const [passphrase, setPassphrase] = useState<string | undefined>();
  const [pending, setPending] = useState<Pending | undefined>();
  const [message, setMessage] = useState<StatusText | undefined>();
  const [acknowledged, setAcknowledged] = useState(false);
  const { policy, loaded: policyLoaded } = useManagedPolicy();

  const exportVerified = async (request: Pending, accounts: Account[]) => {
    try {
      if (request.kind === 'encrypted') {
        const text = await exportEncryptedBackup(accounts, request.backupPassphrase);
        downloadText(dated('mfa-companion-backup', 'json'), text, 'application/json');
        // Only an encrypted backup made after the passphrase was proven counts for backup health.
        await recordBackup(localArea, 'encrypted');
        setMessage({ text: countText('options.exported', accounts.length), error: false });
      } else {
        // Asked again at the moment of export: a policy set while the page was open still forbids it.
        if (!unencryptedExportAllowed((await loadManagedPolicy()).policy)) {
          setMessage({ text: i18n.t('managed.exportOff'), error: true });
          return;
        }
        downloadText(dated('mfa-companion-otpauth-UNENCRYPTED', 'txt'), exportOtpauthList(accounts), 'text/plain');
        setAcknowledged(false);
      }
    } catch (caught) {
      setMessage({ text: describeError(caught), error: true });
    } finally {
      setPending(undefined);
    }
  };

  return (
    <section class="stack" aria-labelledby="backup-title">
      <h2 id="backup-title">{i18n.t('options.backup')}</h2>
      {pending ? (
        <PassphrasePrompt
          id="backup"
          prompt={pending.kind === 'encrypted' ? i18n.t('reveal.forBackup') : i18n.t('reveal.forPlainExport')}
          submitLabel={pending.kind === 'encrypted' ? i18n.t('options.exportEncrypted') : i18n.t('options.exportPlain')}
          onCancel={() => setPending(undefined)}
          onVerified={(accounts) => exportVerified(pending, accounts)}
        />
      ) : (
        <>
          <form
            class="stack"
            onSubmit={(event) => {
              event.preventDefault();
              if (!passphrase) return;
              setMessage(undefined);
              setPending({ kind: 'encrypted', backupPassphrase: passphrase });
            }}
          >
            <p class="note">{i18n.t('options.backupIntro')}</p>
            <NewPassphraseFields idPrefix="backup" onChange={setPassphrase} />
            <button type="submit" class="primary" disabled={!passphrase}>
              {i18n.t('options.exportEncrypted')}
            </button>
            <StatusMessage message={message} />
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
                  onClick={() => {
                    setMessage(undefined);
                    setPending({ kind: 'plain' });
                  }}
                >
                  {i18n.t('options.exportPlain')}
                </button>
              </div>
            </details>
          )}
        </>
      )}
    </section>
  );
}
