import { isOtpError, parseMigrationUriEntries } from '@mfa-companion/otp';
import { accountLabel, otpAccountToInput } from '../account.js';
import { VaultError } from '../errors.js';
import { MAX_ACCOUNTS } from '../vault.js';
import type { ImportEntry, ParsedImport } from './types.js';
import { parseImportedOtpauthUri, previewLabel, toEntry } from './util.js';

/**
 * Ente Auth writes each line of its plain export as a JSON string (`"otpauth://…&codeDisplay=%7B…%7D"`,
 * code_store.dart getCodesForExport → Code.toOTPAuthUrlFormat, which jsonEncodes the URI): such a line is
 * read as the string it encodes.
 */
function unquote(line: string): string {
  if (line.length < 2 || !line.startsWith('"') || !line.endsWith('"')) return line;
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'string' ? value.trim() : line;
  } catch {
    return line;
  }
}

/** The lines of `text` (LF or CRLF) with their index, cut one at a time: a file of millions of lines is never split whole. */
function* lines(text: string): Generator<[number, string]> {
  let start = 0;
  for (let index = 0; start <= text.length; index++) {
    const end = text.indexOf('\n', start);
    const stop = end === -1 ? text.length : end;
    yield [index, text.slice(start, text.charCodeAt(stop - 1) === 0x0d ? stop - 1 : stop)];
    if (end === -1) return;
    start = end + 1;
  }
}

/** Lines of otpauth:// and otpauth-migration:// URIs; blank lines and `#` comments are skipped. */
export function parseOtpauthList(text: string): ParsedImport {
  const entries: ImportEntry[] = [];
  for (const [index, raw] of lines(text)) {
    // Stop as soon as the file is too big to import, before validating (and HMAC-ing) the rest.
    if (entries.length > MAX_ACCOUNTS) {
      throw new VaultError('INPUT_TOO_LARGE', `The file holds more than ${MAX_ACCOUNTS} entries.`);
    }
    const line = unquote(raw.trim());
    if (line === '' || line.startsWith('#')) continue;
    const where = `Line ${index + 1}`;
    const scheme = line.slice(0, 24).toLowerCase();
    if (scheme.startsWith('otpauth-migration:')) {
      try {
        // One account the library cannot use (MD5, odd digits) is listed with its reason; the others import.
        for (const item of parseMigrationUriEntries(line)) {
          if (item.ok) {
            const otp = item.account;
            entries.push(
              toEntry(accountLabel({ issuer: otp.issuer ?? '', account: otp.account }) || where, () =>
                otpAccountToInput(otp),
              ),
            );
          } else {
            const label = previewLabel(item.issuer, item.name, `${where}, account ${item.position + 1}`);
            entries.push({ status: 'invalid', label, code: item.error.code, message: item.error.message });
          }
        }
      } catch (error) {
        if (!isOtpError(error)) throw error;
        entries.push({ status: 'invalid', label: where, code: error.code, message: error.message });
      }
    } else if (scheme.startsWith('otpauth:')) {
      try {
        const otp = parseImportedOtpauthUri(line);
        entries.push(
          toEntry(accountLabel({ issuer: otp.issuer ?? '', account: otp.account }) || where, () =>
            otpAccountToInput(otp),
          ),
        );
      } catch (error) {
        if (!isOtpError(error)) throw error;
        entries.push({ status: 'invalid', label: where, code: error.code, message: error.message });
      }
    } else {
      entries.push({
        status: 'invalid',
        label: where,
        code: 'NOT_AN_OTP_URI',
        message: 'This line is not an otpauth:// or otpauth-migration:// URI.',
      });
    }
  }
  return { format: 'otpauth-list', entries };
}
