/**
 * The small in-page verdict. It lives in a closed shadow root so the NMC page's styles and scripts can
 * neither restyle it nor read it, and it is built with DOM calls only (never innerHTML) because user
 * names come from the page.
 */

import { type NmcFinding, POLICY, parseFirmwareVersion } from '@mfa-companion/policy';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { nmcDocsUrl } from './docs-link';
import type { NmcCheckResult } from './types';
import {
  cardSummary,
  describeFinding,
  fixSteps,
  formatList,
  headline,
  pagesNote,
  shownName,
  signInLines,
  statusLabel,
  visibleFindings,
  whyFinding,
} from './wording';

export interface BannerActions {
  /** Present only when the list links to user pages that are still to be read. */
  checkAll?: () => void;
  /** `firmwareVersion` only when the admin typed one that reads as a version. */
  answerMfa: (value: boolean | 'unknown', firmwareVersion?: string) => void;
  /** Names the accounts the tools sign in with on this card (an empty list forgets them). */
  nameToolAccounts: (accounts: Array<{ tool: string; user: string }>) => void;
}

export interface BannerView {
  result: NmcCheckResult;
  progress?: { done: number; total: number };
  failures?: string[];
  /** The organisation's copy of the docs site (managed policy), when it names one. */
  docsBaseUrl?: string;
}

const STYLE = `
:host { all: initial; }
.banner { position: fixed; z-index: 2147483647; width: min(420px, calc(100vw - 24px)); max-height: 33vh;
  overflow: auto; box-sizing: border-box; padding: 10px 12px; font: 13px/1.4 system-ui, -apple-system, 'Segoe UI',
  sans-serif; color: #1b1b1b; background: #fff; border-radius: 8px; border-left: 6px solid #6b6b6b;
  box-shadow: 0 4px 18px rgb(0 0 0 / 0.25); }
.banner.top-right { top: 12px; right: 12px; } .banner.bottom-right { bottom: 12px; right: 12px; }
.banner.bottom-left { bottom: 12px; left: 12px; } .banner.top-left { top: 12px; left: 12px; }
.banner.ok { border-left-color: #1e7d32; } .banner.at-risk { border-left-color: #c62828; }
.banner.unknown, .banner.pending { border-left-color: #b26a00; }
.top { display: flex; align-items: flex-start; gap: 6px; }
.headline { flex: 1; margin: 0; font-size: 14px; font-weight: 600; }
.chip { display: inline-block; margin-right: 6px; padding: 0 6px; border-radius: 9px; font-size: 11px;
  font-weight: 700; color: #fff; background: #6b6b6b; vertical-align: 1px; }
.ok .chip { background: #1e7d32; } .at-risk .chip { background: #c62828; }
.unknown .chip, .pending .chip { background: #8a5300; }
.label { display: block; font-size: 11px; font-weight: 500; color: #555; margin-bottom: 2px; }
.why { margin: 4px 0 0; }
button { font: inherit; cursor: pointer; border-radius: 4px; border: 1px solid #8a8a8a; background: #f4f4f4;
  color: #1b1b1b; padding: 2px 10px; }
button:focus-visible, a:focus-visible, summary:focus-visible { outline: 2px solid #1a56c4; outline-offset: 2px; }
button.icon { border: 0; background: transparent; font-size: 16px; line-height: 1; padding: 0 4px; }
ol, ul { margin: 4px 0; padding-left: 20px; }
details { margin-top: 6px; } summary { cursor: pointer; font-weight: 600; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; align-items: center; }
a { color: #1a56c4; }
p { margin: 4px 0; }
/* Label and field on one line, so the answers stay in view in a banner a third of the viewport tall. */
.question p { margin: 2px 0; }
.firmware { display: flex; flex-wrap: wrap; align-items: center; gap: 2px 6px; font-size: 11px; }
.question input { font: inherit; font-size: 12px; padding: 1px 4px; width: 6.5em; }
.error { color: #a31515; }
.card, .sign-in, .caution { font-size: 12px; color: #444; }
.tools label { display: block; margin-top: 4px; }
.tools input { font: inherit; padding: 2px 6px; width: 16em; }
@media (prefers-color-scheme: dark) {
  .banner { background: #232323; color: #eee; }
  .label, .card, .sign-in, .caution { color: #bbb; }
  button { background: #333; color: #eee; border-color: #777; } a { color: #8ab4f8; }
  .ok .chip { background: #2e7d32; } .at-risk .chip { background: #d32f2f; }
}`;

/** The corners the banner can sit in, in the order "Move" cycles through them. */
export const BANNER_CORNERS = ['top-right', 'bottom-right', 'bottom-left', 'top-left'] as const;
export type BannerCorner = (typeof BANNER_CORNERS)[number];

const CORNER_KEY = 'nmc:banner-corner:';

/** Where the admin put the banner on this card, remembered per origin in the extension's own storage. */
async function loadCorner(origin: string): Promise<BannerCorner> {
  try {
    const stored = (await browser.storage.local.get(CORNER_KEY + origin))[CORNER_KEY + origin];
    return BANNER_CORNERS.includes(stored as BannerCorner) ? (stored as BannerCorner) : 'top-right';
  } catch {
    return 'top-right';
  }
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/**
 * A closed shadow root keeps nothing from the page's scripts (they can still reach in and call `click()`), and an
 * answer such as "MFA is off" changes the verdict: only the user's own clicks and key presses count.
 */
function onUserClick(target: HTMLElement, action: () => void): void {
  target.addEventListener('click', (event) => {
    if (event.isTrusted) action();
  });
}

export class NmcBanner {
  readonly #host: HTMLElement;
  readonly #root: ShadowRoot;
  #dismissed = false;
  #corner: BannerCorner = 'top-right';
  /** Resolved once the remembered corner is known; render after it so the banner does not jump. */
  readonly ready: Promise<void>;

  constructor() {
    this.#host = document.createElement('mfa-companion-nmc');
    this.#root = this.#host.attachShadow({ mode: 'closed' });
    this.ready = loadCorner(location.origin).then((corner) => {
      this.#corner = corner;
    });
  }

  render(view: BannerView, actions: BannerActions): void {
    if (this.#dismissed) return;
    const { result } = view;
    const status = result.evaluation.status;
    const banner = this.#frame(
      status,
      status === 'at-risk' ? 'alert' : 'status',
      statusLabel(status),
      headline(result),
    );
    const why = whyFinding(result);
    if (why) banner.append(element('p', { class: 'why' }, describeFinding(why, result)));
    if (result.askMfa && status !== 'ok') banner.append(this.#mfaQuestion(actions));
    if (status === 'at-risk') {
      banner.append(
        element(
          'details',
          { class: 'fix' },
          element('summary', {}, i18n.t('nmc.fix.title')),
          element('ol', {}, ...fixSteps().map((step) => element('li', {}, step))),
        ),
      );
    }
    banner.append(this.#details(view, why, actions));

    const row = element('div', { class: 'actions' });
    if (view.progress) {
      row.append(
        element(
          'span',
          { role: 'status' },
          i18n.t('nmc.banner.checking', [String(view.progress.done), String(view.progress.total)]),
        ),
      );
    } else if (actions.checkAll) {
      const checkAll = element('button', { type: 'button', class: 'check-all' }, i18n.t('nmc.banner.checkAll'));
      onUserClick(checkAll, actions.checkAll);
      row.append(checkAll);
    }
    if (status !== 'ok' && status !== 'not-applicable') {
      row.append(
        element(
          'a',
          {
            href: nmcDocsUrl(browser.i18n.getUILanguage(), view.docsBaseUrl),
            target: '_blank',
            rel: 'noopener noreferrer',
          },
          i18n.t('nmc.banner.docs'),
        ),
      );
    }
    if (row.childElementCount > 0) banner.append(row);
    for (const name of view.failures ?? []) {
      banner.append(element('p', { class: 'error' }, i18n.t('nmc.banner.checkFailed', [shownName(name)])));
    }
    this.#show(banner);
  }

  /** The confirmation page after Next: nothing is saved until Apply, so no verdict is drawn from it. */
  renderPending(): void {
    if (this.#dismissed) return;
    const banner = this.#frame('pending', 'status', i18n.t('nmc.status.pending'), i18n.t('nmc.headline.pending'));
    banner.append(element('p', { class: 'why' }, i18n.t('nmc.banner.pendingWhy')));
    this.#show(banner);
  }

  /** The box, its verdict line (status word, headline), and the move and close buttons. */
  #frame(kind: string, role: string, status: string, text: string): HTMLElement {
    const banner = element('section', {
      class: `banner ${kind} ${this.#corner}`,
      role,
      'aria-label': i18n.t('nmc.banner.label'),
      'data-corner': this.#corner,
    });
    const move = element(
      'button',
      { class: 'icon move', type: 'button', 'aria-label': i18n.t('nmc.banner.move'), title: i18n.t('nmc.banner.move') },
      '⤡',
    );
    onUserClick(move, () => this.#moveToNextCorner(banner));
    const close = element(
      'button',
      { class: 'icon close', type: 'button', 'aria-label': i18n.t('nmc.banner.close') },
      '×',
    );
    onUserClick(close, () => this.dismiss());
    banner.append(
      element(
        'div',
        { class: 'top' },
        element(
          'p',
          { class: 'headline' },
          element('span', { class: 'label' }, i18n.t('nmc.banner.label')),
          element('span', { class: 'chip' }, status),
          text,
        ),
        move,
        close,
      ),
    );
    return banner;
  }

  #show(banner: HTMLElement): void {
    this.#root.replaceChildren(element('style', {}, STYLE), banner);
    if (!this.#host.isConnected) document.documentElement.append(this.#host);
  }

  #moveToNextCorner(banner: HTMLElement): void {
    const next = BANNER_CORNERS[(BANNER_CORNERS.indexOf(this.#corner) + 1) % BANNER_CORNERS.length] ?? 'top-right';
    banner.classList.replace(this.#corner, next);
    banner.dataset.corner = next;
    this.#corner = next;
    void browser.storage.local.set({ [CORNER_KEY + location.origin]: next }).catch(() => undefined);
  }

  /** Everything past the verdict, collapsed: the card, the other findings, who gets e-mailed codes, our caution. */
  #details(view: BannerView, why: NmcFinding | undefined, actions: BannerActions): HTMLElement {
    const { result } = view;
    const status = result.evaluation.status;
    const details = element('details', { class: 'details' }, element('summary', {}, i18n.t('nmc.banner.details')));
    const card = cardSummary(result);
    if (card) details.append(element('p', { class: 'card' }, i18n.t('nmc.banner.card', [card])));
    const pages = pagesNote(result);
    if (pages) details.append(element('p', { class: 'pages' }, pages));
    const findings = visibleFindings(result).filter((finding) => finding !== why);
    if (findings.length > 0) {
      details.append(
        element('ul', { class: 'findings' }, ...findings.map((f) => element('li', {}, describeFinding(f, result)))),
      );
    }
    const signIn = signInLines(result);
    if (signIn.length > 0) {
      details.append(element('ul', { class: 'sign-in' }, ...signIn.map((line) => element('li', {}, line))));
    }
    if (status !== 'not-applicable') {
      details.append(element('p', { class: 'caution' }, i18n.t('nmc.banner.caution')));
      details.append(this.#toolAccounts(result, actions));
    }
    return details;
  }

  #mfaQuestion(actions: BannerActions): HTMLElement {
    const answers: Array<[string, boolean | 'unknown']> = [
      [i18n.t('nmc.banner.mfaYes'), true],
      [i18n.t('nmc.banner.mfaNo'), false],
      [i18n.t('nmc.banner.mfaNotSure'), 'unknown'],
    ];
    const firmware = element('input', {
      id: 'nmc-firmware',
      type: 'text',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: 'v3.4.0.7',
    });
    // Inserted only when needed, so a screen reader announces it once, when it appears.
    const firmwareError = element('p', { class: 'error', role: 'alert' }, i18n.t('nmc.banner.firmwareInvalid'));
    const group = element('div', { class: 'actions mfa', role: 'group', 'aria-label': i18n.t('nmc.banner.askMfa') });
    for (const [text, value] of answers) {
      const button = element('button', { type: 'button' }, text);
      onUserClick(button, () => {
        const typed = firmware.value.trim();
        // A typo would be remembered for the host and turn every later verdict into "unknown": refuse it here.
        if (typed !== '' && !parseFirmwareVersion(typed)) {
          if (!firmwareError.isConnected) group.before(firmwareError);
          firmware.setAttribute('aria-invalid', 'true');
          firmware.focus();
          return;
        }
        actions.answerMfa(value, typed === '' ? undefined : typed);
      });
      group.append(button);
    }
    return element(
      'div',
      { class: 'question' },
      element('p', {}, i18n.t('nmc.banner.askMfa')),
      element(
        'div',
        { class: 'firmware' },
        element('label', { for: 'nmc-firmware' }, i18n.t('nmc.banner.firmwareLabel')),
        firmware,
      ),
      group,
    );
  }

  /** Which accounts the tools sign in with; collapsed, with a suggestion to fill it in when nothing is named. */
  #toolAccounts(result: NmcCheckResult, actions: BannerActions): HTMLElement {
    const named = result.toolAccounts;
    if (named.length > 0 && named.every((account) => account.source === 'policy')) {
      // Named by the organisation's policy: shown, not editable here.
      const users = formatList([...new Set(named.map((account) => shownName(account.user)))]);
      return element(
        'p',
        { class: 'tools', 'data-managed': 'toolAccounts' },
        `${i18n.t('nmc.banner.toolAccountsNamed', [users])} (${i18n.t('managed.badge')})`,
      );
    }
    const summary =
      named.length === 0
        ? i18n.t('nmc.banner.toolAccountsSuggest')
        : i18n.t('nmc.banner.toolAccountsNamed', [
            formatList([...new Set(named.map((account) => shownName(account.user)))]),
          ]);
    const details = element('details', { class: 'tools' }, element('summary', {}, summary));
    const inputs = POLICY.nmc3.tools.map((tool) => {
      const input = element('input', {
        id: `nmc-tool-${tool.id}`,
        type: 'text',
        autocomplete: 'off',
        spellcheck: 'false',
        'data-tool': tool.id,
      });
      input.value = named
        .filter((account) => account.tool === tool.id)
        .map((account) => account.user)
        .join(', ');
      details.append(element('label', { for: input.id }, tool.name), input);
      return input;
    });
    const save = element('button', { type: 'button', class: 'save-tools' }, i18n.t('nmc.banner.toolAccountsSave'));
    onUserClick(save, () => {
      const accounts = inputs.flatMap((input) =>
        input.value
          .split(',')
          .map((user) => user.trim())
          .filter((user) => user !== '')
          .map((user) => ({ tool: input.dataset.tool ?? '', user })),
      );
      actions.nameToolAccounts(accounts);
    });
    details.append(element('p', {}, i18n.t('nmc.banner.toolAccountsHint')), element('div', { class: 'actions' }, save));
    return details;
  }

  dismiss(): void {
    this.#dismissed = true;
    this.#host.remove();
  }
}
