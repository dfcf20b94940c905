import { findOtpTargets, type OtpTarget } from '@mfa-companion/autofill/dom';

/**
 * The content script's whole surface, reachable only from the extension: it is stored on the isolated world's
 * global object (invisible to page scripts) and called by the background through `scripting.executeScript`.
 * Nothing is ever posted to the page (`postMessage`, DOM events): see `entrypoints/autofill.ts`.
 *
 * This script only scans: it is injected into every frame of the tab on each request, so it is kept small
 * (≤ 10 KB gzip, `test/bench/autofill.bench.ts`). Acting on the page — filling the field this scan found,
 * describing the step, adding the code to a password, notices, the in-field button — is `/autofill-page.js`
 * (`page.ts`), injected only into the frame that acts, when it acts.
 */
export interface AutofillPageApi {
  scan(): FrameScan;
  /**
   * The field the last scan found, for the page script to fill. Only in the document that was scanned (the
   * binding decision is made for the origin its scan reported): a frame that navigated while the vault was read
   * is a new document, never scanned, and gets nothing.
   */
  target(): OtpTarget | undefined;
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
    target() {
      return scannedOrigin === location.origin ? currentTarget() : undefined;
    },
  };
  scope[PAGE_API_KEY] = api;
}
