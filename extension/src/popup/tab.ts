import { looksLikeNmcUrl } from '@mfa-companion/policy';
import { browser } from 'wxt/browser';
import { webOrigin } from '../vault/sites';

export interface PopupTab {
  id?: number;
  windowId?: number;
  origin?: string;
  /** The page's address reads as an NMC Web UI: the popup shows the NMC card first and no fill box there. */
  looksLikeNmc?: boolean;
}

/**
 * A tab named by `?tabId=`: lets the popup be opened in a tab of its own (keyboard users, end-to-end tests) and
 * still act on a given page.
 */
export function tabIdFromQuery(): number | undefined {
  const fromQuery = Number(new URLSearchParams(globalThis.location?.search ?? '').get('tabId'));
  return Number.isInteger(fromQuery) && fromQuery > 0 ? fromQuery : undefined;
}

function describeTab(tab: Browser.tabs.Tab | undefined): PopupTab {
  if (!tab) return {};
  const result: PopupTab = {};
  if (tab.id !== undefined) result.id = tab.id;
  if (tab.windowId !== undefined) result.windowId = tab.windowId;
  const origin = webOrigin(tab.url);
  if (origin) result.origin = origin;
  if (tab.url && looksLikeNmcUrl(tab.url)) result.looksLikeNmc = true;
  return result;
}

/**
 * The tab the popup was opened over (its origin is visible thanks to activeTab), or the one `?tabId=` names.
 * public/popup-prefetch.js starts this same query while the page is still parsed; the first call uses its answer.
 */
export async function activeWebTab(): Promise<PopupTab> {
  const early = globalThis as { __mfaTab?: Promise<Browser.tabs.Tab | null | undefined> };
  const prefetched = early.__mfaTab;
  early.__mfaTab = undefined;
  if (prefetched) return describeTab((await prefetched) ?? undefined);
  try {
    const named = tabIdFromQuery();
    if (named !== undefined) return describeTab(await browser.tabs.get(named));
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true, windowType: 'normal' });
    return describeTab(tab);
  } catch {
    return {};
  }
}

/** A PNG of what the user sees in that window's active tab (needs the activeTab grant of the popup click). */
export async function captureVisibleTab(windowId: number | undefined): Promise<Blob> {
  const dataUrl =
    windowId === undefined
      ? await browser.tabs.captureVisibleTab({ format: 'png' })
      : await browser.tabs.captureVisibleTab(windowId, { format: 'png' });
  return dataUrlToBlob(dataUrl);
}

/** Decoded locally rather than with fetch(): the extension makes no requests, not even to data: URLs. */
export function dataUrlToBlob(dataUrl: string): Blob {
  const [header = '', data = ''] = dataUrl.split(',', 2);
  const type = /^data:([^;,]+)/.exec(header)?.[1] ?? 'application/octet-stream';
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return new Blob([bytes], { type });
}
