import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { DescribeTabMessage, FillActiveTabMessage, FillReport, PageStep } from '../autofill/messages';
import { fillActiveTab } from '../autofill/site-access';
import { deliveredNotice } from '../autofill/wording';
import { tabIdFromQuery } from './tab';

/**
 * Fills the page the popup is about. Normally that is the active tab (`fillActiveTab`); a popup opened in a tab
 * of its own with `?tabId=` acts on the tab it names instead, through the same background message.
 */
export async function fillPopupTarget(accountId?: string, appendCode?: 'after' | 'before'): Promise<FillReport> {
  const named = tabIdFromQuery();
  let reply: unknown;
  if (named === undefined && !appendCode) {
    reply = await fillActiveTab(accountId);
  } else {
    const message: FillActiveTabMessage = { type: 'autofill:fill-active-tab' };
    const tabId = named ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (tabId !== undefined) message.tabId = tabId;
    if (accountId) message.accountId = accountId;
    if (appendCode) message.appendCode = appendCode;
    reply = await browser.runtime.sendMessage(message);
  }
  // The background answers `{ error }` when something threw on its side: never mistake that for a report.
  const outcome = (reply as Partial<FillReport> | undefined)?.outcome;
  if (typeof outcome !== 'string') throw new Error(i18n.t('autofill.popup.failed'));
  return reply as FillReport;
}

/**
 * What the page the popup is about asks for (the step model, read in the page by the background), or undefined
 * when the page cannot be reached. Asked after the first paint: the list never waits for it.
 */
export async function describePopupTarget(tabId: number | undefined): Promise<PageStep | undefined> {
  const message: DescribeTabMessage = { type: 'autofill:describe-tab' };
  const named = tabIdFromQuery() ?? tabId;
  if (named !== undefined) message.tabId = named;
  try {
    const reply = (await browser.runtime.sendMessage(message)) as Partial<PageStep> | undefined;
    return typeof reply?.kind === 'string' ? (reply as PageStep) : undefined;
  } catch {
    return undefined;
  }
}

export type FillNoticeTone = 'done' | 'info' | 'warning';

export interface FillNotice {
  tone: FillNoticeTone;
  text: string;
}

/** The host the user recognises (`accounts.example.com`, `192.168.1.20:8080`), from an origin. */
export function hostOf(origin: string | undefined): string {
  if (!origin) return '';
  try {
    return new URL(origin).host;
  } catch {
    return origin;
  }
}

/**
 * What the popup says about a fill report, in the user's language. `no-account` for a chosen account is not
 * described here: the popup offers to bind that account instead.
 */
export function describeFillReport(report: FillReport, accountName: string | undefined, pageHost: string): FillNotice {
  const host = hostOf(report.frameOrigin) || pageHost;
  switch (report.outcome) {
    case 'filled':
      if (report.appended && accountName) {
        const key = report.appended === 'before' ? 'autofill.popup.appendedBefore' : 'autofill.popup.appended';
        return { tone: 'done', text: i18n.t(key, [accountName]) };
      }
      return {
        tone: 'done',
        text: accountName ? i18n.t('autofill.popup.filled', [accountName]) : i18n.t('autofill.popup.filledAny'),
      };
    case 'delivered':
      return { tone: 'info', text: deliveredNotice(report.channel) };
    case 'password-empty':
      return { tone: 'info', text: i18n.t('autofill.typePasswordFirst') };
    case 'choose':
      return { tone: 'info', text: i18n.t('autofill.popup.choose', [host]) };
    case 'choosing':
      return { tone: 'info', text: i18n.t('autofill.popup.choosing') };
    case 'chooser-dismissed':
      return { tone: 'info', text: i18n.t('autofill.popup.chooserDismissed') };
    case 'no-field':
      return { tone: 'info', text: i18n.t('autofill.noField') };
    case 'no-account':
      return { tone: 'info', text: i18n.t('autofill.popup.noAccount', [host]) };
    case 'lookalike':
      return {
        tone: 'warning',
        text: report.resembles
          ? i18n.t('autofill.popup.lookalikeOf', [host, report.resembles])
          : i18n.t('autofill.popup.lookalike', [host]),
      };
    case 'insecure':
      return { tone: 'warning', text: i18n.t('autofill.popup.insecure', [host]) };
    case 'unsupported':
      return { tone: 'info', text: i18n.t('autofill.unsupported') };
    case 'locked':
      return { tone: 'info', text: i18n.t('autofill.locked') };
    case 'fill-failed':
      return { tone: 'warning', text: i18n.t('autofill.fillFailed') };
    case 'no-access':
      return { tone: 'info', text: i18n.t('autofill.popup.noAccess') };
  }
}
