import { describe, expect, it } from 'vitest';
import { BRANDS } from '../src/ui/brand-icons/catalog';
import { brandIndex, findBrand, lightGlyphOn, markPath } from '../src/ui/brand-icons/match';

const index = brandIndex(BRANDS);
const slug = (issuer: string, sites: string[] = []) => findBrand(index, issuer, sites)?.slug;

describe('brand icons', () => {
  it('matches by issuer, whole or by a word, and by alias', () => {
    expect(slug('GitHub')).toBe('github');
    expect(slug('Google (work)')).toBe('google');
    expect(slug('Twitter')).toBe('x');
    expect(slug('Battle.net')).toBe('battledotnet');
  });

  it('matches by bound site from the registrable end, and never by IP address', () => {
    expect(slug('', ['https://accounts.google.com'])).toBe('google');
    expect(slug('My work login', ['https://gitlab.com'])).toBe('gitlab');
    expect(slug('NMC', ['http://192.168.1.20'])).toBeUndefined();
    expect(slug('Acme Bank', ['https://acme-bank.example'])).toBeUndefined();
  });

  it('reads the path of a mark and picks a legible glyph colour', () => {
    expect(markPath('<svg role="img" viewBox="0 0 24 24"><title>X</title><path d="M1 2h3z"/></svg>')).toBe('M1 2h3z');
    expect(lightGlyphOn('181717')).toBe(true);
    expect(lightGlyphOn('FFFC00')).toBe(false);
  });
});
