import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import type { OtpAlgorithm } from './types.js';

const HASHES = { SHA1: sha1, SHA256: sha256, SHA512: sha512 } as const;
const OUTPUT_LENGTH = { SHA1: 20, SHA256: 32, SHA512: 64 } as const;

/** The part of noble's hash instances we drive directly (HashMD: sha1 and sha2). */
interface HashState {
  update(data: Uint8Array): unknown;
  digestInto(out: Uint8Array): void;
  _cloneInto(to?: HashState): HashState;
  destroy(): void;
}

/**
 * HMAC keyed once. `inner`/`outer` are noble's hash states right after absorbing the ipad/opad key
 * blocks (built by hmac.create), so a code costs two compressions instead of four: the key is never
 * re-hashed. The scratch states are reused by cloning into them, so a code allocates nothing.
 */
interface KeyedState {
  readonly algorithm: OtpAlgorithm;
  readonly key: Uint8Array;
  /** Where this algorithm's MAC lands: a fixed view of the shared digest buffer. */
  readonly mac: Uint8Array;
  readonly inner: HashState;
  readonly outer: HashState;
  innerScratch: HashState | undefined;
  outerScratch: HashState | undefined;
}

/** Per secret-array identity: the common case (same account object rendered every second). */
let byIdentity = new WeakMap<Uint8Array, KeyedState[]>();
/** Per secret content: covers callers that decode a fresh Uint8Array from storage every time. */
const byContent = new Map<string, KeyedState>();
const MAX_CONTENT_ENTRIES = 256;

const message = new Uint8Array(8);
const messageView = new DataView(message.buffer);
const digest = new Uint8Array(64);

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function contentKey(algorithm: OtpAlgorithm, key: Uint8Array): string {
  let text = algorithm;
  for (let i = 0; i < key.length; i++) text += String.fromCharCode(key[i] as number);
  return text;
}

function createState(algorithm: OtpAlgorithm, key: Uint8Array): KeyedState {
  const keyed = hmac.create(HASHES[algorithm], key);
  return {
    algorithm,
    // A real copy: Buffer#slice (Node) returns a view, which in-place edits would change under us.
    key: new Uint8Array(key),
    mac: digest.subarray(0, OUTPUT_LENGTH[algorithm]),
    inner: keyed.iHash as HashState,
    outer: keyed.oHash as HashState,
    innerScratch: undefined,
    outerScratch: undefined,
  };
}

function lookup(algorithm: OtpAlgorithm, key: Uint8Array): KeyedState {
  const states = byIdentity.get(key);
  if (states) {
    for (const state of states) {
      // The caller may have mutated the array in place since we cached it: re-check the bytes.
      if (state.algorithm === algorithm && sameBytes(state.key, key)) return state;
    }
  }
  const cacheKey = contentKey(algorithm, key);
  let state = byContent.get(cacheKey);
  if (!state) {
    state = createState(algorithm, key);
    if (byContent.size >= MAX_CONTENT_ENTRIES) {
      const oldest = byContent.keys().next().value;
      if (oldest !== undefined) byContent.delete(oldest);
    }
    byContent.set(cacheKey, state);
  }
  const current = (states ?? []).filter((candidate) => sameBytes(candidate.key, key));
  current.push(state);
  byIdentity.set(key, current);
  return state;
}

/** RFC 4226 §5.2: the moving factor as 8 bytes, big-endian (a validated counter). */
export function writeCounter(view: DataView, counter: number | bigint): void {
  if (typeof counter === 'bigint') {
    view.setBigUint64(0, counter, false);
  } else {
    view.setUint32(0, Math.floor(counter / 0x1_0000_0000), false);
    view.setUint32(4, counter >>> 0, false);
  }
}

/**
 * HMAC(key, 8-byte big-endian counter). Returns a view of a shared buffer that the next call
 * overwrites: read it before calling again (everything here is synchronous, so that is easy).
 */
export function hmacCounter(algorithm: OtpAlgorithm, key: Uint8Array, counter: number | bigint): Uint8Array {
  const state = lookup(algorithm, key);
  writeCounter(messageView, counter);
  const mac = state.mac;
  const inner = state.inner._cloneInto(state.innerScratch);
  state.innerScratch = inner;
  inner.update(message);
  inner.digestInto(mac);
  const outer = state.outer._cloneInto(state.outerScratch);
  state.outerScratch = outer;
  outer.update(mac);
  outer.digestInto(mac);
  return mac;
}

/**
 * Forgets every cached keyed-HMAC state (they are as sensitive as the secrets). Call it when the
 * vault locks; later codes simply rebuild their state.
 */
export function clearOtpKeyCache(): void {
  for (const state of byContent.values()) {
    for (const hash of [state.inner, state.outer, state.innerScratch, state.outerScratch]) hash?.destroy();
  }
  byContent.clear();
  byIdentity = new WeakMap();
  digest.fill(0);
}
