import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KdfCost } from '../src/index.ts';

/** The cheapest parameters our own files accept (OWN_KDF_FLOOR), so unit tests run as fast as allowed. */
export const FAST_ARGON: KdfCost = { algorithm: 'argon2id', memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 };
export const FAST_SCRYPT: KdfCost = { algorithm: 'scrypt', N: 2 ** 15, r: 8, p: 1 };

export function fixture(name: string): string {
  return readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
}

/** A JSON array nested `depth` levels deep around `inner` (JSON text: JSON.stringify itself would overflow). */
export const DEEP = '"__DEEP__"';
export function withDeepJson(value: unknown, inner = '"x"', depth = 100_000): string {
  return JSON.stringify(value).replaceAll(DEEP, `${'['.repeat(depth)}${inner}${']'.repeat(depth)}`);
}
