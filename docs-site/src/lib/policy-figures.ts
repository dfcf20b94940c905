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
  nmc2Models: (lang: Lang) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(POLICY.withoutMfa.nmc2Models),
  /** The first tool alone (the one the vendor article's steps are written for). */
  updateTool: () => POLICY.nmc3.affectedTools[0] ?? '',
  /** Data Center Expert and EcoStruxure IT Expert: the tools whose discovery and communication are affected too. */
  monitoringTools: (lang: Lang) =>
    new Intl.ListFormat(lang, { type: 'conjunction' }).format(
      POLICY.nmc3.tools.filter((tool) => tool.id !== 'secure-nmc-system-tool').map((tool) => tool.name),
    ),
  toolSearchAlias: () => POLICY.nmc3.toolSearchAliases[0] ?? '',
  nmcUserTypes: (lang: Lang) =>
    new Intl.ListFormat(lang, { type: 'conjunction' }).format(
      POLICY.nmc3.userTypes.map((type) => POLICY.nmc3.userTypeLabels[type]),
    ),
  /** Super User or Administrator: the types our caution counts as able to update firmware. */
  nmcCountedUserTypes: (lang: Lang) =>
    new Intl.ListFormat(lang, { type: 'disjunction' }).format(
      POLICY.nmc3.firmwareCapableUserTypes.map((type) => POLICY.nmc3.userTypeLabels[type]),
    ),
  nmcUncountedUserTypes: (lang: Lang) =>
    new Intl.ListFormat(lang, { type: 'disjunction' }).format(
      POLICY.nmc3.userTypes
        .filter((type) => !(POLICY.nmc3.firmwareCapableUserTypes as readonly string[]).includes(type))
        .map((type) => POLICY.nmc3.userTypeLabels[type]),
    ),
  nmcSuperUser: () => POLICY.nmc3.userTypeLabels['super-user'],
  nmcUserScreen: () => POLICY.nmc3.userScreen.title,
  nmcAccessLabel: () => POLICY.nmc3.userScreen.accessLabel,
  nmcEnableLabel: () => POLICY.nmc3.userScreen.enableLabel,
  nmcNextButton: () => POLICY.nmc3.userScreen.saveSteps[0] ?? '',
  nmcApplyButton: () => POLICY.nmc3.userScreen.saveSteps[1] ?? '',
} as const satisfies Record<string, (lang: Lang) => string>;

export type PolicyFigure = keyof typeof POLICY_FIGURES;

export function policyFigure(name: PolicyFigure, lang: Lang): string {
  return POLICY_FIGURES[name](lang);
}
