import type { Account } from '@mfa-companion/vault';
import { i18n } from '#i18n';
import { type AutofillSettings, readAutofillSettings } from '../autofill/settings';
import { effectiveAutofillSettings, effectiveVaultSettings } from '../managed/effective';
import type { ManagedPolicy } from '../managed/policy';
import { type PasskeyOffer, passkeyOffer } from '../passkey/offer';
import { describeError } from '../ui/errors';
import { localArea, vaultStore } from '../vault/browser-store';
import { prepareTotpCodes } from '../vault/codes';
import {
  DEFAULT_SETTINGS,
  isIdleExpired,
  normalizeSettings,
  SETTINGS_KEY,
  type VaultSettings,
} from '../vault/settings';
import { displayOrder, siteMatchesOf } from '../vault/sites';
import { LOCAL_KEYS } from '../vault/storage-keys';
import { FIRST_SCREEN_ROWS } from './AccountList';
import { earlyManagedPolicy, earlyVaultReads } from './prefetch';
import { activeWebTab, type PopupTab } from './tab';

export type View = 'first-run' | 'locked' | 'list' | 'add';

/** What the popup shows first, known before anything is rendered. */
export interface InitialState {
  view: View;
  accounts: Account[];
  /** `accounts` in display order, and those bound to the tab's site: worked out once, for both uses. */
  ordered: Account[];
  siteMatches: ReadonlySet<string>;
  settings: VaultSettings;
  tab: PopupTab;
  /** The settings above are already constrained by it; kept for what the popup shows as set by the organisation. */
  policy: ManagedPolicy;
  autofillSettings: AutofillSettings;
  error?: string;
  /** Locked: the passkeys offered before the passphrase (issue 23). */
  passkeyOffer?: PasskeyOffer;
  /** The accounts came from the session cache on the strength of the nonce tag: confirmed after the first paint. */
  confirmCache?: boolean;
}

/**
 * The stored copy, for the passkey offer of a vault locked for idleness: load() may have served the accounts from
 * the nonce tag without reading it.
 */
async function storedVaultText(): Promise<unknown> {
  return (await localArea.get(LOCAL_KEYS.vault))[LOCAL_KEYS.vault];
}

/**
 * Everything the first paint needs, from the reads public/popup-prefetch.js started while the page was parsed:
 * vault status and accounts (from the session cache, no decryption when unlocked), settings, autofill settings
 * and the tab the popup is about. Rendering starts only once this is known, so the first frame with content
 * already shows the codes; nothing else (NMC status, permission checks) is waited for.
 */
export async function loadInitialState(): Promise<InitialState> {
  const store = vaultStore();
  // The autofill settings come with the same read: normalised by their one reader, without a second storage call.
  const autofillFrom = (stored: Record<string, unknown>) =>
    readAutofillSettings({ get: async () => stored, set: async () => undefined });
  const initial: InitialState = {
    view: 'locked',
    accounts: [],
    ordered: [],
    siteMatches: new Set(),
    settings: DEFAULT_SETTINGS,
    tab: {},
    policy: {},
    autofillSettings: await autofillFrom({}),
  };
  try {
    const [loaded, [stored], tab, { policy }] = await Promise.all([
      store.load(earlyVaultReads).catch((caught: unknown) => ({ status: 'error' as const, caught })),
      earlyVaultReads.catch((): Awaited<typeof earlyVaultReads> => [{}, {}]),
      activeWebTab(),
      earlyManagedPolicy,
    ]);
    performance.mark('popup-vault-opened');
    initial.tab = tab;
    initial.policy = policy;
    initial.settings = effectiveVaultSettings(normalizeSettings(stored[SETTINGS_KEY]), policy);
    initial.autofillSettings = effectiveAutofillSettings(await autofillFrom(stored), policy);
    if (loaded.status === 'error') {
      initial.error = describeError(loaded.caught);
      return initial;
    }
    if (loaded.status !== 'unlocked') {
      initial.view = loaded.status === 'no-vault' ? 'first-run' : 'locked';
      if (loaded.status === 'locked') initial.passkeyOffer = await passkeyOffer(loaded.stored, policy, localArea);
      return initial;
    }
    if (isIdleExpired(loaded.lastActivity, Date.now(), initial.settings)) {
      await store.lock();
      initial.passkeyOffer = await passkeyOffer(await storedVaultText(), policy, localArea);
      return initial;
    }
    const siteMatches = siteMatchesOf(loaded.accounts, tab.origin);
    const ordered = displayOrder(loaded.accounts, siteMatches);
    initial.view = 'list';
    initial.accounts = loaded.accounts;
    initial.ordered = ordered;
    initial.siteMatches = siteMatches;
    if (loaded.servedFromTag) initial.confirmCache = true;
    if (loaded.recoveredFromPrevious) initial.error = i18n.t('errors.RECOVERED');
    // The codes of the first screen's rows, before they are rendered (see prepareTotpCodes).
    await prepareTotpCodes(ordered.slice(0, FIRST_SCREEN_ROWS), Date.now());
    performance.mark('popup-codes-ready');
  } catch (caught) {
    initial.error = describeError(caught);
  }
  return initial;
}
