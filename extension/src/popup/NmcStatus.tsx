import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { NmcRequest, NmcTabState } from '../nmc/types';
import { describeFinding, fixSteps, headline, pagesNote, visibleFindings } from '../nmc/wording';
import { originPattern } from '../origin-pattern';
import { tabIdFromQuery } from './tab';

/** The tab this popup is about: the active tab, or the one `?tabId=` names. */
async function targetTabId(): Promise<number | undefined> {
  const named = tabIdFromQuery();
  if (named !== undefined) return named;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id;
}

async function send(request: NmcRequest): Promise<unknown> {
  return browser.runtime.sendMessage(request);
}

export function NmcStatus() {
  const [tabId, setTabId] = useState<number>();
  const [state, setState] = useState<NmcTabState>();
  const [problem, setProblem] = useState<string>();

  const [hasAccess, setHasAccess] = useState<boolean>();

  const refresh = useCallback(async (id: number) => {
    const reply = (await send({ type: 'nmc:tab-status', tabId: id })) as NmcTabState & { error?: string };
    setState(reply.error ? { kind: 'unsupported' } : reply);
    if (!reply.error && reply.kind !== 'unsupported') {
      setHasAccess(await browser.permissions.contains({ origins: [originPattern(reply.origin)] }).catch(() => false));
    }
  }, []);

  useEffect(() => {
    void targetTabId().then((id) => {
      if (id === undefined) return setState({ kind: 'unsupported' });
      setTabId(id);
      return refresh(id);
    });
  }, [refresh]);

  if (!state || tabId === undefined) return null;

  const checkPage = async () => {
    setProblem(undefined);
    const reply = (await send({ type: 'nmc:check-tab', tabId })) as NmcTabState & { error?: string };
    if (reply.error) return setProblem(i18n.t('nmc.popup.checkFailed'));
    setState(reply);
  };

  const toggleWatch = async (origin: string, watched: boolean) => {
    setProblem(undefined);
    if (watched) {
      await send({ type: 'nmc:unwatch', origin });
    } else {
      const origins = [originPattern(origin)];
      // Known before the click: the request must be the click's first call for the browser to show its prompt.
      const alreadyGranted = hasAccess === true;
      // Asked from the click itself: the browser shows its prompt for exactly this origin, nothing wider.
      const granted = alreadyGranted || (await browser.permissions.request({ origins }).catch(() => false));
      if (!granted) return setProblem(i18n.t('nmc.popup.permissionDenied'));
      await send({ type: 'nmc:watch', origin, tabId, grantedForWatch: !alreadyGranted });
    }
    await refresh(tabId);
  };

  return (
    <section class="nmc-status" aria-labelledby="nmc-status-heading" data-state={state.kind}>
      <h2 id="nmc-status-heading">{i18n.t('nmc.popup.heading')}</h2>
      <NmcStateBody state={state} />
      {problem && <p role="alert">{problem}</p>}
      {state.kind !== 'unsupported' && (
        <div class="nmc-actions">
          {state.kind === 'not-checked' && (
            <button type="button" onClick={() => void checkPage()}>
              {i18n.t('nmc.popup.checkPage')}
            </button>
          )}
          <button type="button" onClick={() => void toggleWatch(state.origin, state.watched)}>
            {state.watched ? i18n.t('nmc.popup.unwatch') : i18n.t('nmc.popup.watch')}
          </button>
        </div>
      )}
    </section>
  );
}

function NmcStateBody({ state }: { state: NmcTabState }) {
  if (state.kind === 'unsupported') return <p>{i18n.t('nmc.popup.unsupported')}</p>;
  const host = <p class="nmc-host">{i18n.t('nmc.popup.host', [state.origin])}</p>;
  const watching = state.watched ? <p>{i18n.t('nmc.popup.watching')}</p> : null;
  if (state.kind === 'not-checked') {
    return (
      <>
        {host}
        <p>{i18n.t('nmc.popup.notChecked')}</p>
        {watching}
      </>
    );
  }
  const result = state.result;
  return (
    <>
      {host}
      {state.kind === 'no-user-list' && <p>{i18n.t('nmc.popup.noUserList')}</p>}
      {result && (
        <div class={`nmc-verdict ${result.evaluation.status}`} data-status={result.evaluation.status}>
          <p class="nmc-headline">
            <strong>{headline(result)}</strong>
          </p>
          {pagesNote(result) && <p>{pagesNote(result)}</p>}
          <ul>
            {visibleFindings(result).map((finding) => (
              <li key={`${finding.code}:${finding.user ?? ''}`}>{describeFinding(finding, result)}</li>
            ))}
          </ul>
          {result.evaluation.status === 'at-risk' && (
            <ol>
              {fixSteps().map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ol>
          )}
          <p>{i18n.t('nmc.popup.usersKnown', [String(result.usersKnown)])}</p>
        </div>
      )}
      {watching}
    </>
  );
}
