import type { OtpAlgorithm } from '@mfa-companion/otp';
import { describeValue } from '../errors.js';
import { MAX_ACCOUNTS } from '../vault.js';
import type { ImportEntry, ParsedImport } from './types.js';
import {
  assertListLength,
  fieldOr,
  invalidEntry,
  isRecord,
  optionalString,
  previewLabel,
  steamInput,
  toEntry,
  unsupported,
} from './util.js';

/*
 * FreeOTP+ JSON export (github.com/helloworld1/FreeOTPPlus; data/legacy/Token.java, SavedTokens.kt,
 * ImportExportUtil.kt): Gson of {tokens: [Token], tokenOrder: ["issuer:label", …]}. A Token has `algo`,
 * `counter`, `digits`, `issuerExt` (issuer from the label), `issuerInt` (the issuer= parameter), optional
 * `issuerAlt`/`labelAlt` (the user's renames), `label`, `period`, `type` (TOTP, HOTP) and `secret` as a
 * Java byte array (signed numbers −128…127). Gson leaves out null fields. FreeOTP shows a token whose label
 * issuer is "Steam" as a Steam Guard code.
 */

export function isFreeOtpPlusJson(json: Record<string, unknown>): boolean {
  if (!Array.isArray(json.tokens)) return false;
  const first = json.tokens[0];
  return Array.isArray(json.tokenOrder) || (isRecord(first) && Array.isArray(first.secret));
}

export function parseFreeOtpPlus(json: Record<string, unknown>): ParsedImport {
  const tokens = json.tokens as unknown[];
  assertListLength(tokens, MAX_ACCOUNTS, 'tokens');
  const order = Array.isArray(json.tokenOrder) ? json.tokenOrder.slice(0, MAX_ACCOUNTS) : [];
  // FreeOTP+ restores in tokenOrder order; tokens the order does not name are kept, after the others.
  const position = (token: unknown, index: number) => {
    const found = isRecord(token) ? order.indexOf(tokenId(token)) : -1;
    return found === -1 ? MAX_ACCOUNTS + index : found;
  };
  const sorted = tokens
    .map((token, index) => ({ token, index, at: position(token, index) }))
    .sort((a, b) => a.at - b.at || a.index - b.index);
  return { format: 'freeotp-plus', entries: sorted.map(({ token, index }) => toFreeOtpEntry(token, index)) };
}

/** Token.getID(): what tokenOrder lists. */
function tokenId(token: Record<string, unknown>): string {
  const label = optionalString(token.label) ?? '';
  const issuerInt = optionalString(token.issuerInt);
  const issuerExt = optionalString(token.issuerExt);
  if (issuerInt) return `${issuerInt}:${label}`;
  if (issuerExt) return `${issuerExt}:${label}`;
  return label;
}

function javaBytes(value: unknown): Uint8Array | undefined {
  if (!Array.isArray(value) || value.length > 1024) return undefined;
  const bytes = new Uint8Array(value.length);
  for (let index = 0; index < value.length; index++) {
    const byte = value[index];
    if (typeof byte !== 'number' || !Number.isInteger(byte) || byte < -128 || byte > 255) return undefined;
    bytes[index] = byte & 0xff;
  }
  return bytes;
}

function toFreeOtpEntry(token: unknown, index: number): ImportEntry {
  const where = `Token ${index + 1}`;
  if (!isRecord(token)) return unsupported(where, 'Not a token record.');
  const issuerExt = optionalString(token.issuerExt) ?? '';
  const issuer = optionalString(token.issuerAlt) || issuerExt || optionalString(token.issuerInt) || '';
  const account = optionalString(token.labelAlt) ?? optionalString(token.label) ?? '';
  const label = previewLabel(issuer, account, where);
  const secret = javaBytes(token.secret);
  if (!secret)
    return invalidEntry(label, 'INVALID_SECRET', `The secret is not a byte array (${describeValue(token.secret)}).`);
  const type = typeof token.type === 'string' ? token.type.toUpperCase() : 'TOTP';
  if (type !== 'TOTP' && type !== 'HOTP') return unsupported(label, `${type.slice(0, 40)} tokens are not supported.`);
  if (type === 'TOTP' && issuerExt === 'Steam') return toEntry(label, () => steamInput({ issuer, account, secret }));
  return toEntry(label, () => ({
    type: type === 'HOTP' ? 'hotp' : 'totp',
    issuer,
    account,
    secret,
    algorithm: fieldOr<OtpAlgorithm>(token.algo, 'SHA1'),
    digits: fieldOr(token.digits, 6),
    period: fieldOr(token.period, 30),
    counter: type === 'HOTP' ? fieldOr(token.counter, 0) : 0,
  }));
}
