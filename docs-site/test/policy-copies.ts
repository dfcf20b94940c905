// What a hand-typed copy of a POLICY value looks like in a page, derived from POLICY itself: a fact added to the
// policy package is enforced on every page the day it is added, without touching this file.
//
// Each leaf of POLICY becomes one pattern, by its shape:
// - a duration ({ value, unit }): the number (digits or words, English and French) next to any spelling of the unit
//   that Intl uses in either language, long or short ("15 minutes", "15-minute", "15 min", "quinze minutes", "24 h",
//   "7 jours");
// - a version string ("3.4"): that version, also inside a longer one ("AOS v3.4.0"); the numbers beside it in the
//   same object (major, minor) are parts of it, not counts;
// - a count (a number of 2 or more): the digits on their own, or the number word in front of a word of the fact's
//   own key ("more than six notifications" for eventNotifications.burstThreshold). 0 and 1 are everyday words
//   ("at least one user"), not figures anyone could drift from;
// - a name or label: a string with a digit (models), or of several capitalised words (tool names, "E-mail Address",
//   "Local Users"), exactly as cased, with any spacing or hyphenation; a kebab-case id ("read-only-user") in any case
//   with spaces or hyphens. Single everyday words ("AOS", "Security", "Administrator") and lowercase descriptions are
//   matched only as part of the longer values they belong to;
// - a list of strings (the menu path): the whole list in order with any separator (">", "›", "→", "/", ",").
// Sources (`source`, `…Source`, or anything shaped like a FactSource) describe where a fact comes from: skipped.

export interface PolicyCopy {
  /** Where the value lives in POLICY, e.g. "nmc3.models[1]". */
  path: string;
  /** The value as POLICY holds it, for the failure message. */
  value: string;
  pattern: RegExp;
}

const LANGS = ['en', 'fr'] as const;
const SPACE = '[\\s\\u00a0\\u202f]';
const HYPHEN_OR_SPACE = '[-\\u2010\\u2011\\s\\u00a0\\u202f]';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const EN_UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven'];
const EN_TEENS = ['twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const FR_UNITS = ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf', 'dix', 'onze'];
const FR_TEENS = ['douze', 'treize', 'quatorze', 'quinze', 'seize', 'dix-sept', 'dix-huit', 'dix-neuf'];

/** The number as words in English and French (1 to 59; larger figures are written in digits anyway). */
export function numberWords(value: number): string[] {
  if (!Number.isInteger(value) || value < 0 || value > 59) return [];
  if (value < 12) return [EN_UNITS[value] as string, FR_UNITS[value] as string, ...(value === 1 ? ['une'] : [])];
  if (value < 20) return [EN_TEENS[value - 12] as string, FR_TEENS[value - 12] as string];
  const tens = Math.floor(value / 10);
  const unit = value % 10;
  const enTens = ['', '', 'twenty', 'thirty', 'forty', 'fifty'][tens] as string;
  const frTens = ['', '', 'vingt', 'trente', 'quarante', 'cinquante'][tens] as string;
  if (unit === 0) return [enTens, frTens];
  const fr = unit === 1 ? [`${frTens} et un`, `${frTens}-et-un`] : [`${frTens}-${FR_UNITS[unit]}`];
  return [`${enTens}-${EN_UNITS[unit]}`, `${enTens} ${EN_UNITS[unit]}`, ...fr];
}

/**
 * The number in digits, not glued to other digits, letters, a decimal part or a version family ("6.x" is a
 * version, not the count 6).
 */
function digitsPattern(value: number): string {
  return `(?<![\\w.,/:])${value}(?![\\w]|[.,][\\dx])`;
}

/** The number in digits or words, not glued to other digits, letters or a decimal part. */
function numberPattern(value: number): string {
  const words = numberWords(value).map((word) => escape(word).replace(/[- ]/g, HYPHEN_OR_SPACE));
  const digits = digitsPattern(value);
  return words.length > 0 ? `(?:${digits}|(?<![\\p{L}-])(?:${words.join('|')}))` : digits;
}

/**
 * Every spelling Intl gives the unit of this duration, in both languages, plural and singular, long and short
 * ('minutes', 'minute', 'min', 'heures', 'h', 'jours', 'j'…). Narrow forms are left out: single letters such as 'a'
 * (French years) or 'm' would match ordinary words after a number.
 */
function unitSpellings(unit: string, value: number): string[] {
  const spellings = new Set<string>();
  for (const lang of LANGS) {
    for (const unitDisplay of ['long', 'short'] as const) {
      for (const n of [value, 1]) {
        const parts = new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay }).formatToParts(n);
        const text = parts
          .filter((part) => part.type === 'unit')
          .map((part) => part.value)
          .join('')
          .trim();
        if (text) spellings.add(text);
      }
    }
  }
  return [...spellings].sort((a, b) => b.length - a.length);
}

type Leaf = { path: string; key: string; value: unknown; parent: Record<string, unknown> | readonly unknown[] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isSource = (key: string, value: unknown) =>
  /source$/i.test(key) || (isRecord(value) && 'publisher' in value && 'document' in value && 'scope' in value);
const isDuration = (value: unknown): value is { value: number; unit: string } =>
  isRecord(value) &&
  typeof value.value === 'number' &&
  typeof value.unit === 'string' &&
  Object.keys(value).length === 2;
const isVersion = (value: unknown): boolean => typeof value === 'string' && /^\d+(?:\.\d+)+$/.test(value);
const isKebabId = (value: string) => /^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(value);
const isName = (value: string) =>
  /\d/.test(value) ||
  (value.trim().includes(' ') &&
    value
      .trim()
      .split(/\s+/)
      .every((word) => /^[\p{Lu}\d]/u.test(word)));

/** The words of a key path, as stems ("eventNotifications.burstThreshold" → event, notification, burst, threshold). */
function keyStems(path: string): string[] {
  return path
    .replace(/\[\d+\]/g, '')
    .split(/[.\s]|(?=[A-Z])/)
    .map((word) => word.toLowerCase().replace(/s$/, ''))
    .filter((word) => word.length >= 4);
}

function stringPattern(value: string): RegExp | undefined {
  if (isVersion(value)) return new RegExp(`(?<![\\d.])${escape(value)}(?!\\d)`);
  if (isKebabId(value)) return new RegExp(`(?<![\\p{L}-])${value.split('-').join(HYPHEN_OR_SPACE)}(?![\\p{L}])`, 'iu');
  if (!isName(value)) return undefined;
  const body = value
    .trim()
    .split(/\s+/)
    .map((word) => escape(word).replace(/-/g, `${HYPHEN_OR_SPACE}?`))
    .join(`${SPACE}+`);
  return new RegExp(`(?<![\\p{L}\\d])${body}(?![\\p{L}\\d])`, 'u');
}

function walk(node: unknown, path: string, leaves: Leaf[], parent: Leaf['parent'], key: string) {
  if (isSource(key, node)) return;
  if (isDuration(node) || !(isRecord(node) || Array.isArray(node))) {
    leaves.push({ path, key, value: node, parent });
    return;
  }
  if (Array.isArray(node)) {
    leaves.push({ path, key, value: node, parent });
    node.forEach((item, index) => walk(item, `${path}[${index}]`, leaves, node, key));
    return;
  }
  for (const [childKey, child] of Object.entries(node)) {
    walk(child, path ? `${path}.${childKey}` : childKey, leaves, node, childKey);
  }
}

/** Every hand-typed form of every value in `policy` that a page must render instead. */
export function policyCopies(policy: unknown): PolicyCopy[] {
  const leaves: Leaf[] = [];
  walk(policy, '', leaves, [], '');
  const copies: PolicyCopy[] = [];
  for (const { path, key, value, parent } of leaves) {
    if (isDuration(value)) {
      const units = unitSpellings(value.unit, value.value).map(escape).join('|');
      copies.push({
        path,
        value: `${value.value} ${value.unit}`,
        pattern: new RegExp(`${numberPattern(value.value)}${HYPHEN_OR_SPACE}*(?:${units})(?![\\p{L}])`, 'iu'),
      });
    } else if (typeof value === 'number') {
      const partOfVersion =
        /version|major|minor|patch/i.test(key) || (isRecord(parent) && Object.values(parent).some(isVersion));
      if (partOfVersion || value < 2) continue;
      const digits = digitsPattern(value);
      const words = numberWords(value).map(escape).join('|');
      const stems = keyStems(path).map(escape).join('|');
      const spelled = words && stems ? `|(?<![\\p{L}-])(?:${words})${SPACE}+(?:\\S+${SPACE}+){0,2}?(?:${stems})` : '';
      copies.push({ path, value: String(value), pattern: new RegExp(`(?:${digits}${spelled})`, 'iu') });
    } else if (typeof value === 'string') {
      const pattern = stringPattern(value);
      if (pattern) copies.push({ path, value, pattern });
    } else if (Array.isArray(value) && value.length >= 2 && value.every((item) => typeof item === 'string')) {
      const separator = `${SPACE}*(?:>|›|→|»|/|,|\\\\)${SPACE}*`;
      const body = (value as string[]).map((item) => escape(item).replace(/ /g, `${SPACE}+`)).join(separator);
      copies.push({ path, value: value.join(' > '), pattern: new RegExp(body, 'u') });
    }
  }
  return copies;
}

/**
 * The words of a page a reader gets, line by line as written in the .mdx source: front-matter text (title,
 * description, keywords, hero), the body's prose and the visible attributes of components (title, description,
 * label). Not checked: code (fenced and inline), link targets, imports, component names and their other props,
 * list numbers. Lines keep their numbers, so a failure points at the line to fix.
 */
export function proseLines(source: string): string[] {
  const lines = source.split('\n');
  let inFrontMatter = lines[0] === '---';
  let inCode = false;
  return lines.map((line, index) => {
    if (index === 0 && inFrontMatter) return '';
    if (inFrontMatter) {
      if (line === '---') inFrontMatter = false;
      return /^\s*(?:-\s*)?(?:order|link|icon|variant|template|sidebar|hero|actions|keywords):/.test(line) ||
        line === '---'
        ? ''
        : line;
    }
    if (/^\s*```/.test(line)) {
      inCode = !inCode;
      return '';
    }
    if (inCode || /^import /.test(line)) return '';
    return line
      .replace(/`[^`]*`/g, '')
      .replace(/\]\([^)]*\)/g, ']')
      .replace(/<[A-Za-z][^<>]*?>/g, (tag) =>
        [...tag.matchAll(/\b(?:title|description|label)="([^"]*)"/g)].map((match) => ` ${match[1]} `).join(' '),
      )
      .replace(/<\/[A-Za-z][^>]*>/g, '')
      .replace(/^\s*\d+\.\s/, '');
  });
}

export interface CopyFound {
  copy: PolicyCopy;
  /** 1-based line of the .mdx source. */
  line: number;
  match: string;
}

/** Each hand-typed copy of a POLICY value in a page's source. */
export function findCopies(source: string, copies: readonly PolicyCopy[]): CopyFound[] {
  const found: CopyFound[] = [];
  proseLines(source).forEach((text, index) => {
    // One report per spot: "Super User" is both in userTypes and in firmwareCapableUserTypes.
    const seen = new Set<string>();
    for (const copy of copies) {
      const global = new RegExp(copy.pattern.source, `${copy.pattern.flags}g`);
      for (const match of text.matchAll(global)) {
        const spot = `${match.index}:${match[0]}`;
        if (seen.has(spot)) continue;
        seen.add(spot);
        found.push({ copy, line: index + 1, match: match[0] });
      }
    }
  });
  return found;
}
