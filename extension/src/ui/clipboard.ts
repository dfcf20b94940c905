import { browser } from 'wxt/browser';

/** Message the popup sends so the background clears the clipboard later, even after the popup closed. */
export interface ClearClipboardMessage {
  type: 'vault:clear-clipboard';
  code: string;
  delayMs: number;
}

export async function copyCode(code: string, clearAfterSeconds: number): Promise<void> {
  await navigator.clipboard.writeText(code);
  if (clearAfterSeconds > 0) {
    const message: ClearClipboardMessage = { type: 'vault:clear-clipboard', code, delayMs: clearAfterSeconds * 1000 };
    await browser.runtime.sendMessage(message).catch(() => undefined);
  }
}
