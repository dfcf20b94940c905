/**
 * Facts the extension and the docs both state. Each one is data, never prose, so a page and a banner
 * cannot drift apart, and each carries where it comes from so a reader can judge how far it applies.
 */

/** Units understood by `Intl.NumberFormat` with `style: 'unit'`, so every locale spells them correctly. */
export type DurationUnit = 'minute' | 'hour' | 'day' | 'year';

export interface Duration {
  readonly value: number;
  readonly unit: DurationUnit;
}

/** Where a fact comes from, described in our own words. */
export interface FactSource {
  readonly publisher: string;
  readonly document: string;
  /** What the fact applies to, so nobody stretches it to products it was never stated for. */
  readonly scope: string;
  /** Stable key in `FACT_SOURCES`; a docs page's Sources block anchors each entry as `source-<id>`. */
  readonly id?: string;
  /** The document's own title, as its publisher gives it (English, as published). */
  readonly title?: string;
  /** The publisher's number for it: a knowledge-base article ("FAQ000276382") or a guide ("990-91148D"). */
  readonly reference?: string;
  /** Where it is published (site, help centre, board), when a reader needs that to find it. */
  readonly location?: string;
  /** `vendor`: the publisher's own statement; `ours`: our reading or caution, never presented as the vendor's. */
  readonly kind?: 'vendor' | 'ours';
  /** The parts a page may cite, by key: a question, a heading or a section, with its title as published. */
  readonly sections?: Readonly<Record<string, string>>;
  /** Product versions the document says it covers, as it lists them. */
  readonly productVersions?: readonly string[];
}

/** A source as the registry holds it: with the id, title and kind a Sources block shows. */
export type RegisteredSource = FactSource & {
  readonly id: string;
  readonly title: string;
  readonly kind: 'vendor' | 'ours';
};

export type NmcUserTypeId = 'super-user' | 'administrator' | 'device-user' | 'read-only-user' | 'network-only-user';

/** The tools that sign in to an NMC3 as a local user for firmware updates, discovery and file transfer. */
export type NmcToolId = 'secure-nmc-system-tool' | 'ecostruxure-it-expert' | 'data-center-expert';

/** Which card a page belongs to: only an NMC3 (AOS 3.4 and later) has MFA. */
export type NmcGeneration = 'nmc3' | 'nmc2' | 'unknown';

const NMC3_DCE_ITE_FAQ = {
  id: 'nmc3-dce-ite-faq',
  title: 'Enabling NMC 3 multifactor authentication (MFA) can affect DCE and ITE communication',
  location: 'Schneider Electric Community, EcoStruxure IT Help Center, EcoStruxure IT FAQ',
  kind: 'vendor',
  publisher: 'Schneider Electric',
  document: 'Community FAQ on NMC 3 multi-factor authentication affecting DCE and ITE communication',
  scope: 'Network Management Card 3 firmware 3.4.0 and later, Data Center Expert and EcoStruxure IT Expert',
} as const satisfies RegisteredSource;

const NMC3_USER_GUIDE = {
  id: 'nmc3-user-guide',
  title: 'UPS Network Management Card 3 User Guide',
  reference: '990-91148D',
  kind: 'vendor',
  sections: {
    localUsers: 'Security menu, Local Users (Configuration > Security > Local Users > Management)',
  },
  publisher: 'Schneider Electric',
  document: 'Network Management Card 3 User Guide (990-91148D)',
  scope: 'Network Management Card 3 (AP9640, AP9641, AP9643) Web UI',
} as const satisfies RegisteredSource;

const PROJECT_DEVICE_KNOWLEDGE = {
  id: 'mfa-companion-card-generations',
  title: 'How MFA Companion tells card generations apart',
  kind: 'ours',
  publisher: 'MFA Companion',
  document: 'Our own reading of public NMC2, rack PDU and NMC3 About pages and user guides',
  scope: 'Telling card generations apart; not a vendor statement',
} as const satisfies RegisteredSource;

const SMARTCONNECT_FAQ = {
  id: 'smartconnect-faq',
  title: 'Frequently Asked Questions (SmartConnect)',
  location: 'Schneider Electric Community, EcoStruxure IT Help Center, SmartConnect',
  kind: 'vendor',
  sections: {
    mfaWhat: 'Multi-Factor Authentication Frequently Asked Questions: What is Multi-Factor Authentication (MFA)?',
    mfaWhy:
      'Multi-Factor Authentication Frequently Asked Questions: Why is Schneider Electric enabling Multi-Factor authentication?',
    mfaMethods: 'Multi-Factor Authentication Frequently Asked Questions: What are the supported MFA methods?',
    mfaSetUp:
      'Multi-Factor Authentication Frequently Asked Questions: How can I set up MFA as a SmartConnect user?, and the set-up answers for Auth0 Guardian, Google Authenticator and SMS',
    mfaChange:
      'Multi-Factor Authentication Frequently Asked Questions: Can I change my preferred MFA authentication method?',
    mfaLostDevice:
      'Multi-Factor Authentication Frequently Asked Questions: How do I change my MFA method if device is lost?',
    mfaDisable: 'Multi-Factor Authentication Frequently Asked Questions: Can I disable MFA?',
    otpExpiry: 'Multi-Factor Authentication Frequently Asked Questions: Do One-Time Passwords (OTPs) expire?',
    recoveryCodes:
      'Multi-Factor Authentication Frequently Asked Questions: Are recovery codes single-use or revocable?',
    inactiveAccount: 'How do I recover an inactive user account?',
    accountNeeded: 'Do I need a Schneider Electric account to use the APC Smart-UPS products?',
    changeEmail: 'How do I change my Schneider Electric account email address?',
    privacy: 'How do I manage my data privacy preferences?',
    deleteAccount: 'How do I delete my SmartConnect account?',
    oneAccountPerUps: 'Can I register my SmartConnect-compatible UPS with more than one Schneider Electric account?',
    staticIp: 'How can I assign an IP address to my Smart-UPS?',
    powerOutage: 'What happens if there is a power outage during a UPS firmware upgrade?',
    supportRequest: 'SmartConnect Support box: Request Support',
  },
  publisher: 'Schneider Electric',
  document: 'SmartConnect help centre, frequently asked questions about MFA and accounts',
  scope: 'Schneider Electric cloud accounts used by SmartConnect',
} as const satisfies RegisteredSource;

const SMARTCONNECT_NOTIFICATIONS = {
  id: 'smartconnect-emails',
  title: 'Why did I receive an email from SmartConnect?',
  location: 'Schneider Electric Community, EcoStruxure IT Help Center, SmartConnect, Frequently Asked Questions',
  kind: 'vendor',
  sections: {
    upcomingChanges: 'I have received an Upcoming changes to your SmartConnect account email',
    resetPassword: 'I have received a Reset Password email',
    welcome: 'I have received a Welcome to Schneider Electric email',
    eventNotification: 'I have received an Email Event Notification',
    notificationsDisabled: 'I have received an Event Notifications Disabled alert',
  },
  publisher: 'Schneider Electric',
  document: 'SmartConnect help centre, e-mails and event notifications',
  scope: 'SmartConnect event notifications for a registered UPS',
} as const satisfies RegisteredSource;

const PCT_PASSWORD_RESET = {
  id: 'ebo-password-reset',
  title: 'Password Reset Workflow; Setting an EcoStruxure PCT Server in Password Reset Mode',
  location: 'EcoStruxure Building Operation online help (products: Enterprise Central, Project Configuration Tool)',
  kind: 'vendor',
  sections: {
    workflow: 'Password Reset Workflow',
    pctResetMode: 'Setting an EcoStruxure PCT Server in Password Reset Mode',
  },
  productVersions: ['3.1', '3.2', '3.3', '2022', '2023', '2024', '7.0'],
  publisher: 'Schneider Electric',
  document: 'EcoStruxure Building Operation help, setting a Project Configuration Tool server to password reset mode',
  scope: 'EcoStruxure Project Configuration Tool servers',
} as const satisfies RegisteredSource;

const NMC3_FIRMWARE_ARTICLE = {
  id: 'nmc3-firmware-mfa-article',
  title: 'Issues updating NMC firmware via the Secure Network System Tool, when Multi-factor Authentication is enabled',
  reference: 'FAQ000276382',
  location: 'se.com, Schneider Electric FAQ',
  kind: 'vendor',
  sections: { issue: 'Issue', cause: 'Cause', productLine: 'Product Line', solution: 'Solution' },
  publisher: 'Schneider Electric',
  document: 'Knowledge base article on NMC firmware updates failing when MFA is enabled',
  scope: 'Network Management Card 3 running AOS firmware with multi-factor authentication',
} as const satisfies RegisteredSource;

/** Our own rule on top of the vendor's: which user types the checkers count (see `firmwareCapableRuleIsOurs`). */
const PROJECT_NMC_CAUTION = {
  id: 'mfa-companion-nmc-caution',
  title: 'MFA Companion’s caution on the NMC3 update account',
  publisher: 'MFA Companion',
  document:
    'Our own caution: a blank-e-mail user known to be disabled, or known to be neither a Super User nor an Administrator, is not counted as the update account',
  scope: 'MFA Companion’s NMC checkers; stricter than the vendor article, not a vendor statement',
  kind: 'ours',
} as const satisfies RegisteredSource;

export const POLICY = {
  otp: {
    /** A one-time code sent for a Schneider Electric account sign-in is normally accepted for at most this long. */
    maxValidity: { value: 15, unit: 'minute' },
    source: SMARTCONNECT_FAQ,
  },
  eventNotifications: {
    /** Strictly more than this many notifications inside `window` switches notifications off. */
    burstThreshold: 6,
    window: { value: 30, unit: 'minute' },
    disabledFor: { value: 7, unit: 'day' },
    /** Events keep being written to the device's event log while notifications are off. */
    eventsStillLogged: true,
    source: SMARTCONNECT_NOTIFICATIONS,
  },
  account: {
    /** After no sign-in for longer than this, the account may become inactive (the FAQ says "may"). */
    inactiveAfterNoLogin: { value: 2, unit: 'year' },
    /** Until this long after the last sign-in, a password reset brings an inactive account back. */
    restorableByPasswordResetWithin: { value: 3, unit: 'year' },
    source: SMARTCONNECT_FAQ,
  },
  passwordResetMode: {
    /** How long a server stays in password reset mode once an administrator switches it on. */
    duration: { value: 24, unit: 'hour' },
    source: PCT_PASSWORD_RESET,
  },
  nmc3: {
    /** Network Management Card 3 part numbers; devices with an NMC3 built in behave the same. */
    models: ['AP9640', 'AP9641', 'AP9643'],
    includesEmbeddedNmc3: true,
    /** First AOS firmware with one-time-password MFA for local users. */
    mfaFirmware: { os: 'AOS', version: '3.4', major: 3, minor: 4 },
    /** Where the local user list lives in the NMC3 Web UI (labels as the English UI shows them). */
    userListMenuPath: ['Configuration', 'Security', 'Local Users', 'Management'],
    /** The field that must be empty on the account the update tools sign in with. */
    emailFieldLabel: 'E-mail Address',
    /** Tools whose firmware updates fail when MFA is on and every local user has an e-mail address. */
    affectedTools: ['Secure NMC System Tool', 'EcoStruxure IT Expert', 'Data Center Expert'],
    /** The same tools with stable ids, in the order of `affectedTools`. */
    tools: [
      { id: 'secure-nmc-system-tool', name: 'Secure NMC System Tool', shortName: 'Secure NMC System Tool' },
      { id: 'ecostruxure-it-expert', name: 'EcoStruxure IT Expert', shortName: 'IT Expert' },
      { id: 'data-center-expert', name: 'Data Center Expert', shortName: 'DCE' },
    ],
    /** The vendor article's title spells the first tool "Secure Network System Tool": readers search for both. */
    toolSearchAliases: ['Secure Network System Tool'],
    /** Besides firmware updates, what DCE and IT Expert do through the same local user (community FAQ). */
    affectedFunctions: ['firmware updates', 'discovery', 'file transfer', 'device communication'],
    /** The card sends the one-time password by e-mail after the user name and password are accepted. */
    otpDelivery: 'email',
    /** Every local user type an NMC3 knows. */
    userTypes: ['super-user', 'administrator', 'device-user', 'read-only-user', 'network-only-user'],
    /** The user types as the English Web UI and the User Guide name them. */
    userTypeLabels: {
      'super-user': 'Super User',
      administrator: 'Administrator',
      'device-user': 'Device User',
      'read-only-user': 'Read-Only User',
      'network-only-user': 'Network-Only User',
    },
    /** The per-user screen, its enable box, and the two steps that save it (Next, then Apply on the confirmation page). */
    userScreen: {
      title: 'User Configuration',
      accessLabel: 'Access',
      enableLabel: 'Enable',
      saveSteps: ['Next', 'Apply'],
    },
    /**
     * Only these user types are allowed to update firmware. Not from the article (which only asks for a user
     * without an e-mail address): it is NMC user-role knowledge, and it makes this project's check stricter.
     */
    firmwareCapableUserTypes: ['super-user', 'administrator'],
    /** The rule above is this project's caution: the User Guide does not say which types may upload firmware. */
    firmwareCapableRuleIsOurs: true,
    /**
     * The fix: at least one local user without an e-mail address (MFA does not apply to it), which the
     * tools then use.
     */
    requiredBlankEmailUsers: 1,
    source: NMC3_FIRMWARE_ARTICLE,
    communicationSource: NMC3_DCE_ITE_FAQ,
    userGuideSource: NMC3_USER_GUIDE,
  },
  /** Cards and devices without MFA: what the checker needs to say "not applicable" instead of guessing. */
  withoutMfa: {
    /** Network Management Card 2 part numbers (AOS 6.x/7.x, no MFA). */
    nmc2Models: ['AP9630', 'AP9631', 'AP9635'],
    /** Rack PDUs run the NMC2-era AOS 6.x/7.x line: their model numbers start like this (our reading). */
    rackPduModelPrefixes: ['AP7', 'AP8'],
    /** Application module names seen on rack PDU About pages. */
    rackPduApplicationNames: ['rpdu', 'rpdu2g'],
    aosMajorVersions: [6, 7],
    source: PROJECT_DEVICE_KNOWLEDGE,
  },
} as const satisfies {
  otp: { maxValidity: Duration; source: FactSource };
  eventNotifications: {
    burstThreshold: number;
    window: Duration;
    disabledFor: Duration;
    eventsStillLogged: boolean;
    source: FactSource;
  };
  account: { inactiveAfterNoLogin: Duration; restorableByPasswordResetWithin: Duration; source: FactSource };
  passwordResetMode: { duration: Duration; source: FactSource };
  nmc3: {
    models: readonly string[];
    includesEmbeddedNmc3: boolean;
    mfaFirmware: { os: string; version: string; major: number; minor: number };
    userListMenuPath: readonly string[];
    emailFieldLabel: string;
    affectedTools: readonly string[];
    tools: ReadonlyArray<{ id: NmcToolId; name: string; shortName: string }>;
    toolSearchAliases: readonly string[];
    affectedFunctions: readonly string[];
    otpDelivery: 'email';
    userTypes: readonly NmcUserTypeId[];
    userTypeLabels: Readonly<Record<NmcUserTypeId, string>>;
    userScreen: { title: string; accessLabel: string; enableLabel: string; saveSteps: readonly string[] };
    firmwareCapableUserTypes: readonly NmcUserTypeId[];
    firmwareCapableRuleIsOurs: boolean;
    requiredBlankEmailUsers: number;
    source: FactSource;
    communicationSource: FactSource;
    userGuideSource: FactSource;
  };
  withoutMfa: {
    nmc2Models: readonly string[];
    rackPduModelPrefixes: readonly string[];
    rackPduApplicationNames: readonly string[];
    aosMajorVersions: readonly number[];
    source: FactSource;
  };
};

export type Policy = typeof POLICY;

/**
 * "15 minutes", "15 minutes" (fr), "24 heures"… spelled by the platform's own ICU data, so no locale
 * needs a hand-written plural table.
 */
export function formatDuration(duration: Duration, locale: string, unitDisplay: 'long' | 'short' = 'long'): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: duration.unit, unitDisplay }).format(duration.value);
}

/** "Configuration > Security > Local Users > Management" with the separator the UI itself uses. */
export function formatMenuPath(path: readonly string[] = POLICY.nmc3.userListMenuPath): string {
  return path.join(' > ');
}

/**
 * Every source a page of the docs may cite, by id: the sources of `POLICY` and the other documents the pages rest on.
 * A docs page lists the ids it cites in its front matter and ends with a Sources block rendered from these entries.
 */
export const FACT_SOURCES = {
  'nmc3-firmware-mfa-article': NMC3_FIRMWARE_ARTICLE,
  'nmc3-dce-ite-faq': NMC3_DCE_ITE_FAQ,
  'nmc3-user-guide': NMC3_USER_GUIDE,
  'smartconnect-faq': SMARTCONNECT_FAQ,
  'smartconnect-emails': SMARTCONNECT_NOTIFICATIONS,
  'ebo-password-reset': PCT_PASSWORD_RESET,
  'mfa-companion-card-generations': PROJECT_DEVICE_KNOWLEDGE,
  'mfa-companion-nmc-caution': PROJECT_NMC_CAUTION,
} as const satisfies Record<string, RegisteredSource>;

export type FactSourceId = keyof typeof FACT_SOURCES;

/** The registry entry of a source, or undefined for one that is not registered (a test keeps that from happening). */
export function factSource(id: string): RegisteredSource | undefined {
  return Object.hasOwn(FACT_SOURCES, id) ? FACT_SOURCES[id as FactSourceId] : undefined;
}
