import { base64Decode, base64Encode } from './base64.js';
import { OtpError } from './errors.js';
import { ProtobufError, ProtobufReader, ProtobufWriter, WireType } from './protobuf.js';
import type { OtpAccount, OtpAlgorithm } from './types.js';
import { DEFAULT_PERIOD } from './types.js';
import { joinLabel, parseQuery, splitLabel, stripScheme } from './uri.js';
import {
  assertCounter,
  assertSecret,
  describe,
  hasLoneSurrogate,
  narrowCounter,
  normalizeAlgorithm,
} from './validate.js';

/** One decoded `otpauth-migration://` QR code. Large exports are split over several batches. */
export interface MigrationBatch {
  accounts: OtpAccount[];
  version: number;
  /** How many QR codes the export has (0 when the exporter did not say). */
  batchSize: number;
  /** 0-based position of this QR code in the export. */
  batchIndex: number;
  /** Same value on every QR code of one export, to group them. */
  batchId: number;
}

export interface MigrationBatchOptions {
  version?: number;
  batchSize?: number;
  batchIndex?: number;
  batchId?: number;
}

const MIGRATION_SCHEME = 'otpauth-migration://';

/* Field numbers and enum values of Google Authenticator's MigrationPayload message. */
const PAYLOAD_OTP_PARAMETERS = 1;
const PAYLOAD_VERSION = 2;
const PAYLOAD_BATCH_SIZE = 3;
const PAYLOAD_BATCH_INDEX = 4;
const PAYLOAD_BATCH_ID = 5;
const PARAM_SECRET = 1;
const PARAM_NAME = 2;
const PARAM_ISSUER = 3;
const PARAM_ALGORITHM = 4;
const PARAM_DIGITS = 5;
const PARAM_TYPE = 6;
const PARAM_COUNTER = 7;

const ALGORITHM_BY_ENUM: Record<number, OtpAlgorithm> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const ENUM_BY_ALGORITHM: Record<OtpAlgorithm, number> = { SHA1: 1, SHA256: 2, SHA512: 3 };
const ALGORITHM_MD5 = 4;
const DIGITS_BY_ENUM: Record<number, number> = { 0: 6, 1: 6, 2: 8 };
const ENUM_BY_DIGITS: Record<number, number> = { 6: 1, 8: 2 };
/**
 * What a Google Authenticator migration QR code (`otpauth-migration://`) can carry: its format has no period field
 * (every TOTP account is read as 30-second), a digits enum of 6 or 8, three algorithms, and only the HOTP and TOTP
 * types. `formatMigrationUri` refuses anything else; the docs quote these limits from here.
 */
export const MIGRATION_LIMITS = Object.freeze({
  periods: Object.freeze([DEFAULT_PERIOD]),
  digits: Object.freeze(Object.keys(ENUM_BY_DIGITS).map(Number)),
  algorithms: Object.freeze(Object.keys(ENUM_BY_ALGORITHM) as OtpAlgorithm[]),
  types: Object.freeze(['totp', 'hotp'] as const),
});

const TYPE_HOTP = 1;
const TYPE_TOTP = 2;
const MAX_INT64 = (1n << 63n) - 1n;

function malformed(detail: string, cause?: unknown): OtpError {
  return new OtpError('INVALID_MIGRATION_PAYLOAD', `The migration payload is malformed: ${detail}.`, { cause });
}

function expectWireType(actual: WireType, expected: WireType, field: string): void {
  if (actual !== expected) throw malformed(`field "${field}" has wire type ${actual}, expected ${expected}`);
}

interface RawOtpParameters {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  counter: bigint;
}

function readOtpParameters(bytes: Uint8Array): RawOtpParameters {
  const reader = new ProtobufReader(bytes);
  const raw: RawOtpParameters = {
    secret: new Uint8Array(0),
    name: '',
    issuer: '',
    algorithm: 0,
    digits: 0,
    type: 0,
    counter: 0n,
  };
  while (!reader.done) {
    const { field, wireType } = reader.tag();
    switch (field) {
      case PARAM_SECRET:
        expectWireType(wireType, WireType.LengthDelimited, 'secret');
        raw.secret = reader.bytesField().slice();
        break;
      case PARAM_NAME:
        expectWireType(wireType, WireType.LengthDelimited, 'name');
        raw.name = reader.string();
        break;
      case PARAM_ISSUER:
        expectWireType(wireType, WireType.LengthDelimited, 'issuer');
        raw.issuer = reader.string();
        break;
      case PARAM_ALGORITHM:
        expectWireType(wireType, WireType.Varint, 'algorithm');
        raw.algorithm = reader.int32();
        break;
      case PARAM_DIGITS:
        expectWireType(wireType, WireType.Varint, 'digits');
        raw.digits = reader.int32();
        break;
      case PARAM_TYPE:
        expectWireType(wireType, WireType.Varint, 'type');
        raw.type = reader.int32();
        break;
      case PARAM_COUNTER:
        expectWireType(wireType, WireType.Varint, 'counter');
        raw.counter = reader.int64();
        break;
      default:
        reader.skip(wireType);
    }
  }
  return raw;
}

function toAccount(raw: RawOtpParameters, position: number): OtpAccount {
  const where = `account #${position + 1}`;
  if (raw.secret.length === 0) throw new OtpError('MISSING_SECRET', `The migration payload's ${where} has no secret.`);
  const algorithm = ALGORITHM_BY_ENUM[raw.algorithm];
  if (algorithm === undefined) {
    const name = raw.algorithm === ALGORITHM_MD5 ? 'MD5' : `algorithm #${raw.algorithm}`;
    throw new OtpError(
      'UNSUPPORTED_ALGORITHM',
      `The migration payload's ${where} uses ${name}, which is not supported.`,
    );
  }
  const digits = DIGITS_BY_ENUM[raw.digits];
  if (digits === undefined) {
    throw new OtpError('INVALID_DIGITS', `The migration payload's ${where} has an unknown digit count #${raw.digits}.`);
  }
  if (raw.type !== 0 && raw.type !== TYPE_HOTP && raw.type !== TYPE_TOTP) {
    throw new OtpError('UNSUPPORTED_TYPE', `The migration payload's ${where} has an unknown OTP type #${raw.type}.`);
  }
  const { issuer, account } = splitLabel(raw.name, raw.issuer || undefined);
  const result: OtpAccount = {
    type: raw.type === TYPE_HOTP ? 'hotp' : 'totp',
    ...(issuer === undefined ? {} : { issuer }),
    account,
    secret: raw.secret,
    algorithm,
    digits,
    // The export format has no period field: Google Authenticator only exports 30-second entries.
    period: DEFAULT_PERIOD,
  };
  if (result.type === 'hotp') {
    if (raw.counter < 0n) {
      throw new OtpError('INVALID_COUNTER', `The migration payload's ${where} has a negative counter.`);
    }
    result.counter = narrowCounter(raw.counter);
  }
  return result;
}

/** Decodes the protobuf bytes of a MigrationPayload (already base64-decoded). */
export function decodeMigrationPayload(bytes: Uint8Array): MigrationBatch {
  const { batch, rawAccounts } = decodeRawPayload(bytes);
  batch.accounts = rawAccounts.map(toAccount);
  return batch;
}

/** One account of a migration payload: read, or refused with the reason (the others still import). */
export type MigrationEntry =
  | { ok: true; account: OtpAccount }
  | { ok: false; position: number; issuer: string; name: string; error: OtpError };

/**
 * Like `parseMigrationUri`, but an account the library cannot use (MD5, unknown digits, no secret) does not
 * sink the whole code: it comes back as `ok: false` with its names and the reason. A payload that cannot be
 * decoded at all still throws.
 */
export function parseMigrationUriEntries(uri: string): MigrationEntry[] {
  const { rawAccounts } = decodeRawPayload(migrationUriBytes(uri));
  return rawAccounts.map((raw, position): MigrationEntry => {
    try {
      return { ok: true, account: toAccount(raw, position) };
    } catch (error) {
      if (!(error instanceof OtpError)) throw error;
      return { ok: false, position, issuer: raw.issuer, name: raw.name, error };
    }
  });
}

function decodeRawPayload(bytes: Uint8Array): { batch: MigrationBatch; rawAccounts: RawOtpParameters[] } {
  if (!(bytes instanceof Uint8Array)) {
    throw new OtpError('INVALID_MIGRATION_PAYLOAD', `Expected the payload as a Uint8Array, got ${describe(bytes)}.`);
  }
  const rawAccounts: RawOtpParameters[] = [];
  const batch: MigrationBatch = { accounts: [], version: 0, batchSize: 0, batchIndex: 0, batchId: 0 };
  try {
    const reader = new ProtobufReader(bytes);
    while (!reader.done) {
      const { field, wireType } = reader.tag();
      switch (field) {
        case PAYLOAD_OTP_PARAMETERS:
          expectWireType(wireType, WireType.LengthDelimited, 'otp_parameters');
          rawAccounts.push(readOtpParameters(reader.bytesField()));
          break;
        case PAYLOAD_VERSION:
          expectWireType(wireType, WireType.Varint, 'version');
          batch.version = reader.int32();
          break;
        case PAYLOAD_BATCH_SIZE:
          expectWireType(wireType, WireType.Varint, 'batch_size');
          batch.batchSize = reader.int32();
          break;
        case PAYLOAD_BATCH_INDEX:
          expectWireType(wireType, WireType.Varint, 'batch_index');
          batch.batchIndex = reader.int32();
          break;
        case PAYLOAD_BATCH_ID:
          expectWireType(wireType, WireType.Varint, 'batch_id');
          batch.batchId = reader.int32();
          break;
        default:
          reader.skip(wireType);
      }
    }
  } catch (error) {
    if (error instanceof ProtobufError) throw malformed(error.message, error);
    throw error;
  }
  return { batch, rawAccounts };
}

/** Parses one `otpauth-migration://offline?data=…` URI with its batch information. */
export function parseMigrationPayload(uri: string): MigrationBatch {
  return decodeMigrationPayload(migrationUriBytes(uri));
}

/** The protobuf bytes of the `data` parameter of an otpauth-migration:// URI. */
function migrationUriBytes(uri: string): Uint8Array {
  const rest = stripScheme(uri, MIGRATION_SCHEME, 'an otpauth-migration:// URI');
  const hash = rest.indexOf('#');
  const withoutFragment = hash === -1 ? rest : rest.slice(0, hash);
  const question = withoutFragment.indexOf('?');
  const host = (question === -1 ? withoutFragment : withoutFragment.slice(0, question)).replace(/\/+$/, '');
  if (host.toLowerCase() !== 'offline') {
    throw new OtpError('INVALID_URI', `Unexpected migration URI host ${describe(host)}: expected "offline".`);
  }
  const params = parseQuery(question === -1 ? '' : withoutFragment.slice(question + 1));
  // '+' is a base64 digit: undo the form-decoding that turned unescaped ones into spaces.
  const data = (params.get('data') ?? '').replaceAll(' ', '+');
  if (data === '') throw new OtpError('INVALID_MIGRATION_PAYLOAD', 'The migration URI has no data parameter.');
  const bytes = base64Decode(data);
  if (bytes === null) throw malformed('the data parameter is not valid base64');
  return bytes;
}

/** Google Authenticator export (`otpauth-migration://offline?data=…`) → the accounts it carries. */
export function parseMigrationUri(uri: string): OtpAccount[] {
  return parseMigrationPayload(uri).accounts;
}

function writeOtpParameters(account: OtpAccount): ProtobufWriter {
  if (account === null || typeof account !== 'object') {
    throw new OtpError('INVALID_ACCOUNT', 'Expected an account object.');
  }
  if (typeof account.account !== 'string' || (account.issuer !== undefined && typeof account.issuer !== 'string')) {
    throw new OtpError('INVALID_ACCOUNT', 'The account name and issuer must be strings.');
  }
  if (hasLoneSurrogate(account.account) || hasLoneSurrogate(account.issuer ?? '')) {
    throw new OtpError('INVALID_ACCOUNT', 'The account name or issuer contains a lone surrogate.');
  }
  if (account.type === 'steam') {
    // The MigrationPayload OtpType enum only has HOTP and TOTP: a Steam account written as TOTP would show
    // 6 digits no Steam login accepts.
    throw new OtpError(
      'UNSUPPORTED_TYPE',
      'Steam Guard accounts cannot be carried by a Google Authenticator migration QR code (it has no Steam type).',
    );
  }
  if (account.type !== 'totp' && account.type !== 'hotp') {
    throw new OtpError('UNSUPPORTED_TYPE', `Unsupported OTP type ${describe(account.type)}: expected totp or hotp.`);
  }
  const secret = assertSecret(account.secret);
  const algorithm = normalizeAlgorithm(account.algorithm ?? 'SHA1');
  const digitsEnum = ENUM_BY_DIGITS[account.digits ?? 6];
  if (digitsEnum === undefined) {
    throw new OtpError(
      'INVALID_DIGITS',
      `Migration payloads can only carry 6 or 8 digits, not ${describe(account.digits)}.`,
    );
  }
  if (!(MIGRATION_LIMITS.periods as readonly number[]).includes(account.period ?? DEFAULT_PERIOD)) {
    throw new OtpError(
      'INVALID_PERIOD',
      `Migration payloads can only carry 30-second accounts, not ${describe(account.period)}.`,
    );
  }
  const issuer = account.issuer || undefined;
  const writer = new ProtobufWriter()
    .bytesField(PARAM_SECRET, secret)
    .stringField(PARAM_NAME, joinLabel(issuer, account.account));
  if (issuer !== undefined) writer.stringField(PARAM_ISSUER, issuer);
  writer
    .uintField(PARAM_ALGORITHM, ENUM_BY_ALGORITHM[algorithm])
    .uintField(PARAM_DIGITS, digitsEnum)
    .uintField(PARAM_TYPE, account.type === 'hotp' ? TYPE_HOTP : TYPE_TOTP);
  if (account.type === 'hotp') {
    if (account.counter === undefined) throw new OtpError('INVALID_COUNTER', 'An hotp account needs a counter.');
    const counter = BigInt(assertCounter(account.counter));
    if (counter > MAX_INT64) {
      throw new OtpError('INVALID_COUNTER', 'Migration payloads store counters as int64: 2^63 − 1 at most.');
    }
    writer.uintField(PARAM_COUNTER, counter);
  }
  return writer;
}

/** `undefined`/`null` mean "no options"; anything else that is not an object is refused. */
function optionsObject<T extends object>(options: T | null | undefined): Partial<T> {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object') {
    throw new OtpError('INVALID_MIGRATION_PAYLOAD', `Expected batch options as an object, got ${describe(options)}.`);
  }
  return options;
}

/** Encodes a MigrationPayload message (the bytes behind `data=`). */
export function encodeMigrationPayload(
  accounts: readonly OtpAccount[],
  options: MigrationBatchOptions = {},
): Uint8Array {
  if (!Array.isArray(accounts)) throw new OtpError('INVALID_ACCOUNT', 'Expected an array of accounts.');
  const writer = new ProtobufWriter();
  for (const account of accounts) writer.messageField(PAYLOAD_OTP_PARAMETERS, writeOtpParameters(account));
  const { version = 1, batchSize = 1, batchIndex = 0, batchId = 0 } = optionsObject(options);
  for (const [name, value] of Object.entries({ version, batchSize, batchIndex, batchId })) {
    if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) {
      throw new OtpError('INVALID_MIGRATION_PAYLOAD', `Invalid ${name} ${describe(value)}: expected an int32.`);
    }
  }
  return writer
    .uintField(PAYLOAD_VERSION, version)
    .uintField(PAYLOAD_BATCH_SIZE, batchSize)
    .uintField(PAYLOAD_BATCH_INDEX, batchIndex)
    .uintField(PAYLOAD_BATCH_ID, batchId)
    .finish();
}

/** Builds one `otpauth-migration://offline?data=…` URI (standard base64, percent-encoded). */
export function formatMigrationUri(accounts: readonly OtpAccount[], options: MigrationBatchOptions = {}): string {
  return `${MIGRATION_SCHEME}offline?data=${encodeURIComponent(base64Encode(encodeMigrationPayload(accounts, options)))}`;
}

/** How `formatMigrationUris` and `migrationBatches` split an export. */
export interface MigrationSplitOptions {
  /** At most this many accounts per QR code; default 10. */
  accountsPerBatch?: number;
  /**
   * At most this many characters per URI (a denser QR code is harder to scan from a screen). An account too
   * large on its own still gets a URI of its own. Default: no limit.
   */
  maxUriLength?: number;
  batchId?: number;
  version?: number;
}

/** Batch fields as large as any real export gets (2-byte varints), so a measured length is never exceeded. */
const MEASURE_BATCH_FIELDS = { batchSize: 16_383, batchIndex: 16_383 };

/**
 * The accounts of each QR code of an export, in order: consecutive runs of at most `accountsPerBatch`
 * accounts whose URI stays within `maxUriLength`. Throws what the encoder throws for an account it cannot carry.
 */
export function migrationBatches(accounts: readonly OtpAccount[], options: MigrationSplitOptions = {}): OtpAccount[][] {
  if (!Array.isArray(accounts)) throw new OtpError('INVALID_ACCOUNT', 'Expected an array of accounts.');
  const {
    accountsPerBatch = 10,
    maxUriLength = Number.POSITIVE_INFINITY,
    batchId = 0,
    version = 1,
  } = optionsObject(options);
  if (!Number.isInteger(accountsPerBatch) || accountsPerBatch < 1) {
    throw new OtpError('INVALID_MIGRATION_PAYLOAD', `Invalid accountsPerBatch ${describe(accountsPerBatch)}.`);
  }
  if (typeof maxUriLength !== 'number' || Number.isNaN(maxUriLength) || maxUriLength < 1) {
    throw new OtpError('INVALID_MIGRATION_PAYLOAD', `Invalid maxUriLength ${describe(maxUriLength)}.`);
  }
  const fits = (batch: readonly OtpAccount[]) =>
    maxUriLength === Number.POSITIVE_INFINITY ||
    formatMigrationUri(batch, { version, batchId, ...MEASURE_BATCH_FIELDS }).length <= maxUriLength;
  const batches: OtpAccount[][] = [];
  let current: OtpAccount[] = [];
  for (const account of accounts) {
    // Encoding it alone first gives the encoder's own error for an account no payload can carry.
    encodeMigrationPayload([account]);
    const candidate = [...current, account];
    if (current.length > 0 && (candidate.length > accountsPerBatch || !fits(candidate))) {
      batches.push(current);
      current = [account];
    } else {
      current = candidate;
    }
  }
  if (current.length > 0 || batches.length === 0) batches.push(current);
  return batches;
}

/**
 * Splits accounts over several migration URIs, as Google Authenticator does for large exports (one
 * QR code each, sharing a batch id; `batchIndex` counts from 0 and `batchSize` is the number of codes).
 */
export function formatMigrationUris(accounts: readonly OtpAccount[], options: MigrationSplitOptions = {}): string[] {
  const { batchId = 0, version = 1 } = optionsObject(options);
  const batches = migrationBatches(accounts, options);
  return batches.map((batch, batchIndex) =>
    formatMigrationUri(batch, { version, batchSize: batches.length, batchIndex, batchId }),
  );
}
