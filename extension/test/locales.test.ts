import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Key paths of a simple YAML messages file (nested maps of strings), e.g. `list.copied`. */
function keyPaths(file: string): Set<string> {
  const paths = new Set<string>();
  const stack: Array<{ indent: number; key: string }> = [];
  for (const line of readFileSync(join(import.meta.dirname, '../locales', file), 'utf8').split('\n')) {
    const match = /^(\s*)([^\s:#][^:]*):(.*)$/.exec(line);
    if (!match) continue;
    const indent = (match[1] as string).length;
    while (stack.length > 0 && (stack.at(-1) as { indent: number }).indent >= indent) stack.pop();
    stack.push({ indent, key: (match[2] as string).trim() });
    if ((match[3] as string).trim() !== '') paths.add(stack.map((entry) => entry.key).join('.'));
  }
  return paths;
}

/** The sections this part of the extension owns (autofill and nmc test their own). */
const SECTIONS = [
  'extension',
  'commands',
  'options',
  'popup',
  'firstRun',
  'unlock',
  'passphrase',
  'list',
  'add',
  'preview',
  'fields',
  'common',
  'errors',
  'managed',
  'passkey',
  'backupHealth',
  'reveal',
  'damaged',
];

describe('locales', () => {
  it('French translates every English message of the vault UI, and nothing else', () => {
    const mine = (paths: Set<string>) =>
      [...paths].filter((path) => SECTIONS.includes(path.split('.')[0] as string)).sort();
    const english = mine(keyPaths('en.yml'));
    expect(english.length).toBeGreaterThan(150);
    expect(mine(keyPaths('fr.yml'))).toEqual(english);
  });
});

describe('French typography', () => {
  it('writes elisions with the typographic apostrophe (’), as every French message does', () => {
    const straight = readFileSync(join(import.meta.dirname, '../locales/fr.yml'), 'utf8')
      .split('\n')
      .filter((line) => /[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]/.test(line));
    expect(straight).toEqual([]);
  });
});
