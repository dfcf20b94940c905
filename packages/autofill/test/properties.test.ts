import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideFill, editDistance, isBoundTo } from '../src/binding-entry.ts';

const label = fc.stringMatching(/^[a-z][a-z0-9]{2,14}$/);

describe('binding properties', () => {
  it('a site binding fills on a domain exactly when the registrable domains are equal', () => {
    fc.assert(
      fc.property(label, label, fc.constantFrom('', 'www.', 'login.eu.'), (page, bound, sub) => {
        const account = { id: 'a', sites: [`https://${bound}.com`] };
        expect(isBoundTo(`https://${sub}${page}.com`, account)).toBe(page === bound);
      }),
    );
  });
  it('never fills over plain http a site bound over https', () => {
    fc.assert(
      fc.property(label, (name) => {
        expect(decideFill(`http://${name}.com`, [{ id: 'a', sites: [`https://${name}.com`] }]).kind).toBe('insecure');
      }),
    );
  });
  // ~2 s alone (100 random URLs through the Public Suffix List); room for a busy machine.
  it('never decides "fill" without a bound account', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(fc.webUrl(), (url) => {
        expect(decideFill(url, []).kind).not.toBe('fill');
      }),
    );
  });
  it('edit distance is symmetric and zero only for equal strings', () => {
    fc.assert(
      fc.property(label, label, (a, b) => {
        expect(editDistance(a, b, 20)).toBe(editDistance(b, a, 20));
        expect(editDistance(a, b, 20) === 0).toBe(a === b);
      }),
    );
  });
});
