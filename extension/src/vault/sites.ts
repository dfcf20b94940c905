import type { Account } from '@mfa-companion/vault';

/** The origin of a tab URL when it is a web page (http/https), else undefined. */
export function webOrigin(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether an account looks relevant to the tab at `origin`, for ordering only (autofill applies the strict
 * registrable-domain rules): same origin, or the tab's host is a subdomain of a bound host. The tab's origin is
 * parsed once for a whole list: the popup asks this of every account before its first paint.
 */
function siteMatcher(origin: string | undefined): (account: Pick<Account, 'sites'>) => boolean {
  if (!origin) return () => false;
  const tab = new URL(origin);
  return (account) =>
    account.sites.some((site) => {
      if (site === origin) return true;
      const bound = new URL(site);
      return (
        bound.protocol === tab.protocol &&
        (tab.hostname === bound.hostname || tab.hostname.endsWith(`.${bound.hostname}`))
      );
    });
}

export function matchesSite(account: Pick<Account, 'sites'>, origin: string | undefined): boolean {
  return siteMatcher(origin)(account);
}

function normalize(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Matches every word of the query against issuer, account and bound sites (accent- and case-insensitive). */
export function matchesQuery(account: Pick<Account, 'issuer' | 'account' | 'sites'>, query: string): boolean {
  const words = normalize(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalize(`${account.issuer} ${account.account} ${account.sites.join(' ')}`);
  return words.every((word) => haystack.includes(word));
}

/** Ids of the accounts bound to the tab's site (display order and the "this site" badge). */
export function siteMatchesOf(accounts: readonly Account[], origin: string | undefined): Set<string> {
  const matches = siteMatcher(origin);
  return new Set(accounts.filter((account) => matches(account)).map((account) => account.id));
}

/**
 * Display order: accounts bound to the current site (`siteMatches`, worked out once rather than in every
 * comparison), then pinned, then the user's order.
 */
export function displayOrder(accounts: readonly Account[], siteMatches: ReadonlySet<string>): Account[] {
  const rank = (account: Account) => (siteMatches.has(account.id) ? 0 : account.pinned ? 1 : 2);
  return [...accounts].sort((a, b) => rank(a) - rank(b) || a.order - b.order);
}

/** Display order for the tab at `origin`. */
export function sortForDisplay(accounts: readonly Account[], origin: string | undefined): Account[] {
  return displayOrder(accounts, siteMatchesOf(accounts, origin));
}

/** Moves an account one step in the manual order (swapping `order` with its neighbour). */
export function moveAccount(accounts: readonly Account[], id: string, direction: -1 | 1): Account[] {
  const ordered = [...accounts].sort((a, b) => a.order - b.order);
  const index = ordered.findIndex((account) => account.id === id);
  const target = index + direction;
  if (index < 0 || target < 0 || target >= ordered.length) return [...accounts];
  const a = ordered[index] as Account;
  const b = ordered[target] as Account;
  const now = Date.now();
  const swapped = new Map([
    [a.id, { ...a, order: b.order === a.order ? b.order + direction : b.order, updatedAt: now }],
    [b.id, { ...b, order: a.order, updatedAt: now }],
  ]);
  return accounts.map((account) => swapped.get(account.id) ?? account);
}
