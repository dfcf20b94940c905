import { type Account, accountLabel } from '@mfa-companion/vault';
import type { JSX } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { i18n } from '#i18n';
import type { FillReport } from '../autofill/messages';
import { type AutofillSettings, readAutofillSettings, toggled, updateAutofillSettings } from '../autofill/settings';
import { copyCode } from '../ui/clipboard';
import { describeError } from '../ui/errors';
import { GearIcon, LockIcon, PlusIcon } from '../ui/icons';
import { CreateVaultForm, UnlockForm } from '../ui/PassphraseForms';
import { vaultStore } from '../vault/browser-store';
import { forgetSecrets, hotpCode } from '../vault/codes';
import {
  DEFAULT_SETTINGS,
  isIdleExpired,
  normalizeSettings,
  SETTINGS_KEY,
  type VaultSettings,
} from '../vault/settings';
import { matchesQuery, matchesSite, moveAccount, sortForDisplay } from '../vault/sites';
import { AccountList } from './AccountList';
import type { AddAccountProps } from './AddAccount';
import { BindOffer } from './BindOffer';
import { describeFillReport, type FillNotice, fillPopupTarget, hostOf } from './fill';
import { NmcStatus } from './NmcStatus';
import { earlyVaultReads } from './prefetch';
import { SitePanel } from './SitePanel';
import { activeWebTab } from './tab';

type View = 'loading' | 'first-run' | 'locked' | 'list' | 'add';

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

export function PopupApp() {
  const store = vaultStore();
  const [view, setView] = useState<View>('loading');
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [settings, setSettings] = useState<VaultSettings>(DEFAULT_SETTINGS);
  const [tab, setTab] = useState<{ windowId?: number; origin?: string }>({});
  const [query, setQuery] = useState('');
  const [toast, setToast] = useState<Toast | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [revealedHotp, setRevealedHotp] = useState<ReadonlyMap<string, string>>(new Map());
  const [menu, setMenu] = useState<Account | undefined>();
  const [renaming, setRenaming] = useState<Account | undefined>();
  const [autofillSettings, setAutofillSettings] = useState<AutofillSettings>({ alwaysDetect: [], submitAfterFill: [] });
  const [fillNotice, setFillNotice] = useState<FillNotice | undefined>();
  const [filling, setFilling] = useState(false);
  const [bindOffer, setBindOffer] = useState<{ account: Account; origin: string } | undefined>();
  const search = useRef<HTMLInputElement>(null);
  // Loaded when first needed: the importers and QR code are not part of the list's first paint.
  const [AddView, setAddView] = useState<((props: AddAccountProps) => JSX.Element) | undefined>();
  useEffect(() => {
    if (view === 'add' && !AddView) void import('./AddAccount').then((module) => setAddView(() => module.AddAccount));
  }, [view, AddView]);
  const toastTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    void (async () => {
      const [loaded, loadedSettings, activeTab] = await Promise.all([
        store
          .load(earlyVaultReads)
          .then((loaded) => {
            performance.mark('popup-vault-decrypted');
            return loaded;
          })
          .catch((caught: unknown) => ({ status: 'error' as const, caught })),
        earlyVaultReads.then(([stored]) => normalizeSettings(stored[SETTINGS_KEY])),
        activeWebTab().then((found) => {
          performance.mark('popup-tab-known');
          return found;
        }),
      ]);
      performance.mark('popup-vault-opened');
      setSettings(loadedSettings);
      setTab(activeTab);
      if (loaded.status === 'error') {
        setError(describeError(loaded.caught));
        return setView('locked');
      }
      if (loaded.status !== 'unlocked') return setView(loaded.status === 'no-vault' ? 'first-run' : 'locked');
      if (isIdleExpired(loaded.lastActivity, Date.now(), loadedSettings)) {
        await store.lock();
        return setView('locked');
      }
      setAccounts(loaded.accounts);
      if (loaded.recoveredFromPrevious) setError(i18n.t('errors.RECOVERED'));
      setView('list');
      // After the first paint: nothing the user waits for.
      setTimeout(() => void store.touch(), 100);
    })();
  }, []);

  // Read after the list is on screen: only the fill actions and the account menu need these.
  useEffect(() => {
    if (view !== 'list') return;
    void readAutofillSettings(browser.storage.local).then(setAutofillSettings, () => undefined);
  }, [view]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const typing = event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement;
      if (event.key === '/' && !typing && view === 'list') {
        event.preventDefault();
        search.current?.focus();
      } else if (event.key === 'Escape') {
        if (menu || renaming || bindOffer) {
          event.preventDefault();
          setMenu(undefined);
          setRenaming(undefined);
          setBindOffer(undefined);
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [view, menu, renaming, bindOffer]);

  const visible = useMemo(
    () => sortForDisplay(accounts, tab.origin).filter((account) => matchesQuery(account, query)),
    [accounts, tab.origin, query],
  );
  const siteMatches = useMemo(
    () => new Set(accounts.filter((account) => matchesSite(account, tab.origin)).map((account) => account.id)),
    [accounts, tab.origin],
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
  const fill = async (account?: Account) => {
    setFillNotice(undefined);
    setFilling(true);
    let report: FillReport;
    try {
      report = await fillPopupTarget(account?.id);
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

  const setSubmitAfterFill = async (account: Account, enabled: boolean) => {
    try {
      setAutofillSettings(
        await updateAutofillSettings(browser.storage.local, (current) => ({
          ...current,
          submitAfterFill: toggled(current.submitAfterFill, account.id, enabled),
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

  if (view === 'loading') return <main class="popup" aria-busy="true" />;
  if (view === 'first-run') {
    return (
      <main class="popup">
        <CreateVaultForm
          onCreate={async (passphrase) => {
            await store.create(passphrase);
            setAccounts([]);
            setView('list');
          }}
        />
        <NmcStatus />
      </main>
    );
  }
  if (view === 'locked') {
    return (
      <main class="popup">
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <UnlockForm
          onUnlock={async (passphrase) => {
            const opened = await store.unlock(passphrase);
            setAccounts(opened.accounts);
            setError(opened.recoveredFromPrevious ? i18n.t('errors.RECOVERED') : undefined);
            setView('list');
          }}
        />
        <NmcStatus />
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
            if (await commit([...accounts, ...added])) {
              setView('list');
              showToast({ message: i18n.t('add.added', added.length, [added.length]) });
            }
          }}
        />
      </main>
    );
  }
  return (
    <main class="popup">
      <h1 class="visually-hidden">{i18n.t('popup.title')}</h1>
      <header class="toolbar">
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
      {tab.origin && accounts.length > 0 && (
        <SitePanel
          origin={tab.origin}
          alwaysDetect={autofillSettings.alwaysDetect.includes(tab.origin)}
          notice={fillNotice}
          filling={filling}
          onFillPage={() => void fill()}
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
          onCopy={onCopy}
          onNextHotp={onNextHotp}
          onOpenMenu={(account) => setMenu(account)}
          onFill={tab.origin ? (account) => void fill(account) : undefined}
          onMove={(account, direction) => void commit(moveAccount(accounts, account.id, direction))}
          onDelete={(account) => void remove(account)}
          onFirstPaint={markFirstCodePainted}
        />
      )}
      <NmcStatus />
      {menu && (
        <AccountMenu
          account={menu}
          submitAfterFill={autofillSettings.submitAfterFill.includes(menu.id)}
          onSubmitAfterFillChange={(enabled) => void setSubmitAfterFill(menu, enabled)}
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
                  ? { ...entry, issuer: issuer.trim(), account: name.trim(), updatedAt: Date.now() }
                  : entry,
              ),
            );
            if (saved) setRenaming(undefined);
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

function AccountMenu(props: {
  account: Account;
  submitAfterFill: boolean;
  onSubmitAfterFillChange(enabled: boolean): void;
  onClose(): void;
  onPin(): void;
  onRename(): void;
  onMove(direction: -1 | 1): void;
  onDelete(): void;
}) {
  const label = accountLabel(props.account) || i18n.t('list.unnamed');
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <div class="sheet" role="dialog" aria-modal="true" aria-label={i18n.t('list.actionsFor', [label])}>
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
      <label class="checkbox">
        <input
          type="checkbox"
          checked={props.submitAfterFill}
          aria-describedby="submit-after-fill-hint"
          onChange={(event) => props.onSubmitAfterFillChange(event.currentTarget.checked)}
        />
        {i18n.t('autofill.popup.submitAfterFill')}
      </label>
      <p id="submit-after-fill-hint" class="note">
        {i18n.t('autofill.popup.submitAfterFillHint')}
      </p>
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
