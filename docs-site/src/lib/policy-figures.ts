import {
  CLIPBOARD_CLEAR_PERMISSION,
  FIREFOX_MIN_VERSION,
  MATCH_PATTERNS_HAVE_PORTS,
  REPORTS_SCREEN_LOCK,
  type SupportedBrowser,
} from '@mfa-companion/extension/browser-support';
import { originPattern } from '@mfa-companion/extension/origin-pattern';
import { DEFAULT_SETTINGS } from '@mfa-companion/extension/settings';
import {
  DEFAULT_DIGITS,
  DEFAULT_PERIOD,
  MAX_DIGITS,
  MIGRATION_LIMITS,
  MIN_DIGITS,
  STEAM_PERIOD,
} from '@mfa-companion/otp';
import { FACT_SOURCES, formatDuration, formatMenuPath, POLICY } from '@mfa-companion/policy';
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
  /** The product versions the vendor's password-reset help lists, from its entry in FACT_SOURCES. */
  passwordResetProductVersions: (lang: Lang) =>
    new Intl.ListFormat(lang, { type: 'conjunction' }).format(FACT_SOURCES['ebo-password-reset'].productVersions),
  nmcModels: (lang: Lang) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(POLICY.nmc3.models),
  mfaFirmwareVersion: () => POLICY.nmc3.mfaFirmware.version,
  affectedTools: (lang: Lang) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(POLICY.nmc3.affectedTools),
  // The Web UI's own English labels: admins follow them on screen, so they are not translated.
  nmcMenuPath: () => formatMenuPath(),
  nmcEmailField: () => POLICY.nmc3.emailFieldLabel,
  /** The page of the menu path that lists the users ("Local Users"), for sentences that name the page alone. */
  nmcUserListPage: () => POLICY.nmc3.userListMenuPath[2] ?? '',
  nmc2Models: (lang: Lang) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(POLICY.withoutMfa.nmc2Models),
  /** First-generation cards (AOS 3.x, no MFA). */
  nmc1Models: (lang: Lang) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(POLICY.withoutMfa.nmc1Models),
  /** NMC2's AOS line: "6.x or 7.x". */
  nmc2AosVersions: (lang: Lang) =>
    new Intl.ListFormat(lang, { type: 'disjunction' }).format(
      POLICY.withoutMfa.aosMajorVersions.map((major) => `${major}.x`),
    ),
  /** The part numbers an embedded NMC3 shows in its own card section ("0N-1570…"). */
  nmc3PartNumbers: (lang: Lang) =>
    new Intl.ListFormat(lang, { type: 'disjunction' }).format(
      POLICY.cardEvidence.nmc3PartNumberPrefixes.map((prefix) => `${prefix}…`),
    ),
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

// ——— Figures that are not the vendor's ———
// The TOTP defaults as our OTP library applies them (RFC 6238's suggested time step, the usual code length) and
// the browser the extension needs. Pages quote them like the policy figures, with <Policy value="…" />, so the
// docs say what the code does; the reference page lists them in a table of their own.

const seconds = (value: number, lang: Lang) =>
  new Intl.NumberFormat(lang, { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(value);
const minutes = (value: number, lang: Lang) =>
  new Intl.NumberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(value);

const BROWSER_NAMES: Record<SupportedBrowser, string> = { chrome: 'Chrome', firefox: 'Firefox' };
const browserList = (lang: Lang, keep: (browser: SupportedBrowser) => boolean, type: 'conjunction' | 'disjunction') =>
  new Intl.ListFormat(lang, { type }).format(
    (Object.keys(BROWSER_NAMES) as SupportedBrowser[]).filter(keep).map((browser) => BROWSER_NAMES[browser]),
  );
/** A LAN address with a port, the case where the two browsers' grants differ. */
const SITE_EXAMPLE = 'http://192.168.1.20:8080';

export const TECHNICAL_FIGURES = {
  totpPeriod: (lang: Lang) => seconds(DEFAULT_PERIOD, lang),
  totpDigits: (lang: Lang) => new Intl.NumberFormat(lang).format(DEFAULT_DIGITS),
  totpMinDigits: (lang: Lang) => new Intl.NumberFormat(lang).format(MIN_DIGITS),
  totpMaxDigits: (lang: Lang) => new Intl.NumberFormat(lang).format(MAX_DIGITS),
  steamPeriod: (lang: Lang) => seconds(STEAM_PERIOD, lang),
  firefoxMinVersion: () => String(FIREFOX_MIN_VERSION),
  // The extension's own defaults, permissions and browser differences, from its side-effect-free modules.
  autoLockDefault: (lang: Lang) => minutes(DEFAULT_SETTINGS.autoLockMinutes, lang),
  clipboardClearDefault: (lang: Lang) => seconds(DEFAULT_SETTINGS.clipboardClearSeconds, lang),
  clipboardPermission: () => CLIPBOARD_CLEAR_PERMISSION,
  /** The browsers whose idle API reports a locked screen ("Chrome"), and those whose does not ("Firefox"). */
  screenLockBrowsers: (lang: Lang) => browserList(lang, (browser) => REPORTS_SCREEN_LOCK[browser], 'conjunction'),
  noScreenLockBrowsers: (lang: Lang) => browserList(lang, (browser) => !REPORTS_SCREEN_LOCK[browser], 'conjunction'),
  /** What "allow this site" grants for an example LAN address, as each browser's pattern is built. */
  siteGrantChrome: () => originPattern(SITE_EXAMPLE, MATCH_PATTERNS_HAVE_PORTS.chrome),
  siteGrantFirefox: () => originPattern(SITE_EXAMPLE, MATCH_PATTERNS_HAVE_PORTS.firefox),
  siteGrantExample: () => SITE_EXAMPLE,
  /** What a Google Authenticator transfer QR code carries (@mfa-companion/otp's MIGRATION_LIMITS). */
  migrationPeriods: (lang: Lang) =>
    new Intl.ListFormat(lang, { type: 'disjunction' }).format(MIGRATION_LIMITS.periods.map((p) => seconds(p, lang))),
  migrationDigits: (lang: Lang) =>
    new Intl.ListFormat(lang, { type: 'disjunction' }).format(
      MIGRATION_LIMITS.digits.map((digits) => new Intl.NumberFormat(lang).format(digits)),
    ),
  migrationAlgorithms: (lang: Lang) =>
    new Intl.ListFormat(lang, { type: 'disjunction' }).format(MIGRATION_LIMITS.algorithms),
} as const satisfies Record<string, (lang: Lang) => string>;

export type TechnicalFigure = keyof typeof TECHNICAL_FIGURES;

/** Figures that are identifiers (shown as code): a permission name, match patterns, an example address. */
export const CODE_FIGURES = [
  'clipboardPermission',
  'siteGrantExample',
  'siteGrantChrome',
  'siteGrantFirefox',
] as const satisfies readonly TechnicalFigure[];

/** Any figure a page may quote: the vendor's (`POLICY_FIGURES`) or ours (`TECHNICAL_FIGURES`). */
export type Figure = PolicyFigure | TechnicalFigure;

export function figureText(name: Figure, lang: Lang): string {
  return name in TECHNICAL_FIGURES
    ? TECHNICAL_FIGURES[name as TechnicalFigure](lang)
    : policyFigure(name as PolicyFigure, lang);
}
