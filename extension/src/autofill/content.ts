import {
  fillOtpTarget,
  findOtpTargets,
  followOtpTarget,
  type OtpTarget,
  type Watcher,
} from '@mfa-companion/autofill/dom';
import type { HelloReply } from './messages';
import { attachFieldButton, showNotice } from './page-ui';

/**
 * The content script's whole surface, reachable only from the extension: it is stored on the isolated world's
 * global object (invisible to page scripts) and called by the background through `scripting.executeScript`.
 * Nothing is ever posted to the page (`postMessage`, DOM events): see `entrypoints/autofill.ts`.
 */
export interface AutofillPageApi {
  scan(): FrameScan;
  /**
   * Fills only a document that was scanned (the binding decision is made for the origin its scan reported): a
   * frame that navigated while the vault was read is a new document, never scanned, and refuses.
   */
  fill(code: string, submit: boolean): FrameFillResult;
  /**
   * `actionLabel` empty: no action button. The page can read the text: it never names an account or a bound site
   * (several accounts are chosen between in extension UI, never here).
   */
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

/** The field is the active element of its document (or shadow root); `now`: and that document has focus. */
function isFocused(target: OtpTarget, now = true): boolean {
  const inputs = target.kind === 'single' ? [target.input] : target.inputs;
  return inputs.some((input) => {
    const root = input.getRootNode() as Document | ShadowRoot;
    return root.activeElement === input && (!now || input.ownerDocument.hasFocus());
  });
}

/**
 * The best candidate, unless the user is in another one (two code fields: the one they clicked into, or
 * right-clicked for the context menu, is the one they mean).
 */
function bestTarget(): OtpTarget | undefined {
  const targets = findOtpTargets(document);
  return targets.find((target) => isFocused(target, false)) ?? targets[0];
}

function isConnected(target: OtpTarget): boolean {
  return target.kind === 'single' ? target.input.isConnected : target.inputs.every((input) => input.isConnected);
}

/**
 * `frameElement` is also reachable when both documents relaxed `document.domain`, yet they are different origins:
 * the parent then leaves this frame alone (see the detector), so it must scan and report its own origin.
 */
function sameOriginAsParent(): boolean {
  try {
    return window.parent.origin === window.origin;
  } catch {
    return false;
  }
}

export function installAutofill(): void {
  const scope = globalThis as unknown as Record<string, AutofillPageApi | undefined>;
  if (scope[PAGE_API_KEY]) return; // injected again by a later trigger: keep the first instance
  // A frame whose parent is same-origin is scanned (and filled) from the parent, through the DOM.
  const coveredByParent = window !== window.top && window.frameElement !== null && sameOriginAsParent();
  let lastTarget: OtpTarget | undefined;
  /** The in-field button's follower, stopped once a code is filled (nothing more to offer on this page). */
  let fieldButton: Watcher | undefined;
  let filled = false;
  let scannedOrigin: string | undefined;

  const currentTarget = (): OtpTarget | undefined => {
    if (coveredByParent) return undefined;
    if (!lastTarget || !isConnected(lastTarget)) lastTarget = bestTarget();
    return lastTarget;
  };

  const api: AutofillPageApi = {
    scan() {
      scannedOrigin = location.origin;
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
      if (scannedOrigin !== location.origin) return { ok: false, submitted: false, error: 'not-scanned' };
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
