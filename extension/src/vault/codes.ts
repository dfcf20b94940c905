import { base32Decode, hotp, totp, totpTimeStep } from '@mfa-companion/otp';
import type { Account } from '@mfa-companion/vault';

const secretCache = new Map<string, Uint8Array>();

/** Decoded secret bytes, decoded once per account (the popup asks every second for visible rows). */
export function secretBytes(account: Pick<Account, 'id' | 'secret'>): Uint8Array {
  const cacheKey = `${account.id}:${account.secret}`;
  let bytes = secretCache.get(cacheKey);
  if (!bytes) {
    bytes = base32Decode(account.secret);
    secretCache.set(cacheKey, bytes);
  }
  return bytes;
}

export function forgetSecrets(): void {
  secretCache.clear();
}

export interface TotpView {
  code: string;
  next: string;
  /** Milliseconds until `code` expires. */
  remainingMs: number;
  /** 0 → 1 over the period. */
  progress: number;
}

export function totpView(account: Account, now: number): TotpView {
  const options = {
    secret: secretBytes(account),
    algorithm: account.algorithm,
    digits: account.digits,
    period: account.period,
  };
  const step = totpTimeStep({ time: now, period: account.period });
  return {
    code: totp({ ...options, time: now }),
    next: totp({ ...options, time: step.endMs }),
    remainingMs: step.remainingMs,
    progress: step.progress,
  };
}

/** The code for the account's stored counter (the caller saves counter + 1 before showing it). */
export function hotpCode(account: Account): string {
  return hotp({
    secret: secretBytes(account),
    counter: account.counter,
    algorithm: account.algorithm,
    digits: account.digits,
  });
}

/** "123 456", "1234 5678", "12 345 678 9"… groups of three (four for 8 digits) for reading aloud. */
export function groupCode(code: string): string {
  if (code.length === 8) return `${code.slice(0, 4)} ${code.slice(4)}`;
  if (code.length <= 4) return code;
  return code.replace(/(\d{3})(?=\d)/g, '$1 ');
}

/** Seconds of the period in which the next code is previewed. */
export const NEXT_CODE_PREVIEW_MS = 7_000;
