import {
  AMBIGUOUS_OTP_WORDS,
  asksOnlyForRecovery,
  BOX_ORDINAL,
  CAPTCHA_IMAGE,
  CAPTCHA_PHRASES,
  DECOY_AUTOCOMPLETE,
  DECOY_TOPICS,
  DECOY_WORDS,
  normalizeText,
  OR_WORDS,
  PASSWORD_WORDS,
  RECOVERY_CODE_WORDS,
  RECOVERY_FIELD_WORDS,
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

const FILLABLE_TYPES = new Set(['text', 'tel', 'number', 'password']);
const MAX_CONTEXT_CHARS = 400;
// Node constants spelled out: this module also runs where the DOM globals are not installed (jsdom in Node).
const DOCUMENT_NODE = 9;
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const SHOW_ELEMENT = 0x1;
const CONTROL = /^(INPUT|SELECT|TEXTAREA|BUTTON)$/;
const HEADING = /^(H[1-6]|LEGEND)$/;
/** A name or id with a position at the end: `otp-3`, `code[2]`, `digit_6`, `pin[]`. */
const INDEX_SUFFIX = /[-_.]?(\[\d{0,2}\]|\d{1,2})$/;
/** `[0-9]`, `\d`, `[0-9]{1}`: a pattern that accepts exactly one character. */
const ONE_CHARACTER_PATTERN = /^(\[[^\]]+\]|\\d|\\w)(\{1\})?$/;
/** Placeholders that show the shape of a code: `123456`, `000 000`, `••••••`, `------`. */
const CODE_PLACEHOLDER = /^((\d ?){6,8}|([-_•·*●○x] ?){6,8})$/i;
/**
 * Reading the surroundings costs text from the DOM; a page with hundreds of numeric fields gets this many
 * (each container's text read once), after which a field without words of its own is not considered.
 */
const MAX_CONTEXTS_PER_SCAN = 24;
/** How deep a box may sit in its own wrappers below the row (component libraries nest four or five). */
const MAX_BOX_WRAPPERS = 6;

interface Scan {
  contexts: number;
  text: Map<Element, string>;
  labels: Map<Node, Map<string, Element[]>>;
  formFields: Map<HTMLFormElement, number>;
}

function textOf(element: Element, scan: Scan): string {
  let text = scan.text.get(element);
  if (text === undefined) {
    text = element.textContent ?? '';
    scan.text.set(element, text);
  }
  return text;
}

/**
 * Every field that looks like it takes a one-time code, best first, whatever the step asks for (the step model,
 * `step.ts`, keeps only the ones that take an authenticator's code: `findOtpTargets`). Cost is proportional to
 * the number of `<input>` elements, not to the size of the page: inputs are gathered with one `querySelectorAll`
 * per root, cheap attribute checks discard almost all of them, and layout is queried only for the survivors.
 */
export function findCandidateTargets(root: Document | ShadowRoot | Element, options: DetectOptions = {}): OtpTarget[] {
  const isVisible = options.isVisible ?? isRenderedInput;
  const inputs: HTMLInputElement[] = [];
  collectInputs(root, inputs, options.includeFrames ?? true, options.includeShadowRoots ?? true);

  const targets: OtpTarget[] = [];
  const scan: Scan = {
    contexts: MAX_CONTEXTS_PER_SCAN,
    text: new Map(),
    labels: new Map(),
    formFields: new Map(),
  };
  const inSplitGroup = new Set<HTMLInputElement>();
  for (const group of findSplitGroups(inputs)) {
    const target = scoreSplitGroup(group, isVisible, scan);
    if (target) {
      targets.push(target);
      for (const input of group) inSplitGroup.add(input);
    }
  }
  for (const input of inputs) {
    if (inSplitGroup.has(input)) continue;
    const target = scoreSingleInput(input, isVisible, scan);
    if (target) targets.push(target);
  }
  return targets.sort((a, b) => b.score - a.score);
}

function collectInputs(
  root: Document | ShadowRoot | Element,
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
        // A frame reachable only through `document.domain` is another origin too: it decides for itself.
        inner = (frame as HTMLIFrameElement).contentDocument;
        if (inner?.defaultView?.origin !== (root.ownerDocument ?? (root as Document)).defaultView?.origin) inner = null;
      } catch {
        inner = null;
      }
      if (inner?.documentElement) collectInputs(inner, into, includeFrames, includeShadowRoots);
    }
  }
}

/** `input.type` is what the browser renders: an unknown `type="numeric"` is a text box. */
function inputType(input: HTMLInputElement): string {
  return (input.type || 'text').toLowerCase();
}

function isEditableTextInput(input: HTMLInputElement): boolean {
  return FILLABLE_TYPES.has(inputType(input)) && !input.disabled && !input.readOnly;
}

interface FieldText {
  /** name, id, placeholder, aria-label, title, data-testid, class: what the developer called the field. */
  attributes: string;
  /** Associated labels, aria-labelledby/-describedby targets, or a short caption right before it: what the user reads. */
  label: string;
  /** The same without the aria-describedby hint ("…or use one of your recovery codes"): what names the field. */
  name: string;
}

function fieldText(input: HTMLInputElement, scan: Scan): FieldText {
  const parts = [
    input.name,
    input.id,
    input.getAttribute('placeholder'),
    input.getAttribute('aria-label'),
    input.getAttribute('title'),
    input.getAttribute('data-testid'),
    input.className && typeof input.className === 'string' ? input.className : '',
  ];
  const [name, hint] = labelText(input, scan);
  return {
    attributes: normalizeText(parts.filter(Boolean).join(' ')),
    label: normalizeText(`${name} ${hint}`.slice(0, MAX_CONTEXT_CHARS)),
    name: normalizeText(name.slice(0, MAX_CONTEXT_CHARS)),
  };
}

/** [what names the field: labels, aria-labelledby or a caption; its aria-describedby hint]. */
function labelText(input: HTMLInputElement, scan: Scan): [string, string] {
  const texts = ['', ''];
  const root = input.getRootNode() as Document | ShadowRoot;
  const labels = labelsOf(input, root, scan);
  for (const label of labels) texts[0] += ` ${label.textContent ?? ''}`;
  const labelledBy = input.getAttribute('aria-labelledby');
  [labelledBy, input.getAttribute('aria-describedby')].forEach((attribute, index) => {
    for (const id of attribute?.split(/\s+/) ?? []) {
      const element = id && root.getElementById ? root.getElementById(id) : null;
      if (element) texts[index] += ` ${element.textContent ?? ''}`;
    }
  });
  if (!labels.length && !labelledBy) texts[0] += ` ${captionBefore(input)}`;
  return texts as [string, string];
}

/**
 * `input.labels` without its cost: browsers search the whole tree for each input that asks, so a page with
 * hundreds of inputs paid for hundreds of walks. Here `label[for]` is gathered once per document or shadow root
 * and scan; a wrapping `<label>` without `for` labels the field inside it.
 */
function labelsOf(input: HTMLInputElement, root: Document | ShadowRoot, scan: Scan): Element[] {
  let byId = scan.labels.get(root);
  if (!byId) {
    byId = new Map();
    for (const label of root.querySelectorAll('label[for]')) {
      const id = label.getAttribute('for') as string;
      byId.set(id, [...(byId.get(id) ?? []), label]);
    }
    scan.labels.set(root, byId);
  }
  const labels = (input.id && byId.get(input.id)) || [];
  const wrapping = input.closest('label');
  return wrapping && !wrapping.hasAttribute('for') ? [...labels, wrapping] : labels;
}

/**
 * A label that is not a `<label>`: the text right before the field (`Token Code: <input>`), or the cell or block
 * before the one that holds only this field (`<td>One-Time Password:</td><td><input></td>`). Stops at another
 * control or a heading; only a short caption counts (prose around the field is context, not a label).
 */
function captionBefore(input: HTMLInputElement): string {
  let node: Element = input;
  for (let level = 0; level < 3; level++) {
    let text = '';
    for (let sibling = node.previousSibling; sibling; sibling = sibling.previousSibling) {
      if (sibling.nodeType === TEXT_NODE) {
        text = `${sibling.textContent} ${text}`;
        continue;
      }
      if (sibling.nodeType !== ELEMENT_NODE) continue;
      const element = sibling as Element;
      // A caption is a small element; a big block before the field (a menu, an article) is not one.
      if (
        CONTROL.test(element.tagName) ||
        HEADING.test(element.tagName) ||
        element.childElementCount > 4 ||
        element.querySelector('input,select,textarea')
      )
        break;
      text = `${element.textContent} ${text}`;
      if (text.trim()) break;
    }
    text = text.trim();
    if (text) return text.length <= 40 ? text : '';
    const parent = node.parentElement;
    if (!parent || parent.getElementsByTagName('input').length > 1) return '';
    node = parent;
  }
  return '';
}

interface Surroundings {
  /** The form or nearby block, plus the nearest heading before the field (normalised). */
  text: string;
  /** The document title (normalised): evidence for, never against. */
  title: string;
  /** The block the field sits in: its form, or the closest ancestor that says something. */
  container: Element | null;
}

/**
 * Text around a field: its form (or the closest ancestor a few levels up that says something) and the nearest
 * heading before it, bounded so a huge container never costs more than a few hundred characters of normalisation.
 */
function surroundings(element: Element, scan: Scan): Surroundings | undefined {
  if (scan.contexts-- <= 0) return undefined;
  const form = (element as HTMLInputElement).form ?? null;
  let container: Element | null = element.parentElement;
  let text = container ? textOf(container, scan) : '';
  const formText = form ? textOf(form, scan) : '';
  if (form && formText.length <= MAX_CONTEXT_CHARS * 4) {
    container = form;
    text = formText;
  } else {
    for (let depth = 0; depth < 4 && container?.parentElement && text.length <= 80; depth++) {
      const parentText = textOf(container.parentElement, scan);
      if (parentText.length > MAX_CONTEXT_CHARS * 4) break;
      container = container.parentElement;
      text = parentText;
    }
  }
  const root = element.getRootNode();
  const isShadow = root !== element.ownerDocument && 'host' in root;
  if (!text.trim() && isShadow) {
    // A field alone in a shadow root: the host's surroundings describe it.
    text = (root as ShadowRoot).host.parentElement?.textContent ?? '';
  }
  return {
    text: normalizeText(`${text.slice(0, MAX_CONTEXT_CHARS * 2)} ${nearestHeading(element)}`),
    title: normalizeText(element.ownerDocument.title.slice(0, MAX_CONTEXT_CHARS)),
    container,
  };
}

/** The closest heading (`h1`–`h6`, `legend`, `role=heading`) before the element in document order, across shadow roots. */
export function nearestHeading(element: Element): string {
  let current: Node = element;
  let budget = 200;
  for (;;) {
    const root = current.getRootNode();
    const walker = element.ownerDocument.createTreeWalker(root, SHOW_ELEMENT);
    walker.currentNode = current;
    for (let node = walker.previousNode(); node && budget-- > 0; node = walker.previousNode()) {
      const candidate = node as Element;
      if (HEADING.test(candidate.tagName) || candidate.getAttribute('role') === 'heading') {
        return (candidate.textContent ?? '').slice(0, MAX_CONTEXT_CHARS / 2);
      }
    }
    if (budget <= 0 || !('host' in root)) return '';
    current = (root as ShadowRoot).host;
  }
}

/** The only field left to type in, in its form or block (a code step usually asks for nothing else). */
function isLoneField(
  input: HTMLInputElement,
  container: Element | null,
  isVisible: (input: HTMLInputElement) => boolean,
) {
  if (!container) return false;
  for (const other of container.getElementsByTagName('input')) {
    if (other !== input && isEditableTextInput(other) && isVisible(other)) return false;
  }
  return true;
}

function isInShortForm(input: HTMLInputElement, scan: Scan): boolean {
  const form = input.form;
  if (!form) return false;
  let fields = scan.formFields.get(form);
  if (fields === undefined) {
    fields = 0;
    for (const element of form.elements) {
      if (element.tagName === 'INPUT' && isEditableTextInput(element as HTMLInputElement)) fields++;
    }
    scan.formFields.set(form, fields);
  }
  return fields <= 3;
}

/** Card fields in the same form or block: "security code" there is the card's CVC. */
function hasCardFields(container: Element | null): boolean {
  if (!container) return false;
  for (const other of container.getElementsByTagName('input')) {
    const autocomplete = other.getAttribute('autocomplete') ?? '';
    if (autocomplete.startsWith('cc-') || /card|cc-?num|expir|cvc|cvv/i.test(`${other.name} ${other.id}`)) return true;
  }
  return false;
}

/** A captcha image or canvas right before or after the field (or its wrapper), with no other field in between. */
function hasCaptchaImageNextTo(input: HTMLInputElement): boolean {
  let node: Element | null = input;
  for (let level = 0; level < 2 && node; level++) {
    for (const direction of ['previousElementSibling', 'nextElementSibling'] as const) {
      let sibling = node[direction];
      for (let steps = 0; sibling && steps < 3; steps++, sibling = sibling[direction]) {
        if (CONTROL.test(sibling.tagName)) break;
        const images = /^(IMG|CANVAS)$/.test(sibling.tagName) ? [sibling] : [...sibling.querySelectorAll('img,canvas')];
        if (images.some(isCaptchaImage)) return true;
        if (sibling.querySelector('input,select,textarea')) break;
      }
    }
    const parent: Element | null = node.parentElement;
    if (!parent || parent.getElementsByTagName('input').length > 1) return false;
    node = parent;
  }
  return false;
}

function isCaptchaImage(image: Element): boolean {
  const text = ['src', 'alt', 'id', 'class', 'title']
    .map((name) => image.getAttribute(name) ?? '')
    .join(' ')
    .toLowerCase();
  return CAPTCHA_IMAGE.test(text) && !text.includes('qr');
}

/**
 * The field's own words name a recovery, backup or lookup code: never a TOTP, whatever else they say — unless
 * they offer a choice that includes one ("Authenticator or recovery code": one field that takes either).
 */
function isRecoveryText(text: string): boolean {
  if (!RECOVERY_CODE_WORDS.test(text) && !RECOVERY_FIELD_WORDS.test(text)) return false;
  return !(OR_WORDS.test(text) && STRONG_OTP_WORDS.test(text.replace(RECOVERY_WORDS_GLOBAL, ' ')));
}
const RECOVERY_WORDS_GLOBAL = new RegExp(`${RECOVERY_CODE_WORDS.source}|${RECOVERY_FIELD_WORDS.source}`, 'g');

/** An authenticator named in a sentence that also offers recovery codes: the field takes either. */
const APP_WORDS = /\b(authenticat\w* apps?|authenticator|totp|apps?)\b/;

/** A label or name that asks for a password (not a one-time one): no code goes there, whatever its `autocomplete`. */
function asksForPassword(text: string): boolean {
  return PASSWORD_WORDS.test(text) && !STRONG_OTP_WORDS.test(text);
}

/**
 * The prompt right before the field ("Enter one of your recovery codes", its label, a heading) asks for a recovery
 * code and for nothing else: "Enter the code from your authenticator app, or one of your recovery codes" still
 * asks for a TOTP. Read only for fields that already qualified.
 */
function asksForRecoveryCode(input: HTMLInputElement): boolean {
  let text = '';
  let node: Element = input;
  outer: for (let level = 0; level < 3 && node !== input.form; level++) {
    for (
      let sibling = node.previousSibling;
      sibling && text.length < MAX_CONTEXT_CHARS;
      sibling = sibling.previousSibling
    ) {
      if (sibling.nodeType === ELEMENT_NODE) {
        const element = sibling as Element;
        if (
          CONTROL.test(element.tagName) ||
          element.childElementCount > 8 ||
          element.querySelector('input,select,textarea')
        )
          break outer;
        text = `${element.textContent} ${text}`;
        if (HEADING.test(element.tagName)) break outer;
      } else if (sibling.nodeType === TEXT_NODE) text = `${sibling.textContent} ${text}`;
    }
    const parent = node.parentElement;
    if (!parent) break;
    node = parent;
  }
  return asksOnlyForRecovery(normalizeText(text.slice(-MAX_CONTEXT_CHARS)));
}

function isSearchField(input: HTMLInputElement): boolean {
  return (
    input.getAttribute('type')?.toLowerCase() === 'search' ||
    input.getAttribute('role') === 'searchbox' ||
    input.closest('[role="search"], search') !== null
  );
}

function isNumericInput(input: HTMLInputElement, type: string): boolean {
  return (
    input.getAttribute('inputmode') === 'numeric' ||
    type === 'tel' ||
    type === 'number' ||
    /^\[?(0-9|\\d)/.test(input.getAttribute('pattern') ?? '')
  );
}

/** Strong words that are not just "security code" (which also names a card's CVC). */
function hasUnambiguousStrongWords(text: FieldText): boolean {
  return STRONG_OTP_WORDS.test(`${text.attributes} | ${text.label}`.replace(AMBIGUOUS_OTP_WORDS, ' '));
}

function scoreSingleInput(input: HTMLInputElement, isVisible: (input: HTMLInputElement) => boolean, scan: Scan) {
  if (!isEditableTextInput(input) || isSearchField(input)) return undefined;
  // A box that holds one to three characters cannot take a code: it belongs to a split row, or to something else.
  const maxLength = input.maxLength;
  if (maxLength >= 0 && maxLength < 4) return undefined;
  const autocomplete = (input.getAttribute('autocomplete') ?? '').toLowerCase();
  const text = fieldText(input, scan);
  // "Current password:" marked `one-time-code` (a PAM conversation marks every prompt so) is still a password.
  if (asksForPassword(text.name) || (asksForPassword(text.attributes) && !STRONG_OTP_WORDS.test(text.label)))
    return undefined;
  const reasons: string[] = [];
  let score = 0;
  const oneTimeCode = autocomplete.includes('one-time-code');
  if (oneTimeCode) {
    score += 100;
    reasons.push('autocomplete');
  } else if (DECOY_AUTOCOMPLETE.test(autocomplete)) {
    return undefined;
  }

  // The field's own name vetoes; a sentence labelling it ("Open your authentication app and enter the code. You can
  // also use one of your backup codes.") only when it asks for a recovery code alone.
  const nameVetoes =
    isRecoveryText(text.name) &&
    !(text.name.length > 40 && APP_WORDS.test(text.name.replace(RECOVERY_WORDS_GLOBAL, ' ')));
  if (isRecoveryText(text.attributes) || nameVetoes || asksOnlyForRecovery(text.label)) return undefined;
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

  const type = inputType(input);
  const numeric = isNumericInput(input, type);
  if (numeric) {
    score += 10;
    reasons.push('numeric');
  } else if (CODE_PLACEHOLDER.test(input.getAttribute('placeholder')?.trim() ?? '')) {
    score += 10;
    reasons.push('placeholder');
  }
  if (maxLength >= 6 && maxLength <= 10) {
    score += 15;
    reasons.push('maxlength');
  } else if (maxLength > 10 && maxLength < 64) {
    score -= 20;
  }
  // Login passwords are the one password field we must never touch: only a field named or labelled as a
  // one-time password qualifies.
  if (type === 'password' && !oneTimeCode && !attributeStrong && !labelStrong) return undefined;

  let context: Surroundings | undefined;
  // Decoys: the developer's own name for the field wins over the surrounding prose.
  if (!oneTimeCode) {
    if (DECOY_WORDS.test(text.attributes) && !attributeStrong) return undefined;
    if (CAPTCHA_PHRASES.test(text.attributes) || CAPTCHA_PHRASES.test(text.label)) return undefined;
    // "Enter the verification code sent to your phone": strong words in the label outweigh decoys in its prose.
    if (DECOY_WORDS.test(text.label) && !labelStrong && !attributeStrong) return undefined;
    if ((attributeStrong || labelStrong) && !hasUnambiguousStrongWords(text)) {
      // "Security code" with room for 3–4 digits, or next to card fields, is a card's CVC.
      context = surroundings(input, scan);
      if (!context || (maxLength >= 0 && maxLength <= 4) || hasCardFields(context.container)) return undefined;
    }
  }

  // Weak evidence only counts when the surroundings talk about one-time codes, and never on a page about
  // gift cards or coupons.
  // A field with no words at all (only numeric, a short maxlength) can only qualify as the one field of a short
  // form: other fields are not worth reading the page for.
  if (!oneTimeCode && !attributeStrong && !labelStrong && score >= 10 && (score >= 20 || isInShortForm(input, scan))) {
    context ??= surroundings(input, scan);
    if (!context || CAPTCHA_PHRASES.test(context.text)) return undefined;
    const contextStrong = STRONG_OTP_WORDS.test(context.text) || STRONG_OTP_WORDS.test(context.title);
    if (!contextStrong && DECOY_TOPICS.test(context.text)) return undefined;
    if (contextStrong) {
      score += 30;
      reasons.push('context:strong');
      if (score < SINGLE_FIELD_THRESHOLD && isLoneField(input, context.container, isVisible)) {
        score += 20;
        reasons.push('lone');
      }
    }
  }
  if (score < SINGLE_FIELD_THRESHOLD || asksForRecoveryCode(input)) return undefined;
  if (!oneTimeCode && hasCaptchaImageNextTo(input)) return undefined;
  if (!isVisible(input)) return undefined;
  return { kind: 'single', input, score, reasons } satisfies SingleOtpTarget;
}

/** One box of a split row: `maxlength=1`, `size=1`, a one-character pattern, or labelled "Digit 3". */
function isBox(input: HTMLInputElement): boolean {
  return (
    input.maxLength === 1 ||
    input.getAttribute('size') === '1' ||
    ONE_CHARACTER_PATTERN.test(input.getAttribute('pattern') ?? '') ||
    BOX_ORDINAL.test(
      `${input.getAttribute('aria-label')} ${input.getAttribute('placeholder')} ${input.name} ${input.id}`.toLowerCase(),
    )
  );
}

/**
 * What makes consecutive inputs one row: all of them boxes, or all sharing a name or id stem (`otp[]`,
 * `code-1`…`code-6`), or, nameless, a class. Rows of the last kinds must name a code themselves (see scoring).
 */
function rowKey(input: HTMLInputElement): string {
  if (isBox(input)) return 'box';
  const type = inputType(input);
  if (input.name) return `${type} name ${input.name.replace(INDEX_SUFFIX, '')}`;
  if (input.id) return `${type} id ${input.id.replace(INDEX_SUFFIX, '')}`;
  return `${type} class ${input.getAttribute('class') ?? ''}`;
}

/** Runs of 4–10 boxes that sit next to each other in the same container. */
function findSplitGroups(inputs: HTMLInputElement[]): HTMLInputElement[][] {
  const groups: HTMLInputElement[][] = [];
  const editable = inputs.filter((input) => input.type !== 'hidden');
  let run: HTMLInputElement[] = [];
  let runKey = '';
  let runStart = 0;
  let lastGrouped: HTMLInputElement | undefined;
  const flush = () => {
    // A paste-friendly first box often takes the whole code: `maxlength=6` in front of five `maxlength=1`.
    const before = editable[runStart - 1];
    if (runKey === 'box' && before && before !== lastGrouped && isPasteBox(before, run)) run.unshift(before);
    if (run.length >= 4 && run.length <= 10) {
      groups.push(run);
      lastGrouped = run[run.length - 1];
    }
    run = [];
  };
  editable.forEach((input, index) => {
    const key = isEditableTextInput(input) ? rowKey(input) : '';
    const previous = run[run.length - 1];
    if (previous && (key !== runKey || !areSiblingBoxes(previous, input))) flush();
    if (!key) return;
    if (run.length === 0) runStart = index;
    runKey = key;
    run.push(input);
  });
  flush();
  return groups;
}

function isPasteBox(input: HTMLInputElement, run: HTMLInputElement[]): boolean {
  const box = run[0] as HTMLInputElement;
  const same = (name: string) => input.getAttribute(name) === box.getAttribute(name);
  return (
    run.length < 10 &&
    isEditableTextInput(input) &&
    input.maxLength > 1 &&
    input.maxLength <= 10 &&
    same('type') &&
    same('inputmode') &&
    same('class') &&
    areSiblingBoxes(input, box)
  );
}

/**
 * Same parent, or wrappers up to six levels (`div.row > div > div.cell > span > span > input`, rows built from
 * spans and divs), with nothing but separators (`-`, `·`) between them: a label or a caption in between starts
 * another field.
 */
function areSiblingBoxes(a: HTMLInputElement, b: HTMLInputElement): boolean {
  let ancestorA: Element = a;
  let ancestorB: Element = b;
  for (let level = 0; level <= MAX_BOX_WRAPPERS; level++) {
    const parentA = ancestorA.parentElement;
    const parentB = ancestorB.parentElement;
    if (!parentA || !parentB) return false;
    if (parentA === parentB) {
      for (let node = ancestorA.nextSibling; node && node !== ancestorB; node = node.nextSibling) {
        const text = node.textContent?.trim() ?? '';
        // "Digit 2" captions for screen readers belong to the row; "Confirm PIN" starts another field.
        if (text.length > 2 && !BOX_ORDINAL.test(text.toLowerCase())) return false;
      }
      return true;
    }
    ancestorA = parentA;
    ancestorB = parentB;
  }
  return false;
}

function scoreSplitGroup(group: HTMLInputElement[], isVisible: (input: HTMLInputElement) => boolean, scan: Scan) {
  const first = group[0];
  if (!first) return undefined;
  const reasons: string[] = [`split:${group.length}`];
  let score = group.length >= 6 && group.length <= 8 ? 40 : 20;
  if (group.some((input) => (input.getAttribute('autocomplete') ?? '').toLowerCase().includes('one-time-code'))) {
    score += 60;
    reasons.push('autocomplete');
  }
  let attributes = '';
  for (const input of group) {
    const text = fieldText(input, scan);
    attributes += ` ${text.attributes} ${text.label}`;
    if (DECOY_AUTOCOMPLETE.test((input.getAttribute('autocomplete') ?? '').toLowerCase())) return undefined;
  }
  if (isRecoveryText(attributes) || asksForRecoveryCode(first)) return undefined;
  // Rows found by a shared name or class (not box-shaped) must talk about codes themselves.
  const boxes = group.filter(isBox).length >= group.length - 1;
  if (!boxes && !STRONG_OTP_WORDS.test(attributes) && !WEAK_OTP_WORDS.test(attributes)) return undefined;
  const context = surroundings(first, scan);
  if (!context || CAPTCHA_PHRASES.test(context.text) || CAPTCHA_PHRASES.test(attributes)) return undefined;
  const attributeStrong = STRONG_OTP_WORDS.test(attributes);
  const contextStrong = STRONG_OTP_WORDS.test(context.text) || STRONG_OTP_WORDS.test(context.title);
  if (attributeStrong) {
    score += 40;
    reasons.push('attr:strong');
  } else if (contextStrong) {
    score += 30;
    reasons.push('context:strong');
  } else if (WEAK_OTP_WORDS.test(attributes) || WEAK_OTP_WORDS.test(context.text)) {
    score += 15;
    reasons.push('context:weak');
  }
  if (DECOY_WORDS.test(attributes) && !attributeStrong) return undefined;
  if (!attributeStrong && !contextStrong && DECOY_TOPICS.test(context.text)) return undefined;
  const numeric = group.every(
    (input) => isNumericInput(input, inputType(input)) || input.getAttribute('pattern') !== null,
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
 * hidden/closed ancestor), at least 2×2 CSS pixels and not parked off the page. Called only for the few inputs that already scored.
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
  if (rect.width < 2 || rect.height < 2) return false;
  // Parked off the page (`left: -9999px`, a classic honeypot): no one can see or type into it.
  const view = input.ownerDocument.defaultView;
  return rect.right + (view?.scrollX ?? 0) > 0 && rect.bottom + (view?.scrollY ?? 0) > 0;
}
