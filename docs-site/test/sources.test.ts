import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIPBOARD_CLEAR_PERMISSION } from '@mfa-companion/extension/browser-support';
import { DEFAULT_SETTINGS } from '@mfa-companion/extension/settings';
import { FACT_SOURCES } from '@mfa-companion/policy';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../src/lib/locale.ts';
import { figureText, POLICY_FIGURES, TECHNICAL_FIGURES, type TechnicalFigure } from '../src/lib/policy-figures.ts';
import { pageSources, parseSourceRef } from '../src/lib/sources.ts';
import { contentDir, pagesOf } from './pages.ts';
import { findCopies, policyCopies, proseLines } from './policy-copies.ts';

/** The `sources` list of a page's front matter (a YAML list of plain strings). */
export function frontMatterSources(source: string): string[] {
  const front = /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';
  const block = /^sources:\n((?:[ \t]+-[^\n]*\n?)*)/m.exec(front)?.[1] ?? '';
  return [...block.matchAll(/^[ \t]+-[ \t]*['"]?([^'"\n]+?)['"]?[ \t]*$/gm)].map((match) => match[1] as string);
}

export function citedSources(source: string): string[] {
  return [...source.matchAll(/<Cite\s+source="([^"]+)"\s*\/>/g)].map((match) => match[1] as string);
}

/**
 * A page states a vendor fact when it quotes one of the vendor's figures (`<Policy value="…" />` of POLICY_FIGURES)
 * or attributes something to the vendor or its products in prose ("the vendor says", "l’éditeur", SmartConnect,
 * APC Customer Support, NMC3 behaviour…). Such a page must end with a Sources block.
 */
const VENDOR_FIGURES = new Set(Object.keys(POLICY_FIGURES));
const VENDOR_WORDS: Record<(typeof LANGS)[number], RegExp> = {
  // "the vendor's own support" (the home page's independence note) names no fact.
  en: /\b(?:the vendor(?!'s own support)|vendor's(?! own support)|Schneider Electric (?:says|states|requires|recommends|treats|is implementing)|SmartConnect|APC Customer Support|Buildings support|the card (?:sends|e-mails)|NMC3 [^.]*\b(?:sends|e-mails)\b)/i,
  fr: /(?:(?<!support de )l’éditeur|(?<!support de )l'éditeur|Schneider Electric (?:indique|exige|dit|recommande|considère)|SmartConnect|support client APC|support Buildings|la carte envoie|NMC3 [^.]*\benvoie\b)/i,
};

export function statesVendorFact(source: string, lang: (typeof LANGS)[number]): string | undefined {
  const figure = [...source.matchAll(/<Policy\s+value="([^"]+)"/g)].find((match) => VENDOR_FIGURES.has(match[1] ?? ''));
  if (figure) return `quotes the vendor figure ${figure[1]}`;
  const line = proseLines(source).find((text) => VENDOR_WORDS[lang].test(text));
  return line === undefined ? undefined : `says "${VENDOR_WORDS[lang].exec(line)?.[0]}"`;
}

/** Every problem with a page's sources, as messages; empty when the page is in order. */
export function sourceProblems(source: string, lang: (typeof LANGS)[number]): string[] {
  const problems: string[] = [];
  const listed = frontMatterSources(source);
  const fact = statesVendorFact(source, lang);
  if (fact && listed.length === 0) problems.push(`${fact} but has no Sources block (front matter \`sources\`)`);
  for (const ref of listed) {
    if (!parseSourceRef(ref)) problems.push(`lists "${ref}", which FACT_SOURCES does not hold`);
  }
  const listedIds = new Set(listed.map((ref) => ref.split('#')[0]));
  const cited = citedSources(source);
  for (const ref of cited) {
    if (!parseSourceRef(ref)) problems.push(`cites "${ref}", which FACT_SOURCES does not hold`);
    else if (!listedIds.has(ref.split('#')[0])) problems.push(`cites "${ref}" without listing it in \`sources\``);
  }
  // The figure table cites its rows' sources itself; every other page links each listed source from its text.
  if (!source.includes('<PolicyTable')) {
    const citedIds = new Set(cited.map((ref) => ref.split('#')[0]));
    for (const id of listedIds) if (!citedIds.has(id)) problems.push(`lists "${id}" but no <Cite> links to it`);
  }
  return problems;
}

const page = (text: string, front = '') => `---\ntitle: t\n${front}---\n\n${text}\n`;

describe('sources', () => {
  it('gives every page that states a vendor fact a Sources block from FACT_SOURCES, and links each source', () => {
    const problems: string[] = [];
    for (const lang of LANGS) {
      for (const file of pagesOf(lang)) {
        const source = readFileSync(join(contentDir, lang, file), 'utf8');
        for (const problem of sourceProblems(source, lang)) problems.push(`${lang}/${file}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists the same sources in both languages of a page', () => {
    for (const file of pagesOf('en')) {
      const en = frontMatterSources(readFileSync(join(contentDir, 'en', file), 'utf8'));
      const fr = frontMatterSources(readFileSync(join(contentDir, 'fr', file), 'utf8'));
      expect(fr, file).toEqual(en);
    }
  });

  it('fails a vendor fact without a Sources block, and a source the registry does not hold', () => {
    expect(sourceProblems(page('Schneider Electric says codes expire.'), 'en')).toHaveLength(1);
    expect(sourceProblems(page('Within <Policy value="otpMaxValidity" />.'), 'en')).toHaveLength(1);
    expect(sourceProblems(page('D’après l’éditeur, les codes expirent.'), 'fr')).toHaveLength(1);
    expect(
      sourceProblems(page('The vendor says so.<Cite source="some-blog" />', 'sources:\n  - some-blog\n'), 'en'),
    ).toEqual(expect.arrayContaining([expect.stringContaining('"some-blog", which FACT_SOURCES does not hold')]));
    expect(
      sourceProblems(page('x<Cite source="smartconnect-faq#noSuchPart" />', 'sources:\n  - smartconnect-faq\n'), 'en'),
    ).toEqual([expect.stringContaining('noSuchPart')]);
    expect(sourceProblems(page('The vendor says so.', 'sources:\n  - smartconnect-faq#otpExpiry\n'), 'en')).toEqual([
      expect.stringContaining('no <Cite>'),
    ]);
    expect(
      sourceProblems(
        page(
          'The vendor says so.<Cite source="smartconnect-faq#otpExpiry" />',
          'sources:\n  - smartconnect-faq#otpExpiry\n',
        ),
        'en',
      ),
    ).toEqual([]);
    // Our own words need no source.
    expect(sourceProblems(page('Our advice: keep two administrators.'), 'en')).toEqual([]);
  });

  it('numbers a page’s sources by document, its cited parts grouped under it', () => {
    const entries = pageSources(['smartconnect-faq#otpExpiry', 'nmc3-user-guide', 'smartconnect-faq#mfaDisable']);
    expect(entries.map((entry) => [entry.id, entry.number])).toEqual([
      ['smartconnect-faq', 1],
      ['nmc3-user-guide', 2],
    ]);
    expect(entries[0]?.sections).toEqual([
      FACT_SOURCES['smartconnect-faq'].sections.otpExpiry,
      FACT_SOURCES['smartconnect-faq'].sections.mfaDisable,
    ]);
    expect(() => pageSources(['no-such-source'])).toThrow(/FACT_SOURCES/);
  });
});

// The extension's own defaults, permissions, browser differences and format limits are quoted with <Policy value="…" />
// from the modules that apply them; a page that types one would drift the day the code changes.
describe('extension figures', () => {
  const EXTENSION_FIGURES: readonly TechnicalFigure[] = [
    'clipboardPermission',
    'siteGrantChrome',
    'siteGrantFirefox',
    'migrationDigits',
    'migrationAlgorithms',
  ];
  const durations = policyCopies({
    autoLockDefault: { value: DEFAULT_SETTINGS.autoLockMinutes, unit: 'minute' },
    clipboardClearDefault: { value: DEFAULT_SETTINGS.clipboardClearSeconds, unit: 'second' },
  });
  const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

  function typedCopies(source: string): string[] {
    const found = findCopies(source, durations).map((copy) => `"${copy.match}" (${copy.copy.path})`);
    // A permission name is typed as code: look for it in backticks as well as in prose.
    if (source.includes(`\`${CLIPBOARD_CLEAR_PERMISSION}\``))
      found.push(`"${CLIPBOARD_CLEAR_PERMISSION}" (clipboardPermission)`);
    const lines = proseLines(source).map(plain);
    for (const name of EXTENSION_FIGURES) {
      for (const lang of LANGS) {
        const text = plain(figureText(name, lang));
        if (lines.some((line) => line.toLowerCase().includes(text.toLowerCase()))) found.push(`"${text}" (${name})`);
      }
    }
    return [...new Set(found)];
  }

  it('never types them by hand, in any page of either language', () => {
    const problems: string[] = [];
    for (const lang of LANGS) {
      for (const file of pagesOf(lang)) {
        for (const copy of typedCopies(readFileSync(join(contentDir, lang, file), 'utf8'))) {
          problems.push(`${lang}/${file}: ${copy}`);
        }
      }
    }
    expect(problems, 'render these with <Policy value="…" /> (src/lib/policy-figures.ts)').toEqual([]);
  });

  it('catches a hand-typed copy of each', () => {
    expect(typedCopies(page(`Needs the optional ${CLIPBOARD_CLEAR_PERMISSION} permission.`))).toHaveLength(1);
    expect(typedCopies(page(`Needs the optional \`${CLIPBOARD_CLEAR_PERMISSION}\` permission.`))).toHaveLength(1);
    expect(typedCopies(page('The vault locks after 15 minutes by default.'))).toHaveLength(1);
    expect(typedCopies(page('Cleared after thirty seconds.'))).toHaveLength(1);
    expect(typedCopies(page('Firefox grants http://192.168.1.20/*.'))).toHaveLength(1);
    expect(typedCopies(page('Transfer codes hold 6 or 8 digits.'))).toHaveLength(1);
    expect(typedCopies(page('By default <Policy value="autoLockDefault" />.'))).toEqual([]);
  });

  it('renders them from the extension and OTP modules, in both languages', () => {
    const plainText = (name: TechnicalFigure, lang: 'en' | 'fr') => plain(figureText(name, lang));
    expect(plainText('autoLockDefault', 'en')).toBe(`${DEFAULT_SETTINGS.autoLockMinutes} minutes`);
    expect(plainText('clipboardPermission', 'fr')).toBe(CLIPBOARD_CLEAR_PERMISSION);
    expect(plainText('siteGrantChrome', 'en')).toBe('http://192.168.1.20:8080/*');
    expect(plainText('siteGrantFirefox', 'en')).toBe('http://192.168.1.20/*');
    expect(plainText('noScreenLockBrowsers', 'en')).toBe('Firefox');
    expect(plainText('migrationDigits', 'fr')).toBe('6 ou 8');
    for (const name of Object.keys(TECHNICAL_FIGURES) as TechnicalFigure[]) {
      for (const lang of LANGS) expect(figureText(name, lang).length, name).toBeGreaterThan(0);
    }
  });
});
