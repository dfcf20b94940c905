import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { FillActiveTabMessage, FillReport } from '../autofill/messages';
import { fillActiveTab } from '../autofill/site-access';
import { tabIdFromQuery } from './tab';

/**
 * Fills the page the popup is about. Normally that is the active tab (`fillActiveTab`); a popup opened in a tab
 * of its own with `?tabId=` acts on the tab it names instead, through the same background message.
 */
export async function fillPopupTarget(accountId?: string): Promise<FillReport> {
  const named = tabIdFromQuery();
  let reply: unknown;
  if (named === undefined) {
    reply = await fillActiveTab(accountId);
  } else {
    const message: FillActiveTabMessage = { type: 'autofill:fill-active-tab', tabId: named };
    if (accountId) message.accountId = accountId;
    reply = await browser.runtime.sendMessage(message);
  }
  // The background answers `{ error }` when something threw on its side: never mistake that for a report.
  const outcome = (reply as Partial<FillReport> | undefined)?.outcome;
  if (typeof outcome !== 'string') throw new Error(i18n.t('autofill.popup.failed'));
  return reply as FillReport;
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
      return {
        tone: 'done',
        text: accountName ? i18n.t('autofill.popup.filled', [accountName]) : i18n.t('autofill.popup.filledAny'),
      };
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
