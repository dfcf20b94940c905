import { parse } from 'tldts';
import { type DomainParts, embedsLocalName, type LookalikeReason, lookalikeReason } from './lookalike.js';

/**
 * Where an account may fill. A bare string is an origin (`https://example.com`); the object form adds
 * exact-host mode.
 *
 * - `https://…` binds the registrable domain (scheme + eTLD+1 from the Public Suffix List, private suffixes such
 *   as `github.io` included): `https://example.com` fills on `https://login.example.com` too.
 * - `exactHost: true` binds only that host and port.
 * - `http://host[:port]` is the user explicitly allowing that one host over plain http (NMC cards on a LAN);
 *   it is always exact-host, and the same host over https is accepted too, on the same port or the default https
 *   port only.
 * - IP addresses and local names (`nmc3.lan`, `printer.local`, single-label names, `home.arpa`) are always
 *   exact-host: no registry stands behind them, so a sibling name proves nothing.
 */
export type SiteBinding = string | { origin: string; exactHost?: boolean };

export interface BindableAccount {
  id: string;
  sites: readonly SiteBinding[];
}

export type FillDecision<Account extends BindableAccount> =
  /** Exactly one account is bound to this origin. */
  | { kind: 'fill'; account: Account }
  /** Several accounts are bound here: ask the user which one. */
  | { kind: 'choose'; accounts: Account[] }
  /** No account is bound here: offer to bind one (`suggestedBinding`) or open the popup. Never guess. */
  | { kind: 'none'; suggestedBinding: string }
  /** Not bound, and the name imitates a bound site: warn, do not fill. */
  | { kind: 'lookalike'; resembles: string; reason: LookalikeReason; accounts: Account[] }
  /** Bound over https, but this page is plain http and the user has not allowed http for this host. */
  | { kind: 'insecure'; accounts: Account[] }
  /** Not a web page (`file:`, `chrome:`, `about:blank`, malformed). */
  | { kind: 'unsupported'; reason: string };

export interface OriginInfo {
  scheme: 'http' | 'https';
  /** ASCII host (punycode), lower case, IPv6 without brackets. */
  host: string;
  /** Explicit or default port, as a string. */
  port: string;
  /** `scheme://host[:port]` as the browser serialises it, without a trailing dot on the host. */
  origin: string;
  /** IP address or a name under no public registry: bindings are exact-host. */
  local: boolean;
  /** Registrable domain parts; undefined when `local`. */
  domain?: DomainParts;
}

const LOCAL_SUFFIXES = new Set(['lan', 'local', 'localhost', 'internal', 'home.arpa', 'intranet', 'corp', 'home']);

/** Parses an origin or URL; undefined for anything that is not http(s) with a host. */
export function describeOrigin(originOrUrl: string): OriginInfo | undefined {
  let url: URL;
  try {
    url = new URL(originOrUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const host = url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (!host) return undefined;
  const scheme = url.protocol === 'https:' ? 'https' : 'http';
  const port = url.port || (scheme === 'https' ? '443' : '80');
  const info = parse(host, { allowPrivateDomains: true });
  const local =
    info.isIp === true ||
    !info.domain ||
    !info.domainWithoutSuffix ||
    (!info.isIcann && !info.isPrivate) ||
    LOCAL_SUFFIXES.has(info.publicSuffix ?? '');
  // `example.com.` is the same host as `example.com` (fully qualified form): one spelling for bindings and offers.
  const origin = url.origin.replace(/\.(?=(:\d+)?$)/, '');
  const result: OriginInfo = { scheme, host, port, origin, local };
  if (!local && info.domain && info.domainWithoutSuffix) {
    result.domain = { site: info.domain, label: info.domainWithoutSuffix, subdomain: info.subdomain ?? '' };
  }
  return result;
}

/** IPv4 ranges of a local network: private (RFC 1918), loopback, link-local, shared address space (RFC 6598). */
const LAN_IPV4: ReadonlyArray<[number, number, number]> = [
  [10, 0, 8],
  [172, 16, 12],
  [192, 168, 16],
  [127, 0, 8],
  [169, 254, 16],
  [100, 64, 10],
];

function ipv4Value(host: string): number | undefined {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return undefined;
  return parts.reduce((value, part) => value * 256 + Number(part), 0);
}

function isLanIpv4(value: number): boolean {
  return LAN_IPV4.some(([first, second, bits]) => {
    const base = (first * 256 + second) * 65536;
    const size = 2 ** (32 - bits);
    return value >= base && value < base + size;
  });
}

/** IPv6 (as the URL parser serialises it, compressed, lower case): ULA fc00::/7, link-local fe80::/10, loopback. */
function isLanIpv6(host: string): boolean {
  if (host === '::1') return true;
  // IPv4-mapped addresses (::ffff:c0a8:101) are the IPv4 address they carry.
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(host);
  if (mapped)
    return isLanIpv4(Number.parseInt(mapped[1] as string, 16) * 65536 + Number.parseInt(mapped[2] as string, 16));
  const first = /^([0-9a-f]{1,4}):/.exec(host)?.[1];
  if (!first || first.length < 4) return false;
  const value = Number.parseInt(first, 16);
  return (value & 0xfe00) === 0xfc00 || (value & 0xffc0) === 0xfe80;
}

/**
 * Whether an origin's host is on a local network: a private, loopback or link-local IP address, or a name no
 * public registry stands behind (`nmc3.lan`, `printer.local`, `*.home.arpa`, `*.internal`, single-label names) —
 * the same notion of "local" the bindings use (`OriginInfo.local`), minus public IP addresses. Plain http to such
 * a host is how LAN gear (NMC cards) is reached; for a public host it is a downgrade. Used by the importers
 * (`@mfa-companion/vault`) to decide which http:// login addresses keep their http binding.
 */
export function isLanOrigin(originOrUrl: string): boolean {
  const info = describeOrigin(originOrUrl);
  if (!info?.local) return false;
  const ipv4 = ipv4Value(info.host);
  if (ipv4 !== undefined) return isLanIpv4(ipv4);
  if (info.host.includes(':')) return isLanIpv6(info.host);
  return true;
}

type BindingMatch = 'match' | 'insecure' | 'none';

function normalizeBinding(binding: SiteBinding): { origin: string; exactHost: boolean } {
  return typeof binding === 'string'
    ? { origin: binding, exactHost: false }
    : { ...binding, exactHost: !!binding.exactHost };
}

/** How one binding relates to a page origin. */
export function matchBinding(page: OriginInfo, binding: SiteBinding): BindingMatch {
  const { origin, exactHost } = normalizeBinding(binding);
  const bound = describeOrigin(origin);
  if (!bound) return 'none';
  if (bound.scheme === 'http') {
    if (page.host !== bound.host || !isSamePortOrHttpsDefault(page, bound)) return 'none';
    return 'match';
  }
  const sameHost = page.host === bound.host && page.port === bound.port;
  const sameHostAnyScheme = page.host === bound.host;
  const hostOnly = exactHost || bound.local || page.local;
  const related = hostOnly
    ? page.scheme === 'https'
      ? sameHost
      : sameHostAnyScheme
    : page.domain?.site === bound.domain?.site;
  if (!related) return 'none';
  return page.scheme === 'https' ? 'match' : 'insecure';
}

/**
 * An `http://host[:port]` allowance names one service. The same host over https is at least as safe, but only as
 * that service: on the same port, or on the default https port (the card that redirects `http://nmc3.lan` to
 * `https://nmc3.lan`). Any other https port on that host is another service (`https://nmc3.lan:9999`).
 */
function isSamePortOrHttpsDefault(page: OriginInfo, bound: OriginInfo): boolean {
  return page.port === bound.port || (page.scheme === 'https' && page.port === '443');
}

/** Whether `account` may fill on `pageOrigin` (the frame's own origin, never its parent's). */
export function isBoundTo(pageOrigin: string, account: BindableAccount): boolean {
  const page = describeOrigin(pageOrigin);
  return !!page && account.sites.some((site) => matchBinding(page, site) === 'match');
}

/**
 * The binding to offer when the user binds an account from this page: the registrable domain over https,
 * or the exact host (with port) for local names, IP addresses and http.
 */
export function suggestBinding(page: OriginInfo): string {
  if (page.local || page.scheme === 'http' || !page.domain) return page.origin;
  return `https://${page.domain.site}`;
}

/**
 * What to do when the user asks for a code on `pageOrigin`: the one function every trigger goes through.
 * Pass the origin of the frame that holds the field (a cross-origin frame decides for itself).
 */
export function decideFill<Account extends BindableAccount>(
  pageOrigin: string,
  accounts: readonly Account[],
): FillDecision<Account> {
  const page = describeOrigin(pageOrigin);
  if (!page) return { kind: 'unsupported', reason: 'Codes are filled only on http and https pages.' };
  const matches: Account[] = [];
  const insecure: Account[] = [];
  for (const account of accounts) {
    let verdict: BindingMatch = 'none';
    for (const site of account.sites) {
      const result = matchBinding(page, site);
      if (result === 'match') {
        verdict = 'match';
        break;
      }
      if (result === 'insecure') verdict = 'insecure';
    }
    if (verdict === 'match') matches.push(account);
    else if (verdict === 'insecure') insecure.push(account);
  }
  if (matches.length === 1) return { kind: 'fill', account: matches[0] as Account };
  if (matches.length > 1) return { kind: 'choose', accounts: matches };
  if (insecure.length > 0) return { kind: 'insecure', accounts: insecure };

  if (page.domain) {
    const pageDomain = page.domain;
    let best: { resembles: string; reason: LookalikeReason; accounts: Account[] } | undefined;
    for (const account of accounts) {
      for (const site of account.sites) {
        const bound = describeOrigin(normalizeBinding(site).origin);
        if (!bound) continue;
        // LAN names and IPs only count when used whole inside a public name (`nmc3.lan.evil.com`): a sibling
        // card (`nmc4.lan`) is simply not bound.
        const reason = bound.domain
          ? lookalikeReason(pageDomain, bound.domain)
          : embedsLocalName(page.host, bound.host) && 'embedded';
        if (!reason) continue;
        const resembles = bound.domain?.site ?? bound.host;
        if (!best) best = { resembles, reason, accounts: [] };
        if (best.resembles === resembles && !best.accounts.includes(account)) best.accounts.push(account);
      }
    }
    if (best) return { kind: 'lookalike', ...best };
  }
  return { kind: 'none', suggestedBinding: suggestBinding(page) };
}
