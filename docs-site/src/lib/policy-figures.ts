import { formatDuration, formatMenuPath, POLICY } from '@mfa-companion/policy';
import type { Lang } from './locale.ts';

/**
 * Every figure a page may quote, formatted for its language at build time from `@mfa-companion/policy`,
 * so the docs and the extension state the same numbers from one source.
 */
export const POLICY_FIGURES = {
  otpMaxValidity: (lang: Lang) => formatDuration(POLICY.otp.maxValidity, lang),
  notificationThreshold: (lang: Lang) => new Intl.NumberFormat(lang).format(POLICY.eventNotifications.burstThreshold),
  notificationWindow: (lang: Lang) => formatDuration(POLICY.eventNotifications.window, lang),
  notificationPause: (lang: Lang) => formatDuration(POLICY.eventNotifications.disabledFor, lang),
  inactiveAfter: (lang: Lang) => formatDuration(POLICY.account.inactiveAfterNoLogin, lang),
  restorableUntil: (lang: Lang) => formatDuration(POLICY.account.restorableByPasswordResetWithin, lang),
  passwordResetModeDuration: (lang: Lang) => formatDuration(POLICY.passwordResetMode.duration, lang),
  nmcModels: (lang: Lang) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(POLICY.nmc3.models),
  mfaFirmwareVersion: () => POLICY.nmc3.mfaFirmware.version,
  affectedTools: (lang: Lang) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(POLICY.nmc3.affectedTools),
  // The Web UI's own English labels: admins follow them on screen, so they are not translated.
  nmcMenuPath: () => formatMenuPath(),
  nmcEmailField: () => POLICY.nmc3.emailFieldLabel,
} as const satisfies Record<string, (lang: Lang) => string>;

export type PolicyFigure = keyof typeof POLICY_FIGURES;

export function policyFigure(name: PolicyFigure, lang: Lang): string {
  return POLICY_FIGURES[name](lang);
}
