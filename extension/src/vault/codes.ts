import {
  base32Decode,
  hotp,
  hotpFromHmac,
  hotpMessage,
  steamCodeFromHmac,
  totp,
  totpTimeStep,
} from '@mfa-companion/otp';
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

/**
 * TOTP codes already computed, per account and time step. A code only changes at its step boundary, so the
 * popup's once-a-second tick (the countdown) costs no HMAC at all for the rows it re-renders.
 */
const codeCache = new Map<string, string>();
/** Enough for every visible row's current and next code many times over; cleared rather than evicted. */
const MAX_CACHED_CODES = 512;

export function forgetSecrets(): void {
  secretCache.clear();
  codeCache.clear();
}

/** Time-based accounts: TOTP, and Steam Guard (a TOTP written in Steam's alphabet). `type` picks the encoding. */
type TotpAccount = Pick<Account, 'id' | 'type' | 'secret' | 'algorithm' | 'digits' | 'period'>;

/** Accounts whose code follows the clock (everything but HOTP): shown with a countdown, filled as they are. */
export function isTimeBased(account: Pick<Account, 'type'>): boolean {
  return account.type !== 'hotp';
}

function codeCacheKey(account: TotpAccount, counter: number): string {
  return `${account.id}\n${account.type}\n${account.secret}\n${account.algorithm}\n${account.digits}\n${account.period}\n${counter}`;
}

function remember(cacheKey: string, code: string): void {
  if (codeCache.size >= MAX_CACHED_CODES) codeCache.clear();
  codeCache.set(cacheKey, code);
}

/** The TOTP code of time step `counter` (RFC 6238 T), computed once per account and step. */
function totpForStep(account: TotpAccount, counter: number): string {
  const cacheKey = codeCacheKey(account, counter);
  let code = codeCache.get(cacheKey);
  if (code === undefined) {
    code = totp({
      type: account.type,
      secret: secretBytes(account),
      algorithm: account.algorithm,
      digits: account.digits,
      period: account.period,
      time: counter * account.period * 1000,
    });
    remember(cacheKey, code);
  }
  return code;
}

const WEB_CRYPTO_HASH = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA512: 'SHA-512' } as const;

/**
 * Works out, with the browser's own HMAC (WebCrypto: native code), the codes these accounts
 * show at `now` (and the next ones when they are already previewed), and keeps them where totpView() looks
 * first. The popup calls it for the rows of its first screen before rendering them: the first paint then runs no
 * JavaScript hashing, which on a cold page is slow and sets the JIT compiling on the cores the first frame needs.
 * Anything it cannot do (no WebCrypto, an error) is left to the synchronous path, which gives the same codes.
 */
export async function prepareTotpCodes(accounts: readonly Account[], now: number): Promise<void> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return;
  await Promise.all(
    accounts.map(async (account) => {
      if (!isTimeBased(account)) return;
      const step = totpTimeStep({ time: now, period: account.period });
      const counters = step.remainingMs <= NEXT_CODE_PREVIEW_MS ? [step.counter, step.counter + 1] : [step.counter];
      const missing = counters.filter((counter) => !codeCache.has(codeCacheKey(account, counter)));
      if (missing.length === 0) return;
      try {
        // One key per account, for its current code and, when previewed, the next one.
        const key = await subtle.importKey(
          'raw',
          secretBytes(account) as Uint8Array<ArrayBuffer>,
          { name: 'HMAC', hash: WEB_CRYPTO_HASH[account.algorithm] },
          false,
          ['sign'],
        );
        await Promise.all(
          missing.map(async (counter) => {
            const mac = await subtle.sign('HMAC', key, hotpMessage(counter) as Uint8Array<ArrayBuffer>);
            const bytes = new Uint8Array(mac);
            const code = account.type === 'steam' ? steamCodeFromHmac(bytes) : hotpFromHmac(bytes, account.digits);
            remember(codeCacheKey(account, counter), code);
          }),
        );
      } catch {
        // Left to the synchronous path.
      }
    }),
  );
}

export interface TotpView {
  code: string;
  /** The code of the next period: computed only when read (the popup shows it in the last seconds only). */
  readonly next: string;
  /** Milliseconds until `code` expires. */
  remainingMs: number;
  /** 0 → 1 over the period. */
  progress: number;
}

export function totpView(account: TotpAccount, now: number): TotpView {
  const step = totpTimeStep({ time: now, period: account.period });
  return {
    code: totpForStep(account, step.counter),
    get next() {
      return totpForStep(account, step.counter + 1);
    },
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

/**
 * "123 456", "1234 5678", "12 345 678 9"… groups of three (four for 8 digits) for reading aloud. Five characters
 * (Steam Guard, "FR8RV") stay in one piece, as the Steam app shows them.
 */
export function groupCode(code: string): string {
  if (code.length === 8) return `${code.slice(0, 4)} ${code.slice(4)}`;
  if (code.length <= 5) return code;
  return code.replace(/(\d{3})(?=\d)/g, '$1 ');
}

/** Seconds of the period in which the next code is previewed. */
export const NEXT_CODE_PREVIEW_MS = 7_000;
