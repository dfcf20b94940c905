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
}

export type NmcUserTypeId = 'super-user' | 'administrator' | 'device-user' | 'read-only-user' | 'network-only-user';

/** The tools that sign in to an NMC3 as a local user for firmware updates, discovery and file transfer. */
export type NmcToolId = 'secure-nmc-system-tool' | 'ecostruxure-it-expert' | 'data-center-expert';

/**
 * Which card a page belongs to, from its hardware: only an NMC3 (AOS 3.4 and later) has MFA. `nmc1` is the first
 * generation (AP9606, AP9617–AP9619), whose AOS 3.x numbers overlap NMC3's.
 */
export type NmcGeneration = 'nmc3' | 'nmc2' | 'nmc1' | 'unknown';

const NMC3_DCE_ITE_FAQ: FactSource = {
  publisher: 'Schneider Electric',
  document: 'Community FAQ on NMC 3 multi-factor authentication affecting DCE and ITE communication',
  scope: 'Network Management Card 3 firmware 3.4.0 and later, Data Center Expert and EcoStruxure IT Expert',
};

const NMC3_USER_GUIDE: FactSource = {
  publisher: 'Schneider Electric',
  document: 'Network Management Card 3 User Guide (990-91148D)',
  scope: 'Network Management Card 3 (AP9640, AP9641, AP9643) Web UI',
};

const PROJECT_DEVICE_KNOWLEDGE: FactSource = {
  publisher: 'MFA Companion',
  document: 'Our own reading of public NMC2, rack PDU and NMC3 About pages and user guides',
  scope: 'Telling card generations apart; not a vendor statement',
};

const NMC3_SCOPE_FAQ: FactSource = {
  publisher: 'Schneider Electric',
  document: 'FAQ on NMC3 multi-factor authentication and firmware updates (its scope: which cards have MFA)',
  scope: 'AP9640, AP9641, AP9643 and devices with an embedded NMC3; a product family alone says nothing',
};

const NMC_INSTALLATION_MANUALS: FactSource = {
  publisher: 'APC by Schneider Electric',
  document: 'Network Management Card 1 and 2 user guides and installation manuals (card generations and part numbers)',
  scope: 'Network Management Card 1 (AP9606, AP9617, AP9618, AP9619) and 2 (AP9630, AP9631, AP9635)',
};

const PUBLIC_ABOUT_CAPTURES: FactSource = {
  publisher: 'MFA Companion',
  document:
    'Our own reading of public About pages and CLI `about` output (an embedded NMC3 shows its own card section)',
  scope: 'Recognising an embedded NMC3 by its card part number; not a vendor statement',
};

const SMARTCONNECT_FAQ: FactSource = {
  publisher: 'Schneider Electric',
  document: 'SmartConnect help centre, frequently asked questions about MFA and accounts',
  scope: 'Schneider Electric cloud accounts used by SmartConnect',
};

const SMARTCONNECT_NOTIFICATIONS: FactSource = {
  publisher: 'Schneider Electric',
  document: 'SmartConnect help centre, e-mails and event notifications',
  scope: 'SmartConnect event notifications for a registered UPS',
};

const PCT_PASSWORD_RESET: FactSource = {
  publisher: 'Schneider Electric',
  document: 'EcoStruxure Building Operation help, setting a Project Configuration Tool server to password reset mode',
  scope: 'EcoStruxure Project Configuration Tool servers',
};

const NMC3_FIRMWARE_ARTICLE: FactSource = {
  publisher: 'Schneider Electric',
  document: 'Knowledge base article on NMC firmware updates failing when MFA is enabled',
  scope: 'Network Management Card 3 running AOS firmware with multi-factor authentication',
};

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
    /** No sign-in for longer than this marks the account inactive. */
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
  /**
   * Cards without MFA: what the checker needs to say "not applicable" instead of guessing. Only card hardware is
   * listed: a product family (rack PDUs, UPSs) is no evidence either way, since newer devices embed an NMC3.
   */
  withoutMfa: {
    /** Network Management Card 2 part numbers (AOS 6.x/7.x, no MFA). */
    nmc2Models: ['AP9630', 'AP9631', 'AP9635'],
    /** First-generation cards: AOS 3.x (e.g. 3.9.2) years before NMC3's 3.4, and no MFA. */
    nmc1Models: ['AP9606', 'AP9617', 'AP9618', 'AP9619'],
    /** NMC2's AOS line, as its own models show it (the numbers alone cannot tell a card apart). */
    aosMajorVersions: [6, 7],
    source: PROJECT_DEVICE_KNOWLEDGE,
    nmc1Source: NMC_INSTALLATION_MANUALS,
  },
  /**
   * How a card's generation is read: its own hardware only. A model number, or the part number of a card built
   * into a UPS, PDU or other device; an AOS version alone never makes a card an NMC3 (our reading).
   */
  cardEvidence: {
    /** Part numbers an embedded NMC3 shows in its own "Network Management Card" section (public captures). */
    nmc3PartNumberPrefixes: ['0N-1570'],
    /** With no hardware evidence, an AOS of 3.4 or later gives `unknown`, never `at-risk`. */
    aosAloneIsEvidence: false,
    /** The rule above is ours: the vendor's scope names cards, not firmware numbers. */
    ruleIsOurs: true,
    source: PUBLIC_ABOUT_CAPTURES,
    scopeSource: NMC3_SCOPE_FAQ,
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
    nmc1Models: readonly string[];
    aosMajorVersions: readonly number[];
    source: FactSource;
    nmc1Source: FactSource;
  };
  cardEvidence: {
    nmc3PartNumberPrefixes: readonly string[];
    aosAloneIsEvidence: boolean;
    ruleIsOurs: boolean;
    source: FactSource;
    scopeSource: FactSource;
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
