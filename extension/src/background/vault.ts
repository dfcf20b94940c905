import { browser } from 'wxt/browser';
import { CLIPBOARD_CLEAR_PERMISSION } from '../browser-support';
import type { ClearClipboardMessage } from '../ui/clipboard';
import { readSettings, sessionArea, vaultStore } from '../vault/browser-store';
import { clearClipboardIfHolds } from '../vault/clipboard-clear';
import { isIdleExpired } from '../vault/settings';

const AUTO_LOCK_ALARM = 'vault:auto-lock';
const CLIPBOARD_ALARM = 'vault:clear-clipboard';
const PENDING_CLEAR_KEY = 'vault.pendingClipboardClear';

async function lockIfIdle(): Promise<void> {
  const store = vaultStore();
  if ((await store.status()) !== 'unlocked') return;
  if (isIdleExpired(await store.lastActivity(), Date.now(), await readSettings())) await store.lock();
}

async function canReadClipboard(): Promise<boolean> {
  return browser.permissions.contains({ permissions: [CLIPBOARD_CLEAR_PERMISSION] }).catch(() => false);
}

async function clearNow(code: string): Promise<void> {
  if (!(await canReadClipboard())) return;
  if (typeof document !== 'undefined') {
    // Firefox runs the background as a page: it has a document of its own.
    clearClipboardIfHolds(code, document);
    return;
  }
  const offscreen = (browser as unknown as { offscreen?: ChromeOffscreen }).offscreen;
  if (!offscreen) return;
  if (!(await offscreen.hasDocument?.())) {
    await offscreen.createDocument({
      url: 'clipboard.html',
      reasons: ['CLIPBOARD'],
      justification: 'Clear a copied one-time code from the clipboard when it expires.',
    });
  }
  await browser.runtime.sendMessage({ type: 'vault:offscreen-clear-clipboard', code });
  await offscreen.closeDocument();
}

interface ChromeOffscreen {
  hasDocument?: () => Promise<boolean>;
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}

async function runPendingClear(): Promise<void> {
  const pending = (await sessionArea.get(PENDING_CLEAR_KEY))[PENDING_CLEAR_KEY] as
    | { code: string; at: number }
    | undefined;
  if (!pending || pending.at > Date.now() + 500) return;
  await sessionArea.remove(PENDING_CLEAR_KEY);
  await clearNow(pending.code);
}

async function scheduleClear(message: ClearClipboardMessage): Promise<void> {
  const at = Date.now() + message.delayMs;
  await sessionArea.set({ [PENDING_CLEAR_KEY]: { code: message.code, at } });
  // The alarm survives the worker being stopped; the timer gives sub-30-second precision while it lives.
  await browser.alarms.create(CLIPBOARD_ALARM, { when: at });
  setTimeout(() => void runPendingClear(), message.delayMs);
}

/** Background wiring for the vault: auto-lock (idle time, system lock) and delayed clipboard clearing. */
export function registerVault(): void {
  // The key and decrypted accounts live in storage.session: make sure content scripts can never read it
  // (already Chrome's default; stated explicitly so no other code can widen it unnoticed).
  const session = browser.storage.session as { setAccessLevel?: (options: { accessLevel: string }) => Promise<void> };
  void session.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => undefined);
  // Created once, not on every start: the background starts again for each event (the alarm itself included), and
  // re-creating the alarm then would replace the one being delivered (Firefox drops that event) and push the check
  // back a minute every time.
  void browser.alarms.get(AUTO_LOCK_ALARM).then((existing) => {
    if (!existing) void browser.alarms.create(AUTO_LOCK_ALARM, { periodInMinutes: 1 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === AUTO_LOCK_ALARM) void lockIfIdle();
    if (alarm.name === CLIPBOARD_ALARM) void runPendingClear();
  });
  browser.idle?.onStateChanged.addListener((state) => {
    if (state !== 'locked') return;
    void readSettings().then((settings) => (settings.lockOnSystemLock ? vaultStore().lock() : undefined));
  });
  browser.runtime.onMessage.addListener((message: unknown) => {
    const request = message as Partial<ClearClipboardMessage>;
    if (
      request?.type === 'vault:clear-clipboard' &&
      typeof request.code === 'string' &&
      typeof request.delayMs === 'number'
    ) {
      return scheduleClear(request as ClearClipboardMessage).then(() => true);
    }
    return undefined;
  });
}
