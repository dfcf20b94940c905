import type { OtpTarget } from './detect.js';

export interface FillOptions {
  /** Submit the form after filling. Off unless the user turned "submit after fill" on for the account. */
  submit?: boolean;
}

export interface FillResult {
  /** Every box ended up holding its part of the code. */
  ok: boolean;
  /** The form was submitted (only when asked to and a form was found). */
  submitted: boolean;
}

export class OtpFillError extends Error {
  override readonly name = 'OtpFillError';
}

const CODE_PATTERN = /^[0-9A-Za-z]{4,10}$/;

/**
 * Puts `code` into the target the way a person typing it would, so every framework's state sees it:
 *
 * - the value goes through the native `HTMLInputElement` setter, not the instance property, because React
 *   (and Preact compat) wrap the instance setter to track "last known value" and would swallow the event;
 * - each character gets `keydown`/`keypress`, an `input` event (`insertText`, what Vue's v-model, Angular's
 *   DefaultValueAccessor and Svelte's `bind:value` listen to) and `keyup` (what auto-advance and auto-submit
 *   handlers listen to); a page that handles the key itself (`preventDefault()` on keydown) keeps control;
 * - a final `change` for `v-model.lazy`, `ngModelOptions: {updateOn: 'change'}` and plain forms.
 *
 * Split targets get one character per box, each with its own focus and events, in order.
 */
export function fillOtpTarget(target: OtpTarget, code: string, options: FillOptions = {}): FillResult {
  if (!CODE_PATTERN.test(code)) throw new OtpFillError('A one-time code is 4 to 10 letters or digits.');
  let ok: boolean;
  let last: HTMLInputElement;
  if (target.kind === 'single') {
    last = target.input;
    typeInto(target.input, asTheFieldShowsIt(target.input, code));
    ok = digitsOf(target.input.value) === code;
  } else {
    if (target.inputs.length !== code.length) {
      throw new OtpFillError(`This page expects ${target.inputs.length} characters; the code has ${code.length}.`);
    }
    let unfocusPrevious = () => undefined as void;
    target.inputs.forEach((input, index) => {
      unfocusPrevious();
      unfocusPrevious = typeInto(input, code.charAt(index));
    });
    last = target.inputs[target.inputs.length - 1] as HTMLInputElement;
    ok = target.inputs.every((input, index) => input.value === code.charAt(index));
  }
  const submitted = ok && options.submit === true ? submitForm(last) : false;
  return { ok, submitted };
}

/**
 * A field that shows its code as `123 456` (placeholder) and has room for the space gets it typed that way: some
 * pages check the value against that shape. Otherwise the characters alone.
 */
function asTheFieldShowsIt(input: HTMLInputElement, code: string): string {
  const shape = (input.getAttribute('placeholder') ?? '').trim();
  if (!/^\S+( \S+)+$/.test(shape) || shape.replace(/ /g, '').length !== code.length) return code;
  if (input.maxLength >= 0 && input.maxLength < shape.length) return code;
  let index = 0;
  return shape.replace(/\S/g, () => code.charAt(index++));
}

/** Pages format codes as `123 456` or `123-456`; what matters is the characters that arrived. */
function digitsOf(value: string): string {
  return value.replace(/[\s-]/g, '');
}

function typeInto(input: HTMLInputElement, text: string): () => void {
  const view = input.ownerDocument.defaultView;
  if (!view) throw new OtpFillError('The field is no longer attached to a page.');
  const unfocus = focusField(input, view);
  if (input.value !== '') {
    setNativeValue(input, '');
    input.dispatchEvent(new view.InputEvent('input', { bubbles: true, composed: true, inputType: 'deleteContent' }));
  }
  for (const character of text) {
    // A page that formats the code as it is typed may have put the space there itself.
    if (character === ' ' && input.value.endsWith(' ')) continue;
    const keyInit = keyEventInit(character);
    const keydown = new view.KeyboardEvent('keydown', keyInit);
    withLegacyKeyCode(keydown, character);
    const handledByPage = !input.dispatchEvent(keydown);
    if (!handledByPage) {
      const keypress = new view.KeyboardEvent('keypress', keyInit);
      withLegacyKeyCode(keypress, character);
      input.dispatchEvent(keypress);
      const inputInit = { bubbles: true, composed: true, inputType: 'insertText', data: character };
      // A widget that inserts the character itself cancels `beforeinput`; a full box (`maxlength`) takes
      // nothing more, exactly as when a person types.
      const accepted = input.dispatchEvent(new view.InputEvent('beforeinput', { ...inputInit, cancelable: true }));
      // (`maxlength` does not apply to `type=number`.)
      const full = input.type !== 'number' && input.maxLength >= 0 && input.value.length >= input.maxLength;
      if (accepted && !full) {
        setNativeValue(input, input.value + character);
        input.dispatchEvent(new view.InputEvent('input', inputInit));
      }
    }
    const keyup = new view.KeyboardEvent('keyup', keyInit);
    withLegacyKeyCode(keyup, character);
    input.dispatchEvent(keyup);
  }
  input.dispatchEvent(new view.Event('change', { bubbles: true }));
  return unfocus;
}

/**
 * Focuses the field. A page without system focus (the popup is open over it) may not get focus events from
 * `focus()`, yet widgets track the active box through them: when none arrived, they are sent by hand, and the
 * returned function sends the matching blur when filling moves on to the next box.
 */
function focusField(input: HTMLInputElement, view: Window & typeof globalThis): () => void {
  const root = input.getRootNode() as Document | ShadowRoot;
  // Already focused (an auto-advancing widget moved there): nothing to announce.
  if (root.activeElement === input) return () => undefined;
  let focused = false;
  const seen = () => {
    focused = true;
  };
  input.addEventListener('focus', seen, { once: true });
  input.focus();
  input.removeEventListener('focus', seen);
  if (focused) return () => undefined;
  input.dispatchEvent(new view.FocusEvent('focus', { composed: true }));
  input.dispatchEvent(new view.FocusEvent('focusin', { bubbles: true, composed: true }));
  return () => {
    input.dispatchEvent(new view.FocusEvent('blur', { composed: true }));
    input.dispatchEvent(new view.FocusEvent('focusout', { bubbles: true, composed: true }));
  };
}

/** Writes through the prototype's setter of the input's own window (frames have their own prototypes). */
export function setNativeValue(input: HTMLInputElement, value: string): void {
  const view = input.ownerDocument.defaultView;
  const prototype = view?.HTMLInputElement.prototype ?? Object.getPrototypeOf(input);
  const setter = Object.getOwnPropertyDescriptor(prototype, 'value')?.set;
  if (setter) setter.call(input, value);
  else input.value = value;
}

export function keyEventInit(character: string): KeyboardEventInit {
  const isDigit = character >= '0' && character <= '9';
  return {
    key: character,
    code: isDigit ? `Digit${character}` : `Key${character.toUpperCase()}`,
    bubbles: true,
    cancelable: true,
    composed: true,
  };
}

/** `keyCode`/`which` are not settable through the constructor, yet older OTP widgets still read them. */
export function withLegacyKeyCode(event: KeyboardEvent, character: string): void {
  const keyCode = character.toUpperCase().charCodeAt(0);
  Object.defineProperty(event, 'keyCode', { value: keyCode });
  Object.defineProperty(event, 'which', { value: keyCode });
}

function submitForm(input: HTMLInputElement): boolean {
  const form = input.form;
  if (!form) return false;
  if (typeof form.requestSubmit === 'function') form.requestSubmit();
  else form.submit();
  return true;
}
