import { browser } from 'wxt/browser';
import { clearClipboardIfHolds } from '../../src/vault/clipboard-clear';

// Chrome's offscreen document: service workers have no clipboard, this page does.
browser.runtime.onMessage.addListener((message: unknown) => {
  const request = message as { type?: string; code?: string };
  if (request.type !== 'vault:offscreen-clear-clipboard' || typeof request.code !== 'string') return undefined;
  return Promise.resolve(clearClipboardIfHolds(request.code, document));
});
