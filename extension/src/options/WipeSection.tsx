import { useState } from 'preact/hooks';
import { i18n } from '#i18n';
import { vaultStore } from '../vault/browser-store';

export function WipeSection(props: { onWiped(): Promise<void> }) {
  const [typed, setTyped] = useState('');
  return (
    <section class="stack" aria-labelledby="danger-title">
      <h2 id="danger-title">{i18n.t('options.danger')}</h2>
      <form
        class="stack"
        onSubmit={async (event) => {
          event.preventDefault();
          if (typed.trim() !== i18n.t('options.wipeWord')) return;
          await vaultStore().wipe();
          setTyped('');
          await props.onWiped();
        }}
      >
        <label for="wipe-confirm">{i18n.t('options.wipeConfirm')}</label>
        <input
          id="wipe-confirm"
          autocomplete="off"
          value={typed}
          onInput={(event) => setTyped(event.currentTarget.value)}
        />
        <button type="submit" class="danger" disabled={typed.trim() !== i18n.t('options.wipeWord')}>
          {i18n.t('options.wipe')}
        </button>
      </form>
    </section>
  );
}
