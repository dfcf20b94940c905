import {
  fillOtpTarget,
  findBestOtpTarget,
  followOtpTarget,
  type OtpTarget,
  type Watcher,
} from '@mfa-companion/autofill/dom';
import type { HelloReply } from './messages';
import { attachFieldButton, type ChooserOption, chooseAccount, showNotice } from './page-ui';

/**
 * The content script's whole surface, reachable only from the extension: it is stored on the isolated world's
 * global object (invisible to page scripts) and called by the background through `scripting.executeScript`.
 */
export interface AutofillPageApi {
  scan(): FrameScan;
  fill(code: string, submit: boolean): FrameFillResult;
  choose(title: string, cancelLabel: string, options: ChooserOption[]): Promise<string | null>;
  /** `actionLabel` empty: no action button. */
  notify(text: string, tone: 'info' | 'warning', dismissLabel: string, actionLabel: string): void;
}

export interface FrameScan {
  /** The frame's own origin: the one binding decisions are made for. */
  origin: string;
  found: boolean;
  score: number;
  /** The user's focus is in the field right now. */
  focused: boolean;
  top: boolean;
}

export interface FrameFillResult {
  ok: boolean;
  submitted: boolean;
  error?: string;
}

/** Must match the literal the background uses in its injected functions (they cannot import). */
export const PAGE_API_KEY = '__mfaCompanionAutofill';

function isFocused(target: OtpTarget): boolean {
  const inputs = target.kind === 'single' ? [target.input] : target.inputs;
  return inputs.some((input) => {
    const root = input.getRootNode() as Document | ShadowRoot;
    return root.activeElement === input && input.ownerDocument.hasFocus();
  });
}

function isConnected(target: OtpTarget): boolean {
  return target.kind === 'single' ? target.input.isConnected : target.inputs.every((input) => input.isConnected);
}

export function installAutofill(): void {
  const scope = globalThis as unknown as Record<string, AutofillPageApi | undefined>;
  if (scope[PAGE_API_KEY]) return; // injected again by a later trigger: keep the first instance
  // A frame whose parent is same-origin is scanned (and filled) from the parent, through the DOM.
  const coveredByParent = window !== window.top && window.frameElement !== null;
  let lastTarget: OtpTarget | undefined;
  /** The in-field button's follower, stopped once a code is filled (nothing more to offer on this page). */
  let fieldButton: Watcher | undefined;
  let filled = false;

  const currentTarget = (): OtpTarget | undefined => {
    if (coveredByParent) return undefined;
    if (!lastTarget || !isConnected(lastTarget)) lastTarget = findBestOtpTarget(document);
    return lastTarget;
  };

  const api: AutofillPageApi = {
    scan() {
      lastTarget = undefined;
      const target = currentTarget();
      return {
        origin: location.origin,
        found: !!target,
        score: target?.score ?? 0,
        focused: !!target && isFocused(target),
        top: window === window.top,
      };
    },
    fill(code, submit) {
      const target = currentTarget();
      if (!target) return { ok: false, submitted: false, error: 'no-field' };
      try {
        const result = fillOtpTarget(target, code, { submit });
        if (result.ok) {
          filled = true;
          fieldButton?.stop();
        }
        return result;
      } catch (error) {
        return { ok: false, submitted: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
    choose: (title, cancelLabel, options) => chooseAccount(title, cancelLabel, options),
    notify(text, tone, dismissLabel, actionLabel) {
      const onAction = actionLabel
        ? () => void browser.runtime.sendMessage({ type: 'autofill:open-popup' })
        : undefined;
      showNotice({ text, tone, dismissLabel, ...(actionLabel && onAction ? { actionLabel, onAction } : {}) });
    },
  };
  scope[PAGE_API_KEY] = api;
  if (!coveredByParent) {
    void offerFieldButton().then((follower) => {
      fieldButton = follower;
      if (filled) follower?.stop(); // a fill landed before the background answered
    });
  }
}

/**
 * On sites where the user turned "always detect" on, a button appears in the code field. Nothing is filled
 * until it is clicked: a password manager filling the password does not fire anything on its own. The button
 * follows the field: when an SPA re-renders or replaces it, the button moves to the new one.
 */
async function offerFieldButton(): Promise<Watcher | undefined> {
  let reply: HelloReply | undefined;
  try {
    reply = (await browser.runtime.sendMessage({ type: 'autofill:hello' })) as HelloReply | undefined;
  } catch {
    return undefined; // the extension was reloaded or the background is unavailable: stay inert
  }
  if (!reply?.inFieldButton) return undefined;
  const label = reply.buttonLabel;
  return followOtpTarget(document, (target) => {
    const field = target.kind === 'single' ? target.input : (target.inputs[0] as HTMLInputElement);
    return attachFieldButton(field, label, () => {
      void browser.runtime.sendMessage({ type: 'autofill:fill-from-page' });
    });
  });
}
