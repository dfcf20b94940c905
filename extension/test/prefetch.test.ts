import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PREFETCH_LOCAL_KEYS, PREFETCH_SESSION_KEYS } from '../src/popup/prefetch';

describe('popup prefetch script', () => {
  it('reads exactly the keys the popup module expects', () => {
    const script = readFileSync(join(import.meta.dirname, '../public/popup-prefetch.js'), 'utf8');
    const lists = [...script.matchAll(/\.get\((\[[^\]]*\])\)/g)].map((match) =>
      JSON.parse((match[1] as string).replace(/'/g, '"')),
    );
    expect(lists).toEqual([PREFETCH_LOCAL_KEYS, PREFETCH_SESSION_KEYS]);
  });
});

describe('managed policy started by the prefetch script', () => {
  it('reads an absent policy (the read rejected) as none, and a delivered one through the validator', async () => {
    const { loadManagedPolicy } = await import('../src/managed/browser-policy');
    expect(await loadManagedPolicy(Promise.resolve({ raw: undefined }))).toEqual(
      await loadManagedPolicy(Promise.resolve({ raw: {} })),
    );
    const delivered = await loadManagedPolicy(Promise.resolve({ raw: { autoLockMaxMinutes: 5 } }));
    expect(delivered.policy).not.toEqual({});
  });
});
