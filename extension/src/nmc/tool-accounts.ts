/**
 * The accounts the Secure NMC System Tool, Data Center Expert and EcoStruxure IT Expert sign in to one NMC with,
 * as the admin named them (or as a managed policy presets them). Stored per host in storage.local under
 * `nmc:tool-accounts:<origin>`; the checker's verdict is then about exactly these accounts.
 *
 * API for other modules (the managed-policy layer included):
 *   getToolAccounts(origin)                    → ToolAccount[] (validated, never throws on bad storage)
 *   setToolAccounts(origin, accounts, source?) → the cleaned list as stored ([] removes the entry)
 *   cleanToolAccounts(value, source?)          → ToolAccount[] from anything (JSON, policy, storage)
 */
import { type NmcToolAccount, type NmcToolId, POLICY } from '@mfa-companion/policy';
import { browser } from 'wxt/browser';

export const TOOL_ACCOUNTS_PREFIX = 'nmc:tool-accounts:';

/** Who named the account: the admin in the banner, or a managed policy set by the organisation. */
export type ToolAccountSource = 'admin' | 'policy';

export interface ToolAccount extends NmcToolAccount {
  source: ToolAccountSource;
}

export const TOOL_IDS: readonly NmcToolId[] = POLICY.nmc3.tools.map((tool) => tool.id);
/** NMC user names are short; anything longer is not one. */
const MAX_USER_NAME = 64;
const MAX_ACCOUNTS = 32;

/** Keeps only well-formed entries: a known tool id, a non-blank user name; duplicates dropped, order kept. */
export function cleanToolAccounts(value: unknown, source: ToolAccountSource = 'admin'): ToolAccount[] {
  if (!Array.isArray(value)) return [];
  const seen = new Set<string>();
  const accounts: ToolAccount[] = [];
  for (const entry of value as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const raw = entry as Record<string, unknown>;
    if (typeof raw.tool !== 'string' || !(TOOL_IDS as readonly string[]).includes(raw.tool)) continue;
    if (typeof raw.user !== 'string') continue;
    const user = raw.user.replace(/[\u0000-\u001f\u007f]/g, '').trim();
    if (user === '' || user.length > MAX_USER_NAME) continue;
    const key = `${raw.tool}\u0000${user}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const stored = raw.source === 'policy' || raw.source === 'admin' ? raw.source : source;
    accounts.push({ tool: raw.tool as NmcToolId, user, source: stored });
    if (accounts.length >= MAX_ACCOUNTS) break;
  }
  return accounts;
}

function webOrigin(origin: string): string {
  const url = new URL(origin);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not a web origin');
  return url.origin;
}

export async function getToolAccounts(origin: string): Promise<ToolAccount[]> {
  const key = TOOL_ACCOUNTS_PREFIX + webOrigin(origin);
  const stored = await browser.storage.local.get(key);
  return cleanToolAccounts(stored[key]);
}

/** Replaces the host's named accounts; an empty list forgets them (the verdict goes back to "any candidate"). */
export async function setToolAccounts(
  origin: string,
  accounts: ReadonlyArray<NmcToolAccount & { source?: ToolAccountSource }>,
  source: ToolAccountSource = 'admin',
): Promise<ToolAccount[]> {
  const key = TOOL_ACCOUNTS_PREFIX + webOrigin(origin);
  const cleaned = cleanToolAccounts(accounts, source);
  if (cleaned.length === 0) await browser.storage.local.remove(key);
  else await browser.storage.local.set({ [key]: cleaned });
  return cleaned;
}

export async function forgetToolAccounts(origin: string): Promise<void> {
  await browser.storage.local.remove(TOOL_ACCOUNTS_PREFIX + webOrigin(origin));
}
