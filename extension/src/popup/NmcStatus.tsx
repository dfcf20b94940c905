import { useCallback, useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { NmcRequest, NmcTabState } from '../nmc/types';
import {
  cardSummary,
  describeFinding,
  fixSteps,
  headline,
  pagesNote,
  signInLines,
  visibleFindings,
} from '../nmc/wording';
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

  if (!state || tabId === undefined || !readsAsNmc(state)) return null;

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
      <NmcStateBody state={state} tabId={tabId} />
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

/**
 * The card belongs only on a page that reads as an NMC Web UI, or on a host the admin watches: never on a code host,
 * a bank or a browser page. A page the checker already runs in (checked or watched) has its own state.
 */
export function readsAsNmc(state: NmcTabState): boolean {
  if (state.kind === 'unsupported') return false;
  if (state.kind === 'not-checked') return state.watched || state.looksLikeNmc;
  return true;
}

/**
 * "Copy page structure for a bug report": the content script builds it (labels and shapes, every value replaced by
 * a placeholder) and hands it to this popup, which puts it on the clipboard. Nothing is sent anywhere.
 */
function CopyStructure({ tabId }: { tabId: number }) {
  const [done, setDone] = useState<'copied' | 'failed'>();
  const copy = async () => {
    try {
      const reply = (await browser.tabs.sendMessage(tabId, { type: 'nmc:get-structure' })) as { text?: string };
      if (typeof reply?.text !== 'string') throw new Error('no structure');
      await navigator.clipboard.writeText(reply.text);
      setDone('copied');
    } catch {
      setDone('failed');
    }
  };
  return (
    <div class="nmc-structure">
      <button type="button" onClick={() => void copy()}>
        {i18n.t('nmc.popup.copyStructure')}
      </button>
      <p class="hint">{i18n.t('nmc.popup.copyStructureHint')}</p>
      {done && <p role="status">{i18n.t(done === 'copied' ? 'nmc.popup.copied' : 'nmc.popup.copyFailed')}</p>}
    </div>
  );
}

function NmcStateBody({ state, tabId }: { state: NmcTabState; tabId: number }) {
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
  // The confirmation page shows values not saved yet: the saved verdict would contradict it, so only "apply first".
  const result = state.kind === 'confirm' ? undefined : state.result;
  const card = result ? cardSummary(result) : undefined;
  return (
    <>
      {host}
      {state.kind === 'login' && (
        <div class="nmc-login" data-emailed-code={String(state.emailedCodeStep)}>
          <p>{i18n.t('nmc.popup.login')}</p>
          <p class="nmc-emailed-code">{i18n.t('nmc.popup.emailedCode')}</p>
        </div>
      )}
      {state.kind === 'not-understood' && (
        <>
          <p class="nmc-not-understood">{i18n.t('nmc.popup.notUnderstood')}</p>
          <CopyStructure tabId={tabId} />
        </>
      )}
      {state.kind === 'no-user-list' && <p>{i18n.t('nmc.popup.noUserList')}</p>}
      {state.kind === 'confirm' && (
        <div class="nmc-verdict pending" data-status="pending">
          <p class="nmc-headline">
            <strong>{i18n.t('nmc.headline.pending')}</strong>
          </p>
          <p>{i18n.t('nmc.popup.pending')}</p>
        </div>
      )}
      {card && <p class="nmc-card">{i18n.t('nmc.popup.card', [card])}</p>}
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
          {signInLines(result).length > 0 && (
            <ul class="nmc-sign-in">
              {signInLines(result).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          )}
          <p>{i18n.t('nmc.popup.usersKnown', [String(result.usersKnown)])}</p>
        </div>
      )}
      {watching}
    </>
  );
}
