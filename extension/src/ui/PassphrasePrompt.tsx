import type { Account } from '@mfa-companion/vault';
import { useEffect, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { vaultStore } from '../vault/browser-store';
import { describeError } from './errors';

/**
 * The one gate in front of everything that reveals secrets (encrypted backup, plain export, phone QR code, phone
 * transfer): the vault passphrase typed again and proved with the slow KDF by `VaultStore.verifyPassphrase`, the one
 * verification function. Being at an unlocked browser is not enough. What is revealed is built from the accounts
 * that passphrase decrypted (`onVerified`), never from what the page already held. Nothing is stored.
 */
export function PassphrasePrompt(props: {
  /** Unique per page: ids of the field and its error. */
  id: string;
  /** What is about to be revealed, in a sentence. */
  prompt: string;
  submitLabel: string;
  onVerified(accounts: Account[]): void | Promise<void>;
  onCancel(): void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const fieldId = `${props.id}-passphrase`;
  const errorId = `${props.id}-passphrase-error`;
  return (
    <form
      class="stack"
      data-passphrase-prompt={props.id}
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setError(undefined);
        try {
          const accounts = await vaultStore().verifyPassphrase(passphrase);
          setPassphrase('');
          await props.onVerified(accounts);
        } catch (caught) {
          setPassphrase('');
          setError(describeError(caught));
          input.current?.focus();
        } finally {
          setBusy(false);
        }
      }}
    >
      <p>{props.prompt}</p>
      <label for={fieldId}>{i18n.t('reveal.passphraseLabel')}</label>
      <input
        id={fieldId}
        ref={input}
        type="password"
        autocomplete="current-password"
        value={passphrase}
        aria-invalid={error !== undefined}
        aria-describedby={error ? errorId : undefined}
        onInput={(event) => setPassphrase(event.currentTarget.value)}
      />
      {error && (
        <p id={errorId} class="error" role="alert">
          {error}
        </p>
      )}
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy || passphrase === ''} aria-busy={busy}>
          {props.submitLabel}
        </button>
        <button type="button" onClick={props.onCancel}>
          {i18n.t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
