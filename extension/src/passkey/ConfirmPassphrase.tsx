import { useEffect, useRef, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { describeError } from '../ui/errors';

/**
 * Asks for the vault passphrase again before a sensitive change and hands it to `onConfirm` (which proves it with
 * the full KDF). A small stand-alone form so it can later give way to a shared re-prompt component.
 */
export function ConfirmPassphrase(props: {
  idPrefix: string;
  intro: string;
  submitLabel: string;
  busyLabel: string;
  onConfirm(passphrase: string): Promise<void>;
  onCancel(): void;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  const inputId = `${props.idPrefix}-passphrase`;
  return (
    <form
      class="stack"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setError(undefined);
        try {
          await props.onConfirm(passphrase);
          setPassphrase('');
        } catch (caught) {
          setPassphrase('');
          setError(describeError(caught));
          input.current?.focus();
        } finally {
          setBusy(false);
        }
      }}
    >
      <p class="note">{props.intro}</p>
      <label for={inputId}>{i18n.t('passkey.confirmPassphrase')}</label>
      <input
        id={inputId}
        ref={input}
        type="password"
        autocomplete="current-password"
        value={passphrase}
        aria-invalid={error !== undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        onInput={(event) => setPassphrase(event.currentTarget.value)}
      />
      {error && (
        <p id={`${inputId}-error`} class="error" role="alert">
          {error}
        </p>
      )}
      <div class="buttons">
        <button type="submit" class="primary" disabled={busy || passphrase === ''} aria-busy={busy}>
          {busy ? props.busyLabel : props.submitLabel}
        </button>
        <button type="button" onClick={props.onCancel} disabled={busy}>
          {i18n.t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
