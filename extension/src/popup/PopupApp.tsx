import { type Account, accountLabel, cleanName } from '@mfa-companion/vault';
import { Fragment, type JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { AccountChooser } from '../autofill/AccountChooser';
import type { FillReport, PageStep } from '../autofill/messages';
import { type AutofillSettings, readAutofillSettings, toggled, updateAutofillSettings } from '../autofill/settings';
import { BackupReminder } from '../backup-health/BackupReminder';
import {
  effectiveAutofillSettings,
  effectiveVaultSettings,
  inFieldButtonAllowed,
  isExactHost,
  withIssuerSites,
} from '../managed/effective';
import { ManagedBadge } from '../managed/ManagedBadge';
import type { ManagedPolicy } from '../managed/policy';
import { resetPasskeyAttempts } from '../passkey/attempts';
import { type PasskeyOffer, passkeyOffer } from '../passkey/offer';
import { PasskeyUnlock } from '../passkey/PasskeyUnlock';
import { copyCode } from '../ui/clipboard';
import { DamagedVaultOffer } from '../ui/DamagedVaultOffer';
import { describeError } from '../ui/errors';
import { GearIcon, LockIcon, LogoMark, PlusIcon } from '../ui/icons';
import { trapModalFocus } from '../ui/modal-focus';
import { CreateVaultForm, UnlockForm } from '../ui/PassphraseForms';
import { countText } from '../ui/plural';
import { showQrPageUrl } from '../ui/show-qr';
import { localArea, vaultStore } from '../vault/browser-store';
import { forgetSecrets, hotpCode, prepareTotpCodes } from '../vault/codes';
import {
  DEFAULT_SETTINGS,
  isIdleExpired,
  normalizeSettings,
  SETTINGS_KEY,
  type VaultSettings,
} from '../vault/settings';
import { displayOrder, matchesQuery, moveAccount, siteMatchesOf } from '../vault/sites';
import { LOCAL_KEYS } from '../vault/storage-keys';
import { VaultStoreError } from '../vault/store';
import { AccountList, FIRST_SCREEN_ROWS } from './AccountList';
import type { AddAccountProps } from './AddAccount';
import { afterFirstPaint } from './after-paint';
import { BindOffer } from './BindOffer';
import { describeFillReport, describePopupTarget, type FillNotice, fillPopupTarget, hostOf } from './fill';
import { NmcStatus } from './NmcStatus';
import { earlyManagedPolicy, earlyVaultReads } from './prefetch';
import { SitePanel } from './SitePanel';
import { activeWebTab, type PopupTab } from './tab';

type View = 'first-run' | 'locked' | 'list' | 'add';

interface Toast {
  message: string;
  undo?: () => void;
}

const params = new URLSearchParams(globalThis.location?.search ?? '');
const VIRTUALIZE = params.get('virtualize') !== '0';

/** Marks when the first code is on screen, for the popup benchmark (performance.now() is from document start). */
function markFirstCodePainted() {
  requestAnimationFrame(() => setTimeout(() => performance.mark('first-code-painted'), 0));
}

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
      if (loaded.status === 'locked')
        initial.passkeyOffer = await passkeyOffer(stored[LOCAL_KEYS.vault], policy, localArea);
      return initial;
    }
    if (isIdleExpired(loaded.lastActivity, Date.now(), initial.settings)) {
      await store.lock();
      initial.passkeyOffer = await passkeyOffer(stored[LOCAL_KEYS.vault], policy, localArea);
      return initial;
    }
    const siteMatches = siteMatchesOf(loaded.accounts, tab.origin);
    const ordered = displayOrder(loaded.accounts, siteMatches);
    initial.view = 'list';
    initial.accounts = loaded.accounts;
    initial.ordered = ordered;
    initial.siteMatches = siteMatches;
    if (loaded.recoveredFromPrevious) initial.error = i18n.t('errors.RECOVERED');
    // The codes of the first screen's rows, before they are rendered (see prepareTotpCodes).
    await prepareTotpCodes(ordered.slice(0, FIRST_SCREEN_ROWS), Date.now());
    performance.mark('popup-codes-ready');
  } catch (caught) {
    initial.error = describeError(caught);
  }
  return initial;
}

export function PopupApp({ initial }: { initial: InitialState }) {
  const store = vaultStore();
  const [view, setView] = useState<View>(initial.view);
  const [accounts, setAccounts] = useState<Account[]>(initial.accounts);
  /** Set when unlocking found the stored copy damaged and the previous one opening: the restore offer is shown. */
  const [damagedPassphrase, setDamagedPassphrase] = useState<string | undefined>();
  const settings = initial.settings;
  const policy = initial.policy;
  const tab = initial.tab;
  const [query, setQuery] = useState('');
  const [toast, setToast] = useState<Toast | undefined>();
  const [error, setError] = useState<string | undefined>(initial.error);
  const [revealedHotp, setRevealedHotp] = useState<ReadonlyMap<string, string>>(new Map());
  const [menu, setMenu] = useState<Account | undefined>();
  const [renaming, setRenaming] = useState<Account | undefined>();
  const [autofillSettings, setAutofillSettings] = useState<AutofillSettings>(initial.autofillSettings);
  /** Set once the first content is on screen: from then on, what the first paint did not need is rendered too. */
  const [painted, setPainted] = useState(false);
  const [fillNotice, setFillNotice] = useState<FillNotice | undefined>();
  const [filling, setFilling] = useState(false);
  /** What the page asks for (step model), read after the first paint. */
  const [pageStep, setPageStep] = useState<PageStep | undefined>();
  useEffect(() => {
    if (painted && tab.origin) void describePopupTarget(tab.id).then(setPageStep);
  }, [painted, tab.origin, tab.id]);
  const [bindOffer, setBindOffer] = useState<{ account: Account; origin: string } | undefined>();
  /** Several accounts are bound to the page: the popup asks which one (the page never sees their names). */
  const [choice, setChoice] = useState<{ host: string; accounts: Account[] } | undefined>();
  const search = useRef<HTMLInputElement>(null);
  // Loaded when first needed: the importers and QR code are not part of the list's first paint.
  const [AddView, setAddView] = useState<((props: AddAccountProps) => JSX.Element) | undefined>();
  useEffect(() => {
    if (view === 'add' && !AddView) void import('./AddAccount').then((module) => setAddView(() => module.AddAccount));
  }, [view, AddView]);
  const toastTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(
    () =>
      afterFirstPaint(() => {
        setPainted(true);
        trapModalFocus();
        // Nothing the user waits for: the activity stamp of an unlocked vault.
        if (initial.view === 'list') void store.touch();
      }),
    [],
  );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
      if (event.key === '/' && !typing && view === 'list') {
        event.preventDefault();
        search.current?.focus();
      } else if (event.key === 'Escape') {
        if (menu || renaming || bindOffer || choice) {
          event.preventDefault();
          setMenu(undefined);
          setRenaming(undefined);
          setBindOffer(undefined);
          setChoice(undefined);
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [view, menu, renaming, bindOffer, choice]);

  const fromStart = accounts === initial.accounts;
  const siteMatches = useMemo(
    () => (fromStart ? initial.siteMatches : siteMatchesOf(accounts, tab.origin)),
    [accounts, tab.origin],
  );
  const ordered = useMemo(
    () => (fromStart ? initial.ordered : displayOrder(accounts, siteMatches)),
    [accounts, siteMatches],
  );
  /**
   * Whether the page is one an account can fill ('bound'), one that imitates or downgrades a bound site ('warn':
   * a fill attempt explains why not), or neither ('none': no fill box at all). Known exactly once the binding
   * rules are loaded after the first paint; until then the quick site match decides.
   */
  const [siteFit, setSiteFit] = useState<SiteFit>(siteMatches.size > 0 ? 'bound' : 'none');
  useEffect(() => {
    if (!painted || !tab.origin || accounts.length === 0) return;
    let live = true;
    void siteFitOf(tab.origin, accounts).then((fit) => live && setSiteFit(fit));
    return () => {
      live = false;
    };
  }, [painted, accounts, tab.origin]);
  const visible = useMemo(
    () => (query.trim() ? ordered.filter((account) => matchesQuery(account, query)) : ordered),
    [ordered, query],
  );

  const showToast = (next: Toast) => {
    clearTimeout(toastTimer.current);
    setToast(next);
    toastTimer.current = setTimeout(() => setToast(undefined), next.undo ? 8000 : 2500);
  };

  /** Saves first, then shows: the screen never claims a change that is not stored. */
  const commit = async (next: Account[]) => {
    try {
      await store.save(next);
      setAccounts(next);
      void store.touch();
      return true;
    } catch (caught) {
      setError(describeError(caught));
      return false;
    }
  };

  const lock = async () => {
    await store.lock();
    forgetSecrets();
    setAccounts([]);
    setRevealedHotp(new Map());
    setView('locked');
  };

  const onCopy = async (account: Account, code: string) => {
    try {
      await copyCode(code, settings.clipboardClearSeconds);
      showToast({ message: i18n.t('list.copied', [accountLabel(account) || i18n.t('list.unnamed')]) });
      void store.touch();
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  const onNextHotp = async (account: Account) => {
    const code = hotpCode(account);
    const next = accounts.map((entry) =>
      entry.id === account.id ? { ...entry, counter: entry.counter + 1, updatedAt: Date.now() } : entry,
    );
    if (await commit(next)) setRevealedHotp(new Map(revealedHotp).set(account.id, code));
  };

  /**
   * Fills the page with `account` (or whichever account is bound there). The background decides with the binding
   * rules; an account not bound to the page leads to the bind offer, never to a fill.
   */
  const fill = async (account?: Account, appendCode?: 'after' | 'before') => {
    setFillNotice(undefined);
    setFilling(true);
    let report: FillReport;
    try {
      report = await fillPopupTarget(account?.id, appendCode);
    } catch (caught) {
      setFillNotice({ tone: 'warning', text: describeError(caught) });
      return;
    } finally {
      setFilling(false);
    }
    if (report.outcome === 'no-account' && account && report.suggestedBinding) {
      setBindOffer({ account, origin: report.suggestedBinding });
      return;
    }
    if (report.outcome === 'choose' && report.choices) {
      const choices = report.choices;
      const candidates = accounts.filter((entry) => choices.includes(entry.id));
      if (candidates.length > 0) {
        setChoice({ host: hostOf(report.frameOrigin) || hostOf(tab.origin), accounts: candidates });
        return;
      }
    }
    const filledAccount = accounts.find((entry) => entry.id === report.accountId);
    const name = filledAccount ? accountLabel(filledAccount) || i18n.t('list.unnamed') : undefined;
    setFillNotice(describeFillReport(report, name, hostOf(tab.origin)));
    if (report.outcome === 'filled') {
      void store.touch();
      // A counter-based code was used and its counter saved by the background: reload so no later save undoes it.
      if (filledAccount?.type === 'hotp') {
        await store.open().then(
          (opened) => setAccounts(opened.accounts),
          (caught: unknown) => setError(describeError(caught)),
        );
      }
    }
  };

  /** Binds the account to exactly the offered origin, saved before filling, then fills with it. */
  const bindAndFill = async (account: Account, origin: string) => {
    setFilling(true);
    const bound = {
      ...account,
      sites: account.sites.includes(origin) ? account.sites : [...account.sites, origin],
      updatedAt: Date.now(),
    };
    const saved = await commit(accounts.map((entry) => (entry.id === account.id ? bound : entry)));
    setFilling(false);
    setBindOffer(undefined);
    if (saved) await fill(bound);
  };

  const setAccountOption = async (option: AccountOption, account: Account, enabled: boolean) => {
    try {
      setAutofillSettings(
        await updateAutofillSettings(browser.storage.local, (current) => ({
          ...current,
          [option]: toggled(current[option], account.id, enabled),
        })),
      );
    } catch (caught) {
      setError(describeError(caught));
    }
  };

  const remove = async (account: Account) => {
    setMenu(undefined);
    const before = accounts;
    if (await commit(accounts.filter((entry) => entry.id !== account.id))) {
      showToast({
        message: i18n.t('list.deleted', [accountLabel(account) || i18n.t('list.unnamed')]),
        undo: () => {
          setToast(undefined);
          void commit(before);
        },
      });
    }
  };

  if (view === 'first-run') {
    return (
      <main class="popup">
        <BrandBar />
        <CreateVaultForm
          onCreate={async (passphrase) => {
            await store.create(passphrase);
            setAccounts([]);
            setView('list');
          }}
        />
      </main>
    );
  }
  if (view === 'locked') {
    return (
      <main class="popup">
        <BrandBar />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        {damagedPassphrase !== undefined ? (
          <DamagedVaultOffer
            onRestore={async () => {
              const opened = await store.restorePrevious(damagedPassphrase);
              setDamagedPassphrase(undefined);
              setAccounts(opened.accounts);
              setError(undefined);
              setView('list');
            }}
            onCancel={() => setDamagedPassphrase(undefined)}
          />
        ) : (
          <UnlockForm
            offer={
              <PasskeyUnlock
                offer={initial.passkeyOffer}
                policy={policy}
                onUnlocked={(opened) => {
                  setAccounts(opened.accounts);
                  setError(undefined);
                  setView('list');
                }}
              />
            }
            onUnlock={async (passphrase) => {
              try {
                const opened = await store.unlock(passphrase);
                void resetPasskeyAttempts(localArea);
                setAccounts(opened.accounts);
                setError(opened.recoveredFromPrevious ? i18n.t('errors.RECOVERED') : undefined);
                setView('list');
              } catch (caught) {
                // Damage is not a wrong passphrase: offer the previous copy, change nothing until the user agrees.
                if (!(caught instanceof VaultStoreError && caught.code === 'DAMAGED')) throw caught;
                setDamagedPassphrase(passphrase);
              }
            }}
          />
        )}
        {painted && <NmcStatus />}
      </main>
    );
  }
  if (view === 'add') {
    if (!AddView) return <main class="popup" aria-busy="true" />;
    return (
      <main class="popup">
        <AddView
          accounts={accounts}
          tabOrigin={tab.origin}
          tabWindowId={tab.windowId}
          onCancel={() => setView('list')}
          onAdd={async (added) => {
            if (await commit([...accounts, ...withIssuerSites(added, policy)])) {
              setView('list');
              showToast({ message: countText('add.added', added.length) });
            }
          }}
        />
      </main>
    );
  }
  return (
    <main class="popup">
      <header class="toolbar">
        <LogoMark class="logo" />
        <h1 class="brand-name">{i18n.t('popup.title')}</h1>
        <label for="search" class="visually-hidden">
          {i18n.t('list.search')}
        </label>
        <input
          id="search"
          ref={search}
          type="search"
          placeholder={i18n.t('list.searchPlaceholder')}
          value={query}
          aria-keyshortcuts="/"
          onInput={(event) => setQuery(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' || event.key === 'Enter') {
              event.preventDefault();
              document.getElementById('row-0')?.focus();
            }
          }}
        />
        <button
          type="button"
          class="icon"
          onClick={() => setView('add')}
          aria-label={i18n.t('list.add')}
          title={i18n.t('list.add')}
        >
          <PlusIcon />
        </button>
        <button type="button" class="icon" onClick={lock} aria-label={i18n.t('list.lock')} title={i18n.t('list.lock')}>
          <LockIcon />
        </button>
        <button
          type="button"
          class="icon"
          onClick={() => void browser.runtime.openOptionsPage()}
          aria-label={i18n.t('list.settings')}
          title={i18n.t('list.settings')}
        >
          <GearIcon />
        </button>
      </header>
      {/* On an NMC page the NMC card comes first and no fill box: NMC codes arrive by e-mail. */}
      {painted && tab.looksLikeNmc && <NmcStatus />}
      {/* No fill box where no account could fill (a notice from the last fill still shows). */}
      {tab.origin && accounts.length > 0 && !tab.looksLikeNmc && (siteFit !== 'none' || fillNotice) && (
        <SitePanel
          fillSecondary={siteFit !== 'bound'}
          origin={tab.origin}
          alwaysDetect={autofillSettings.alwaysDetect.includes(tab.origin)}
          alwaysDetectForbidden={!inFieldButtonAllowed(policy)}
          notice={fillNotice}
          filling={filling}
          step={pageStep}
          boundHere={siteMatches.size > 0}
          onFillPage={() => void fill()}
          onAppend={(position) => void fill(undefined, position)}
          onAlwaysDetectChanged={(enabled) =>
            setAutofillSettings((current) => ({
              ...current,
              alwaysDetect: toggled(current.alwaysDetect, tab.origin as string, enabled),
            }))
          }
        />
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {accounts.length === 0 ? (
        <div class="empty stack">
          <p>{i18n.t('list.empty')}</p>
          <button type="button" class="primary" onClick={() => setView('add')}>
            {i18n.t('list.addFirst')}
          </button>
        </div>
      ) : visible.length === 0 ? (
        <p class="empty">{i18n.t('list.noMatch')}</p>
      ) : (
        <AccountList
          accounts={visible}
          siteMatches={siteMatches}
          revealedHotp={revealedHotp}
          virtualize={VIRTUALIZE}
          overscan={painted}
          onCopy={onCopy}
          onNextHotp={onNextHotp}
          onOpenMenu={(account) => setMenu(account)}
          onFill={tab.origin ? (account) => void fill(account) : undefined}
          onMove={(account, direction) => void commit(moveAccount(accounts, account.id, direction))}
          onDelete={(account) => void remove(account)}
          onFirstPaint={markFirstCodePainted}
        />
      )}
      {painted && <BackupReminder accounts={accounts} policy={policy} />}
      {painted && !tab.looksLikeNmc && <NmcStatus />}
      {menu && (
        <AccountMenu
          account={menu}
          options={{
            submitAfterFill: autofillSettings.submitAfterFill.includes(menu.id),
            exactHost: isExactHost(menu.id, autofillSettings, policy),
          }}
          managedOptions={policy.exactHostOnly ? ['exactHost'] : []}
          onOptionChange={(option, enabled) => void setAccountOption(option, menu, enabled)}
          onClose={() => setMenu(undefined)}
          onPin={() => {
            setMenu(undefined);
            void commit(
              accounts.map((entry) =>
                entry.id === menu.id ? { ...entry, pinned: !entry.pinned, updatedAt: Date.now() } : entry,
              ),
            );
          }}
          onRename={() => {
            setMenu(undefined);
            setRenaming(menu);
          }}
          onMove={(direction) => void commit(moveAccount(accounts, menu.id, direction))}
          onDelete={() => void remove(menu)}
          onShowQr={() => {
            // Secrets as a QR code only in a full extension page, behind the passphrase again, never in the popup.
            void browser.tabs.create({ url: showQrPageUrl(menu.id) });
            window.close();
          }}
        />
      )}
      {renaming && (
        <RenameDialog
          account={renaming}
          onClose={() => setRenaming(undefined)}
          onSave={async (issuer, name) => {
            const saved = await commit(
              accounts.map((entry) =>
                entry.id === renaming.id
                  ? { ...entry, issuer: cleanName(issuer), account: cleanName(name), updatedAt: Date.now() }
                  : entry,
              ),
            );
            if (saved) setRenaming(undefined);
          }}
        />
      )}
      {choice && (
        <AccountChooser
          host={choice.host}
          options={choice.accounts.map((entry) => ({
            id: entry.id,
            label: accountLabel(entry) || i18n.t('list.unnamed'),
          }))}
          busy={filling}
          onCancel={() => {
            setChoice(undefined);
            setFillNotice(describeFillReport({ outcome: 'chooser-dismissed' }, undefined, hostOf(tab.origin)));
          }}
          onChoose={(id) => {
            const chosen = choice.accounts.find((entry) => entry.id === id);
            setChoice(undefined);
            if (chosen) void fill(chosen);
          }}
        />
      )}
      {bindOffer && (
        <BindOffer
          accountName={accountLabel(bindOffer.account) || i18n.t('list.unnamed')}
          origin={bindOffer.origin}
          busy={filling}
          onCancel={() => setBindOffer(undefined)}
          onBind={() => void bindAndFill(bindOffer.account, bindOffer.origin)}
        />
      )}
      <div class="toast-region" role="status" aria-live="polite">
        {toast && (
          <div class="toast">
            <span>{toast.message}</span>
            {toast.undo && (
              <button type="button" onClick={toast.undo}>
                {i18n.t('list.undo')}
              </button>
            )}
          </div>
        )}
      </div>
    </main>
  );
}

type SiteFit = 'bound' | 'warn' | 'none';

/** The binding rules (Public Suffix List, look-alikes) are loaded only after the first paint. */
async function siteFitOf(origin: string, accounts: Account[]): Promise<SiteFit> {
  const { decideFill } = await import('@mfa-companion/autofill/binding');
  const decision = decideFill(origin, accounts);
  if (decision.kind === 'fill' || decision.kind === 'choose') return 'bound';
  return decision.kind === 'lookalike' || decision.kind === 'insecure' ? 'warn' : 'none';
}

/** The product's mark and name above the first-run and unlock forms. */
function BrandBar() {
  return (
    <div class="brand-bar">
      <LogoMark />
      <span class="brand-name">{i18n.t('popup.title')}</span>
    </div>
  );
}

/** Per-account autofill settings the account menu toggles. */
type AccountOption = 'submitAfterFill' | 'exactHost';
const ACCOUNT_OPTIONS: readonly AccountOption[] = ['submitAfterFill', 'exactHost'];

function AccountMenu(props: {
  account: Account;
  options: Record<AccountOption, boolean>;
  /** Options the organisation's policy fixes: shown, not changeable. */
  managedOptions: readonly AccountOption[];
  onOptionChange(option: AccountOption, enabled: boolean): void;
  onClose(): void;
  onPin(): void;
  onRename(): void;
  onMove(direction: -1 | 1): void;
  onDelete(): void;
  onShowQr(): void;
}) {
  const label = accountLabel(props.account) || i18n.t('list.unnamed');
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div class="sheet menu" role="dialog" aria-modal="true" aria-label={i18n.t('list.actionsFor', [label])}>
      <h2>{label}</h2>
      <button type="button" ref={first} onClick={props.onPin}>
        {props.account.pinned ? i18n.t('list.unpin') : i18n.t('list.pin')}
      </button>
      <button type="button" onClick={props.onRename}>
        {i18n.t('list.rename')}
      </button>
      <button type="button" onClick={() => props.onMove(-1)}>
        {i18n.t('list.moveUp')}
      </button>
      <button type="button" onClick={() => props.onMove(1)}>
        {i18n.t('list.moveDown')}
      </button>
      <hr />
      {ACCOUNT_OPTIONS.map((option) => {
        const managed = props.managedOptions.includes(option);
        return (
          <Fragment key={option}>
            <label class="checkbox">
              <input
                type="checkbox"
                checked={props.options[option]}
                disabled={managed}
                aria-describedby={`${option}-hint`}
                onChange={(event) => props.onOptionChange(option, event.currentTarget.checked)}
              />
              {i18n.t(`autofill.popup.${option}`)}
              {managed && <ManagedBadge />}
            </label>
            <p id={`${option}-hint`} class="note">
              {i18n.t(`autofill.popup.${option}Hint`)}
            </p>
          </Fragment>
        );
      })}
      <hr />
      <button type="button" onClick={props.onShowQr}>
        {i18n.t('phone.menuItem')}
      </button>
      <button type="button" class="danger" onClick={props.onDelete}>
        {i18n.t('list.delete')}
      </button>
      <button type="button" onClick={props.onClose}>
        {i18n.t('common.close')}
      </button>
    </div>
  );
}

function RenameDialog(props: {
  account: Account;
  onClose(): void;
  onSave(issuer: string, account: string): Promise<void>;
}) {
  const [issuer, setIssuer] = useState(props.account.issuer);
  const [name, setName] = useState(props.account.account);
  return (
    <div class="sheet" role="dialog" aria-modal="true" aria-labelledby="rename-title">
      <form
        class="stack"
        onSubmit={(event) => {
          event.preventDefault();
          void props.onSave(issuer, name);
        }}
      >
        <h2 id="rename-title">{i18n.t('list.rename')}</h2>
        <label for="rename-issuer">{i18n.t('fields.issuer')}</label>
        <input
          id="rename-issuer"
          autofocus
          maxLength={256}
          value={issuer}
          onInput={(event) => setIssuer(event.currentTarget.value)}
        />
        <label for="rename-account">{i18n.t('fields.account')}</label>
        <input
          id="rename-account"
          maxLength={512}
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <div class="buttons">
          <button type="button" onClick={props.onClose}>
            {i18n.t('common.cancel')}
          </button>
          <button type="submit" class="primary">
            {i18n.t('common.save')}
          </button>
        </div>
      </form>
    </div>
  );
}
