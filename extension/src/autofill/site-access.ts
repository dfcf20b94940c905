import { originPattern } from '../origin-pattern';
import type { FillActiveTabMessage, FillReport, SetAlwaysDetectMessage } from './messages';

/**
 * What extension pages (popup, options) call for autofill. Permission requests must run in the page that
 * received the click (they need a user gesture), so they live here rather than in the background.
 */

/** The popup's "fill" button: fills the active tab, with `accountId` if given, only where that account is bound. */
export async function fillActiveTab(accountId?: string): Promise<FillReport> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const message: FillActiveTabMessage = { type: 'autofill:fill-active-tab' };
  if (accountId) message.accountId = accountId;
  if (tab?.id !== undefined) message.tabId = tab.id;
  return browser.runtime.sendMessage(message) as Promise<FillReport>;
}

/**
 * "Always detect on this site": asks for that one origin's host permission, then lets the background register
 * the content script there (for the in-field button). Resolves false when the user declines.
 */
export async function enableAlwaysDetect(origin: string): Promise<boolean> {
  const granted = await browser.permissions.request({ origins: [originPattern(origin)] });
  if (!granted) return false;
  const message: SetAlwaysDetectMessage = { type: 'autofill:set-always-detect', origin, enabled: true };
  const reply = (await browser.runtime.sendMessage(message)) as { enabled?: boolean } | undefined;
  return reply?.enabled === true;
}

/** Turns it off and gives the permission back. */
export async function disableAlwaysDetect(origin: string): Promise<void> {
  const message: SetAlwaysDetectMessage = { type: 'autofill:set-always-detect', origin, enabled: false };
  await browser.runtime.sendMessage(message);
  await browser.permissions.remove({ origins: [originPattern(origin)] }).catch(() => false);
}
