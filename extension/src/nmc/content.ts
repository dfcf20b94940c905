/**
 * The NMC checker inside a page: read what the page shows, let the background merge it with what is known
 * about this NMC, show the verdict. Injected on demand ("check this page") or on watched origins only.
 */
import { describePageStructure, readNmcPageDetailed } from '@mfa-companion/policy/dom';
import { browser } from 'wxt/browser';
import { loadManagedPolicy } from '../managed/browser-policy';
import { NmcBanner } from './banner';
import { pageReadOf } from './knowledge';
import type { NmcCheckResult, NmcContentState, NmcPageRead, NmcRequest, NmcTabRequest } from './types';

const INSTANCE = Symbol.for('mfa-companion.nmc-checker');
type CheckerGlobal = typeof globalThis & { [INSTANCE]?: { refresh(): Promise<void> } };

async function ask(request: NmcRequest): Promise<NmcCheckResult | undefined> {
  const reply = (await browser.runtime.sendMessage(request)) as { result?: NmcCheckResult } | undefined;
  return reply?.result;
}

export async function runNmcChecker(): Promise<void> {
  const global = globalThis as CheckerGlobal;
  // "Check this page" on a page a watched registration already covers must not stack a second banner.
  if (global[INSTANCE]) return global[INSTANCE].refresh();
  const checker = new PageChecker();
  global[INSTANCE] = checker;
  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
    const type = (message as NmcTabRequest | undefined)?.type;
    if (type === 'nmc:get-state') sendResponse(checker.state());
    // Built only on the admin's click in the popup, returned to it alone: it goes to the clipboard, nowhere else.
    else if (type === 'nmc:get-structure') sendResponse({ text: describePageStructure(document, location.href) });
    return undefined;
  });
  await checker.refresh();
}

class PageChecker {
  #banner = new NmcBanner();
  /** Read once per page: where the banner's "how to fix" link points (the organisation's docs, if set). */
  #docsBaseUrl = loadManagedPolicy().then(({ policy }) => policy.docsBaseUrl);
  #docsBase: string | undefined;
  #read: NmcPageRead | undefined;
  #result: NmcCheckResult | undefined;
  #checking = false;
  #lastReport = '';
  #observer: MutationObserver | undefined;
  #rereadTimer: ReturnType<typeof setTimeout> | undefined;

  state(): NmcContentState {
    // Read again: the page may have moved on since (the log-on form replaced by its code step).
    const reading = readNmcPageDetailed(document, location.href);
    if (reading.page === 'login') return { kind: 'login', emailedCodeStep: reading.emailedCodeStep === true };
    if (reading.page === 'confirm')
      return this.#result ? { kind: 'confirm', result: this.#result } : { kind: 'confirm' };
    if (this.#read?.list || this.#read?.user) {
      if (this.#result) return { kind: 'checked', result: this.#result };
    }
    // A page of the card that should carry a reading but gave none: the popup offers "Copy page structure".
    const empty = reading.page === 'other' || (reading.page === 'users-list' && reading.users.length === 0);
    if (!this.#read && reading.looksLikeNmc && empty) return { kind: 'not-understood' };
    return this.#result ? { kind: 'no-user-list', result: this.#result } : { kind: 'no-user-list' };
  }

  async refresh(): Promise<void> {
    this.#watchForTableChanges();
    const reading = readNmcPageDetailed(document, location.href);
    await this.#banner.ready;
    // After Next, before Apply: nothing is saved yet, so nothing is reported; the banner says to apply first.
    if (reading.page === 'confirm') {
      this.#banner.renderPending();
      return;
    }
    // The log-on page is never read. Pages without users, user form or card facts (anything unrelated) get no
    // banner and send nothing.
    const read = reading.page === 'login' ? undefined : pageReadOf(reading, location.href);
    if (!read) return;
    const report = JSON.stringify(read);
    if (report === this.#lastReport && this.#result) return this.#render();
    this.#read = read;
    this.#lastReport = report;
    [this.#result, this.#docsBase] = await Promise.all([ask({ type: 'nmc:report', read }), this.#docsBaseUrl]);
    this.#render();
  }

  /**
   * Web UIs that page or sort the table in place (no page load) change the rows under us: read again once
   * the table settles. Only table and form changes count, so a ticking clock elsewhere costs nothing.
   */
  #watchForTableChanges(): void {
    if (this.#observer || !document.body) return;
    this.#observer = new MutationObserver((mutations) => {
      const relevant = mutations.some((mutation) => {
        const target = mutation.target instanceof Element ? mutation.target : mutation.target.parentElement;
        return (
          target?.closest('table, form') || [...mutation.addedNodes].some((node) => node instanceof HTMLTableElement)
        );
      });
      if (!relevant) return;
      clearTimeout(this.#rereadTimer);
      this.#rereadTimer = setTimeout(() => void this.refresh(), 400);
    });
    this.#observer.observe(document.body, { childList: true, subtree: true, characterData: true });
  }

  #render(extra: { progress?: { done: number; total: number }; failures?: string[] } = {}): void {
    const result = this.#result;
    // The About/Summary page only feeds MFA and firmware; the verdict belongs on user pages and in the popup.
    if (!result || !(this.#read?.list || this.#read?.user)) return;
    const pending = this.#pendingUserPages(result);
    this.#banner.render(
      { result, ...extra, ...(this.#docsBase ? { docsBaseUrl: this.#docsBase } : {}) },
      {
        ...(pending.length > 0 && !this.#checking ? { checkAll: () => void this.#checkAllUsers() } : {}),
        answerMfa: (value, firmwareVersion) => void this.#answerMfa(value, firmwareVersion),
        nameToolAccounts: (accounts) => void this.#nameToolAccounts(accounts),
      },
    );
  }

  /** User pages linked from this list whose e-mail the verdict still needs. */
  #pendingUserPages(result: NmcCheckResult): Array<[string, string]> {
    const pages = this.#read?.list?.userPages;
    // Own properties only: a user may be called "constructor" or "__proto__".
    return result.usersToCheck.flatMap((name) => {
      const page = pages && Object.hasOwn(pages, name) ? pages[name] : undefined;
      return typeof page === 'string' ? [[name, page] as [string, string]] : [];
    });
  }

  async #answerMfa(value: boolean | 'unknown', firmwareVersion: string | undefined): Promise<void> {
    const request: NmcRequest = { type: 'nmc:answer-mfa', value };
    if (firmwareVersion) request.firmwareVersion = firmwareVersion;
    this.#result = (await ask(request)) ?? this.#result;
    this.#render();
  }

  async #nameToolAccounts(accounts: Array<{ tool: string; user: string }>): Promise<void> {
    this.#result = (await ask({ type: 'nmc:set-tool-accounts', accounts })) ?? this.#result;
    this.#render();
  }

  /**
   * Reads each pending user's edit page in the admin's own session. Only on this click, only URLs of this
   * very origin (checked again here), one at a time so the card's small web server is not flooded.
   */
  async #checkAllUsers(): Promise<void> {
    if (!this.#result || this.#checking) return;
    this.#checking = true;
    const pending = this.#pendingUserPages(this.#result).filter(([, url]) => new URL(url).origin === location.origin);
    const failures: string[] = [];
    try {
      for (const [index, [name, url]] of pending.entries()) {
        this.#render({ progress: { done: index, total: pending.length } });
        try {
          const response = await fetch(url, { credentials: 'same-origin', redirect: 'error', cache: 'no-store' });
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          const page = new DOMParser().parseFromString(await response.text(), 'text/html');
          const user = pageReadOf(readNmcPageDetailed(page, response.url || url), response.url || url)?.user;
          if (!user || user.name.toLowerCase() !== name.toLowerCase()) throw new Error('no user form');
          this.#result = (await ask({ type: 'nmc:report', read: { user } })) ?? this.#result;
        } catch {
          failures.push(name);
        }
      }
    } finally {
      this.#checking = false;
    }
    this.#render({ failures });
  }
}
