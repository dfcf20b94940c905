import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { describeError } from '../ui/errors';
import { NewPassphraseFields } from '../ui/PassphraseForms';
import { StatusMessage, type StatusText } from '../ui/StatusMessage';
import { vaultStore } from '../vault/browser-store';

export function ChangePassphraseSection() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<string | undefined>();
  const [message, setMessage] = useState<StatusText | undefined>();
  const [busy, setBusy] = useState(false);
  const [generation, setGeneration] = useState(0);
  return (
    <section>
      <form
        class="stack"
        aria-labelledby="change-title"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!next) return;
          setBusy(true);
          setMessage(undefined);
          try {
            await vaultStore().changePassphrase(current, next);
            setMessage({ text: i18n.t('options.passphraseChanged'), error: false });
            setCurrent('');
            setGeneration(generation + 1);
          } catch (caught) {
            setMessage({ text: describeError(caught), error: true });
          } finally {
            setBusy(false);
          }
        }}
      >
        <h2 id="change-title">{i18n.t('options.changePassphrase')}</h2>
        <label for="change-current">{i18n.t('options.currentPassphrase')}</label>
        <input
          id="change-current"
          type="password"
          autocomplete="current-password"
          value={current}
          onInput={(event) => setCurrent(event.currentTarget.value)}
        />
        <NewPassphraseFields key={generation} idPrefix="change" onChange={setNext} />
        <StatusMessage message={message} />
        <button type="submit" disabled={busy || !next || current === ''} aria-busy={busy}>
          {i18n.t('options.changePassphrase')}
        </button>
      </form>
    </section>
  );
}
