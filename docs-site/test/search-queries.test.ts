import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../src/lib/locale.ts';

interface SearchCase {
  query: string;
  expected: string;
  core?: boolean;
}

const table = JSON.parse(readFileSync(join(import.meta.dirname, 'search-queries.json'), 'utf8')) as Record<
  string,
  SearchCase[]
>;
const contentDir = join(import.meta.dirname, '..', 'src', 'content', 'docs');

// The browser test (test/e2e/docs.test.ts) runs this table through the built Pagefind index; these checks catch a
// table that could never pass, such as a renamed page, before anyone builds.
describe('search query table', () => {
  it('is broad in both languages and includes the questions the issue names', () => {
    expect(table.en?.length).toBeGreaterThanOrEqual(200);
    expect(table.fr?.length).toBeGreaterThanOrEqual(150);
    const core = LANGS.flatMap((lang) => (table[lang] ?? []).filter((search) => search.core).map((s) => s.query));
    // The reader queries the issue lists, each of which must put its page first.
    expect(core).toEqual(
      expect.arrayContaining([
        'firmware update fails',
        'NMC firmware MFA',
        'lost phone',
        'new phone',
        'recovery code',
        'notifications disabled',
        'account inactive',
        'delete account',
        'change email',
        'password reset',
        'session ID',
        'temporary password',
        'turn off MFA',
        'disable two-factor',
        'code expired',
        'code not working',
        'clock drift',
        'QR code not scanning',
        'forgot passphrase',
        'backup',
        'import Aegis',
        'look-alike',
        'phishing',
        'static IP',
        'power outage',
        'one account per UPS',
        'privacy',
        'opt out',
        'mot de passe oublié',
        'téléphone perdu',
        'code de récupération',
        'notifications désactivées',
        'mise à jour du firmware échoue',
        'réinitialisation du mot de passe',
        'compte inactif',
        'supprimer le compte',
        "changer d'adresse e-mail",
        'désactiver MFA',
        'code refusé',
        'horloge',
        'sauvegarde',
      ]),
    );
  });

  it('expects only pages that exist, in the slug form search results use', () => {
    for (const lang of LANGS) {
      for (const { query, expected } of table[lang] ?? []) {
        expect(expected, `${lang} "${query}"`).toMatch(/^[a-z0-9-]+(\/[a-z0-9-]+)*\/$/);
        expect(existsSync(join(contentDir, lang, `${expected.slice(0, -1)}.mdx`)), `${lang} "${query}"`).toBe(true);
      }
    }
  });

  it('lists each query once per language', () => {
    for (const lang of LANGS) {
      const queries = (table[lang] ?? []).map((search) => search.query.toLowerCase());
      expect(new Set(queries).size, lang).toBe(queries.length);
    }
  });
});
