/** The card's log-on page and its one-time-code step: recognised so that nothing on them is ever read. */
import { classifyFieldLabel, normalizeLabel } from '../labels.ts';
import { inputType, textOf } from './elements.ts';

const LOGON_CAPTION =
  /^(?:log ?on|log ?in|sign ?in|ouvrir (?:une )?session|connexion|se connecter|submit|valider|verify|verifier|anmelden|iniciar sesion|accedi|entrar)$/;
/** The same caption in scripts the pattern above cannot spell after folding. */
const LOGON_CAPTIONS = new Set(['Войти', 'ログオン', 'ログイン', '登录', '登入', '로그인'].map(normalizeLabel));
const isLogonCaption = (text: string) => {
  const normalized = normalizeLabel(text);
  return LOGON_CAPTION.test(normalized) || LOGON_CAPTIONS.has(normalized);
};

export function isLoginPage(doc: Document, file: string | undefined): boolean {
  if (file && /^(?:logon|login|logout)\.htm/.test(file)) return true;
  if (doc.querySelector('input[name="login_username" i], input[name="login_password" i]')) return true;
  if (isEmailedCodeStep(doc)) return true;
  // One password field and a "Log On" button, without a user's settings around it: a log-on form.
  const passwords = doc.querySelectorAll('input[type="password" i]');
  if (passwords.length !== 1) return false;
  const buttons = Array.from(doc.querySelectorAll('button, input[type="submit" i], input[type="button" i]'));
  const logon = buttons.some((button) => isLogonCaption(textOf(button) || button.getAttribute('value') || ''));
  const settings = Array.from(doc.querySelectorAll('td.dataName, label')).some(
    (label) => classifyFieldLabel(textOf(label)) === 'email',
  );
  return logon && !settings;
}

const CODE_FIELD =
  /\b(?:otp|one ?time|code|passcode|verification|mfa|2fa|token|code de verification|code a usage unique)\b/;

/** A sign-in step whose one-time code was sent by e-mail ("A code was sent to your e-mail address"). */
export function isEmailedCodeStep(doc: Document): boolean {
  const fields = Array.from(doc.querySelectorAll('input')).filter((input) => {
    const type = inputType(input);
    if (type !== 'text' && type !== 'number' && type !== 'tel') return false;
    const hints = [input.getAttribute('name'), input.id, input.getAttribute('autocomplete'), labelTextFor(doc, input)];
    return hints.some((hint) => hint && CODE_FIELD.test(normalizeLabel(hint.replace(/[_-]/g, ' '))));
  });
  if (fields.length === 0) return false;
  const text = normalizeLabel(textOf(doc.body));
  return /\b(?:e ?mail|courriel|adresse electronique)\b/.test(text);
}

function labelTextFor(doc: Document, control: Element): string {
  const id = control.id;
  const label = (id ? doc.querySelector(`label[for="${cssEscape(id)}"]`) : null) ?? control.closest('label');
  return textOf(label);
}

const cssEscape = (value: string) => value.replace(/["\\]/g, '\\$&');
