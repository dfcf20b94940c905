import { openVaultWithKey } from '@mfa-companion/vault';
import type { StorageAreaLike } from './storage-area';
import { LOCAL_KEYS } from './storage-keys';

/**
 * The one writer of the vault. Every change to the stored vault, and every write of unlocked state into
 * `storage.session`, goes through `VaultWriter.run`, from whichever extension page or worker makes it.
 *
 * How to use it — a transition is a plain async function from the stored state to the next one:
 *
 *     const result = await writer.run(async (state, session) => {
 *       // `state` is read under the lock: { current?: string, previous?: string } (ciphertext, as stored).
 *       // `session` holds this context's session values, read under the lock too (the key, the cache).
 *       const text = await sealSomething(state.current);
 *       return {
 *         next: { current: text, previous: state.current ?? null, key },  // omit `next` to write nothing
 *         session: { 'vault.key': …, 'vault.accounts': … },               // omit to leave the session alone
 *         result: …,                                                       // what run() returns
 *       };
 *     });
 *
 * What run() guarantees:
 * - **One writer at a time.** The transition runs inside a Web Lock (`navigator.locks`, shared by every page and
 *   the background of the extension's origin; an in-process queue where the API is missing), held across
 *   read → check → write, so no page decides on a state another page is changing.
 * - **One atomic write.** `next` is checked first (it must open with `next.key`: we never store a vault we cannot
 *   read), then written with ONE `storage.local.set` carrying every key the transition changes; a copy that must
 *   go (`previous` after a passphrase change or a KDF re-seal) is written as `null` in that same call, never
 *   removed by a later one. An interruption at any await leaves either the old state or the new one, whole.
 * - **Known outcome.** When the set call fails, the stored value decides: if the new state is there the
 *   transition happened and run() reports success (a later session write may still fail: the session is then
 *   cleared, which locks, rather than leaving a key that opens nothing).
 * - **lock() wins.** Session writes happen inside the same lock, after the storage write; `lock()` takes the lock
 *   too, so once it resolves nothing decrypted is written to `storage.session` by an earlier transition.
 *
 * A new transition (key slots, migrations) is one more function passed to run(); nothing else changes. Keys of
 * its own that must change together with the vault go in `next.extra` (same set) and are read back through the
 * writer's `extraLocalKeys` (`state.extra`). The transitions of today live in `store.ts`: create, unlock (with
 * the key-slot migration and the KDF re-seal, one step), update/save (keeps the key slots), changePassphrase
 * (rewraps the passphrase slot), restorePrevious, addPasskeySlot, removeSlot, unlockWithPasskey; `lock()` and
 * `wipe()` use `exclusive()`. Key slots live inside the vault record (`vault.current`), so they change in the same
 * set as the accounts without `extra`.
 */

/** The vault as stored in `storage.local`: the current copy and the copy before the last save. */
export interface StoredVault {
  current?: string;
  previous?: string;
  /** The values of the writer's `extraLocalKeys` (key slots, migration markers…), as stored. */
  extra?: Record<string, unknown>;
}

export interface NextState {
  current: string;
  /** `null` when no previous copy must remain (written explicitly, in the same set). */
  previous: string | null;
  /** The key that opens `current`: checked before anything is written. */
  key: Uint8Array;
  /** Other `storage.local` keys this transition changes, written in the same set (`null` clears one). */
  extra?: Record<string, unknown>;
}

export interface TransitionOutcome<R> {
  next?: NextState;
  /** Values to write to `storage.session` after `next` is stored (inside the lock). */
  session?: Record<string, unknown>;
  result: R;
}

export type Transition<R> = (
  state: StoredVault,
  session: Record<string, unknown>,
) => Promise<TransitionOutcome<R>> | TransitionOutcome<R>;

/** The part of the Web Locks API the writer needs (tests pass their own). */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

export const VAULT_LOCK_NAME = 'mfa-companion:vault';

/** Serialises callbacks within one JavaScript context, for runtimes without `navigator.locks`. */
class InProcessLock implements LockManagerLike {
  private tail: Promise<unknown> = Promise.resolve();
  request<T>(_name: string, callback: () => Promise<T>): Promise<T> {
    const run = this.tail.then(callback, callback);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

const inProcessLock = new InProcessLock();

export function defaultLockManager(): LockManagerLike {
  const locks = (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
  if (!locks) return inProcessLock;
  return { request: (name, callback) => locks.request(name, callback) };
}

export type WriteFailure = 'quota' | 'failed';

function isQuotaError(error: unknown): boolean {
  return error instanceof Error && /quota/i.test(error.message);
}

/** Raised by run() when the storage write did not happen; the stored vault is unchanged. */
export class VaultWriteError extends Error {
  override readonly name = 'VaultWriteError';
  constructor(
    readonly failure: WriteFailure,
    options?: { cause?: unknown },
  ) {
    super(
      failure === 'quota' ? 'Browser storage is full; the vault was not changed.' : 'The vault was not written.',
      options,
    );
  }
}

export class VaultWriter {
  constructor(
    private readonly local: StorageAreaLike,
    private readonly session: StorageAreaLike,
    private readonly sessionKeys: readonly string[],
    private readonly locks: LockManagerLike = defaultLockManager(),
    /** Further `storage.local` keys read into `StoredVault.extra` for every transition. */
    private readonly extraLocalKeys: readonly string[] = [],
  ) {}

  /** Runs one transition under the vault lock; see the comment at the top of this file. */
  run<R>(transition: Transition<R>): Promise<R> {
    return this.locks.request(VAULT_LOCK_NAME, async () => {
      const [stored, session] = await Promise.all([
        this.local.get([LOCAL_KEYS.vault, LOCAL_KEYS.previous, ...this.extraLocalKeys]),
        this.session.get([...this.sessionKeys]),
      ]);
      const state = toStoredVault(stored);
      if (this.extraLocalKeys.length > 0) {
        state.extra = Object.fromEntries(this.extraLocalKeys.map((key) => [key, stored[key]]));
      }
      const outcome = await transition(state, session);
      if (outcome.next) await this.commit(outcome.next);
      if (outcome.session) {
        try {
          await this.session.set(outcome.session);
        } catch (error) {
          // The vault is stored; an unlocked state that cannot be written must not leave a stale key behind.
          await this.session.remove([...this.sessionKeys]).catch(() => undefined);
          if (!outcome.next) throw error;
        }
      }
      return outcome.result;
    });
  }

  /** A session-only step (lock, cache) in the same order as every transition. */
  exclusive<R>(step: () => Promise<R>): Promise<R> {
    return this.locks.request(VAULT_LOCK_NAME, step);
  }

  private async commit(next: NextState): Promise<void> {
    // Never store what we cannot read back with the key the session will hold.
    await openVaultWithKey(next.current, next.key);
    try {
      await this.local.set({
        ...next.extra,
        [LOCAL_KEYS.vault]: next.current,
        [LOCAL_KEYS.previous]: next.previous,
        // Same set: the tag can never name a copy other than the one stored with it.
        [LOCAL_KEYS.currentNonce]: envelopeNonce(next.current) ?? null,
      });
    } catch (error) {
      // The call may have failed after reaching the disk (the page closing mid-call): what is stored decides.
      const stored = await this.local.get(LOCAL_KEYS.vault).catch(() => ({}) as Record<string, unknown>);
      if (stored[LOCAL_KEYS.vault] === next.current) return;
      throw new VaultWriteError(isQuotaError(error) ? 'quota' : 'failed', { cause: error });
    }
  }
}

/** The envelope's nonce, read from the start of the text without parsing the (large) ciphertext. */
export function envelopeNonce(text: string): string | undefined {
  return /"nonce":"([A-Za-z0-9+/=]+)"/.exec(text.slice(0, 2048))?.[1];
}

/** Stored values as the writer sees them: anything but a non-empty string is "no copy". */
export function toStoredVault(stored: Record<string, unknown>): StoredVault {
  const current = stored[LOCAL_KEYS.vault];
  const previous = stored[LOCAL_KEYS.previous];
  const state: StoredVault = {};
  if (typeof current === 'string' && current !== '') state.current = current;
  if (typeof previous === 'string' && previous !== '') state.previous = previous;
  return state;
}
