import type { OtpAlgorithm } from '@mfa-companion/otp';
import { VaultError } from '../errors.js';
import type { ImportEntry, ParsedImport } from './types.js';
import { isRecord, optionalString, previewLabel, toEntry, unsupported } from './util.js';

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
  const entries: ImportEntry[] = services.map((service, index): ImportEntry => {
    const where = `Entry ${index + 1}`;
    if (!isRecord(service)) return unsupported(where, 'Not an account record.');
    const otp = isRecord(service.otp) ? service.otp : {};
    const issuer = optionalString(otp.issuer) || optionalString(service.name);
    const account = optionalString(otp.account) ?? '';
    const label = previewLabel(issuer, account, where);
    const tokenType = String(otp.tokenType ?? 'TOTP').toUpperCase();
    if (tokenType !== 'TOTP' && tokenType !== 'HOTP') {
      return unsupported(label, `${tokenType} tokens are not supported (only TOTP and HOTP).`);
    }
    return toEntry(label, () => ({
      type: tokenType === 'HOTP' ? 'hotp' : 'totp',
      issuer: issuer ?? '',
      account,
      secret: String(service.secret ?? ''),
      algorithm: (optionalString(otp.algorithm) ?? 'SHA1').toUpperCase() as OtpAlgorithm,
      digits: typeof otp.digits === 'number' ? otp.digits : 6,
      period: typeof otp.period === 'number' ? otp.period : 30,
      counter: typeof otp.counter === 'number' ? otp.counter : 0,
    }));
  });
  return { format: '2fas', entries };
}
