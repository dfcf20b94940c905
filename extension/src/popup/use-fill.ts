import { type Account, accountLabel } from '@mfa-companion/vault';
import { useEffect, useState } from 'preact/hooks';
import { i18n } from '#i18n';
import type { FillReport, PageStep } from '../autofill/messages';
import { describeError } from '../ui/errors';
import { vaultStore } from '../vault/browser-store';
import { describeFillReport, describePopupTarget, type FillNotice, fillPopupTarget, hostOf } from './fill';
import type { PopupTab } from './tab';

/**
 * Whether the page is one an account can fill ('bound'), one that imitates or downgrades a bound site ('warn':
 * a fill attempt explains why not), or neither ('none': no fill box at all).
 */
export type SiteFit = 'bound' | 'warn' | 'none';

export interface FillInputs {
  tab: PopupTab;
  accounts: Account[];
  /** Accounts bound to the tab's site by the quick match (known before the first paint). */
  boundHere: boolean;
  /** Set once the first content is on screen: what the first paint did not need is asked for from then on. */
  painted: boolean;
  /** Saves the accounts (false when saving failed and the error is shown). */
  commit: (next: Account[]) => Promise<boolean>;
  setAccounts: (next: Account[]) => void;
  setError: (message: string) => void;
}

/**
 * Filling the page the popup is about: the fill itself (the background decides with the binding rules), the bind
 * offer for an account not bound there, the choice between several bound accounts, the notice that says what
 * happened, and what the page asks for (the step model).
 */
export function useFill({ tab, accounts, boundHere, painted, commit, setAccounts, setError }: FillInputs) {
  const store = vaultStore();
  const [fillNotice, setFillNotice] = useState<FillNotice | undefined>();
  const [filling, setFilling] = useState(false);
  const [bindOffer, setBindOffer] = useState<{ account: Account; origin: string } | undefined>();
  /** Several accounts are bound to the page: the popup asks which one (the page never sees their names). */
  const [choice, setChoice] = useState<{ host: string; accounts: Account[] } | undefined>();
  /** What the page asks for (step model), read after the first paint. */
  const [pageStep, setPageStep] = useState<PageStep | undefined>();
  useEffect(() => {
    if (painted && tab.origin) void describePopupTarget(tab.id).then(setPageStep);
  }, [painted, tab.origin, tab.id]);
  // Known exactly once the binding rules are loaded after the first paint; until then the quick site match decides.
  const [siteFit, setSiteFit] = useState<SiteFit>(boundHere ? 'bound' : 'none');
  useEffect(() => {
    if (!painted || !tab.origin || accounts.length === 0) return;
    let live = true;
    void siteFitOf(tab.origin, accounts).then((fit) => live && setSiteFit(fit));
    return () => {
      live = false;
    };
  }, [painted, accounts, tab.origin]);

  /**
   * Fills the page with `account` (or whichever account is bound there). An account not bound to the page leads
   * to the bind offer, never to a fill.
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

  /** The chooser was closed without a choice: say so where the fill box is. */
  const dismissChoice = () => {
    setChoice(undefined);
    setFillNotice(describeFillReport({ outcome: 'chooser-dismissed' }, undefined, hostOf(tab.origin)));
  };

  const choose = (id: string) => {
    const chosen = choice?.accounts.find((entry) => entry.id === id);
    setChoice(undefined);
    if (chosen) void fill(chosen);
  };

  /** Closes the bind offer and the chooser (Escape), without a notice. */
  const closeSheets = () => {
    setBindOffer(undefined);
    setChoice(undefined);
  };

  return {
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
    cancelBindOffer: () => setBindOffer(undefined),
    closeSheets,
  };
}

/** The binding rules (Public Suffix List, look-alikes) are loaded only after the first paint. */
async function siteFitOf(origin: string, accounts: Account[]): Promise<SiteFit> {
  const { decideFill } = await import('@mfa-companion/autofill/binding');
  const decision = decideFill(origin, accounts);
  if (decision.kind === 'fill' || decision.kind === 'choose') return 'bound';
  return decision.kind === 'lookalike' || decision.kind === 'insecure' ? 'warn' : 'none';
}
