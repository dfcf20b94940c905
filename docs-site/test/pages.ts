import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

export const contentDir = join(import.meta.dirname, '..', 'src', 'content', 'docs');

/** Every content page of one language, as paths relative to that language's folder, sorted. */
export function pagesOf(lang: string): string[] {
  const root = join(contentDir, lang);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? walk(join(dir, entry.name)) : [relative(root, join(dir, entry.name))],
    );
  return walk(root).sort();
}
