/**
 * Confusable-domain checks: the page is not bound, but its name is close enough to a bound one that a person
 * could be fooled. These only ever turn "no fill" into "no fill, with a warning"; they never allow a fill.
 */

/** Characters that render like a Latin letter or digit, after UTS #39's confusables (the subset seen in phishing). */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  с: 'c',
  ԁ: 'd',
  е: 'e',
  ё: 'e',
  һ: 'h',
  і: 'l',
  ї: 'l',
  ј: 'j',
  к: 'k',
  ӏ: 'l',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  ԛ: 'q',
  ѕ: 's',
  т: 't',
  у: 'y',
  ѵ: 'v',
  ԝ: 'w',
  х: 'x',
  ү: 'y',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'l',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ϲ: 'c',
  ϳ: 'j',
  // Armenian
  օ: 'o',
  ս: 'u',
  ց: 'g',
  հ: 'h',
  ո: 'n',
  ք: 'p',
  // Latin look-alikes and digits
  ı: 'l',
  ɩ: 'l',
  ԍ: 'g',
  ѡ: 'w',
  ł: 'l',
  ɡ: 'g',
  ɑ: 'a',
  ß: 'b',
  '0': 'o',
  '1': 'l',
  i: 'l',
  '!': 'l',
  '|': 'l',
};

const MULTI_CHARACTER_CONFUSABLES: [RegExp, string][] = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/cl/g, 'd'],
];

/** A comparison key under which visually confusable labels are equal: `pаypаl` (Cyrillic а), `paypa1`, `paypal`. */
export function confusableSkeleton(label: string): string {
  let result = '';
  for (const character of label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()) {
    result += CONFUSABLES[character] ?? character;
  }
  for (const [pattern, replacement] of MULTI_CHARACTER_CONFUSABLES) result = result.replace(pattern, replacement);
  return result;
}

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent transpositions),
 * giving up early once it exceeds `limit`.
 */
export function editDistance(a: string, b: string, limit = 3): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row[j] = j;
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const previous = rows[i - 1] as number[];
      let value = Math.min((previous[j] as number) + 1, (row[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    rows.push(row);
    if (i > 0 && rowMin > limit) return limit + 1;
  }
  return (rows[a.length] as number[])[b.length] as number;
}

const PUNYCODE_BASE = 36;
const PUNYCODE_T_MIN = 1;
const PUNYCODE_T_MAX = 26;
const PUNYCODE_SKEW = 38;
const PUNYCODE_DAMP = 700;

/** Decodes one `xn--` label (RFC 3492); other labels come back unchanged, malformed ones too. */
export function decodePunycodeLabel(label: string): string {
  if (!label.startsWith('xn--')) return label;
  const input = label.slice(4);
  const delimiter = input.lastIndexOf('-');
  const output = delimiter > 0 ? [...input.slice(0, delimiter)].map((c) => c.codePointAt(0) as number) : [];
  let n = 128;
  let bias = 72;
  let i = 0;
  let position = delimiter > 0 ? delimiter + 1 : 0;
  while (position < input.length) {
    const oldI = i;
    let weight = 1;
    for (let k = PUNYCODE_BASE; ; k += PUNYCODE_BASE) {
      if (position >= input.length) return label;
      const digit = punycodeDigit(input.charCodeAt(position++));
      if (digit >= PUNYCODE_BASE) return label;
      i += digit * weight;
      const t = k <= bias ? PUNYCODE_T_MIN : k >= bias + PUNYCODE_T_MAX ? PUNYCODE_T_MAX : k - bias;
      if (digit < t) break;
      weight *= PUNYCODE_BASE - t;
      if (weight > 0x7fffffff) return label;
    }
    const length = output.length + 1;
    let delta = i - oldI;
    delta = oldI === 0 ? Math.floor(delta / PUNYCODE_DAMP) : delta >> 1;
    delta += Math.floor(delta / length);
    let k = 0;
    while (delta > ((PUNYCODE_BASE - PUNYCODE_T_MIN) * PUNYCODE_T_MAX) >> 1) {
      delta = Math.floor(delta / (PUNYCODE_BASE - PUNYCODE_T_MIN));
      k += PUNYCODE_BASE;
    }
    bias = Math.floor(k + ((PUNYCODE_BASE - PUNYCODE_T_MIN + 1) * delta) / (delta + PUNYCODE_SKEW));
    n += Math.floor(i / length);
    if (n > 0x10ffff) return label;
    i %= length;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

function punycodeDigit(code: number): number {
  if (code >= 48 && code <= 57) return code - 22;
  if (code >= 65 && code <= 90) return code - 65;
  if (code >= 97 && code <= 122) return code - 97;
  return PUNYCODE_BASE;
}

/** Why a page looks like a bound site. */
export type LookalikeReason =
  /** Same letters once homoglyphs/punycode are resolved (`xn--pypal-4ve.com`, `paypa1.com`). */
  | 'homoglyph'
  /** One or two typing mistakes away (`exampel.com`, `examplle.com`). */
  | 'typo'
  /** The bound name used as a subdomain or word of another domain (`example.com.evil.net`, `example-login.net`). */
  | 'embedded'
  /** Same name under another public suffix (`example.co` for `example.com`). */
  | 'other-suffix';

export interface DomainParts {
  /** Registrable domain, ASCII (punycode), e.g. `example.co.uk`. */
  site: string;
  /** Registrable domain without its public suffix, e.g. `example`. */
  label: string;
  /** Everything left of the registrable domain, e.g. `login.eu`. */
  subdomain: string;
}

/** Decides whether `page` imitates `bound`; both are distinct registrable domains. */
export function lookalikeReason(page: DomainParts, bound: DomainParts): LookalikeReason | undefined {
  if (page.site === bound.site) return undefined;
  const pageLabel = decodePunycodeLabel(page.label);
  const boundLabel = decodePunycodeLabel(bound.label);
  if (pageLabel === boundLabel) return 'other-suffix';
  if (confusableSkeleton(pageLabel) === confusableSkeleton(boundLabel)) return 'homoglyph';
  // Short names are too dense to call one typo a look-alike (`bbc` vs `abc`); longer ones allow two.
  const allowedTypos = boundLabel.length >= 8 ? 2 : boundLabel.length >= 4 ? 1 : 0;
  if (allowedTypos > 0 && editDistance(pageLabel, boundLabel, allowedTypos) <= allowedTypos) return 'typo';
  const brand = confusableSkeleton(boundLabel.replace(/[.-]/g, ''));
  if (brand.length >= 4) {
    const pageLabels = [...page.subdomain.split('.').filter(Boolean).map(decodePunycodeLabel), pageLabel];
    const pageWords = pageLabels.flatMap((label) => label.split('-')).map(confusableSkeleton);
    const boundWords = boundLabel.split(/[.-]/).map(confusableSkeleton);
    // `github.com.evil.net`, `github-com.evil.net`, and run together: `githubcom.evil.net`.
    const runTogether = confusableSkeleton(decodePunycodeLabel(bound.site).replace(/[.-]/g, ''));
    if (containsRun(pageWords, boundWords) || pageWords.includes(runTogether)) return 'embedded';
    // The brand as one of the page's names or a run of its hyphenated words, hyphens dropped or moved:
    // `acmebank-secure.com`, `secure-acmebank.com`, `acmebank.login.evil.com`; long brands allow one typo in it
    // (`acmebnak-login.com`).
    const typos = brand.length >= 8 ? 1 : 0;
    for (const label of pageLabels) {
      if (wordRuns(label.split('-').filter(Boolean).map(confusableSkeleton)).some((run) => isNear(run, brand, typos)))
        return 'embedded';
    }
    if (pageLabels.some((label) => joinsBrand(label, boundLabel.replace(/[.-]/g, '')))) return 'embedded';
  }
  return undefined;
}

/** Below this many letters a name is too likely to be part of ordinary words (`ing` in `booking`). */
const MIN_JOINED_BRAND = 5;
const MIN_OTHER_WORD = 2;

/**
 * The bound name run together with another word inside one of the page's words, no hyphen between:
 * `acmebanklogin`, `myacmebank`, `paypalsecure`, `verify-githubsession`. Compared as written and as skeletons
 * (a joined word can carry a homoglyph), as prefix or suffix of a word of the label.
 */
function joinsBrand(label: string, brand: string): boolean {
  if (brand.length < MIN_JOINED_BRAND) return false;
  const brandSkeleton = confusableSkeleton(brand);
  const joined = (word: string, name: string) =>
    // The other part is a word (two letters or more): a plural `s` or a digit is not another word.
    word.length >= name.length + MIN_OTHER_WORD && (word.startsWith(name) || word.endsWith(name));
  return label.split('-').some((word) => joined(word, brand) || joined(confusableSkeleton(word), brandSkeleton));
}

function isNear(word: string, brand: string, typos: number): boolean {
  return word === brand || (typos > 0 && editDistance(word, brand, typos) <= typos);
}

/** Every run of consecutive words joined: `secure`, `acmebank`, `login`, `secureacmebank`, `acmebanklogin`, … */
function wordRuns(words: readonly string[]): string[] {
  const runs: string[] = [];
  for (let start = 0; start < words.length; start++) {
    let run = '';
    for (let end = start; end < words.length; end++) runs.push((run += words[end]));
  }
  return runs;
}

/**
 * A name with no registry behind it (`nmc3.lan`, `192.168.1.10`), bound exactly, used as part of a public
 * page's name: `nmc3.lan.evil.com`, `nmc3-lan.example.net`. Names shorter than 4 letters are too common to tell.
 */
export function embedsLocalName(pageHost: string, boundHost: string): boolean {
  if (pageHost === boundHost || boundHost.replace(/[.-]/g, '').length < 4 || boundHost.includes(':')) return false;
  const words = (host: string) => host.split(/[.-]/).map((label) => confusableSkeleton(decodePunycodeLabel(label)));
  return containsRun(words(pageHost), words(boundHost));
}

/**
 * Whether `words` holds `run` as consecutive words: a hyphenated bound name (`acme-bank`) is embedded in
 * `acme-bank.com.evil.io` and `acme-bank-login.com` as the words `acme`, `bank` side by side.
 */
function containsRun(words: readonly string[], run: readonly string[]): boolean {
  for (let start = 0; start + run.length <= words.length; start++) {
    if (run.every((word, offset) => words[start + offset] === word)) return true;
  }
  return false;
}
