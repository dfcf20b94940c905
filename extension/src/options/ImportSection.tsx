import { type Account, applyImport, type ImportPreview, parseImport, previewImport } from '@mfa-companion/vault';
import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { withIssuerSites } from '../managed/effective';
import { useManagedPolicy } from '../managed/useManagedPolicy';
import { describeError } from '../ui/errors';
import { ImportPreviewView } from '../ui/ImportPreviewView';
import { siteChoiceKey } from '../ui/ImportSiteChoices';
import { countText } from '../ui/plural';
import { StatusMessage, type StatusText } from '../ui/StatusMessage';
import { vaultStore } from '../vault/browser-store';

export function ImportSection(props: { accounts: Account[]; onImported(): Promise<void> }) {
  const [file, setFile] = useState<File | undefined>();
  const [passphrase, setPassphrase] = useState('');
  const [preview, setPreview] = useState<ImportPreview | undefined>();
  /** Sites the user unticked in the preview (siteChoiceKey): not bound. */
  const [excludedSites, setExcludedSites] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState<StatusText | undefined>();
  const [busy, setBusy] = useState(false);
  const { policy } = useManagedPolicy();
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setMessage(undefined);
    try {
      await work();
    } catch (caught) {
      setMessage({ text: describeError(caught), error: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="stack" aria-labelledby="import-title">
      <h2 id="import-title">{i18n.t('options.import')}</h2>
      <p class="note">{i18n.t('options.importIntro')}</p>
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          if (!file) return;
          void run(async () => {
            setPreview(undefined);
            // The file's bytes: binary exports (encrypted andOTP) and text in any encoding are told apart by the importer.
            const bytes = new Uint8Array(await file.arrayBuffer());
            const parsed = await parseImport(bytes, passphrase ? { passphrase } : {});
            setExcludedSites(new Set());
            setPreview(previewImport(props.accounts, parsed));
          });
        }}
      >
        <label for="import-file">{i18n.t('options.importFile')}</label>
        <input
          id="import-file"
          type="file"
          accept=".json,.txt,.csv,.2fas,.aes,.maFile,.bin,text/plain,text/csv,application/json,application/octet-stream"
          onChange={(event) => {
            setFile(event.currentTarget.files?.[0]);
            setPreview(undefined);
          }}
        />
        <label for="import-passphrase">{i18n.t('options.importPassphrase')}</label>
        <input
          id="import-passphrase"
          type="password"
          autocomplete="off"
          value={passphrase}
          onInput={(event) => setPassphrase(event.currentTarget.value)}
        />
        <button type="submit" disabled={!file || busy} aria-busy={busy}>
          {i18n.t('options.importRead')}
        </button>
      </form>
      {preview && (
        <div class="stack">
          <ImportPreviewView
            preview={preview}
            excludedSites={excludedSites}
            onSiteChange={(accountId, site, bound) => {
              const next = new Set(excludedSites);
              if (bound) next.delete(siteChoiceKey(accountId, site));
              else next.add(siteChoiceKey(accountId, site));
              setExcludedSites(next);
            }}
          />
          <button
            type="button"
            class="primary"
            disabled={busy || preview.toAdd.length === 0}
            onClick={() =>
              void run(async () => {
                const chosen = preview.toAdd.map((account) => ({
                  ...account,
                  sites: account.sites.filter((site) => !excludedSites.has(siteChoiceKey(account.id, site))),
                }));
                // New accounts of an issuer the organisation lists get its sites bound.
                const toAdd = withIssuerSites(chosen, policy);
                // Applied to the vault as stored now (another page may have changed it since the preview).
                await vaultStore().update((stored) => applyImport(stored, { ...preview, toAdd }));
                setMessage({ text: countText('options.imported', preview.toAdd.length), error: false });
                setPreview(undefined);
                await props.onImported();
              })
            }
          >
            {preview.toAdd.length === 0
              ? i18n.t('options.nothingToImport')
              : countText('options.importConfirm', preview.toAdd.length)}
          </button>
        </div>
      )}
      <StatusMessage message={message} />
    </section>
  );
}
