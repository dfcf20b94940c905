import { decideFill, describeOrigin, type FillDecision, isBoundTo } from '@mfa-companion/autofill/binding';
import type { AppendResult } from '@mfa-companion/autofill/dom';
import { hotp, totp } from '@mfa-companion/otp';
import { type Account, accountLabel, toOtpAccount } from '@mfa-companion/vault';
import { i18n } from '#i18n';
import type { AutofillPageApi, FrameFillResult, FrameScan } from '../autofill/content';
import {
  type AutofillMessage,
  type ChooserPickMessage,
  type ChooserQueryReply,
  type FillReport,
  type HelloReply,
  isAutofillMessage,
  type PageStep,
  type SetAlwaysDetectMessage,
} from '../autofill/messages';
import type { AutofillPageUiApi } from '../autofill/page';
import {
  type AutofillSettings,
  appendChoiceFor,
  readAutofillSettings,
  toggled,
  updateAutofillSettings,
  withAppendChoice,
} from '../autofill/settings';
import { deliveredNotice } from '../autofill/wording';
import { loadManagedPolicy, onManagedPolicyChanged } from '../managed/browser-policy';
import { effectiveAutofillSettings, exactHostAccounts, inFieldButtonAllowed } from '../managed/effective';
import type { ManagedPolicy } from '../managed/policy';
import { originPattern } from '../origin-pattern';
import { VaultStore } from '../vault/store';

/** The injected script (WXT builds the unlisted `entrypoints/autofill.ts` here): scan and fill, kept small. */
const CONTENT_SCRIPT = '/autofill.js';
/** Its second half (`entrypoints/autofill-page.ts`): step description, appended fill, notices, in-field button. */
const PAGE_SCRIPT = '/autofill-page.js';
export const CONTEXT_MENU_ID = 'mfa-companion-fill-otp';
const ALWAYS_DETECT_SCRIPT_PREFIX = 'autofill-always-detect:';
/** The pending account choice (session memory only: ids and the tab, never labels or codes). */
const PENDING_CHOICE_KEY = 'autofill.pendingChoice';
/** A chooser left open longer than this no longer fills: the page has likely moved on. */
const CHOICE_TTL_MS = 5 * 60_000;

type PageScope = Record<string, AutofillPageApi | undefined>;
type PageUiScope = Record<string, AutofillPageUiApi | undefined>;

export interface FillRequest {
  /** The frame the user acted in (context menu); the field may still be found in another frame. */
  frameId?: number;
  /** The popup's "fill" on one account: that account only, and still only where it is bound. */
  accountId?: string;
  /**
   * Asked from extension UI (the popup): several bound accounts come back as `choose` for it to ask. Otherwise
   * the page asked, and a chooser window opens; the page never sees the accounts.
   */
  fromExtensionPage?: boolean;
  /** The popup's "Add the code after the password": the position chosen for this account and site. */
  appendCode?: 'after' | 'before';
}

interface PendingChoice {
  request: string;
  tabId: number;
  frameId: number;
  origin: string;
  accountIds: string[];
  createdAt: number;
  windowId?: number;
}

/** The autofill settings in force (the user's, constrained by the organisation's policy), with that policy. */
async function readEffectiveAutofill(): Promise<{ settings: AutofillSettings; policy: ManagedPolicy }> {
  const [user, { policy }] = await Promise.all([readAutofillSettings(browser.storage.local), loadManagedPolicy()]);
  return { settings: effectiveAutofillSettings(user, policy), policy };
}

function vaultStore(): VaultStore {
  return new VaultStore(browser.storage.local, browser.storage.session);
}

/**
 * Wires every autofill trigger to one path, `fillInTab`: the keyboard command, the context-menu entry on editable
 * fields, the popup's fill message and the in-field button. Listeners are added synchronously (the service worker
 * may have been woken by one of these events).
 */
export function registerAutofill(): void {
  browser.commands.onCommand.addListener((command, tab) => void handleFillCommand(command, tab));
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create(
      { id: CONTEXT_MENU_ID, title: i18n.t('autofill.contextMenu'), contexts: ['editable'] },
      () => void browser.runtime.lastError, // already exists after an update: nothing to do
    );
    void syncAlwaysDetectScripts();
  });
  browser.contextMenus.onClicked.addListener((info, tab) => void handleContextMenuClick(info, tab));
  browser.permissions.onRemoved.addListener(() => void syncAlwaysDetectScripts());
  // A policy that forbids the in-field button takes it off every site at once, and gives it back when lifted.
  browser.runtime.onStartup.addListener(() => void syncAlwaysDetectScripts());
  onManagedPolicyChanged(() => void syncAlwaysDetectScripts());
  browser.runtime.onMessage.addListener((message: unknown, sender, sendResponse) => {
    if (!isAutofillMessage(message) || sender.id !== browser.runtime.id) return undefined;
    handleMessage(message, sender).then(sendResponse, (error: unknown) =>
      sendResponse({ error: error instanceof Error ? error.message : String(error) }),
    );
    return true; // the response is sent asynchronously
  });
}

/**
 * The keyboard shortcut (`fill-otp` in the manifest's commands). Exported so it is unit-tested with a fake
 * `scripting`; the E2E suite reaches it through the registered listener (`onCommand.dispatch` in the worker).
 */
export function handleFillCommand(command: string, tab: { id?: number } | undefined): Promise<FillReport> | undefined {
  if (command !== 'fill-otp' || tab?.id === undefined) return undefined;
  return fillInTab(tab.id, {});
}

/** The context-menu entry on editable fields: the frame the user right-clicked in is preferred. */
export function handleContextMenuClick(
  info: { menuItemId: string | number; frameId?: number },
  tab: { id?: number } | undefined,
): Promise<FillReport> | undefined {
  if (info.menuItemId !== CONTEXT_MENU_ID || tab?.id === undefined) return undefined;
  return fillInTab(tab.id, info.frameId === undefined ? {} : { frameId: info.frameId });
}

function isExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  return !!sender.url?.startsWith(browser.runtime.getURL('/'));
}

async function handleMessage(message: AutofillMessage, sender: Browser.runtime.MessageSender): Promise<unknown> {
  switch (message.type) {
    case 'autofill:fill-active-tab': {
      if (!isExtensionPage(sender)) return undefined;
      const tabId = message.tabId ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
      if (tabId === undefined) return { outcome: 'no-access' } satisfies FillReport;
      const request: FillRequest = { fromExtensionPage: true };
      if (message.accountId) request.accountId = message.accountId;
      if (message.appendCode === 'after' || message.appendCode === 'before') request.appendCode = message.appendCode;
      return fillInTab(tabId, request);
    }
    case 'autofill:describe-tab': {
      if (!isExtensionPage(sender)) return undefined;
      const tabId = message.tabId ?? (await browser.tabs.query({ active: true, lastFocusedWindow: true }))[0]?.id;
      return tabId === undefined ? undefined : describeTab(tabId);
    }
    case 'autofill:chooser-query':
      if (!isExtensionPage(sender)) return undefined;
      return chooserOffer(message.request);
    case 'autofill:chooser-pick':
      if (!isExtensionPage(sender)) return undefined;
      return chooserPick(message);
    case 'autofill:fill-from-page': {
      if (sender.tab?.id === undefined) return undefined;
      return fillInTab(sender.tab.id, sender.frameId === undefined ? {} : { frameId: sender.frameId });
    }
    case 'autofill:hello': {
      const origin = senderOrigin(sender);
      const { settings } = await readEffectiveAutofill();
      return {
        inFieldButton: !!origin && settings.alwaysDetect.includes(origin),
        buttonLabel: i18n.t('autofill.fieldButton'),
      } satisfies HelloReply;
    }
    case 'autofill:open-popup':
      await browser.action.openPopup().catch(() => undefined); // refused without a user gesture on some versions
      return undefined;
    case 'autofill:set-always-detect':
      if (!isExtensionPage(sender)) return undefined;
      return setAlwaysDetect(message);
  }
}

function senderOrigin(sender: Browser.runtime.MessageSender): string | undefined {
  if (sender.origin) return sender.origin;
  try {
    return sender.url ? new URL(sender.url).origin : undefined;
  } catch {
    return undefined;
  }
}

interface FoundFrame {
  frameId: number;
  scan: FrameScan;
}

/**
 * The one fill path. Injects the content script (activeTab or a granted site permission), asks every frame for
 * its best field, picks the frame, decides with the binding rules for THAT frame's origin, and only then computes
 * a code and hands it to that frame. Anything but a clear single match ends in a notice, never a guess.
 */
export async function fillInTab(tabId: number, request: FillRequest): Promise<FillReport> {
  let frames: FoundFrame[];
  try {
    await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [CONTENT_SCRIPT] });
    frames = await scanFrames(tabId);
  } catch {
    return { outcome: 'no-access' }; // chrome:// pages, the Web Store, or no permission for this tab
  }
  const frame = pickFrame(frames, request.frameId);
  if (!frame) return fillWithoutCodeField(tabId, request);
  const origin = frame.scan.origin;
  const store = vaultStore();
  if ((await store.status()) !== 'unlocked') {
    await notify(tabId, frame.frameId, i18n.t('autofill.locked'), 'info', true);
    return { outcome: 'locked', frameOrigin: origin };
  }
  const accounts = (await store.open()).accounts;
  const { settings, policy } = await readEffectiveAutofill();
  const decision = decide(origin, accounts, request.accountId, exactHostAccounts(accounts, settings, policy));
  const report = (outcome: FillReport['outcome'], accountId?: string): FillReport =>
    accountId ? { outcome, frameOrigin: origin, accountId } : { outcome, frameOrigin: origin };
  const host = describeOrigin(origin)?.host ?? origin;

  let account: Account | undefined;
  switch (decision.kind) {
    case 'fill':
      account = decision.account;
      break;
    case 'choose': {
      const choices = decision.accounts.map((candidate) => candidate.id);
      // Account names are never drawn into a page (a page reads whatever is drawn into it): extension UI asks.
      if (request.fromExtensionPage) return { ...report('choose'), choices };
      await openChooser({ tabId, frameId: frame.frameId, origin, accountIds: choices });
      return report('choosing');
    }
    case 'none': {
      const text = request.accountId ? i18n.t('autofill.notBound', [host]) : i18n.t('autofill.noAccount', [host]);
      await notify(tabId, frame.frameId, text, 'info', true);
      return { ...report('no-account'), suggestedBinding: decision.suggestedBinding };
    }
    case 'lookalike':
      // The page may be the phishing site itself: the notice does not name the site it imitates (the popup does).
      await notify(tabId, frame.frameId, i18n.t('autofill.lookalike', [host]), 'warning');
      return { ...report('lookalike'), resembles: decision.resembles, lookalikeReason: decision.reason };
    case 'insecure':
      await notify(tabId, frame.frameId, i18n.t('autofill.insecure', [host]), 'warning');
      return report('insecure');
    case 'unsupported':
      await notify(tabId, frame.frameId, i18n.t('autofill.unsupported'), 'info');
      return report('unsupported');
  }

  const code = await nextCode(store, accounts, account);
  const result = await fillFrame(tabId, frame.frameId, code, settings.submitAfterFill.includes(account.id));
  if (!result.ok) {
    await notify(tabId, frame.frameId, i18n.t('autofill.fillFailed'), 'warning');
    return report('fill-failed', account.id);
  }
  if (frame.frameId !== 0) await clearNotices(tabId, 0); // the field's frame took its notice down itself
  return report('filled', account.id);
}

/**
 * No field takes an authenticator's code. The page may still be a login that takes the code with the password
 * (filled only where the user chose it for the bound account and site), or a step that asks for a code the site
 * sent, which the notice explains; otherwise "no field".
 */
async function fillWithoutCodeField(tabId: number, request: FillRequest): Promise<FillReport> {
  const steps = await describeFrames(tabId);
  const login = pickStep(steps, (step) => step.kind === 'appended' || step.kind === 'password');
  if (login) {
    const appended = await appendInFrame(tabId, login, request);
    if (appended) return appended;
  }
  const delivered = pickStep(steps, (step) => step.kind === 'delivered');
  if (delivered) {
    const channel = delivered.step.channel ?? 'unknown';
    await notify(tabId, delivered.frameId, deliveredNotice(channel), 'info');
    return { outcome: 'delivered', frameOrigin: delivered.step.origin, channel };
  }
  await notify(tabId, undefined, i18n.t('autofill.noField'), 'info');
  return { outcome: 'no-field' };
}

interface FrameStep {
  frameId: number;
  step: PageStep;
}

/** What each frame asks for, from the page script (injected now: it is not part of the scan). */
async function describeFrames(tabId: number): Promise<FrameStep[]> {
  try {
    await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [PAGE_SCRIPT] });
    const results = await browser.scripting.executeScript({
      target: { tabId, allFrames: true },
      func: () => (globalThis as unknown as PageUiScope).__mfaCompanionAutofillPage?.describe() ?? null,
    });
    return results.flatMap((result) => {
      const step = result.result as PageStep | null | undefined;
      return step && typeof step.kind === 'string' ? [{ frameId: result.frameId, step }] : [];
    });
  } catch {
    return [];
  }
}

/** The top page's answer first, then the first frame with one. */
function pickStep(steps: FrameStep[], wanted: (step: PageStep) => boolean): FrameStep | undefined {
  const matching = steps.filter((entry) => wanted(entry.step));
  return matching.find((entry) => entry.step.top) ?? matching[0];
}

/** What the popup shows for a tab: the step of its top page, or of the frame that asks for something. */
export async function describeTab(tabId: number): Promise<PageStep | undefined> {
  try {
    await browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [CONTENT_SCRIPT] });
  } catch {
    return undefined;
  }
  const steps = await describeFrames(tabId);
  return (
    pickStep(steps, (step) => step.kind !== 'unknown' && step.kind !== 'password' && step.kind !== 'appended') ??
    pickStep(steps, (step) => step.kind !== 'unknown') ??
    pickStep(steps, () => true)
  )?.step;
}

/**
 * "Add the code after the password": only for the account bound to the frame's origin, and only where the user
 * chose it for that account and origin (now, in the popup, or before). Never guessed from the page.
 */
async function appendInFrame(tabId: number, login: FrameStep, request: FillRequest): Promise<FillReport | undefined> {
  const origin = login.step.origin;
  const store = vaultStore();
  const { settings, policy } = await readEffectiveAutofill();
  if ((await store.status()) !== 'unlocked') {
    // Chosen for this site (the choice is readable without the vault): say why nothing went in.
    if (!request.appendCode && !settings.appendCode?.some((choice) => choice.origin === origin)) return undefined;
    await notify(tabId, login.frameId, i18n.t('autofill.locked'), 'info', true);
    return { outcome: 'locked', frameOrigin: origin };
  }
  const accounts = (await store.open()).accounts;
  const decision = decide(origin, accounts, request.accountId, exactHostAccounts(accounts, settings, policy));
  if (decision.kind !== 'fill') return request.appendCode ? refusedAppend(tabId, login, decision) : undefined;
  const account = decision.account;
  const position = request.appendCode ?? appendChoiceFor(settings, account.id, origin);
  if (!position) return undefined;
  const [result] = await browser.scripting.executeScript({
    target: { tabId, frameIds: [login.frameId] },
    func: (value: string, where: 'after' | 'before') =>
      (globalThis as unknown as PageUiScope).__mfaCompanionAutofillPage?.append(value, where) ?? {
        ok: false,
        error: 'no-field',
      },
    args: [await nextCode(store, accounts, account), position],
  });
  const appended = (result?.result as AppendResult | undefined) ?? { ok: false, error: 'no-field' };
  if (request.appendCode) {
    // Kept once the user chose it, whether or not the password was typed yet: next time it just fills.
    await updateAutofillSettings(browser.storage.local, (current) =>
      withAppendChoice(current, { account: account.id, origin, position }),
    );
  }
  const report = { frameOrigin: origin, accountId: account.id };
  if (appended.ok) return { outcome: 'filled', ...report, appended: position };
  if (appended.error === 'empty') {
    await notify(tabId, login.frameId, i18n.t('autofill.typePasswordFirst'), 'info');
    return { outcome: 'password-empty', ...report };
  }
  return undefined;
}

/**
 * The user asked to add the code on a page no account may fill: say why, as for a code field (a look-alike login
 * page is exactly where a code must not go).
 */
async function refusedAppend(tabId: number, login: FrameStep, decision: FillDecision<Account>): Promise<FillReport> {
  const origin = login.step.origin;
  const host = describeOrigin(origin)?.host ?? origin;
  switch (decision.kind) {
    case 'none':
      await notify(tabId, login.frameId, i18n.t('autofill.noAccount', [host]), 'info', true);
      return { outcome: 'no-account', frameOrigin: origin, suggestedBinding: decision.suggestedBinding };
    case 'lookalike':
      await notify(tabId, login.frameId, i18n.t('autofill.lookalike', [host]), 'warning');
      return {
        outcome: 'lookalike',
        frameOrigin: origin,
        resembles: decision.resembles,
        lookalikeReason: decision.reason,
      };
    case 'insecure':
      await notify(tabId, login.frameId, i18n.t('autofill.insecure', [host]), 'warning');
      return { outcome: 'insecure', frameOrigin: origin };
    default:
      // Several accounts bound here: the popup's account rows pick one; `unsupported` never reaches a login page.
      await notify(tabId, login.frameId, i18n.t('autofill.noField'), 'info');
      return { outcome: 'no-field', frameOrigin: origin };
  }
}

/** A fill succeeded: an earlier "not filled" notice in the page is no longer true. */
async function clearNotices(tabId: number, frameId: number): Promise<void> {
  await browser.scripting
    .executeScript({
      target: { tabId, frameIds: [frameId] },
      func: () => (globalThis as unknown as PageUiScope).__mfaCompanionAutofillPage?.clearNotice(),
    })
    .catch(() => undefined);
}

/**
 * The popup's explicit account still obeys binding; without one, every account competes. The decision carries
 * the vault's own account objects, so what fills is exactly what the vault holds.
 */
export function decide(
  origin: string,
  accounts: Account[],
  accountId: string | undefined,
  exactHost: readonly string[] = [],
): FillDecision<Account> {
  const exact = new Set(exactHost);
  // Exact-host mode is a per-account autofill setting, applied to every site the account is bound to.
  const bindable = (account: Account) => ({
    id: account.id,
    account,
    sites: exact.has(account.id) ? account.sites.map((site) => ({ origin: site, exactHost: true })) : account.sites,
  });
  const views = (accountId ? accounts.filter((candidate) => candidate.id === accountId) : accounts).map(bindable);
  const decision =
    accountId && views[0] && isBoundTo(origin, views[0])
      ? { kind: 'fill' as const, account: views[0] }
      : decideFill(origin, views);
  switch (decision.kind) {
    case 'fill':
      return { kind: 'fill', account: decision.account.account };
    case 'choose':
      return { kind: 'choose', accounts: decision.accounts.map((view) => view.account) };
    case 'lookalike':
      return { ...decision, accounts: decision.accounts.map((view) => view.account) };
    case 'insecure':
      return { kind: 'insecure', accounts: decision.accounts.map((view) => view.account) };
    default:
      return decision;
  }
}

async function scanFrames(tabId: number): Promise<FoundFrame[]> {
  const results = await browser.scripting.executeScript({
    target: { tabId, allFrames: true },
    func: () => (globalThis as unknown as PageScope).__mfaCompanionAutofill?.scan() ?? null,
  });
  const frames: FoundFrame[] = [];
  for (const result of results) {
    const scan = result.result as FrameScan | null | undefined;
    if (scan?.found) frames.push({ frameId: result.frameId, scan });
  }
  return frames;
}

/** Where the user's focus is wins; then the frame they right-clicked in; then the top page; then the best score. */
export function pickFrame(frames: FoundFrame[], requestedFrameId?: number): FoundFrame | undefined {
  return (
    frames.find((frame) => frame.scan.focused) ??
    frames.find((frame) => frame.frameId === requestedFrameId) ??
    frames.find((frame) => frame.scan.top) ??
    [...frames].sort((a, b) => b.scan.score - a.scan.score)[0]
  );
}

/** TOTP (or Steam Guard) for the current time; HOTP moves its counter and saves it before the code is used. */
async function nextCode(store: VaultStore, accounts: Account[], account: Account): Promise<string> {
  const otp = toOtpAccount(account);
  if (account.type === 'hotp') {
    const now = Date.now();
    await store.save(
      accounts.map((entry) =>
        entry.id === account.id ? { ...entry, counter: entry.counter + 1, updatedAt: now } : entry,
      ),
    );
    return hotp({ secret: otp.secret, counter: account.counter, algorithm: account.algorithm, digits: account.digits });
  }
  return totp({
    type: account.type,
    secret: otp.secret,
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
  });
}

/**
 * Hands the code to the frame. Only the document that was scanned takes it: if the frame navigated while the
 * vault was read, the new document refuses (see `AutofillPageApi.fill`), so the code goes only where the binding
 * decision was made.
 */
async function fillFrame(tabId: number, frameId: number, code: string, submit: boolean): Promise<FrameFillResult> {
  await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [PAGE_SCRIPT] });
  const [result] = await browser.scripting.executeScript({
    target: { tabId, frameIds: [frameId] },
    func: (value: string, submitAfterFill: boolean) =>
      (globalThis as unknown as PageUiScope).__mfaCompanionAutofillPage?.fill(value, submitAfterFill) ?? {
        ok: false,
        submitted: false,
        error: 'no-field',
      },
    args: [code, submit],
  });
  return (result?.result as FrameFillResult | undefined) ?? { ok: false, submitted: false, error: 'no-result' };
}

/**
 * Opens the chooser window for a pending choice (replacing an older one still open). Only ids and the tab are
 * kept, in session memory, so a service worker restarted meanwhile still finishes the fill.
 */
async function openChooser(choice: Omit<PendingChoice, 'request' | 'createdAt'>): Promise<void> {
  const previous = await readPendingChoice();
  if (previous?.windowId !== undefined) await browser.windows.remove(previous.windowId).catch(() => undefined);
  const pending: PendingChoice = { ...choice, request: crypto.randomUUID(), createdAt: Date.now() };
  await browser.storage.session.set({ [PENDING_CHOICE_KEY]: pending });
  const window = await browser.windows.create({
    url: browser.runtime.getURL(`/autofill-chooser.html?request=${pending.request}`),
    type: 'popup',
    width: 380,
    height: 440,
    focused: true,
  });
  if (window?.id !== undefined) {
    await browser.storage.session.set({ [PENDING_CHOICE_KEY]: { ...pending, windowId: window.id } });
  }
}

async function readPendingChoice(request?: string): Promise<PendingChoice | undefined> {
  const pending = (await browser.storage.session.get(PENDING_CHOICE_KEY))[PENDING_CHOICE_KEY] as
    | PendingChoice
    | undefined;
  if (!pending || (request !== undefined && pending.request !== request)) return undefined;
  return Date.now() - pending.createdAt <= CHOICE_TTL_MS ? pending : undefined;
}

/** What the chooser window offers: labels of the pending choice's accounts, read from the unlocked vault. */
async function chooserOffer(request: string): Promise<ChooserQueryReply> {
  const pending = await readPendingChoice(request);
  const store = vaultStore();
  if (!pending || (await store.status()) !== 'unlocked') return { expired: true };
  const accounts = (await store.open()).accounts.filter((account) => pending.accountIds.includes(account.id));
  if (accounts.length === 0) return { expired: true };
  return {
    host: new URL(pending.origin).host, // with its port: what the address bar shows
    options: accounts.map((account) => ({ id: account.id, label: accountLabel(account) || account.id })),
  };
}

/**
 * The user picked in the chooser window: fill that account in the tab, through the one fill path (scan again,
 * decide again for the frame found — the pick grants nothing the binding does not). A cancel just ends it.
 */
async function chooserPick(message: ChooserPickMessage): Promise<{ ok: boolean }> {
  const pending = await readPendingChoice(message.request);
  await browser.storage.session.remove(PENDING_CHOICE_KEY);
  if (!pending || !message.accountId || !pending.accountIds.includes(message.accountId)) return { ok: false };
  // Not awaited: the window closes on this answer, and the fill runs once focus is back on the page.
  void fillInTab(pending.tabId, { frameId: pending.frameId, accountId: message.accountId });
  return { ok: true };
}

async function notify(
  tabId: number,
  fieldFrameId: number | undefined,
  text: string,
  tone: 'info' | 'warning',
  offerPopup = false,
): Promise<void> {
  // Injected-function arguments must be JSON values: "no action button" is an empty label, not undefined.
  const args: [string, 'info' | 'warning', string, string] = [
    text,
    tone,
    i18n.t('autofill.dismiss'),
    offerPopup ? i18n.t('autofill.openPopup') : '',
  ];
  for (const frameId of new Set([0, fieldFrameId ?? 0])) {
    try {
      await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [PAGE_SCRIPT] });
      await browser.scripting.executeScript({
        target: { tabId, frameIds: [frameId] },
        func: (message: string, messageTone: 'info' | 'warning', dismiss: string, action: string) => {
          (globalThis as unknown as PageUiScope).__mfaCompanionAutofillPage?.notify(
            message,
            messageTone,
            dismiss,
            action,
          );
        },
        args,
      });
      return;
    } catch {
      // try the field's frame
    }
  }
}

/**
 * "Always detect on this site": the UI has already obtained the optional host permission (a user gesture is
 * needed for that); the background records the choice and registers the content script for that origin only.
 */
async function setAlwaysDetect(message: SetAlwaysDetectMessage): Promise<{ enabled: boolean }> {
  const origin = describeOrigin(message.origin)?.origin;
  if (!origin) throw new Error('Not a web origin.');
  if (message.enabled && !inFieldButtonAllowed((await loadManagedPolicy()).policy)) return { enabled: false };
  await updateAutofillSettings(browser.storage.local, (settings) => ({
    ...settings,
    alwaysDetect: toggled(settings.alwaysDetect, origin, message.enabled),
  }));
  await syncAlwaysDetectScripts();
  const registered = await browser.scripting.getRegisteredContentScripts({
    ids: [`${ALWAYS_DETECT_SCRIPT_PREFIX}${origin}`],
  });
  return { enabled: registered.length > 0 };
}

/** Registered scripts follow the settings AND the granted permissions: a revoked permission removes the script. */
export async function syncAlwaysDetectScripts(): Promise<void> {
  const { settings } = await readEffectiveAutofill();
  const wanted = new Map<string, string>();
  for (const origin of settings.alwaysDetect) {
    const pattern = originPattern(origin);
    if (await browser.permissions.contains({ origins: [pattern] })) {
      wanted.set(`${ALWAYS_DETECT_SCRIPT_PREFIX}${origin}`, pattern);
    }
  }
  const scripts = [CONTENT_SCRIPT.slice(1), PAGE_SCRIPT.slice(1)];
  const current = (await browser.scripting.getRegisteredContentScripts()).filter((script) =>
    script.id.startsWith(ALWAYS_DETECT_SCRIPT_PREFIX),
  );
  // A registration from an older version (another list of files) is replaced.
  const outdated = (script: { js?: string[] }) => (script.js ?? []).join() !== scripts.join();
  const registered = current.filter((script) => !outdated(script)).map((script) => script.id);
  const stale = current.map((script) => script.id).filter((id) => !wanted.has(id) || !registered.includes(id));
  if (stale.length) await browser.scripting.unregisterContentScripts({ ids: stale });
  const missing = [...wanted].filter(([id]) => !registered.includes(id));
  if (missing.length) {
    await browser.scripting.registerContentScripts(
      missing.map(([id, pattern]) => ({
        id,
        matches: [pattern],
        js: scripts,
        allFrames: true,
        runAt: 'document_idle' as const,
      })),
    );
  }
}
