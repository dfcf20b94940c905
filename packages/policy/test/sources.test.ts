import { describe, expect, it } from 'vitest';
import { FACT_SOURCES, type FactSource, factSource, POLICY } from '../src/index.ts';

/** Every FactSource-shaped value inside POLICY, with where it sits. */
function policySources(value: unknown, path: string, found: Array<{ path: string; source: FactSource }>) {
  if (typeof value !== 'object' || value === null) return found;
  const record = value as Record<string, unknown>;
  if (typeof record.publisher === 'string' && typeof record.document === 'string' && typeof record.scope === 'string') {
    found.push({ path, source: record as unknown as FactSource });
    return found;
  }
  for (const [key, child] of Object.entries(record)) policySources(child, path ? `${path}.${key}` : key, found);
  return found;
}

describe('FACT_SOURCES', () => {
  it('holds every source POLICY names, under its own id', () => {
    const unregistered = policySources(POLICY, '', [])
      .filter(({ source }) => source.id === undefined || factSource(source.id) !== source)
      .map(({ path }) => path);
    expect(unregistered, 'add these sources to FACT_SOURCES (with an id, title and kind)').toEqual([]);
  });

  it('keys each entry by its id, with a title and a kind', () => {
    for (const [key, source] of Object.entries(FACT_SOURCES)) {
      expect(source.id).toBe(key);
      expect(source.title.length).toBeGreaterThan(0);
      expect(['vendor', 'ours']).toContain(source.kind);
      // Our own reading is never published under a vendor's name, and the reverse.
      expect(source.publisher === 'MFA Companion').toBe(source.kind === 'ours');
    }
  });

  it('finds nothing for an unknown id', () => {
    expect(factSource('no-such-source')).toBeUndefined();
    expect(factSource('toString')).toBeUndefined();
  });
});
