import { describe, expect, it } from 'vitest';
import { estimatePassphraseStrength } from '../src/index.ts';

describe('passphrase strength', () => {
  it('grades obvious cases', () => {
    expect(estimatePassphraseStrength('short').strength).toBe('too-short');
    expect(estimatePassphraseStrength('password').strength).toBe('weak');
    expect(estimatePassphraseStrength('abcdefgh').hints).toContain('avoid-sequences');
    expect(estimatePassphraseStrength('aaaaaaaaaaaa').strength).toBe('weak');
    expect(estimatePassphraseStrength('correct horse battery staple').strength).toMatch(/strong/);
  });
});
