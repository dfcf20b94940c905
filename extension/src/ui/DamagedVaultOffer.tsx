import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { describeError } from './errors';

/**
 * Shown when unlocking finds the stored vault damaged while the copy kept before the last change opens with the
 * same passphrase (VaultStoreError DAMAGED). Nothing has been written: the previous copy replaces the damaged one
 * only when the user says so here.
 */
export function DamagedVaultOffer(props: { onRestore(): Promise<void>; onCancel(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  return (
    <section class="stack" aria-labelledby="damaged-title">
      <h1 id="damaged-title">{i18n.t('damaged.title')}</h1>
      <p>{i18n.t('damaged.explain')}</p>
      <p class="note">{i18n.t('damaged.loss')}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <div class="buttons">
        <button
          type="button"
          class="primary"
          disabled={busy}
          aria-busy={busy}
          onClick={async () => {
            setBusy(true);
            setError(undefined);
            try {
              await props.onRestore();
            } catch (caught) {
              setError(describeError(caught));
              setBusy(false);
            }
          }}
        >
          {i18n.t('damaged.restore')}
        </button>
        <button type="button" disabled={busy} onClick={props.onCancel}>
          {i18n.t('common.cancel')}
        </button>
      </div>
    </section>
  );
}
