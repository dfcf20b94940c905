import { type Account, accountLabel, cleanName } from '@mfa-companion/vault';
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import { AccountChooser } from '../autofill/AccountChooser';
import { type AutofillSettings, toggled, updateAutofillSettings } from '../autofill/settings';
import { BackupReminder } from '../backup-health/BackupReminder';
import { inFieldButtonAllowed, isExactHost, withIssuerSites } from '../managed/effective';
import { copyCode } from '../ui/clipboard';
import { describeError } from '../ui/errors';
import { GearIcon, LockIcon, LogoMark, PlusIcon } from '../ui/icons';
import { trapModalFocus } from '../ui/modal-focus';
import { countText } from '../ui/plural';
import { showQrPageUrl } from '../ui/show-qr';
import { vaultStore } from '../vault/browser-store';
import { forgetSecrets, hotpCode } from '../vault/codes';
import { displayOrder, matchesQuery, moveAccount, siteMatchesOf } from '../vault/sites';
import { AccountList } from './AccountList';
import { AccountMenu, type AccountOption, RenameDialog } from './AccountMenu';
import type { AddAccountProps } from './AddAccount';
import { afterFirstPaint } from './after-paint';
import { BindOffer } from './BindOffer';
import type { InitialState, View } from './initial-state';
import { NmcStatus } from './NmcStatus';
import { SitePanel } from './SitePanel';
import { FirstRunScreen, LockedScreen } from './UnlockScreens';
import { useFill } from './use-fill';

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

export function PopupApp({ initial }: { initial: InitialState }) {
  const store = vaultStore();
  const [view, setView] = useState<View>(initial.view);
  const [accounts, setAccounts] = useState<Account[]>(initial.accounts);
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
        // The list came from the session cache named by the nonce tag: if the stored copy is not that one (storage
        // changed from outside), the cache is dropped and the popup starts again from the copy itself.
        if (initial.confirmCache) void store.dropStaleSessionCache().then((stale) => stale && location.reload());
      }),
    [],
  );

  const fromStart = accounts === initial.accounts;
  const siteMatches = useMemo(
    () => (fromStart ? initial.siteMatches : siteMatchesOf(accounts, tab.origin)),
    [accounts, tab.origin],
  );
  const ordered = useMemo(
    () => (fromStart ? initial.ordered : displayOrder(accounts, siteMatches)),
    [accounts, siteMatches],
  );
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

  const {
    fillNotice,
    filling,
    bindOffer,
    choice,
    pageStep,
    siteFit,
    fill,
    bindAndFill,
    choose,
    dismissChoice,
    cancelBindOffer,
    closeSheets,
  } = useFill({
    tab,
    accounts,
    boundHere: siteMatches.size > 0,
    painted,
    commit,
    setAccounts,
    setError,
  });

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
          closeSheets();
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [view, menu, renaming, bindOffer, choice]);

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

  const opened = (next: Account[], message?: string) => {
    setAccounts(next);
    setError(message);
    setView('list');
  };
  if (view === 'first-run') return <FirstRunScreen onCreated={() => opened([])} />;
  if (view === 'locked') {
    return (
      <LockedScreen
        error={error}
        passkeyOffer={initial.passkeyOffer}
        policy={policy}
        painted={painted}
        onOpened={opened}
      />
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
          onCancel={dismissChoice}
          onChoose={choose}
        />
      )}
      {bindOffer && (
        <BindOffer
          accountName={accountLabel(bindOffer.account) || i18n.t('list.unnamed')}
          origin={bindOffer.origin}
          busy={filling}
          onCancel={cancelBindOffer}
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
