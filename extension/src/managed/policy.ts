/**
 * Managed policy: what an organisation pushes through `storage.managed` (Chrome/Edge `3rdparty` policy checked
 * against public/managed_schema.json, Firefox `3rdparty` policies from policies.json, which Firefox passes through
 * unchecked). Pure: any value in, a typed policy and a list of problems out. A bad value is left out and reported,
 * never thrown, so a broken policy file can neither crash the extension nor silently weaken it.
 */
import { type NmcToolAccount, type NmcToolId, POLICY } from '@mfa-companion/policy';
import { ACCOUNT_LIMITS, cleanName, normalizeSite } from '@mfa-companion/vault';
import schema from '../../public/managed_schema.json' with { type: 'json' };

export interface IssuerSites {
  issuer: string;
  /** Normalised origins (`https://login.example.com`). */
  sites: string[];
}

export interface ManagedNmcHost {
  /** The card's Web UI origin, `https://ups-01.example.lan`. */
  origin: string;
  /** Local users the Secure NMC System Tool, Data Center Expert or IT Expert sign in with on this card. */
  toolAccounts: NmcToolAccount[];
}

/** Every key is absent unless the organisation set it to a valid value. */
export interface ManagedPolicy {
  autoLockMaxMinutes?: number;
  lockOnSystemLock?: boolean;
  clipboardClearSeconds?: number;
  allowUnencryptedExport?: boolean;
  allowInFieldButton?: boolean;
  exactHostOnly?: boolean;
  issuerSites?: IssuerSites[];
  nmcHosts?: ManagedNmcHost[];
  /** Always ends with `/`. */
  docsBaseUrl?: string;
  /** Which authenticators may unlock the vault (issue 23); absent = allowed. */
  passkeyUnlock?: PasskeyUnlockPolicy;
  /** Days before the popup's backup reminder; 0 = never. */
  backupReminderDays?: number;
}

export type PasskeyUnlockPolicy = 'allowed' | 'security-keys-only' | 'forbidden';

export type PolicyKey = keyof ManagedPolicy;

export type PolicyProblemCode =
  /** The whole managed value is not an object (nothing could be read). */
  | 'NOT_AN_OBJECT'
  /** A key this version does not know, often a typo. */
  | 'UNKNOWN_KEY'
  | 'WRONG_TYPE'
  | 'OUT_OF_RANGE'
  /** A site or NMC origin that is not an http(s) address. */
  | 'INVALID_ORIGIN'
  /** A tool account's `tool` is none of the tools the NMC checker knows. */
  | 'UNKNOWN_TOOL'
  /** The docs address is not an http(s) URL without credentials. */
  | 'INVALID_URL'
  /** An empty or over-long issuer or account name. */
  | 'INVALID_NAME'
  | 'TOO_MANY';

export interface PolicyProblem {
  /** Where: `clipboardClearSeconds`, `issuerSites[2].sites[0]`. */
  path: string;
  code: PolicyProblemCode;
}

export interface ManagedPolicyReading {
  policy: ManagedPolicy;
  problems: PolicyProblem[];
}

export const NO_POLICY: Readonly<ManagedPolicyReading> = Object.freeze({ policy: Object.freeze({}), problems: [] });

type SchemaProperty = { type: string; minimum?: number; maximum?: number; enum?: readonly string[] };
const SCHEMA_PROPERTIES = schema.properties as Record<PolicyKey, SchemaProperty>;
/** The keys, in the schema's order (the options page and the docs list them in this order too). */
export const POLICY_KEYS = Object.keys(SCHEMA_PROPERTIES) as PolicyKey[];

export const POLICY_LIMITS = Object.freeze({
  maxIssuerEntries: 200,
  maxNmcHosts: 1000,
  maxToolAccounts: 32,
  /** NMC local user names are short; anything longer is a paste gone wrong. */
  maxToolAccountChars: 64,
  maxUrlChars: 2048,
});

/** The tools whose sign-in accounts can be named (the same list the NMC checker evaluates). */
export const TOOL_IDS: readonly NmcToolId[] = POLICY.nmc3.tools.map((tool) => tool.id);

const HOST_NAME = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*\.?|\[[0-9a-f:.]+\])$/i;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Own enumerable keys only: `__proto__` and friends in a hostile file stay data, never reach a prototype. */
function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

class Reader {
  readonly problems: PolicyProblem[] = [];
  report(path: string, code: PolicyProblemCode): undefined {
    this.problems.push({ path, code });
    return undefined;
  }

  boolean(path: string, value: unknown): boolean | undefined {
    return typeof value === 'boolean' ? value : this.report(path, 'WRONG_TYPE');
  }

  integer(path: string, value: unknown, property: SchemaProperty): number | undefined {
    if (typeof value !== 'number' || !Number.isInteger(value)) return this.report(path, 'WRONG_TYPE');
    const { minimum = 0, maximum = Number.MAX_SAFE_INTEGER } = property;
    return value >= minimum && value <= maximum ? value : this.report(path, 'OUT_OF_RANGE');
  }

  oneOf<T extends string>(path: string, value: unknown, property: SchemaProperty): T | undefined {
    if (typeof value !== 'string') return this.report(path, 'WRONG_TYPE');
    return property.enum?.includes(value) ? (value as T) : this.report(path, 'OUT_OF_RANGE');
  }

  list(path: string, value: unknown, max: number): unknown[] | undefined {
    if (!Array.isArray(value)) return this.report(path, 'WRONG_TYPE');
    if (value.length > max) {
      this.report(path, 'TOO_MANY');
      return value.slice(0, max);
    }
    return value;
  }

  name(path: string, value: unknown, maxChars: number): string | undefined {
    if (typeof value !== 'string') return this.report(path, 'WRONG_TYPE');
    const name = cleanName(value);
    return name && name.length <= maxChars ? name : this.report(path, 'INVALID_NAME');
  }

  site(path: string, value: unknown): string | undefined {
    if (typeof value !== 'string') return this.report(path, 'WRONG_TYPE');
    let origin: string;
    try {
      origin = normalizeSite(value);
    } catch {
      return this.report(path, 'INVALID_ORIGIN');
    }
    // Chromium's URL parser percent-encodes what other parsers refuse in a host ("not a host" → not%20a%20host):
    // only letters, digits, dots and hyphens (punycode included) or a bracketed IPv6 address name a machine.
    return HOST_NAME.test(new URL(origin).hostname) ? origin : this.report(path, 'INVALID_ORIGIN');
  }

  issuerSites(path: string, value: unknown): IssuerSites[] | undefined {
    const entries = this.list(path, value, POLICY_LIMITS.maxIssuerEntries);
    if (!entries) return undefined;
    const byIssuer = new Map<string, IssuerSites>();
    entries.forEach((entry, index) => {
      const at = `${path}[${index}]`;
      if (!isRecord(entry)) return this.report(at, 'WRONG_TYPE');
      const issuer = this.name(`${at}.issuer`, own(entry, 'issuer'), ACCOUNT_LIMITS.maxIssuerChars);
      const sites = this.list(`${at}.sites`, own(entry, 'sites'), ACCOUNT_LIMITS.maxSites) ?? [];
      const valid = sites.map((site, siteIndex) => this.site(`${at}.sites[${siteIndex}]`, site));
      if (!issuer) return undefined;
      const key = issuer.toLowerCase();
      const merged = byIssuer.get(key) ?? { issuer, sites: [] };
      merged.sites = [...new Set([...merged.sites, ...valid.filter((site) => site !== undefined)])].slice(
        0,
        ACCOUNT_LIMITS.maxSites,
      );
      byIssuer.set(key, merged);
      return undefined;
    });
    return [...byIssuer.values()].filter((entry) => entry.sites.length > 0);
  }

  nmcHosts(path: string, value: unknown): ManagedNmcHost[] | undefined {
    const entries = this.list(path, value, POLICY_LIMITS.maxNmcHosts);
    if (!entries) return undefined;
    const byOrigin = new Map<string, ManagedNmcHost>();
    entries.forEach((entry, index) => {
      const at = `${path}[${index}]`;
      if (!isRecord(entry)) return this.report(at, 'WRONG_TYPE');
      // An NMC is named by its origin; a path or query pasted with it is dropped like everywhere else.
      const origin = this.site(`${at}.origin`, own(entry, 'origin'));
      const rawAccounts = own(entry, 'toolAccounts');
      const accounts =
        rawAccounts === undefined
          ? []
          : (this.list(`${at}.toolAccounts`, rawAccounts, POLICY_LIMITS.maxToolAccounts) ?? []);
      const toolAccounts = accounts
        .map((account, accountIndex) => this.toolAccount(`${at}.toolAccounts[${accountIndex}]`, account))
        .filter((account) => account !== undefined);
      if (!origin) return undefined;
      const merged = byOrigin.get(origin) ?? { origin, toolAccounts: [] };
      const seen = new Set(merged.toolAccounts.map((account) => `${account.tool}\u0000${account.user}`));
      for (const account of toolAccounts) {
        const key = `${account.tool}\u0000${account.user}`;
        if (seen.has(key) || merged.toolAccounts.length >= POLICY_LIMITS.maxToolAccounts) continue;
        seen.add(key);
        merged.toolAccounts.push(account);
      }
      byOrigin.set(origin, merged);
      return undefined;
    });
    return [...byOrigin.values()];
  }

  toolAccount(path: string, value: unknown): NmcToolAccount | undefined {
    if (!isRecord(value)) return this.report(path, 'WRONG_TYPE');
    const tool = own(value, 'tool');
    if (typeof tool !== 'string') return this.report(`${path}.tool`, 'WRONG_TYPE');
    if (!(TOOL_IDS as readonly string[]).includes(tool)) return this.report(`${path}.tool`, 'UNKNOWN_TOOL');
    const user = this.name(`${path}.user`, own(value, 'user'), POLICY_LIMITS.maxToolAccountChars);
    return user ? { tool: tool as NmcToolId, user } : undefined;
  }

  url(path: string, value: unknown): string | undefined {
    if (typeof value !== 'string') return this.report(path, 'WRONG_TYPE');
    if (value.length > POLICY_LIMITS.maxUrlChars) return this.report(path, 'INVALID_URL');
    let url: URL;
    try {
      url = new URL(value.trim());
    } catch {
      return this.report(path, 'INVALID_URL');
    }
    // Only a web address the admin can read in full: no other scheme, no credentials hidden in it.
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) {
      return this.report(path, 'INVALID_URL');
    }
    url.search = '';
    url.hash = '';
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
  }
}

/** Reads whatever `storage.managed.get()` returned. Never throws. */
export function readManagedPolicy(raw: unknown): ManagedPolicyReading {
  if (raw === undefined || raw === null) return { policy: {}, problems: [] };
  const reader = new Reader();
  if (!isRecord(raw)) return { policy: {}, problems: [{ path: '', code: 'NOT_AN_OBJECT' }] };
  const policy: ManagedPolicy = {};
  for (const key of Object.keys(raw)) {
    if (!Object.hasOwn(SCHEMA_PROPERTIES, key)) {
      reader.report(key, 'UNKNOWN_KEY');
      continue;
    }
    const value = raw[key];
    const policyKey = key as PolicyKey;
    switch (policyKey) {
      case 'autoLockMaxMinutes':
      case 'clipboardClearSeconds':
      case 'backupReminderDays':
        setIfDefined(policy, policyKey, reader.integer(key, value, SCHEMA_PROPERTIES[policyKey]));
        break;
      case 'lockOnSystemLock':
      case 'allowUnencryptedExport':
      case 'allowInFieldButton':
      case 'exactHostOnly':
        setIfDefined(policy, policyKey, reader.boolean(key, value));
        break;
      case 'issuerSites':
        setIfDefined(policy, policyKey, reader.issuerSites(key, value));
        break;
      case 'nmcHosts':
        setIfDefined(policy, policyKey, reader.nmcHosts(key, value));
        break;
      case 'docsBaseUrl':
        setIfDefined(policy, policyKey, reader.url(key, value));
        break;
      case 'passkeyUnlock':
        setIfDefined(policy, policyKey, reader.oneOf<PasskeyUnlockPolicy>(key, value, SCHEMA_PROPERTIES[policyKey]));
        break;
    }
  }
  return { policy, problems: reader.problems };
}

/** An empty list changes nothing, so it is not kept as "set by the organisation". */
function setIfDefined<K extends PolicyKey>(policy: ManagedPolicy, key: K, value: ManagedPolicy[K] | undefined): void {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return;
  policy[key] = value;
}

/** Whether the organisation set this key (to a valid value). */
export function isManaged(policy: ManagedPolicy, key: PolicyKey): boolean {
  return policy[key] !== undefined;
}
