import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { LogoMark } from '../ui/icons';
import { AccountChooser } from './AccountChooser';
import type { ChooserOption, ChooserPickMessage, ChooserQueryMessage, ChooserQueryReply } from './messages';

/** The pending choice this window was opened for (`?request=`): a random id the background keeps in session memory. */
function requestId(): string {
  return new URLSearchParams(globalThis.location?.search ?? '').get('request') ?? '';
}

/**
 * The chooser window: asks the background what to offer, sends the pick back (the background then fills the
 * frame, re-checking the binding), and closes. Escape or Cancel closes it without filling.
 */
export function ChooserWindow() {
  const request = requestId();
  const [offer, setOffer] = useState<{ host: string; options: ChooserOption[] } | undefined>();
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const query: ChooserQueryMessage = { type: 'autofill:chooser-query', request };
    browser.runtime.sendMessage(query).then(
      (reply: ChooserQueryReply | undefined) => {
        if (reply && 'options' in reply) setOffer(reply);
        else setProblem(i18n.t('autofill.chooserExpired'));
      },
      () => setProblem(i18n.t('autofill.chooserExpired')),
    );
  }, []);

  const finish = async (accountId?: string) => {
    setBusy(true);
    const pick: ChooserPickMessage = accountId
      ? { type: 'autofill:chooser-pick', request, accountId }
      : { type: 'autofill:chooser-pick', request };
    // The background fills once this window is gone: focus goes back to the page first.
    await browser.runtime.sendMessage(pick).catch(() => undefined);
    window.close();
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') void finish();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <main class="popup chooser-window">
      <header class="brand-bar">
        <LogoMark />
        <h1 class="brand-name">{i18n.t('autofill.chooserWindowTitle')}</h1>
      </header>
      {problem && (
        <>
          <p role="alert">{problem}</p>
          <div class="buttons">
            <button type="button" class="primary" onClick={() => window.close()}>
              {i18n.t('common.close')}
            </button>
          </div>
        </>
      )}
      {offer && (
        <AccountChooser
          host={offer.host}
          options={offer.options}
          busy={busy}
          onChoose={(id) => void finish(id)}
          onCancel={() => void finish()}
        />
      )}
    </main>
  );
}
