import {
  APPENDED_AFTER,
  APPENDED_BEFORE,
  EMAIL_WORDS,
  PUSH_WORDS,
  RECOVERY_SECRET_FIELD,
  SMS_WORDS,
  VOICE_WORDS,
} from './describe-words.js';
import { type DetectOptions, findCandidateTargets, isRenderedInput } from './detect.js';
import {
  normalizeText,
  RECOVERY_CODE_WORDS,
  RECOVERY_FIELD_WORDS,
  STRONG_OTP_WORDS,
  WEAK_OTP_WORDS,
} from './signals.js';
import {
  classifyCodeStep,
  type DeliveryChannel,
  fieldWords,
  type StepDescription,
  type StepTexts,
  scopeOf,
  stepOfTarget,
  stepTexts,
  takesAuthenticatorCode,
} from './step.js';
import { MASKED_EMAIL, MASKED_NUMBER } from './step-words.js';

const MAX_FIELDS_READ = 24;

function channelOf(texts: StepTexts): DeliveryChannel {
  const text = `${texts.prompt} ${texts.actions}`;
  if (VOICE_WORDS.test(text)) return 'voice';
  if (EMAIL_WORDS.test(text) || MASKED_EMAIL.test(texts.raw)) return 'email';
  if (SMS_WORDS.test(text) || MASKED_NUMBER.test(texts.raw)) return 'sms';
  if (PUSH_WORDS.test(text)) return 'push';
  return 'unknown';
}

function inputsOf(root: Document | Element): HTMLInputElement[] {
  const inputs = (root as Document).getElementsByTagName('input');
  const list: HTMLInputElement[] = [];
  for (const input of inputs) {
    if (list.length >= MAX_FIELDS_READ * 4) break;
    if (!input.disabled && !input.readOnly && /^(text|tel|number|password|)$/.test(input.type)) list.push(input);
  }
  return list;
}

/** The field's own words (name, id, placeholder, label) name a recovery, backup or lookup code. */
function namesRecoveryCode(input: HTMLInputElement): boolean {
  const words = normalizeText(
    `${input.name} ${input.id} ${fieldWords(input)} ${input.labels?.[0]?.textContent ?? ''}`.slice(0, 400),
  );
  return RECOVERY_CODE_WORDS.test(words) || RECOVERY_FIELD_WORDS.test(words);
}

/** A masked field named as a security or recovery key (or phrase), with no one-time-code words of its own. */
function namesRecoverySecret(input: HTMLInputElement): boolean {
  const words = normalizeText(`${fieldWords(input)} ${input.labels?.[0]?.textContent ?? ''}`.slice(0, 400));
  return RECOVERY_SECRET_FIELD.test(words) && !STRONG_OTP_WORDS.test(words);
}

/** A field that takes some code (its words, its shape), whoever sent it; not a user name or an e-mail address. */
function looksLikeCodeField(input: HTMLInputElement): boolean {
  const autocomplete = input.getAttribute('autocomplete') ?? '';
  if (autocomplete.includes('one-time-code')) return true;
  if (/username|email|tel|name/.test(autocomplete)) return false;
  const words = normalizeText(
    `${input.name} ${input.id} ${fieldWords(input)} ${input.labels?.[0]?.textContent ?? ''}`.slice(0, 400),
  );
  const shaped = input.maxLength >= 4 && input.maxLength <= 10;
  return STRONG_OTP_WORDS.test(words) || WEAK_OTP_WORDS.test(words) || (shaped && input.inputMode === 'numeric');
}

/** A login step: one password field, or a password prompt. The token goes with it only where the page says so. */
function passwordStep(passwords: HTMLInputElement[]): StepDescription {
  const field = passwords[0] as HTMLInputElement;
  if (passwords.length === 1) {
    const { prompt } = stepTexts(scopeOf(field), field);
    if (APPENDED_BEFORE.test(prompt)) return { kind: 'appended', position: 'before', field };
    if (APPENDED_AFTER.test(prompt)) return { kind: 'appended', position: 'after', field };
  }
  return { kind: 'password', field };
}

/**
 * What the page (or the form, or the dialog `root`) asks for, from its text and its fields, in every language
 * the detector knows. The code targets (`findOtpTargets`) are gated by the same answer, so the popup, the
 * in-page notice and the fill never disagree.
 */
export function describeStep(root: Document | Element, options: DetectOptions = {}): StepDescription {
  const isVisible = options.isVisible ?? isRenderedInput;
  const candidates = findCandidateTargets(root, options);
  let first: (StepDescription & { texts?: StepTexts }) | undefined;
  for (const candidate of candidates) {
    const step = stepOfTarget(candidate);
    if (takesAuthenticatorCode(step.kind)) return step;
    first ??= step;
  }
  if (first) return described(first);
  const visible = inputsOf(root).filter(isVisible);
  const passwords = visible.filter((input) => input.type === 'password');
  for (const input of visible.slice(0, MAX_FIELDS_READ)) {
    if (namesRecoveryCode(input) || (input.type === 'password' && namesRecoverySecret(input)))
      return { kind: 'recovery', field: input };
    if (input.type === 'password') continue;
    if (!looksLikeCodeField(input)) continue;
    const step = classifyCodeStep(input);
    if (step.kind === 'delivered' || step.kind === 'recovery') return described(step);
  }
  if (passwords.length) return passwordStep(passwords);
  return { kind: 'unknown' };
}

/** The public description: a delivered step names its channel; the texts it was read from stay inside. */
function described({ texts, ...step }: StepDescription & { texts?: StepTexts }): StepDescription {
  return step.kind === 'delivered' && texts ? { ...step, channel: channelOf(texts) } : step;
}
