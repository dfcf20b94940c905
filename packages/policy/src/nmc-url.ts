/** What an address alone says about a page: the NMC Web UI's session layout and its page names. */

/** Page names of the NMC Web UI (log-on, lists, a user's pages, About pages). */
const NMC_FILES = /^(?:logon|home|userman|usercfg|usrcnfrm|aboutnmc|aboutups|aboutsys|aboutpdu|about\w*)\.htm$/;

export interface NmcUrlParts {
  /** Last path segment, lower case ("usercfg.htm"). */
  file: string;
  /** Path under `/NMC/<token>/` when the card's session layout is used. */
  nmcPath: boolean;
  query: URLSearchParams;
}

export function nmcUrlParts(url: string): NmcUrlParts | undefined {
  try {
    const parsed = new URL(url);
    const segments = parsed.pathname.split('/');
    return {
      file: (segments[segments.length - 1] ?? '').toLowerCase(),
      // `/NMC/<session token>/`, also behind a reverse proxy that adds a prefix.
      nmcPath: /(?:^|\/)NMC\/[A-Za-z0-9_-]{8,}\//.test(parsed.pathname),
      query: parsed.searchParams,
    };
  } catch {
    return undefined;
  }
}

/**
 * Whether a page's address reads as an NMC Web UI page (`/NMC/<token>/…`, `userman.htm`, `logon.htm`…). What the
 * popup uses before anything is injected: a page elsewhere (a code host, a bank) never gets the NMC card.
 */
export function looksLikeNmcUrl(url: string): boolean {
  const parts = nmcUrlParts(url);
  if (!parts) return false;
  return parts.nmcPath || NMC_FILES.test(parts.file);
}
