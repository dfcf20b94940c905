import { type DetectOptions, isRenderedInput } from './detect.js';
import { keyEventInit, withLegacyKeyCode } from './fill.js';

/** Where the code goes in the password field: after what the user typed, or before it. */
export type AppendPosition = 'after' | 'before';

export interface AppendResult {
  ok: boolean;
  /** `no-field`: not exactly one visible password field; `empty`: the user has not typed the password yet. */
  error?: 'no-field' | 'empty' | 'refused';
}

const CODE_PATTERN = /^[0-9A-Za-z]{4,10}$/;

/**
 * For logins that take the code with the password (OPNsense, FreeIPA, RADIUS/LDAP gateways): types the code into
 * the page's one password field after (or before) what the user typed, at the caret, one character at a time
 * with the same events as typing. The password is never read: the caret is moved with `setSelectionRange` and
 * characters are inserted with `setRangeText`; only whether the field is empty is known (the caret's offset).
 * Used only where the user chose "add the code after the password" for the bound site, never guessed.
 */
export function appendCodeToPassword(
  root: Document,
  code: string,
  position: AppendPosition,
  options: DetectOptions = {},
): AppendResult {
  if (!CODE_PATTERN.test(code)) return { ok: false, error: 'refused' };
  const isVisible = options.isVisible ?? isRenderedInput;
  const fields = [...root.querySelectorAll<HTMLInputElement>('input[type=password]')].filter(
    (input) => !input.disabled && !input.readOnly && isVisible(input),
  );
  const field = fields[0];
  if (fields.length !== 1 || !field) return { ok: false, error: 'no-field' };
  const view = field.ownerDocument.defaultView;
  if (!view) return { ok: false, error: 'no-field' };
  field.focus();
  const end = Number.MAX_SAFE_INTEGER;
  field.setSelectionRange(end, end); // clamped to the value's length
  if (field.selectionEnd === 0) return { ok: false, error: 'empty' };
  if (position === 'before') field.setSelectionRange(0, 0);
  for (const character of code) {
    const keyInit = keyEventInit(character);
    const keydown = new view.KeyboardEvent('keydown', keyInit);
    withLegacyKeyCode(keydown, character);
    if (field.dispatchEvent(keydown)) {
      const inputInit = { bubbles: true, composed: true, inputType: 'insertText', data: character };
      if (field.dispatchEvent(new view.InputEvent('beforeinput', { ...inputInit, cancelable: true }))) {
        const caret = field.selectionEnd ?? 0;
        field.setRangeText(character, caret, caret, 'end');
        field.dispatchEvent(new view.InputEvent('input', inputInit));
      }
    }
    const keyup = new view.KeyboardEvent('keyup', keyInit);
    withLegacyKeyCode(keyup, character);
    field.dispatchEvent(keyup);
  }
  field.dispatchEvent(new view.Event('change', { bubbles: true }));
  return { ok: true };
}
