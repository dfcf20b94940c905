import { isLanOrigin } from '@mfa-companion/autofill/binding';
import { isOtpError, isSteamUri, parseSteamUri } from '@mfa-companion/otp';
import { type AccountInput, normalizeSite, otpAccountToInput } from '../account.js';
import { IMPORT_BOUNDS } from '../kdf.js';
import { platform } from '../platform.js';
import { MAX_ACCOUNTS } from '../vault.js';
import { csvHeader, parseCsv } from './csv.js';
import { UnsupportedImportError } from './recognised.js';
import type { ImportEntry, ImportFormat, ParsedImport } from './types.js';
import {
  assertListLength,
  invalidEntry,
  isRecord,
  optionalString,
  parseImportedOtpauthUri,
  previewLabel,
  steamInput,
  toEntry,
} from './util.js';

/*
 * Password managers keep a TOTP field next to each login. Bitwarden (clients: libs/importer and the
 * export service) writes it as `login.totp` in its JSON export and as the `login_totp` column of its CSV
 * export; the value is an otpauth:// URI, a bare base32 secret (SHA1, 6 digits, 30 s) or `steam://SECRET`.
 * Other managers' CSV exports have the same idea under other column names (KeePassXC "TOTP", 1Password
 * "OTPAuth", LastPass and Proton Pass "totp", Dashlane "otpSecret"/"otpUrl"); they are read the same way.
 */

/** One login's TOTP field with the names around it. */
interface TotpField {
  where: string;
  totp: string;
  name: string;
  username: string;
  uris: string[];
}

/** An otpauth:// URI, steam:// secret or bare base32 secret as an account input. */
function totpFieldEntry(field: TotpField): ImportEntry {
  const label = previewLabel(field.name, field.username, field.where);
  const { sites, upgraded } = webOrigins(field.uris);
  return withUpgradedSites(totpEntry(field, label, sites), upgraded);
}

/** Notes on an entry which of its sites were bound over https instead of the file's http. */
function withUpgradedSites(entry: ImportEntry, upgraded: string[]): ImportEntry {
  return entry.status === 'ok' && upgraded.length > 0 ? { ...entry, upgradedSites: upgraded } : entry;
}

function totpEntry(field: TotpField, label: string, sites: string[]): ImportEntry {
  const value = field.totp.trim();
  if (/^otpauth:/i.test(value)) {
    try {
      const otp = parseImportedOtpauthUri(value);
      const input = otpAccountToInput(otp);
      // The URI's own names win; the login's fill what the URI leaves out.
      input.issuer = otp.issuer || field.name;
      input.account = otp.account || field.username;
      input.sites = sites;
      return toEntry(label, () => input);
    } catch (error) {
      if (!isOtpError(error)) throw error;
      return invalidEntry(label, error.code, error.message);
    }
  }
  if (isSteamUri(value)) {
    try {
      const otp = parseSteamUri(value);
      return toEntry(label, () => ({
        ...steamInput({ issuer: field.name, account: field.username, secret: otp.secret }),
        sites,
      }));
    } catch (error) {
      if (!isOtpError(error)) throw error;
      return invalidEntry(label, error.code, error.message);
    }
  }
  return toEntry(
    label,
    (): AccountInput => ({
      type: 'totp',
      issuer: field.name,
      account: field.username,
      secret: value,
      sites,
    }),
  );
}

/**
 * The sites a login's URIs bind the account to, with the http:// addresses that were moved to https. App URIs
 * (androidapp://…) bind nothing. Password managers keep many plain-http URIs (Bitwarden even prefixes a URI typed
 * without a scheme with http:// on import), and an http binding lets autofill fill on the unencrypted page: on a
 * public host the account is bound to https:// of the same host instead. Hosts on a local network (private or
 * link-local addresses, `.lan`, `.local`, `.home.arpa`, `.internal`, single-label names — `isLanOrigin`, the
 * binding rules' own notion) keep http: that is how LAN gear such as an NMC card is reached.
 */
function webOrigins(uris: readonly string[]): { sites: string[]; upgraded: string[] } {
  const sites: string[] = [];
  const upgraded: string[] = [];
  for (const uri of uris.slice(0, 50)) {
    const text = uri.trim();
    if (text === '' || (/^[a-z][a-z0-9+.-]*:/i.test(text) && !/^https?:\/\//i.test(text))) continue;
    let origin: string;
    try {
      origin = normalizeSite(text);
    } catch {
      // A login URI that is not a web address binds nothing.
      continue;
    }
    if (origin.startsWith('http:') && !isLanOrigin(origin)) {
      origin = `https://${new platform.URL(origin).hostname}`;
      if (!sites.includes(origin) && !upgraded.includes(origin)) upgraded.push(origin);
    }
    if (!sites.includes(origin)) sites.push(origin);
  }
  // A site also given as https in the file was not moved: it is simply bound.
  return { sites, upgraded: upgraded.filter((site) => !uris.some((uri) => sameHttpsOrigin(uri, site))) };
}

function sameHttpsOrigin(uri: string, site: string): boolean {
  try {
    return /^https:/i.test(uri.trim()) && normalizeSite(uri.trim()) === site;
  } catch {
    return false;
  }
}

export function isBitwardenJson(json: Record<string, unknown>): boolean {
  return Array.isArray(json.items) && ('encrypted' in json || 'folders' in json || 'collections' in json);
}

export function isBitwardenEncryptedJson(json: Record<string, unknown>): boolean {
  return json.encrypted === true && typeof json.data === 'string';
}

const BITWARDEN_LOGIN = 1;

export function parseBitwardenJson(json: Record<string, unknown>): ParsedImport {
  if (json.encrypted === true) {
    throw new UnsupportedImportError(
      'bitwarden-encrypted',
      json.passwordProtected === true
        ? 'This Bitwarden export is password-protected. In Bitwarden, export the vault again as ".json" (not ".json (Encrypted)") and import that file.'
        : 'This Bitwarden export is encrypted with your Bitwarden account key. In Bitwarden, export the vault again as ".json" (not ".json (Encrypted)") and import that file.',
    );
  }
  const items = json.items as unknown[];
  assertListLength(items, IMPORT_BOUNDS.maxItemsPerContainer, 'items');
  const fields: TotpField[] = [];
  items.forEach((item, index) => {
    if (!isRecord(item) || item.type !== BITWARDEN_LOGIN || !isRecord(item.login)) return;
    const totp = optionalString(item.login.totp);
    if (!totp || totp.trim() === '') return;
    const uris = Array.isArray(item.login.uris)
      ? item.login.uris.flatMap((entry) => (isRecord(entry) && typeof entry.uri === 'string' ? [entry.uri] : []))
      : [];
    fields.push({
      where: `Item ${index + 1}`,
      totp,
      name: optionalString(item.name)?.trim() ?? '',
      username: optionalString(item.login.username)?.trim() ?? '',
      uris,
    });
  });
  assertListLength(fields, MAX_ACCOUNTS, 'logins with a TOTP secret');
  return { format: 'bitwarden', entries: fields.map(totpFieldEntry) };
}

/** Column names of the TOTP value, the entry's name, its user name and its URL in known CSV exports. */
const COLUMNS = {
  totp: [
    'login_totp',
    'totp',
    'otpauth',
    'otp',
    'otpurl',
    'otpsecret',
    'otp secret',
    'one-time password',
    'totp secret',
  ],
  name: ['name', 'title', 'issuer'],
  username: ['login_username', 'username', 'user name', 'login', 'email', 'user'],
  uri: ['login_uri', 'url', 'uri', 'website', 'login_url', 'web site'],
};

function findColumn(header: readonly string[], names: readonly string[]): number {
  for (const name of names) {
    const index = header.indexOf(name);
    if (index !== -1) return index;
  }
  return -1;
}

/** A CSV text whose header names a TOTP column. */
export function isTotpCsv(text: string): boolean {
  const header = csvHeader(text);
  return header.length > 1 && findColumn(header, COLUMNS.totp) !== -1;
}

/** A first line that looks like a CSV header (several comma-separated names, no URI). */
export function looksLikeCsvHeader(text: string): boolean {
  const header = csvHeader(text);
  return header.length > 2 && header.every((name) => name.length < 64 && !name.includes(':'));
}

export function parseTotpCsv(text: string, deadline?: number): ParsedImport {
  const rows = parseCsv(text, deadline);
  const header = (rows[0] ?? []).map((name) => name.trim().toLowerCase());
  const column = {
    totp: findColumn(header, COLUMNS.totp),
    name: findColumn(header, COLUMNS.name),
    username: findColumn(header, COLUMNS.username),
    uri: findColumn(header, COLUMNS.uri),
  };
  const format: ImportFormat = header.includes('login_totp') ? 'bitwarden-csv' : 'csv';
  const cell = (row: readonly string[], index: number) => (index === -1 ? '' : (row[index] ?? '').trim());
  const fields: TotpField[] = [];
  rows.slice(1).forEach((row, index) => {
    const totp = cell(row, column.totp);
    if (totp === '') return;
    // Bitwarden joins several login URIs with commas inside the one quoted field.
    const uriCell = cell(row, column.uri);
    fields.push({
      where: `Row ${index + 2}`,
      totp,
      name: cell(row, column.name),
      username: cell(row, column.username),
      uris: uriCell === '' ? [] : format === 'bitwarden-csv' ? uriCell.split(',') : [uriCell],
    });
  });
  assertListLength(fields, MAX_ACCOUNTS, 'rows with a TOTP secret');
  return { format, entries: fields.map(totpFieldEntry) };
}
