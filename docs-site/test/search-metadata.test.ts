import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitElisions } from '../src/integrations/search-elision.ts';
import { LANGS } from '../src/lib/locale.ts';
import { contentDir, pagesOf } from './pages.ts';

const ranking = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'src', 'search-ranking.json'), 'utf8')) as {
  metaWeights?: Record<string, number>;
};

function frontMatter(lang: string, page: string): string {
  const text = readFileSync(join(contentDir, lang, page), 'utf8');
  return text.split('\n---\n', 1)[0] ?? '';
}

describe('search metadata', () => {
  it('gives every page a description readers can recognise it by', () => {
    for (const lang of LANGS) {
      for (const page of pagesOf(lang)) {
        const description = /^description: (.+)$/m.exec(frontMatter(lang, page))?.[1] ?? '';
        expect(description.length, `${lang}/${page}`).toBeGreaterThanOrEqual(60);
      }
    }
  });

  it('gives keywords to every page that answers a question, in both languages', () => {
    const hubs = ['index.mdx', 'faq/mfa.mdx'];
    for (const lang of LANGS) {
      for (const page of pagesOf(lang).filter((page) => !hubs.includes(page))) {
        expect(frontMatter(lang, page), `${lang}/${page}`).toMatch(/^keywords:\n( {2}- .+\n?)+/m);
      }
    }
  });

  it('weights the metadata fields the pages fill', () => {
    expect(ranking.metaWeights?.title).toBeGreaterThan(1);
    expect(ranking.metaWeights?.keywords).toBeGreaterThan(1);
    expect(ranking.metaWeights?.description).toBeGreaterThan(1);
  });
});

describe('French elision for the search index', () => {
  it('makes the word after an elided article its own word', () => {
    expect(splitElisions('<p>Installer l’extension, changer d’adresse, qu’est-ce</p>')).toBe(
      "<p>Installer l'extension, changer d'adresse, qu'est-ce</p>",
    );
  });

  it('leaves closing quotes and lone apostrophes alone', () => {
    expect(splitElisions('‘quoted’ text, les élèves’ ')).toBe('‘quoted’ text, les élèves’ ');
  });
});
