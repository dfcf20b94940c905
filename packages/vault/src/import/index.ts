import { type Account, createAccount, secretFingerprint, validateAccountInput } from '../account.js';
import { readEncryptedBackup } from '../backup.js';
import { VaultError } from '../errors.js';
import { platform } from '../platform.js';
import { MAX_ACCOUNTS } from '../vault.js';
import { isAegisExport, parseAegis } from './aegis.js';
import { andOtpIterations, isAndOtpJson, parseAndOtpEncrypted, parseAndOtpJson } from './andotp.js';
import { isAuthenticatorExtensionBackup, parseAuthenticatorExtension } from './authenticator-extension.js';
import { isFreeOtpPlusJson, parseFreeOtpPlus } from './freeotp.js';
import { parseBoundedJson, parseDeadline } from './limits.js';
import { parseOtpauthList } from './otpauth-list.js';
import {
  isBitwardenEncryptedJson,
  isBitwardenJson,
  isTotpCsv,
  looksLikeCsvHeader,
  parseBitwardenJson,
  parseTotpCsv,
} from './password-manager.js';
import { isProtonAuthenticatorJson, parseProtonAuthenticator } from './proton.js';
import { recogniseBinary, recogniseJson, recogniseText } from './recognised.js';
// Steam Guard files (maFile, Steamguard): a self-contained addition, see steam-guard.ts.
import {
  isSteamDesktopManifest,
  isSteamGuardFile,
  parseSteamGuardFile,
  steamDesktopManifestError,
} from './steam-guard.js';
import { parseTwoFas } from './twofas.js';
import type { ImportEntry, ImportFormat, ImportOptions, ImportProblemCode, ParsedImport } from './types.js';
import { isRecord } from './util.js';

export { UnsupportedImportError, type UnsupportedImportKind } from './recognised.js';
export type { ImportEntry, ImportFormat, ImportOptions, ImportProblemCode, ParsedImport } from './types.js';

/** Larger than any real export; refused before parsing so a hostile file cannot exhaust memory. */
export const MAX_IMPORT_CHARS = 16 * 1024 * 1024;

/**
 * Reads any supported file, given as text or as the file's bytes (binary formats such as encrypted andOTP
 * backups need the bytes): our encrypted backup; Aegis, 2FAS, andOTP, Proton Authenticator and Authenticator
 * extension exports, plain or encrypted; FreeOTP+ JSON; Bitwarden JSON and CSV (and other password
 * managers' CSV with a TOTP column); Steam Guard maFiles; text with otpauth:// / otpauth-migration:// lines.
 * Per-entry problems become `invalid` entries; a file that cannot be read at all throws a VaultError
 * (files we recognise but cannot read get UNSUPPORTED_IMPORT with what to export instead).
 */
export async function parseImport(input: string | Uint8Array, options: ImportOptions = {}): Promise<ParsedImport> {
  const deadline = parseDeadline();
  let text: string;
  if (input instanceof Uint8Array) {
    if (input.length > MAX_IMPORT_CHARS) {
      throw new VaultError('INPUT_TOO_LARGE', `The file is larger than ${MAX_IMPORT_CHARS / 2 ** 20} MiB.`);
    }
    const recognised = recogniseBinary(input);
    if (recognised) throw recognised;
    const decoded = decodeText(input);
    if (decoded === undefined) return limitEntries(await parseBinary(input, options));
    text = decoded;
  } else if (typeof input === 'string') {
    text = input;
  } else {
    throw new VaultError('UNRECOGNIZED_IMPORT', 'The file must be given as text or bytes.');
  }
  if (text.length > MAX_IMPORT_CHARS) {
    throw new VaultError('INPUT_TOO_LARGE', `The file is larger than ${MAX_IMPORT_CHARS / 2 ** 20} MiB.`);
  }
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  const recognised = recogniseText(trimmed);
  if (recognised) throw recognised;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const json = parseBoundedJson(
      trimmed,
      'The file looks like JSON but cannot be read (truncated or damaged).',
      deadline,
    );
    if (Array.isArray(json)) {
      if (isAndOtpJson(json)) return limitEntries(parseAndOtpJson(json));
      throw new VaultError('UNRECOGNIZED_IMPORT', 'Unrecognised JSON list: not an andOTP backup.');
    }
    if (!isRecord(json)) throw new VaultError('UNRECOGNIZED_IMPORT', 'Unrecognised file.');
    const parsed = await parseJsonImport(trimmed, json, options);
    return limitEntries(parsed);
  }
  // A table is never an otpauth list, even when its TOTP column holds otpauth: URIs.
  if (isTotpCsv(trimmed)) return limitEntries(parseTotpCsv(trimmed, deadline));
  if (looksLikeCsvHeader(trimmed)) {
    throw new VaultError(
      'UNRECOGNIZED_IMPORT',
      'This CSV file has no TOTP column (expected a Bitwarden CSV export or another one with a "totp" column).',
    );
  }
  if (/otpauth(-migration)?:/i.test(trimmed)) return limitEntries(parseOtpauthList(trimmed));
  throw new VaultError(
    'UNRECOGNIZED_IMPORT',
    'Unrecognised file: expected a backup or export of a supported app, a CSV with a TOTP column, or otpauth:// lines.',
  );
}

/**
 * The file as text when it is text: UTF-8, UTF-16 with a byte-order mark, or (no valid UTF-8 but no
 * control bytes either) a Windows-1252 CSV as older Windows tools save it. Undefined for binary data.
 */
function decodeText(bytes: Uint8Array): string | undefined {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe
      ? 'utf-16le'
      : bytes[0] === 0xfe && bytes[1] === 0xff
        ? 'utf-16be'
        : undefined;
  try {
    const text = new platform.TextDecoder(utf16 ?? 'utf-8', { fatal: true }).decode(bytes);
    return text.includes('\0') ? undefined : text;
  } catch {
    // Encrypted data is full of control bytes; text in a legacy code page has none.
    if (utf16 || bytes.some((byte) => byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d)) return undefined;
    return new platform.TextDecoder('windows-1252', { fatal: false }).decode(bytes);
  }
}

/** Binary data no magic number identified: the only binary export we read is andOTP's encrypted one. */
async function parseBinary(bytes: Uint8Array, options: ImportOptions): Promise<ParsedImport> {
  if (andOtpIterations(bytes) === undefined && !options.passphrase) {
    throw new VaultError(
      'PASSPHRASE_REQUIRED',
      'This is not a text file. If it is an encrypted andOTP backup (.json.aes), enter its password; otherwise import the export file of your authenticator app.',
    );
  }
  return parseAndOtpEncrypted(bytes, options.passphrase);
}

async function parseJsonImport(
  text: string,
  json: Record<string, unknown>,
  options: ImportOptions,
): Promise<ParsedImport> {
  if (json.magic === 'MFA-COMPANION-BACKUP') {
    if (!options.passphrase)
      throw new VaultError('PASSPHRASE_REQUIRED', 'This backup is encrypted: enter its passphrase.');
    const backup = await readEncryptedBackup(text, options.passphrase);
    return {
      format: 'mfa-companion-backup',
      entries: backup.accounts.map((stored) => {
        // Names and sites as a person typing them would get (bidi and control characters out, sites as
        // origins): a backup is outside input like any other file.
        const fields = validateAccountInput(stored);
        const account = { ...stored, issuer: fields.issuer, account: fields.account, sites: fields.sites };
        return {
          status: 'ok',
          label:
            account.issuer && account.account
              ? `${account.issuer} (${account.account})`
              : account.issuer || account.account,
          input: account,
          stored: account,
        };
      }),
    };
  }
  if (isAegisExport(json)) return parseAegis(json, options.passphrase);
  if ('services' in json || 'servicesEncrypted' in json) return parseTwoFas(json, options.passphrase);
  if (isBitwardenJson(json) || isBitwardenEncryptedJson(json)) return parseBitwardenJson(json);
  // Steam Guard: Steam Desktop Authenticator's maFile / the Steam app's Steamguard file, and SDA's manifest.json.
  if (isSteamGuardFile(json)) return parseSteamGuardFile(json);
  if (isSteamDesktopManifest(json)) throw steamDesktopManifestError(json);
  if (isProtonAuthenticatorJson(json)) return parseProtonAuthenticator(json, options.passphrase);
  if (isFreeOtpPlusJson(json)) return parseFreeOtpPlus(json);
  const recognised = recogniseJson(json);
  if (recognised) throw recognised;
  // Last: its backups are an object keyed by entry hash, recognised by the shape of every member.
  if (isAuthenticatorExtensionBackup(json)) return parseAuthenticatorExtension(json, options.passphrase);
  throw new VaultError('UNRECOGNIZED_IMPORT', 'Unrecognised JSON file: not an export of a supported app.');
}

function limitEntries(parsed: ParsedImport): ParsedImport {
  if (parsed.entries.length > MAX_ACCOUNTS) {
    throw new VaultError('INPUT_TOO_LARGE', `The file holds more than ${MAX_ACCOUNTS} entries.`);
  }
  return parsed;
}

/** What an import would do, shown before anything is written. */
export interface ImportPreview {
  format: ImportFormat;
  /** Ready-to-store accounts, in file order. */
  toAdd: Account[];
  /** Same secret as an account already in the vault (or earlier in the same file). */
  duplicates: Array<{ label: string; existing: Pick<Account, 'id' | 'issuer' | 'account'> }>;
  invalid: Array<{ label: string; code: ImportProblemCode; message: string }>;
  /**
   * Per new account (by id), the sites it is bound to over https although the file gave them as http://: the
   * preview says "bound over https". The account's `sites` already holds the https form.
   */
  upgradedSites?: Record<string, string[]>;
}

/**
 * Classifies each entry as new, duplicate or invalid against the current accounts. Our own backups keep
 * every field (id, order, dates) unless the id already exists, so a restore is byte for byte.
 */
export function previewImport(existing: readonly Account[], parsed: ParsedImport, now = Date.now()): ImportPreview {
  const preview: ImportPreview = { format: parsed.format, toAdd: [], duplicates: [], invalid: [], upgradedSites: {} };
  const bySecret = new Map(existing.map((account) => [account.secret, account]));
  const ids = new Set(existing.map((account) => account.id));
  for (const entry of parsed.entries as ImportEntry[]) {
    if (entry.status === 'invalid') {
      preview.invalid.push({ label: entry.label, code: entry.code, message: entry.message });
      continue;
    }
    const fingerprint = secretFingerprint(validateAccountInput(entry.input).secret);
    const duplicate = bySecret.get(fingerprint);
    if (duplicate) {
      preview.duplicates.push({
        label: entry.label,
        existing: { id: duplicate.id, issuer: duplicate.issuer, account: duplicate.account },
      });
      continue;
    }
    const account =
      entry.stored && !ids.has(entry.stored.id)
        ? entry.stored
        : createAccount(entry.input, [...existing, ...preview.toAdd], now);
    if (entry.stored && account !== entry.stored) {
      // Keep the backup's user-visible state even when the id had to change.
      Object.assign(account, {
        pinned: entry.stored.pinned,
        sites: entry.stored.sites,
        createdAt: entry.stored.createdAt,
      });
    }
    preview.toAdd.push(account);
    if (entry.upgradedSites?.length && preview.upgradedSites) {
      preview.upgradedSites[account.id] = entry.upgradedSites.filter((site) => account.sites.includes(site));
    }
    bySecret.set(account.secret, account);
    ids.add(account.id);
  }
  if (existing.length + preview.toAdd.length > MAX_ACCOUNTS) {
    throw new VaultError('INPUT_TOO_LARGE', `The vault would hold more than ${MAX_ACCOUNTS} accounts.`);
  }
  return preview;
}

/** The account list after accepting a preview (existing ones first, untouched). */
export function applyImport(existing: readonly Account[], preview: ImportPreview): Account[] {
  return [...existing, ...preview.toAdd];
}
