import { type DetectOptions, findCandidateTargets, nearestHeading, type OtpTarget } from './detect.js';
import {
  asksOnlyForRecovery,
  normalizeText,
  PASSWORD_WORDS,
  RECOVERY_CODE_WORDS,
  STRONG_OTP_WORDS,
} from './signals.js';
import { AUTHENTICATOR_WORDS, DELIVERED_WORDS, MASKED_EMAIL, MASKED_NUMBER, RESEND_WORDS } from './step-words.js';

/**
 * What a sign-in step asks for. Only `authenticator` and `authenticator-or-recovery` take a code from the vault:
 * a code the site sent (`delivered`), a recovery code, a password or a password with the token appended are
 * the user's to type (the last one only through the per-site "add the code after the password" choice).
 */
export type StepKind =
  | 'authenticator'
  | 'delivered'
  | 'recovery'
  | 'authenticator-or-recovery'
  | 'password'
  | 'appended'
  | 'unknown';

/** How a delivered code reached the user, when the page says so. */
export type DeliveryChannel = 'email' | 'sms' | 'voice' | 'push' | 'unknown';

export interface StepDescription {
  kind: StepKind;
  /** For `delivered`: where the site sent the code. */
  channel?: DeliveryChannel;
  /** For `appended`: where the page says the code goes, after the password (the default) or before it. */
  position?: 'after' | 'before';
  /** The field the step is about (the code field, or the password field), when there is one. */
  field?: HTMLInputElement;
}

/** The steps that take a code from the authenticator. */
export function takesAuthenticatorCode(kind: StepKind): boolean {
  return kind === 'authenticator' || kind === 'authenticator-or-recovery';
}

const MAX_SCOPE_CHARS = 1200;
const MAX_STEP_TEXT = 1500;
const SHOW_TEXT_AND_ELEMENTS = 0x5;
const SKIPPED = /^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT|SELECT|TEXTAREA|OPTION|SVG)$/;
/** Offers of another method or action ("Send a code by SMS instead", "Use a recovery code"): not the prompt. */
const ACTION = /^(A|BUTTON|SUMMARY)$/;
const ACTION_ROLE = /^(button|link|menuitem|tab|option)$/;
const DIALOG = 'dialog[open],[role=dialog],[role=alertdialog],[aria-modal=true]';
const PUNCTUATION = /[,;!?()"“”«»¿¡]+/g;

export interface StepTexts {
  /** What the step says (normalised), without the text of links, buttons and inactive tabs. */
  prompt: string;
  /** The same, raw: masked addresses and numbers are read here. */
  raw: string;
  /** Links and buttons (normalised): "Resend code" says a code was sent. */
  actions: string;
}

/**
 * The block a field's step is read from: its dialog when it is in one, else its form or the closest container
 * that still says little (a sign-in card), never the whole page.
 */
export function scopeOf(input: Element): Element {
  const dialog = input.closest(DIALOG);
  let scope: Element = input.parentElement ?? input;
  while (scope !== dialog && scope.parentElement) {
    const parent: Element = scope.parentElement;
    if (/^(BODY|HTML)$/.test(parent.tagName) || (parent.textContent?.length ?? 0) > MAX_SCOPE_CHARS) break;
    scope = parent;
  }
  return scope;
}

/** Shown to the user: not hidden by an attribute, by `aria-hidden`, or by layout and styles. */
function isShown(element: Element): boolean {
  if ((element as HTMLElement).hidden || element.getAttribute('aria-hidden') === 'true') return false;
  const check = (element as { checkVisibility?: (options?: object) => boolean }).checkVisibility;
  if (typeof check === 'function') return check.call(element, { visibilityProperty: true });
  const style = element.ownerDocument.defaultView?.getComputedStyle(element);
  return !style || (style.display !== 'none' && style.visibility !== 'hidden');
}

/**
 * The visible text of a scope, split into what it says and what it offers to click. An inactive tab
 * (`aria-selected="false"`) and a hidden panel say nothing: only the visible, active method counts.
 */
export function stepTexts(scope: Element, field: HTMLInputElement | undefined): StepTexts {
  let prompt = '';
  let actions = '';
  const document = scope.ownerDocument;
  const walker = document.createTreeWalker(scope, SHOW_TEXT_AND_ELEMENTS);
  for (let node = walker.nextNode(); node && prompt.length < MAX_STEP_TEXT; ) {
    if (node.nodeType === 1) {
      const element = node as Element;
      const role = element.getAttribute('role') ?? '';
      if (
        SKIPPED.test(element.tagName.toUpperCase()) ||
        !isShown(element) ||
        element.getAttribute('aria-selected') === 'false'
      ) {
        node = skipSubtree(walker);
        continue;
      }
      if (ACTION.test(element.tagName) || ACTION_ROLE.test(role)) {
        // The selected tab names the active method; other actions only offer one.
        const text = ` ${element.textContent ?? ''}`;
        if (role === 'tab' || element.getAttribute('aria-current')) prompt += text;
        else actions += text;
        node = skipSubtree(walker);
        continue;
      }
    } else prompt += node.nodeValue ?? '';
    node = walker.nextNode();
  }
  if (field) prompt += ` ${fieldWords(field)}`;
  prompt += ` ${nearestHeading(scope.firstElementChild ?? scope)}`;
  return { prompt: stepNormal(prompt), raw: prompt, actions: stepNormal(actions) };
}

function skipSubtree(walker: TreeWalker): Node | null {
  for (let node: Node | null = walker.currentNode; node; node = walker.parentNode()) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    if (node === walker.root) return null;
  }
  return null;
}

function stepNormal(text: string): string {
  return normalizeText(text.slice(0, MAX_STEP_TEXT).replace(PUNCTUATION, ' '));
}

/** The field's own words: placeholder and aria-label (its `<label>` is part of the scope's text). */
export function fieldWords(field: HTMLInputElement): string {
  return `${field.getAttribute('placeholder') ?? ''} ${field.getAttribute('aria-label') ?? ''}`;
}

/**
 * What a code field's step asks for, from the text around it. A delivered step carries the texts it was read
 * from, so `describeStep` can name the channel without reading them again.
 */
export function classifyCodeStep(field: HTMLInputElement): StepDescription & { texts?: StepTexts } {
  const texts = stepTexts(scopeOf(field), field);
  const { prompt } = texts;
  if (asksOnlyForRecovery(prompt)) return { kind: 'recovery', field };
  const delivered =
    DELIVERED_WORDS.test(prompt) ||
    MASKED_EMAIL.test(texts.raw) ||
    MASKED_NUMBER.test(texts.raw) ||
    RESEND_WORDS.test(prompt) ||
    RESEND_WORDS.test(texts.actions);
  // "A code was sent to (***) ***-**12" with "Resend code": the site sent this one, even where the template's
  // generic copy also mentions an authenticator. Otherwise "the code from your authenticator app or the one we
  // texted you" takes a TOTP.
  const sentHere =
    DELIVERED_WORDS.test(prompt) &&
    (MASKED_EMAIL.test(texts.raw) || MASKED_NUMBER.test(texts.raw) || RESEND_WORDS.test(texts.actions));
  if (sentHere || (delivered && !AUTHENTICATOR_WORDS.test(prompt))) return { kind: 'delivered', field, texts };
  if (RECOVERY_CODE_WORDS.test(prompt)) return { kind: 'authenticator-or-recovery', field };
  return { kind: 'authenticator', field };
}

export function asksForPassword(input: HTMLInputElement): boolean {
  const words = normalizeText(`${input.labels?.[0]?.textContent ?? ''} ${fieldWords(input)}`.slice(0, 400));
  return PASSWORD_WORDS.test(words) && !STRONG_OTP_WORDS.test(words);
}

/** The step a candidate code field belongs to; a field whose label asks for a password is a password step. */
export function stepOfTarget(target: OtpTarget): StepDescription & { texts?: StepTexts } {
  const field = target.kind === 'single' ? target.input : (target.inputs[0] as HTMLInputElement);
  if (field.type === 'password' && asksForPassword(field)) return { kind: 'password', field };
  return classifyCodeStep(field);
}

/**
 * Every code target on the page that takes an authenticator's code, best first: candidates on a step that asks
 * for a delivered code, a recovery code or a password are left out. THE answer to "which field gets the code".
 */
export function findOtpTargets(root: Document | ShadowRoot, options: DetectOptions = {}): OtpTarget[] {
  return findCandidateTargets(root, options).filter((target) => takesAuthenticatorCode(stepOfTarget(target).kind));
}

/** The most likely OTP target on an authenticator step, or undefined when the page has none worth filling. */
export function findBestOtpTarget(root: Document | ShadowRoot, options: DetectOptions = {}): OtpTarget | undefined {
  return findOtpTargets(root, options)[0];
}
