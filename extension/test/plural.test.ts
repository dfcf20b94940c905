import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type MessageLookup, pluralMessage } from '../src/ui/plural';

/** `section.key.category` → message, from a locale file (the nested maps the plural messages use). */
function messages(file: string): Map<string, string> {
  const found = new Map<string, string>();
  const stack: Array<{ indent: number; key: string }> = [];
  for (const line of readFileSync(join(import.meta.dirname, '../locales', file), 'utf8').split('\n')) {
    const match = /^(\s*)([^\s:#][^:]*):(.*)$/.exec(line);
    if (!match) continue;
    const indent = (match[1] as string).length;
    while (stack.length > 0 && (stack.at(-1) as { indent: number }).indent >= indent) stack.pop();
    stack.push({ indent, key: (match[2] as string).trim() });
    const value = (match[3] as string).trim().replace(/^"(.*)"$/, '$1');
    if (value !== '') found.set(stack.map((entry) => entry.key).join('.'), value);
  }
  return found;
}

const lookupIn =
  (file: string): MessageLookup =>
  (name, substitutions) =>
    (messages(file).get(name) ?? '').replace(/\$(\d)/g, (_, index: string) => substitutions[Number(index) - 1] ?? '');

const text = (file: string, locale: string, key: string, count: number) =>
  pluralMessage(lookupIn(file), locale, key, count, [String(count)]);

describe('plural messages', () => {
  it('words every count by the language’s plural rules', () => {
    expect(text('en.yml', 'en', 'options.importConfirm', 1)).toBe('Import 1 account');
    expect(text('en.yml', 'en', 'options.importConfirm', 2)).toBe('Import 2 accounts');
    expect(text('en.yml', 'en', 'add.confirm', 0)).toBe('Nothing new to add');
    expect(text('en.yml', 'en', 'phone.transfer', 0)).toBe('Choose the accounts to transfer');
    expect(text('fr.yml', 'fr', 'preview.summary.new', 1)).toBe('1 nouveau');
    expect(text('fr.yml', 'fr', 'preview.summary.new', 0)).toBe('0 nouveau');
    expect(text('fr.yml', 'fr', 'preview.summary.new', 2)).toBe('2 nouveaux');
    expect(text('fr.yml', 'fr', 'list.copyLabel', 1)).toBe(', encore 1 seconde. Entrée pour copier.');
    // French's "many" (1 000 000) falls back to "other".
    expect(text('fr.yml', 'fr', 'options.imported', 1_000_000)).toBe('1000000 comptes importés.');
  });

  it('has the "one" and "other" forms of every counted message in both languages', () => {
    const source = readFileSync(join(import.meta.dirname, '../src/ui/plural.ts'), 'utf8');
    const keys = [...source.matchAll(/^\s+\| '([\w.]+)'/gm)].map((match) => match[1] as string);
    expect(keys.length).toBeGreaterThan(10);
    for (const file of ['en.yml', 'fr.yml']) {
      const found = messages(file);
      for (const key of keys) {
        expect(found.has(`${key}.one`), `${file} ${key}.one`).toBe(true);
        expect(found.has(`${key}.other`), `${file} ${key}.other`).toBe(true);
      }
    }
  });
});
