import { browser } from 'wxt/browser';
import { webOrigin } from '../vault/sites';

/** The tab the popup was opened over (its origin is visible thanks to activeTab). */
export async function activeWebTab(): Promise<{ id?: number; windowId?: number; origin?: string }> {
  try {
    const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true, windowType: 'normal' });
    if (!tab) return {};
    const result: { id?: number; windowId?: number; origin?: string } = {};
    if (tab.id !== undefined) result.id = tab.id;
    if (tab.windowId !== undefined) result.windowId = tab.windowId;
    const origin = webOrigin(tab.url);
    if (origin) result.origin = origin;
    return result;
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
