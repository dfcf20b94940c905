import {
  type AppendPosition,
  type AppendResult,
  appendCodeToPassword,
  type DeliveryChannel,
  describeStep,
  fillOtpTarget,
  followOtpTarget,
  type StepKind,
  type Watcher,
} from '@mfa-companion/autofill/dom';
import type { AutofillPageApi, FrameFillResult } from './content';
import type { HelloReply } from './messages';
import { attachFieldButton, clearNotice, showNotice } from './page-ui';

/**
 * The second autofill script, `/autofill-page.js`: what the scan does not need, injected only when it is needed
 * (a notice to show, the popup asking what the page wants, a code to add to a password), and registered with the
 * scanning script on the sites where the user turned "always detect" on (the in-field button). Like the scanning
 * script, its surface is stored on the isolated world's global object and reached only through
 * `scripting.executeScript`; nothing is posted to the page.
 */
export interface AutofillPageUiApi {
  /** Fills the field the scanning script found in this document (`AutofillPageApi.target`). */
  fill(code: string, submit: boolean): FrameFillResult;
  /** What this frame's page asks for (the step model), for the popup and the background. */
  describe(): PageStep;
  /** Adds the code to what the user typed in the page's one password field; the password is never read. */
  append(code: string, position: AppendPosition): AppendResult;
  /**
   * `actionLabel` empty: no action button. The page can read the text: it never names an account or a bound site
   * (several accounts are chosen between in extension UI, never here).
   */
  notify(text: string, tone: 'info' | 'warning', dismissLabel: string, actionLabel: string): void;
  /** Takes a notice down (a later fill succeeded: "not filled" is no longer true). */
  clearNotice(): void;
}

export interface PageStep {
  origin: string;
  kind: StepKind;
  channel?: DeliveryChannel;
  position?: AppendPosition;
  top: boolean;
}

/** Must match the literal the background uses in its injected functions (they cannot import). */
export const PAGE_UI_API_KEY = '__mfaCompanionAutofillPage';

export function installAutofillPage(): void {
  const scope = globalThis as unknown as Record<string, AutofillPageUiApi | AutofillPageApi | undefined>;
  if (scope[PAGE_UI_API_KEY]) return;
  let fieldButton: Watcher | undefined;
  let filled = false;
  const api: AutofillPageUiApi = {
    fill(code, submit) {
      const scanner = scope.__mfaCompanionAutofill as AutofillPageApi | undefined;
      const target = scanner?.target();
      if (!target) return { ok: false, submitted: false, error: 'no-field' };
      try {
        const result = fillOtpTarget(target, code, { submit });
        if (result.ok) {
          filled = true;
          fieldButton?.stop(); // nothing more to offer on this page
          clearNotice();
        }
        return result;
      } catch (error) {
        return { ok: false, submitted: false, error: error instanceof Error ? error.message : String(error) };
      }
    },
    describe() {
      const step = describeStep(document);
      return {
        origin: location.origin,
        kind: step.kind,
        ...(step.channel ? { channel: step.channel } : {}),
        ...(step.position ? { position: step.position } : {}),
        top: window === window.top,
      };
    },
    append(code, position) {
      const result = appendCodeToPassword(document, code, position);
      if (result.ok) clearNotice();
      return result;
    },
    notify(text, tone, dismissLabel, actionLabel) {
      const onAction = actionLabel
        ? () => void browser.runtime.sendMessage({ type: 'autofill:open-popup' })
        : undefined;
      showNotice({ text, tone, dismissLabel, ...(actionLabel && onAction ? { actionLabel, onAction } : {}) });
    },
    clearNotice,
  };
  scope[PAGE_UI_API_KEY] = api;
  const coveredByParent = window !== window.top && window.frameElement !== null && sameOriginAsParent();
  if (!coveredByParent) {
    void offerFieldButton().then((follower) => {
      fieldButton = follower;
      if (filled) follower?.stop(); // a fill landed before the background answered
    });
  }
}

function sameOriginAsParent(): boolean {
  try {
    return window.parent.origin === window.origin;
  } catch {
    return false;
  }
}

/**
 * On sites where the user turned "always detect" on, a button appears in the code field. Nothing is filled
 * until it is clicked: a password manager filling the password does not fire anything on its own. The button
 * follows the field: when an SPA re-renders or replaces it, the button moves to the new one; it goes once a code
 * is filled.
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
