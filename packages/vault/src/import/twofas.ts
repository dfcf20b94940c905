import type { OtpAlgorithm } from '@mfa-companion/otp';
import { describeValue, VaultError } from '../errors.js';
import { MAX_ACCOUNTS } from '../vault.js';
import type { ImportEntry, ParsedImport } from './types.js';
import { assertListLength, fieldOr, isRecord, optionalString, previewLabel, toEntry, unsupported } from './util.js';

/** 2FAS Authenticator backup (`.2fas`, plain JSON, schemaVersion 1–4). Encrypted backups are refused clearly. */
export function parseTwoFas(json: Record<string, unknown>): ParsedImport {
  const services = json.services;
  if (typeof json.servicesEncrypted === 'string' && (!Array.isArray(services) || services.length === 0)) {
    throw new VaultError(
      'UNSUPPORTED_IMPORT',
      'This 2FAS backup is password-protected. Export it again from 2FAS without a password, then import that file.',
    );
  }
  if (!Array.isArray(services)) throw new VaultError('CORRUPT_VAULT', 'The 2FAS backup has no "services" list.');
  assertListLength(services, MAX_ACCOUNTS, 'services');
  const entries: ImportEntry[] = services.map((service, index): ImportEntry => {
    const where = `Entry ${index + 1}`;
    if (!isRecord(service)) return unsupported(where, 'Not an account record.');
    const otp = isRecord(service.otp) ? service.otp : {};
    const issuer = optionalString(otp.issuer) || optionalString(service.name);
    const account = optionalString(otp.account) ?? labelAccount(otp.label);
    const label = previewLabel(issuer, account, where);
    const rawType = fieldOr<unknown>(otp.tokenType, 'TOTP');
    const tokenType = typeof rawType === 'string' ? rawType.toUpperCase() : undefined;
    if (tokenType !== 'TOTP' && tokenType !== 'HOTP') {
      const shown = tokenType === undefined ? describeValue(rawType) : tokenType.slice(0, 40);
      return unsupported(label, `${shown} tokens are not supported (only TOTP and HOTP).`);
    }
    return toEntry(label, () => ({
      type: tokenType === 'HOTP' ? 'hotp' : 'totp',
      issuer: issuer ?? '',
      account,
      secret: fieldOr<string>(service.secret, ''),
      algorithm: fieldOr<OtpAlgorithm>(otp.algorithm, 'SHA1'),
      digits: fieldOr(otp.digits, 6),
      period: fieldOr(otp.period, 30),
      counter: tokenType === 'HOTP' ? fieldOr(otp.counter, 0) : 0,
    }));
  });
  return { format: '2fas', entries };
}

/** Older 2FAS backups may carry only `otp.label` ("Issuer:account"): the account is what follows the colon. */
function labelAccount(label: unknown): string {
  if (typeof label !== 'string') return '';
  const colon = label.indexOf(':');
  return (colon === -1 ? label : label.slice(colon + 1)).trim();
}
