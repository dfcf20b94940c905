import { type Account, createAccount, secretFingerprint, validateAccountInput } from '../account.js';
import { readEncryptedBackup } from '../backup.js';
import { VaultError } from '../errors.js';
import { MAX_ACCOUNTS } from '../vault.js';
import { isAegisExport, parseAegis } from './aegis.js';
import { parseOtpauthList } from './otpauth-list.js';
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

export type { ImportEntry, ImportFormat, ImportOptions, ImportProblemCode, ParsedImport } from './types.js';

/** Larger than any real export; refused before parsing so a hostile file cannot exhaust memory. */
export const MAX_IMPORT_CHARS = 16 * 1024 * 1024;

/**
 * Reads any supported file: our encrypted backup, Aegis (plain or encrypted), 2FAS (plain), or text with
 * otpauth:// / otpauth-migration:// lines. Per-entry problems become `invalid` entries; a file that cannot
 * be read at all throws a VaultError.
 */
export async function parseImport(text: string, options: ImportOptions = {}): Promise<ParsedImport> {
  if (typeof text !== 'string') throw new VaultError('UNRECOGNIZED_IMPORT', 'The file is not text.');
  if (text.length > MAX_IMPORT_CHARS) {
    throw new VaultError('INPUT_TOO_LARGE', `The file is larger than ${MAX_IMPORT_CHARS / 2 ** 20} MiB.`);
  }
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (cause) {
      throw new VaultError('CORRUPT_VAULT', 'The file looks like JSON but cannot be read (truncated or damaged).', {
        cause,
      });
    }
    if (!isRecord(json)) throw new VaultError('UNRECOGNIZED_IMPORT', 'Unrecognised file.');
    const parsed = await parseJsonImport(trimmed, json, options);
    return limitEntries(parsed);
  }
  if (/otpauth(-migration)?:/i.test(trimmed)) return limitEntries(parseOtpauthList(trimmed));
  throw new VaultError(
    'UNRECOGNIZED_IMPORT',
    'Unrecognised file: expected an MFA Companion backup, an Aegis or 2FAS export, or otpauth:// lines.',
  );
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
      entries: backup.accounts.map((account) => ({
        status: 'ok',
        label:
          account.issuer && account.account
            ? `${account.issuer} (${account.account})`
            : account.issuer || account.account,
        input: account,
        stored: account,
      })),
    };
  }
  if (isAegisExport(json)) return parseAegis(json, options.passphrase);
  if ('services' in json || 'servicesEncrypted' in json) return parseTwoFas(json);
  // Steam Guard: Steam Desktop Authenticator's maFile / the Steam app's Steamguard file, and SDA's manifest.json.
  if (isSteamGuardFile(json)) return parseSteamGuardFile(json);
  if (isSteamDesktopManifest(json)) throw steamDesktopManifestError(json);
  throw new VaultError('UNRECOGNIZED_IMPORT', 'Unrecognised JSON file: not an MFA Companion, Aegis or 2FAS export.');
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
}

/**
 * Classifies each entry as new, duplicate or invalid against the current accounts. Our own backups keep
 * every field (id, order, dates) unless the id already exists, so a restore is byte for byte.
 */
export function previewImport(existing: readonly Account[], parsed: ParsedImport, now = Date.now()): ImportPreview {
  const preview: ImportPreview = { format: parsed.format, toAdd: [], duplicates: [], invalid: [] };
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
