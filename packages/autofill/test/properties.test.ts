import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confusableSkeleton, decideFill, editDistance, isBoundTo, lookalikeReason } from '../src/binding-entry.ts';

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

  const brand = fc.stringMatching(/^[a-z]{5,12}$/);
  const word = fc.stringMatching(/^[a-z]{2,10}$/);
  const parts = (site: string, label: string) => ({ site, label, subdomain: '' });
  it('a bound name of five letters or more joined to any word, before or after, is a look-alike', () => {
    fc.assert(
      fc.property(brand, word, fc.boolean(), (name, other, before) => {
        const page = before ? `${other}${name}` : `${name}${other}`;
        expect(lookalikeReason(parts(`${page}.com`, page), parts(`${name}.com`, name))).toBeDefined();
        expect(decideFill(`https://${page}.net`, [{ id: 'a', sites: [`https://${name}.com`] }]).kind).toBe('lookalike');
      }),
    );
  });
  it('a short bound name (under five letters) inside another word never warns for that alone', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{2,4}$/), word, word, (name, left, right) => {
        const page = `${left}${name}${right}`;
        fc.pre(editDistance(page, name, 1) > 1);
        expect(lookalikeReason(parts(`${page}.com`, page), parts(`${name}.com`, name))).toBeUndefined();
      }),
    );
  });
  it('a name that neither contains the bound one nor is within two typos of it gets no warning', () => {
    fc.assert(
      fc.property(brand, fc.stringMatching(/^[a-z]{3,16}$/), (name, page) => {
        fc.pre(!page.includes(name) && editDistance(page, name, 2) > 2 && page !== name);
        fc.pre(
          confusableSkeleton(page) !== confusableSkeleton(name) &&
            !confusableSkeleton(page).includes(confusableSkeleton(name)),
        );
        expect(lookalikeReason(parts(`${page}.com`, page), parts(`${name}.com`, name))).toBeUndefined();
      }),
    );
  });
});
