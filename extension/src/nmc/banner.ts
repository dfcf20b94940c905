/**
 * The small in-page verdict. It lives in a closed shadow root so the NMC page's styles and scripts can
 * neither restyle it nor read it, and it is built with DOM calls only (never innerHTML) because user
 * names come from the page.
 */

import { POLICY, parseFirmwareVersion } from '@mfa-companion/policy';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { nmcDocsUrl } from './docs-link';
import type { NmcCheckResult } from './types';
import { cardSummary, describeFinding, fixSteps, headline, pagesNote, signInLines, visibleFindings } from './wording';

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
.banner { position: fixed; top: 12px; right: 12px; z-index: 2147483647; width: min(420px, calc(100vw - 24px));
  max-height: calc(100vh - 24px); overflow: auto; box-sizing: border-box; padding: 12px 14px;
  font: 13px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; color: #1b1b1b; background: #fff;
  border-radius: 8px; border-left: 6px solid #6b6b6b; box-shadow: 0 4px 18px rgb(0 0 0 / 0.25); }
.banner.ok { border-left-color: #1e7d32; }
.banner.at-risk { border-left-color: #c62828; }
.banner.unknown { border-left-color: #b26a00; }
.top { display: flex; align-items: flex-start; gap: 8px; }
.headline { flex: 1; margin: 0; font-size: 14px; font-weight: 600; }
.ok .headline { color: #1e5e24; }
.at-risk .headline { color: #a31515; }
.unknown .headline { color: #7a4a00; }
.label { display: block; font-size: 11px; font-weight: 500; color: #555; margin-bottom: 2px; }
button { font: inherit; cursor: pointer; border-radius: 4px; border: 1px solid #8a8a8a; background: #f4f4f4;
  color: #1b1b1b; padding: 3px 10px; }
button:focus-visible, a:focus-visible { outline: 2px solid #1a56c4; outline-offset: 2px; }
button.close { border: 0; background: transparent; font-size: 18px; line-height: 1; padding: 0 4px; }
ol, ul { margin: 6px 0; padding-left: 20px; }
h2 { font-size: 13px; margin: 8px 0 2px; }
.actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; align-items: center; }
a { color: #1a56c4; }
p { margin: 6px 0; }
.question label { display: block; margin-top: 4px; }
.question input { font: inherit; padding: 2px 6px; width: 12em; }
.error { color: #a31515; }
.card, .sign-in { font-size: 12px; color: #444; }
details.tools { margin-top: 6px; }
details.tools summary { cursor: pointer; }
.tools label { display: block; margin-top: 4px; }
.tools input { font: inherit; padding: 2px 6px; width: 16em; }
@media (prefers-color-scheme: dark) {
  .banner { background: #232323; color: #eee; }
  .ok .headline { color: #8fd694; } .at-risk .headline { color: #ff8a80; } .unknown .headline { color: #ffcc80; }
  .label { color: #bbb; } button { background: #333; color: #eee; border-color: #777; } a { color: #8ab4f8; }
}`;

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

  constructor() {
    this.#host = document.createElement('mfa-companion-nmc');
    this.#root = this.#host.attachShadow({ mode: 'closed' });
  }

  render(view: BannerView, actions: BannerActions): void {
    if (this.#dismissed) return;
    const { result } = view;
    const status = result.evaluation.status;
    const banner = element('section', {
      class: `banner ${status}`,
      role: status === 'at-risk' ? 'alert' : 'status',
      'aria-label': i18n.t('nmc.banner.label'),
    });
    const close = element('button', { class: 'close', type: 'button', 'aria-label': i18n.t('nmc.banner.close') }, '×');
    onUserClick(close, () => this.dismiss());
    banner.append(
      element(
        'div',
        { class: 'top' },
        element(
          'p',
          { class: 'headline' },
          element('span', { class: 'label' }, i18n.t('nmc.banner.label')),
          headline(result),
        ),
        close,
      ),
    );

    const card = cardSummary(result);
    if (card) banner.append(element('p', { class: 'card' }, i18n.t('nmc.banner.card', [card])));
    const pages = pagesNote(result);
    if (pages) banner.append(element('p', { class: 'pages' }, pages));
    const findings = visibleFindings(result);
    if (findings.length > 0) {
      banner.append(
        element('ul', { class: 'findings' }, ...findings.map((f) => element('li', {}, describeFinding(f, result)))),
      );
    }
    if (status === 'at-risk') {
      banner.append(
        element('h2', {}, i18n.t('nmc.fix.title')),
        element('ol', { class: 'fix' }, ...fixSteps().map((step) => element('li', {}, step))),
      );
    }
    const signIn = signInLines(result);
    if (signIn.length > 0) {
      banner.append(element('ul', { class: 'sign-in' }, ...signIn.map((line) => element('li', {}, line))));
    }
    if (result.askMfa && status !== 'ok') banner.append(this.#mfaQuestion(actions));
    if (status !== 'not-applicable') banner.append(this.#toolAccounts(result, actions));

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
    banner.append(row);
    for (const name of view.failures ?? []) banner.append(element('p', {}, i18n.t('nmc.banner.checkFailed', [name])));

    this.#root.replaceChildren(element('style', {}, STYLE), banner);
    if (!this.#host.isConnected) document.documentElement.append(this.#host);
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
      element('label', { for: 'nmc-firmware' }, i18n.t('nmc.banner.firmwareLabel')),
      firmware,
      group,
    );
  }

  /** Which accounts the tools sign in with; collapsed, with a suggestion to fill it in when nothing is named. */
  #toolAccounts(result: NmcCheckResult, actions: BannerActions): HTMLElement {
    const named = result.toolAccounts;
    if (named.length > 0 && named.every((account) => account.source === 'policy')) {
      // Named by the organisation's policy: shown, not editable here.
      const users = [...new Set(named.map((account) => account.user))].join(', ');
      return element(
        'p',
        { class: 'tools', 'data-managed': 'toolAccounts' },
        `${i18n.t('nmc.banner.toolAccountsNamed', [users])} (${i18n.t('managed.badge')})`,
      );
    }
    const summary =
      named.length === 0
        ? i18n.t('nmc.banner.toolAccountsSuggest')
        : i18n.t('nmc.banner.toolAccountsNamed', [[...new Set(named.map((account) => account.user))].join(', ')]);
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
