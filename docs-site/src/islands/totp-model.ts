import {
  base32Decode,
  hotp,
  type OtpAccount,
  type OtpAlgorithm,
  OtpError,
  type OtpType,
  parseMigrationUri,
  parseOtpauthUri,
  totp,
  totpCounter,
} from '@mfa-companion/otp';

/** What the debugger computes codes from, whichever way it was pasted. */
export interface DebugAccount {
  /** 'steam' is time-based like 'totp', written in Steam's 5-character alphabet. */
  type: OtpType;
  secret: Uint8Array;
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
  counter: number | bigint;
  issuer?: string;
  account?: string;
}

export interface ManualSettings {
  algorithm: OtpAlgorithm;
  digits: number;
  period: number;
}

export interface ReadInput {
  account: DebugAccount;
  /** Where the parameters came from: a link fixes them, a bare secret takes the manual settings. */
  origin: 'otpauth' | 'migration' | 'secret';
  /** A migration link may carry several accounts; the debugger shows the first. */
  accountsInLink: number;
}

/** The widest ± range the debugger lists: beyond it, drift is not the explanation any more. */
export const MAX_STEPS = 10;

function fromAccount(account: OtpAccount): DebugAccount {
  return {
    type: account.type,
    secret: account.secret,
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
    counter: account.counter ?? 0,
    ...(account.issuer === undefined ? {} : { issuer: account.issuer }),
    account: account.account,
  };
}

/**
 * Reads what a person pasted: an otpauth:// link, a Google Authenticator export link, or a bare base32 secret.
 * @throws {OtpError} with the library's typed code when the text is none of these.
 */
export function readSecretInput(text: string, manual: ManualSettings): ReadInput {
  const trimmed = text.trim();
  if (trimmed === '') throw new OtpError('MISSING_SECRET', 'Nothing was pasted.');
  if (/^otpauth-migration:/i.test(trimmed)) {
    const accounts = parseMigrationUri(trimmed);
    const first = accounts[0];
    if (first === undefined) throw new OtpError('INVALID_MIGRATION_PAYLOAD', 'The export link holds no account.');
    return { account: fromAccount(first), origin: 'migration', accountsInLink: accounts.length };
  }
  if (/^otpauth:/i.test(trimmed)) {
    return { account: fromAccount(parseOtpauthUri(trimmed)), origin: 'otpauth', accountsInLink: 1 };
  }
  return {
    account: { type: 'totp', secret: base32Decode(trimmed), counter: 0, ...manual },
    origin: 'secret',
    accountsInLink: 1,
  };
}

export interface CodeRow {
  /** 0 is the step (or counter) in effect; negative rows are earlier steps. */
  delta: number;
  counter: number | bigint;
  code: string;
  /** When this TOTP step starts, ms since epoch; undefined for HOTP. */
  startMs?: number;
}

/** Codes for `steps` steps on each side of `timeMs` (TOTP), or the counter and the next `steps` ones (HOTP). */
export function codeRows(account: DebugAccount, timeMs: number, steps: number): CodeRow[] {
  const span = Math.min(Math.max(Math.trunc(steps), 0), MAX_STEPS);
  const { secret, algorithm, digits, period } = account;
  const rows: CodeRow[] = [];
  if (account.type === 'hotp') {
    const base = BigInt(account.counter);
    for (let delta = 0; delta <= span; delta += 1) {
      const counter = base + BigInt(delta);
      rows.push({ delta, counter, code: hotp({ secret, counter, algorithm, digits }) });
    }
    return rows;
  }
  const current = totpCounter({ time: timeMs, period });
  // `0 - span`, not `-span`: a span of 0 must give step +0, never -0.
  for (let delta = 0 - span; delta <= span; delta += 1) {
    const counter = current + delta;
    if (counter < 0) continue;
    const startMs = counter * period * 1000;
    rows.push({
      delta,
      counter,
      startMs,
      code: totp({ type: account.type, secret, time: startMs, period, algorithm, digits }),
    });
  }
  return rows;
}

/**
 * Reads a pinned moment: Unix seconds (as logs and `date +%s` print them) or an ISO 8601 date.
 * Empty means "live". @throws {OtpError} INVALID_TIME for anything else.
 */
export function parsePinnedTime(text: string | null | undefined): number | undefined {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) {
    const ms = Number(trimmed) * 1000;
    if (Number.isFinite(ms)) return ms;
  } else {
    const ms = Date.parse(trimmed);
    if (Number.isFinite(ms) && ms >= 0) return ms;
  }
  throw new OtpError('INVALID_TIME', `"${trimmed.slice(0, 40)}" is neither Unix seconds nor an ISO 8601 date.`);
}

/** "123 456" — the grouping the extension's popup uses, easier to read and compare aloud. */
export function groupCode(code: string): string {
  // Steam Guard codes ("FR8RV") are shown in one piece, as the Steam app does.
  if (code.length === 5) return code;
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}
