import type { LookalikeReason } from '@mfa-companion/autofill/binding';
import type { DeliveryChannel } from '@mfa-companion/autofill/dom';
import type { PageStep } from './page';

/**
 * The autofill message contract between extension pages (popup, options), the background and the content script.
 * Codes never travel in these messages: the background computes a code and hands it straight to the frame it
 * decided on, through `scripting.executeScript`.
 */

/**
 * Popup → background: fill a tab (optionally with this account, still only where it is bound). `tabId` is the tab
 * the popup was opened over; without it, the active tab of the last focused window.
 */
export interface FillActiveTabMessage {
  type: 'autofill:fill-active-tab';
  accountId?: string;
  tabId?: number;
  /**
   * The user chose "Add the code after the password" (or before it) in the popup: on a page whose only field is
   * a password, the bound account's code is typed there, and the choice is kept for that account and site.
   */
  appendCode?: 'after' | 'before';
}

/** Popup → background: what the page in this tab asks for (the step model), to offer the right action. */
export interface DescribeTabMessage {
  type: 'autofill:describe-tab';
  tabId?: number;
}

/** Content script (in-field button) → background: the user clicked the button in this frame. */
export interface FillFromPageMessage {
  type: 'autofill:fill-from-page';
}

/** Content script → background on start: should this frame show the in-field button? */
export interface HelloMessage {
  type: 'autofill:hello';
}

/** Content script → background: the user clicked "Open MFA Companion" in a notice. */
export interface OpenPopupMessage {
  type: 'autofill:open-popup';
}

/** Options/popup → background: turn "always detect on this site" on or off (permission already granted). */
export interface SetAlwaysDetectMessage {
  type: 'autofill:set-always-detect';
  origin: string;
  enabled: boolean;
}

/**
 * Chooser window → background: what to offer for this pending choice. Account labels go only to extension
 * pages: several accounts bound to one site are chosen between in extension UI, never in the page.
 */
export interface ChooserQueryMessage {
  type: 'autofill:chooser-query';
  request: string;
}

export interface ChooserOption {
  id: string;
  label: string;
}

export type ChooserQueryReply = { host: string; options: ChooserOption[] } | { expired: true };

/** Chooser window → background: the user picked an account (fill it there) or cancelled (`accountId` absent). */
export interface ChooserPickMessage {
  type: 'autofill:chooser-pick';
  request: string;
  accountId?: string;
}

export type AutofillMessage =
  | FillActiveTabMessage
  | DescribeTabMessage
  | FillFromPageMessage
  | HelloMessage
  | OpenPopupMessage
  | SetAlwaysDetectMessage
  | ChooserQueryMessage
  | ChooserPickMessage;

/** What happened, for the popup (and tests) to show or assert. */
export type FillOutcome =
  | 'filled'
  /** Several accounts are bound here and an extension page asked: it lets the user pick one of `choices`. */
  | 'choose'
  /** Several accounts are bound here and the page asked (shortcut, menu, in-field button): a chooser window opened. */
  | 'choosing'
  | 'chooser-dismissed'
  | 'no-field'
  | 'no-account'
  | 'lookalike'
  | 'insecure'
  | 'unsupported'
  | 'locked'
  | 'fill-failed'
  | 'no-access'
  /** The page asks for a code the site sent (e-mail, SMS…): nothing from the authenticator goes there. */
  | 'delivered'
  /** "Add the code after the password" on a password field that is still empty: type the password first. */
  | 'password-empty';

export interface FillReport {
  outcome: FillOutcome;
  /** The frame that held the field, when one was found. */
  frameOrigin?: string;
  /** The account whose code was filled. */
  accountId?: string;
  /** For `no-account`: the binding to offer ("bind an account to https://example.com"). */
  suggestedBinding?: string;
  /** For `lookalike`: the bound registrable domain the page imitates (`acme-bank.com`), to name it to the user. */
  resembles?: string;
  /** For `lookalike`: how it imitates it. */
  lookalikeReason?: LookalikeReason;
  /** For `choose`: the ids of the accounts bound to the frame's origin. */
  choices?: string[];
  /** For `delivered`: how the site sent its code. */
  channel?: DeliveryChannel;
  /** For `filled`: the code went into the password field, after or before the password. */
  appended?: 'after' | 'before';
}

export type { PageStep };

export interface HelloReply {
  inFieldButton: boolean;
  buttonLabel: string;
}

export function isAutofillMessage(value: unknown): value is AutofillMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    (value as { type: string }).type.startsWith('autofill:')
  );
}
