// French elision for the search index.
//
// Pagefind splits a word on ASCII punctuation and indexes its parts, so "l'extension" is found by "extension". The
// typographic apostrophe our French pages use (’, U+2019) is not ASCII, so "l’extension", "d’adresse" or
// "l’authentification" were indexed as one word each: a reader typing "extension", "adresse e-mail" or
// "application authentification" missed every page that happens to elide the word.
//
// Starlight builds the Pagefind index in its own `astro:build:done` hook. The pair below wraps it: `before` turns
// every apostrophe between two letters into an ASCII one in the built HTML, `after` puts the original bytes back.
// Readers see the typography we wrote; the index sees words it can split. (Search excerpts show a straight
// apostrophe, which is the only visible difference.)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const ELIDED_APOSTROPHE = /(?<=\p{L})\u2019(?=\p{L})/gu;

/** "l’extension" → "l'extension": an apostrophe between two letters becomes the ASCII one Pagefind splits on. */
export function splitElisions(html: string): string {
  return html.replace(ELIDED_APOSTROPHE, "'");
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'pagefind' || entry.name === '_astro' ? [] : htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

/** Two integrations: list `before` ahead of Starlight and `after` behind it. */
export function searchElision(): { before: AstroIntegration; after: AstroIntegration } {
  const originals = new Map<string, string>();
  return {
    before: {
      name: 'mfa-companion:search-elision-before',
      hooks: {
        'astro:build:done': ({ dir }) => {
          for (const file of htmlFiles(fileURLToPath(dir))) {
            const html = readFileSync(file, 'utf8');
            const indexed = splitElisions(html);
            if (indexed === html) continue;
            originals.set(file, html);
            writeFileSync(file, indexed);
          }
        },
      },
    },
    after: {
      name: 'mfa-companion:search-elision-after',
      hooks: {
        'astro:build:done': ({ logger }) => {
          for (const [file, html] of originals) writeFileSync(file, html);
          logger.info(`Indexed ${originals.size} pages with split elisions (l’, d’, qu’…), then restored them.`);
          originals.clear();
        },
      },
    },
  };
}
