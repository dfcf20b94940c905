import type { NmcEvaluation, NmcGeneration, NmcUser } from '@mfa-companion/policy';
import type { ToolAccount } from './tool-accounts';

/** What one NMC page showed. Several kinds can appear on one page. */
export interface NmcPageRead {
  list?: {
    users: NmcUser[];
    /** Set when a pager says the table is one page of several: users missing from it are then kept. */
    page?: { number: number; count: number };
    /** Same-origin edit page of each listed user, when the name is a link (read with own-property lookups only). */
    userPages: Record<string, string>;
    /** Where this list was read (same origin), so the fleet view can read it again. */
    url?: string;
  };
  /** A single user's edit form, which always shows the E-mail Address field. */
  user?: NmcUser;
  /** What the card says about itself (About > Network, an MFA setting). `aosVersion` is the card's own AOS. */
  card?: { model?: string; generation?: NmcGeneration; aosVersion?: string; mfaEnabled?: boolean };
}

/** Whether a user's address is blank, set or not seen yet. The address itself is never stored. */
export type EmailState = 'blank' | 'set' | 'unknown';

export interface KnownUser {
  name: string;
  email: EmailState;
  userType?: string;
  enabled?: boolean;
  /** Absolute same-origin URL of the user's edit page, used by "Check all users". */
  page?: string;
}

export interface HostKnowledge {
  origin: string;
  users: KnownUser[];
  /** MFA switch: from a page of the NMC when seen there, otherwise the admin's one-time answer. */
  mfa?: { value: boolean | 'unknown'; source: 'page' | 'answer' };
  firmwareVersion?: string;
  /** While the list was only seen page by page: which pages were read. */
  listPages?: { count: number; seen: number[] };
  /** Where the firmware version came from; a page of the card beats the admin's answer. */
  firmwareSource?: 'page' | 'answer';
  /** The card's model number and generation, from About > Network. */
  model?: string;
  generation?: NmcGeneration;
  /** ISO date of the last read or answer. */
  updatedAt: string;
  /** The user list page last read on this card (same origin): what "Check again" in the fleet view reads. */
  listPage?: string;
}

/** One line of the fleet view. No addresses, no passwords: only what the verdict needs. */
export interface FleetRecord {
  origin: string;
  status: NmcEvaluation['status'];
  checkedAt: string;
  candidate: string;
  candidates: string[];
  usersKnown: number;
  usersToCheck: string[];
  mfa: boolean | 'unknown';
  /** The card's AOS version ('' when not known). */
  firmwareVersion: string;
  generation: NmcGeneration;
  model: string;
  /** Named tool accounts, "tool:user". */
  toolAccounts: string[];
}

export interface NmcCheckResult {
  origin: string;
  evaluation: NmcEvaluation;
  /** Users whose edit page is still to be read before the verdict can be trusted. */
  usersToCheck: string[];
  /** MFA was neither seen on a page nor answered yet for this host. */
  askMfa: boolean;
  usersKnown: number;
  /** Pages of a paged user list not read yet; their users may include the update account. */
  pagesToRead: number[];
  firmwareVersion?: string;
  /** Where the AOS version came from: About > Network, or the admin's answer in the banner. */
  firmwareSource?: 'page' | 'answer';
  model?: string;
  generation?: NmcGeneration;
  /** The accounts the admin named for the tools on this host; the verdict is about them when there are any. */
  toolAccounts: ToolAccount[];
  /**
   * Who signs in how: users with an address get the card's e-mailed one-time code (so they depend on its e-mail
   * settings); blank-e-mail users sign in with their password alone. Unknown e-mails are in neither list.
   */
  signIn: { emailedCode: string[]; passwordOnly: string[] };
}

export type NmcTabState =
  | { kind: 'unsupported' }
  /** `looksLikeNmc`: the page's address or title reads as an NMC Web UI; only then does the popup show the card. */
  | { kind: 'not-checked'; origin: string; watched: boolean; looksLikeNmc: boolean }
  /** The confirmation page after Next: what it shows is not saved until Apply. */
  | { kind: 'confirm'; origin: string; watched: boolean; result?: NmcCheckResult }
  | { kind: 'no-user-list'; origin: string; watched: boolean; result?: NmcCheckResult }
  | { kind: 'checked'; origin: string; watched: boolean; result: NmcCheckResult }
  /** The card's log-on page (or its e-mailed code step): nothing is read there and no code is filled. */
  | { kind: 'login'; origin: string; watched: boolean; emailedCodeStep: boolean; result?: NmcCheckResult }
  /** Looks like an NMC page, but nothing could be read: the popup offers "Copy page structure". */
  | { kind: 'not-understood'; origin: string; watched: boolean; result?: NmcCheckResult };

/** Messages the NMC pieces exchange; every one is tagged `nmc:` so other listeners ignore them. */
export type NmcRequest =
  | { type: 'nmc:report'; read: NmcPageRead }
  /** From an extension page ("Check again" in the fleet view): what it read on that origin's own pages. */
  | { type: 'nmc:report-for'; origin: string; read: NmcPageRead }
  | { type: 'nmc:answer-mfa'; value: boolean | 'unknown'; firmwareVersion?: string }
  | { type: 'nmc:tab-status'; tabId: number }
  | { type: 'nmc:check-tab'; tabId: number }
  /** `grantedForWatch`: the permission was requested for this watch, not already held for another feature. */
  | { type: 'nmc:watch'; origin: string; tabId?: number; grantedForWatch: boolean }
  | { type: 'nmc:unwatch'; origin: string }
  | { type: 'nmc:forget-host'; origin: string }
  /** From the banner (the sender's origin) or an extension page (`origin` given). */
  | { type: 'nmc:set-tool-accounts'; origin?: string; accounts: Array<{ tool: string; user: string }> };

/** Sent by the background to the content script of a tab. */
export type NmcTabRequest = { type: 'nmc:get-state' } | { type: 'nmc:get-structure' };
export type NmcContentState =
  | { kind: 'no-user-list'; result?: NmcCheckResult }
  | { kind: 'checked'; result: NmcCheckResult }
  | { kind: 'login'; emailedCodeStep: boolean }
  | { kind: 'confirm'; result?: NmcCheckResult }
  | { kind: 'not-understood' };
