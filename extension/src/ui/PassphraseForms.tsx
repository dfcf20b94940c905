import { estimatePassphraseStrength, MIN_PASSPHRASE_LENGTH } from '@mfa-companion/vault';
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { describeError } from './errors';
import { countText } from './plural';

const STRENGTH_LABEL = {
  'too-short': () => i18n.t('passphrase.strength.tooShort'),
  weak: () => i18n.t('passphrase.strength.weak'),
  fair: () => i18n.t('passphrase.strength.fair'),
  strong: () => i18n.t('passphrase.strength.strong'),
  'very-strong': () => i18n.t('passphrase.strength.veryStrong'),
} as const;

const HINT_LABEL = {
  'use-more-words': () => i18n.t('passphrase.hint.moreWords'),
  'avoid-repeats': () => i18n.t('passphrase.hint.repeats'),
  'avoid-sequences': () => i18n.t('passphrase.hint.sequences'),
  'common-password': () => i18n.t('passphrase.hint.common'),
  'mix-character-kinds': () => i18n.t('passphrase.hint.mix'),
} as const;

/** New passphrase + confirmation with a live strength hint; used for first run, passphrase change and backups. */
export function NewPassphraseFields(props: { idPrefix: string; onChange: (passphrase: string | undefined) => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  /** Fields the user has left at least once: before that, advice is shown in grey, never as a fault. */
  const [left, setLeft] = useState({ passphrase: false, confirm: false });
  const estimate = estimatePassphraseStrength(passphrase);
  const mismatch =
    confirm !== '' && confirm !== passphrase && (left.confirm || [...confirm].length >= [...passphrase].length);
  const strengthQuiet = passphrase === '' || (!left.passphrase && [...passphrase].length < MIN_PASSPHRASE_LENGTH);
  const update = (next: string, nextConfirm: string) => {
    setPassphrase(next);
    setConfirm(nextConfirm);
    props.onChange([...next].length >= MIN_PASSPHRASE_LENGTH && next === nextConfirm ? next : undefined);
  };
  const meterId = `${props.idPrefix}-strength`;
  return (
    <>
      <label for={`${props.idPrefix}-new`}>{i18n.t('passphrase.new')}</label>
      <input
        id={`${props.idPrefix}-new`}
        type="password"
        autocomplete="new-password"
        required
        minLength={MIN_PASSPHRASE_LENGTH}
        value={passphrase}
        aria-describedby={meterId}
        onBlur={() => passphrase !== '' && setLeft((current) => ({ ...current, passphrase: true }))}
        onInput={(event) => update(event.currentTarget.value, confirm)}
      />
      <p
        id={meterId}
        class={`strength strength-${estimate.strength}${strengthQuiet ? ' untouched' : ''}`}
        aria-live="polite"
      >
        {passphrase === ''
          ? countText('passphrase.minLength', MIN_PASSPHRASE_LENGTH)
          : STRENGTH_LABEL[estimate.strength]()}
        {passphrase !== '' &&
          estimate.hints.length > 0 &&
          ` — ${estimate.hints.map((hint) => HINT_LABEL[hint]()).join(' ')}`}
      </p>
      <label for={`${props.idPrefix}-confirm`}>{i18n.t('passphrase.confirm')}</label>
      <input
        id={`${props.idPrefix}-confirm`}
        type="password"
        autocomplete="new-password"
        required
        value={confirm}
        aria-invalid={mismatch}
        aria-describedby={mismatch ? `${props.idPrefix}-mismatch` : undefined}
        onBlur={() => confirm !== '' && setLeft((current) => ({ ...current, confirm: true }))}
        onInput={(event) => update(passphrase, event.currentTarget.value)}
      />
      {mismatch && (
        <p id={`${props.idPrefix}-mismatch`} class="error" role="alert">
          {i18n.t('passphrase.mismatch')}
        </p>
      )}
    </>
  );
}

export function CreateVaultForm(props: { onCreate: (passphrase: string) => Promise<void> }) {
  const [passphrase, setPassphrase] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      class="stack"
      aria-labelledby="create-title"
      onSubmit={async (event) => {
        event.preventDefault();
        if (!passphrase) return;
        setBusy(true);
        setError(undefined);
        try {
          await props.onCreate(passphrase);
        } catch (caught) {
          setError(describeError(caught));
          setBusy(false);
        }
      }}
    >
      <h1 id="create-title">{i18n.t('firstRun.title')}</h1>
      <p>{i18n.t('firstRun.intro')}</p>
      <NewPassphraseFields idPrefix="create" onChange={setPassphrase} />
      <p class="note">{i18n.t('firstRun.warning')}</p>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={!passphrase || busy} aria-busy={busy}>
        {busy ? i18n.t('firstRun.creating') : i18n.t('firstRun.create')}
      </button>
    </form>
  );
}

/**
 * `offer`: another way to unlock shown first, under the heading (the popup's passkey button). `mark`: drawn in
 * the heading before its text, where the heading is the page's only title (the locked popup: the heading already
 * names the product, so a separate brand bar would say it twice).
 */
export function UnlockForm(props: {
  onUnlock: (passphrase: string) => Promise<void>;
  offer?: ComponentChildren;
  mark?: ComponentChildren;
}) {
  const [passphrase, setPassphrase] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      class="stack"
      aria-labelledby="unlock-title"
      onSubmit={async (event) => {
        event.preventDefault();
        setBusy(true);
        setError(undefined);
        try {
          await props.onUnlock(passphrase);
        } catch (caught) {
          setError(describeError(caught));
          setBusy(false);
        }
      }}
    >
      <h1 id="unlock-title" class={props.mark ? 'brand-bar brand-name' : undefined}>
        {props.mark}
        {i18n.t('unlock.title')}
      </h1>
      {props.offer}
      <label for="unlock-passphrase">{i18n.t('unlock.passphrase')}</label>
      <input
        id="unlock-passphrase"
        type="password"
        autocomplete="current-password"
        autofocus
        required
        value={passphrase}
        aria-invalid={error !== undefined}
        aria-describedby={error ? 'unlock-error' : undefined}
        onInput={(event) => setPassphrase(event.currentTarget.value)}
      />
      {error && (
        <p id="unlock-error" class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy || passphrase === ''} aria-busy={busy}>
        {busy ? i18n.t('unlock.unlocking') : i18n.t('unlock.submit')}
      </button>
    </form>
  );
}
