import { describe, expect, it } from 'vitest';
import { plural } from '../src/lib/plural.ts';

describe('plural', () => {
  const en = { one: '{count} account', other: '{count} accounts' };
  const fr = { one: '{count} compte', other: '{count} comptes' };

  it('follows each language’s own rules (French counts 0 and 1 as singular)', () => {
    expect([0, 1, 4].map((count) => plural('en', count, en))).toEqual(['0 accounts', '1 account', '4 accounts']);
    expect([0, 1, 4].map((count) => plural('fr', count, fr))).toEqual(['0 compte', '1 compte', '4 comptes']);
  });

  it('formats the number for the language', () => {
    expect(plural('en', 1200, en)).toBe('1,200 accounts');
    expect(plural('fr', 1200, fr).replace(/\s/g, ' ')).toBe('1 200 comptes');
  });
});
