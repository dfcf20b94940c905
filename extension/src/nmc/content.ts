/**
 * The NMC checker inside a page: read what the page shows, let the background merge it with what is known
 * about this NMC, show the verdict. Injected on demand ("check this page") or on watched origins only.
 */
import { browser } from 'wxt/browser';
import { NmcBanner } from './banner';
import { readNmcPage, readUserForm } from './dom-reader';
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
    if ((message as NmcTabRequest | undefined)?.type !== 'nmc:get-state') return undefined;
    sendResponse(checker.state());
    return undefined;
  });
  await checker.refresh();
}

class PageChecker {
  #banner = new NmcBanner();
  #read: NmcPageRead | undefined;
  #result: NmcCheckResult | undefined;
  #checking = false;

  state(): NmcContentState {
    if (this.#read?.list || this.#read?.user) {
      if (this.#result) return { kind: 'checked', result: this.#result };
    }
    return this.#result ? { kind: 'no-user-list', result: this.#result } : { kind: 'no-user-list' };
  }

  async refresh(): Promise<void> {
    this.#read = readNmcPage(document, location.href);
    // Pages without users, e-mail field or NMC settings (anything unrelated) get no banner and send nothing.
    if (!this.#read) return;
    this.#result = await ask({ type: 'nmc:report', read: this.#read });
    this.#render();
  }

  #render(extra: { progress?: { done: number; total: number }; failures?: string[] } = {}): void {
    const result = this.#result;
    // The About/Summary page only feeds MFA and firmware; the verdict belongs on user pages and in the popup.
    if (!result || !(this.#read?.list || this.#read?.user)) return;
    const pending = this.#pendingUserPages(result);
    this.#banner.render(
      { result, ...extra },
      {
        ...(pending.length > 0 && !this.#checking ? { checkAll: () => void this.#checkAllUsers() } : {}),
        answerMfa: (value) => void this.#answerMfa(value),
      },
    );
  }

  /** User pages linked from this list whose e-mail the verdict still needs. */
  #pendingUserPages(result: NmcCheckResult): Array<[string, string]> {
    const pages = this.#read?.list?.userPages ?? {};
    return result.usersToCheck.flatMap((name) => {
      const page = pages[name];
      return page ? [[name, page] as [string, string]] : [];
    });
  }

  async #answerMfa(value: boolean | 'unknown'): Promise<void> {
    this.#result = (await ask({ type: 'nmc:answer-mfa', value })) ?? this.#result;
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
          const user = readUserForm(page);
          if (!user || user.name !== name) throw new Error('no user form');
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
