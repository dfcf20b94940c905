import {
  CAPTCHA_PHRASES,
  DECOY_AUTOCOMPLETE,
  DECOY_WORDS,
  normalizeText,
  STRONG_OTP_WORDS,
  WEAK_OTP_WORDS,
} from './signals.js';

/** One text box that takes the whole code. */
export interface SingleOtpTarget {
  kind: 'single';
  input: HTMLInputElement;
  score: number;
  /** Why it scored, for diagnostics and tests (`autocomplete`, `attr:strong`, `label:strong`, …). */
  reasons: string[];
}

/** A row of one-character boxes, one digit each. */
export interface SplitOtpTarget {
  kind: 'split';
  inputs: HTMLInputElement[];
  score: number;
  reasons: string[];
}

export type OtpTarget = SingleOtpTarget | SplitOtpTarget;

export interface DetectOptions {
  /**
   * Decides whether a candidate is actually shown. The default asks the browser's layout (only for the few
   * inputs that already look like codes, never for every element); environments without layout (jsdom) pass their own.
   */
  isVisible?: (input: HTMLInputElement) => boolean;
  /** Look into same-origin iframes (default true). The extension turns this off in frames it scans separately. */
  includeFrames?: boolean;
  /** Look into open shadow roots (default true). Closed roots are private to their page, on purpose. */
  includeShadowRoots?: boolean;
}

/** Score at or above which a single field is treated as a one-time-code field. */
export const SINGLE_FIELD_THRESHOLD = 50;
/** Score at or above which a row of boxes is treated as a split code field. */
export const SPLIT_FIELD_THRESHOLD = 50;

const FILLABLE_TYPES = new Set(['', 'text', 'tel', 'number', 'password']);
const MAX_CONTEXT_CHARS = 400;
// Node constants spelled out: this module also runs where the DOM globals are not installed (jsdom in Node).
const DOCUMENT_NODE = 9;
const SHOW_ELEMENT = 0x1;

/**
 * Every OTP target in the document, best first. Cost is proportional to the number of `<input>` elements, not to
 * the size of the page: inputs are gathered with one `querySelectorAll` per root, cheap attribute checks discard
 * almost all of them, and layout is queried only for the survivors.
 */
export function findOtpTargets(root: Document | ShadowRoot, options: DetectOptions = {}): OtpTarget[] {
  const isVisible = options.isVisible ?? isRenderedInput;
  const inputs: HTMLInputElement[] = [];
  collectInputs(root, inputs, options.includeFrames ?? true, options.includeShadowRoots ?? true);

  const targets: OtpTarget[] = [];
  const inSplitGroup = new Set<HTMLInputElement>();
  for (const group of findSplitGroups(inputs)) {
    const target = scoreSplitGroup(group, isVisible);
    if (target) {
      targets.push(target);
      for (const input of group) inSplitGroup.add(input);
    }
  }
  for (const input of inputs) {
    if (inSplitGroup.has(input)) continue;
    const target = scoreSingleInput(input, isVisible);
    if (target) targets.push(target);
  }
  return targets.sort((a, b) => b.score - a.score);
}

/** The most likely OTP target, or undefined when the page has none worth filling. */
export function findBestOtpTarget(root: Document | ShadowRoot, options: DetectOptions = {}): OtpTarget | undefined {
  return findOtpTargets(root, options)[0];
}

function collectInputs(
  root: Document | ShadowRoot,
  into: HTMLInputElement[],
  includeFrames: boolean,
  includeShadowRoots: boolean,
): void {
  const isDocument = root.nodeType === DOCUMENT_NODE;
  // Documents keep live, cached collections per tag name: far cheaper than a fresh querySelectorAll.
  const inputs = isDocument ? (root as Document).getElementsByTagName('input') : root.querySelectorAll('input');
  for (const input of inputs) into.push(input);
  if (includeShadowRoots) {
    // Shadow hosts cannot be selected by CSS, so this is the one walk over all elements; it only reads a
    // property, and a TreeWalker does it at about a third of the cost of iterating querySelectorAll('*').
    const document = isDocument ? (root as Document) : (root.ownerDocument as Document);
    const walker = document.createTreeWalker(root, SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const shadow = (node as Element).shadowRoot;
      if (shadow) collectInputs(shadow, into, includeFrames, includeShadowRoots);
    }
  }
  if (includeFrames) {
    const frames = isDocument
      ? [...(root as Document).getElementsByTagName('iframe'), ...(root as Document).getElementsByTagName('frame')]
      : [...root.querySelectorAll('iframe, frame')];
    for (const frame of frames) {
      let inner: Document | null = null;
      try {
        // Throws or returns null for cross-origin frames: those are handled by their own content script instance.
        inner = (frame as HTMLIFrameElement).contentDocument;
      } catch {
        inner = null;
      }
      if (inner?.documentElement) collectInputs(inner, into, includeFrames, includeShadowRoots);
    }
  }
}

function isEditableTextInput(input: HTMLInputElement): boolean {
  const type = (input.getAttribute('type') ?? '').toLowerCase();
  return FILLABLE_TYPES.has(type) && !input.disabled && !input.readOnly;
}

interface FieldText {
  /** name, id, autocomplete, placeholder, aria-label, title, data-testid: what the developer called the field. */
  attributes: string;
  /** Associated labels and aria-labelledby targets: what the user reads. */
  label: string;
}

function fieldText(input: HTMLInputElement): FieldText {
  const parts = [
    input.name,
    input.id,
    input.getAttribute('placeholder'),
    input.getAttribute('aria-label'),
    input.getAttribute('title'),
    input.getAttribute('data-testid'),
    input.className && typeof input.className === 'string' ? input.className : '',
  ];
  return { attributes: normalizeText(parts.filter(Boolean).join(' ')), label: normalizeText(labelText(input)) };
}

function labelText(input: HTMLInputElement): string {
  let text = '';
  const labels = input.labels;
  if (labels) for (const label of labels) text += ` ${label.textContent ?? ''}`;
  const labelledBy = input.getAttribute('aria-labelledby');
  if (labelledBy) {
    const root = input.getRootNode() as Document | ShadowRoot;
    for (const id of labelledBy.split(/\s+/)) {
      const element = id && root.getElementById ? root.getElementById(id) : null;
      if (element) text += ` ${element.textContent ?? ''}`;
    }
  }
  const describedBy = input.getAttribute('aria-describedby');
  if (describedBy) {
    const root = input.getRootNode() as Document | ShadowRoot;
    for (const id of describedBy.split(/\s+/)) {
      const element = id && root.getElementById ? root.getElementById(id) : null;
      if (element) text += ` ${element.textContent ?? ''}`;
    }
  }
  return text.slice(0, MAX_CONTEXT_CHARS);
}

/**
 * Text around a field: its form, or the closest ancestor a few levels up that says something; bounded so a
 * huge container never costs more than a few hundred characters of normalisation.
 */
function contextText(element: Element): string {
  let container: Element | null = (element as HTMLInputElement).form ?? null;
  if (!container) {
    container = element.parentElement;
    for (let depth = 0; depth < 3 && container?.parentElement; depth++) {
      if ((container.textContent?.length ?? 0) > 40) break;
      container = container.parentElement;
    }
  }
  let text = container?.textContent ?? '';
  if (!text.trim()) {
    // A field alone in a shadow root: the host's surroundings describe it.
    const root = element.getRootNode();
    if (root !== element.ownerDocument && 'host' in root) {
      text = (root as ShadowRoot).host.parentElement?.textContent ?? '';
    }
  }
  return normalizeText(text.slice(0, MAX_CONTEXT_CHARS * 2));
}

function isSearchField(input: HTMLInputElement): boolean {
  return (
    input.getAttribute('type')?.toLowerCase() === 'search' ||
    input.getAttribute('role') === 'searchbox' ||
    input.closest('[role="search"], search') !== null
  );
}

function scoreSingleInput(input: HTMLInputElement, isVisible: (input: HTMLInputElement) => boolean) {
  if (!isEditableTextInput(input) || isSearchField(input)) return undefined;
  const autocomplete = (input.getAttribute('autocomplete') ?? '').toLowerCase();
  const reasons: string[] = [];
  let score = 0;
  const oneTimeCode = autocomplete.includes('one-time-code');
  if (oneTimeCode) {
    score += 100;
    reasons.push('autocomplete');
  } else if (DECOY_AUTOCOMPLETE.test(autocomplete)) {
    return undefined;
  }

  const text = fieldText(input);
  const attributeStrong = STRONG_OTP_WORDS.test(text.attributes);
  const labelStrong = STRONG_OTP_WORDS.test(text.label);
  if (attributeStrong) {
    score += 50;
    reasons.push('attr:strong');
  } else if (WEAK_OTP_WORDS.test(text.attributes)) {
    score += 20;
    reasons.push('attr:weak');
  }
  if (labelStrong) {
    score += 50;
    reasons.push('label:strong');
  } else if (WEAK_OTP_WORDS.test(text.label)) {
    score += 20;
    reasons.push('label:weak');
  }

  const type = input.getAttribute('type')?.toLowerCase() ?? 'text';
  const numeric =
    input.inputMode === 'numeric' ||
    input.getAttribute('inputmode') === 'numeric' ||
    type === 'tel' ||
    type === 'number' ||
    /^\[?(0-9|\\d)/.test(input.getAttribute('pattern') ?? '');
  if (numeric) {
    score += 10;
    reasons.push('numeric');
  }
  const maxLength = input.maxLength;
  if (maxLength >= 6 && maxLength <= 10) {
    score += 15;
    reasons.push('maxlength');
  } else if (maxLength > 10 && maxLength < 64) {
    score -= 20;
  }
  if (type === 'password' && !oneTimeCode && !attributeStrong) {
    // Login passwords are the one password field we must never touch.
    return undefined;
  }

  // Decoys: the developer's own name for the field wins over the surrounding prose.
  if (!oneTimeCode) {
    if (DECOY_WORDS.test(text.attributes) && !attributeStrong) return undefined;
    if (CAPTCHA_PHRASES.test(text.attributes) || CAPTCHA_PHRASES.test(text.label)) return undefined;
    // "Enter the verification code sent to your phone": strong words in the label outweigh decoys in its prose.
    if (DECOY_WORDS.test(text.label) && !labelStrong && !attributeStrong) return undefined;
  }

  // Weak evidence only counts when the surroundings talk about one-time codes.
  if (score < SINGLE_FIELD_THRESHOLD && score >= 20 && (numeric || maxLength >= 4)) {
    const context = contextText(input);
    if (CAPTCHA_PHRASES.test(context)) return undefined;
    if (STRONG_OTP_WORDS.test(context)) {
      score += 30;
      reasons.push('context:strong');
    }
  }
  if (score < SINGLE_FIELD_THRESHOLD) return undefined;
  if (!isVisible(input)) return undefined;
  return { kind: 'single', input, score, reasons } satisfies SingleOtpTarget;
}

/** Runs of 4–10 `maxlength=1` boxes that sit next to each other in the same container. */
function findSplitGroups(inputs: HTMLInputElement[]): HTMLInputElement[][] {
  const groups: HTMLInputElement[][] = [];
  let run: HTMLInputElement[] = [];
  const flush = () => {
    if (run.length >= 4 && run.length <= 10) groups.push(run);
    run = [];
  };
  for (const input of inputs) {
    if (input.maxLength !== 1 || !isEditableTextInput(input)) {
      flush();
      continue;
    }
    const previous = run[run.length - 1];
    if (previous && !areSiblingBoxes(previous, input)) flush();
    run.push(input);
  }
  flush();
  return groups;
}

function areSiblingBoxes(a: HTMLInputElement, b: HTMLInputElement): boolean {
  const parentA = a.parentElement;
  const parentB = b.parentElement;
  if (!parentA || !parentB) return false;
  return parentA === parentB || parentA.parentElement === parentB.parentElement;
}

function scoreSplitGroup(group: HTMLInputElement[], isVisible: (input: HTMLInputElement) => boolean) {
  const first = group[0];
  if (!first) return undefined;
  const reasons: string[] = [`split:${group.length}`];
  let score = group.length >= 6 && group.length <= 8 ? 40 : 20;
  const autocomplete = (first.getAttribute('autocomplete') ?? '').toLowerCase();
  if (autocomplete.includes('one-time-code')) {
    score += 60;
    reasons.push('autocomplete');
  }
  let attributes = '';
  for (const input of group) {
    const text = fieldText(input);
    attributes += ` ${text.attributes} ${text.label}`;
    if (DECOY_AUTOCOMPLETE.test((input.getAttribute('autocomplete') ?? '').toLowerCase())) return undefined;
  }
  const context = contextText(first.parentElement ?? first);
  if (CAPTCHA_PHRASES.test(context) || CAPTCHA_PHRASES.test(attributes)) return undefined;
  if (STRONG_OTP_WORDS.test(attributes)) {
    score += 40;
    reasons.push('attr:strong');
  } else if (STRONG_OTP_WORDS.test(context)) {
    score += 30;
    reasons.push('context:strong');
  } else if (WEAK_OTP_WORDS.test(attributes) || WEAK_OTP_WORDS.test(context)) {
    score += 15;
    reasons.push('context:weak');
  }
  if (DECOY_WORDS.test(attributes) && !reasons.includes('attr:strong')) return undefined;
  const numeric = group.every(
    (input) =>
      input.getAttribute('inputmode') === 'numeric' ||
      input.getAttribute('type') === 'tel' ||
      input.getAttribute('type') === 'number' ||
      input.getAttribute('pattern') !== null,
  );
  if (numeric) {
    score += 10;
    reasons.push('numeric');
  }
  if (score < SPLIT_FIELD_THRESHOLD) return undefined;
  if (!group.every(isVisible)) return undefined;
  return { kind: 'split', inputs: group, score, reasons } satisfies SplitOtpTarget;
}

/**
 * Browser layout check for a candidate: rendered (not `display:none`, not `visibility:hidden`, not inside a
 * hidden/closed ancestor) and at least 2×2 CSS pixels. Called only for the few inputs that already scored.
 */
export function isRenderedInput(input: HTMLInputElement): boolean {
  if (input.type === 'hidden' || input.hidden) return false;
  const checkVisibility = (input as { checkVisibility?: (options?: object) => boolean }).checkVisibility;
  if (typeof checkVisibility === 'function') {
    if (!checkVisibility.call(input, { visibilityProperty: true, opacityProperty: true })) return false;
  } else {
    const style = input.ownerDocument.defaultView?.getComputedStyle(input);
    if (!style || style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return false;
  }
  const rect = input.getBoundingClientRect();
  return rect.width >= 2 && rect.height >= 2;
}
