/** A brand of the bundled icon set: its mark's id, colour and the names it goes by (normalised with brandKey). */
export interface BrandEntry {
  slug: string;
  /** Brand colour, 6 hex digits without '#'. */
  hex: string;
  names: readonly string[];
}

/** Lower case, accents and everything but letters and digits removed: "Battle.net" → "battlenet". */
export function brandKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export type BrandIndex = ReadonlyMap<string, BrandEntry>;

export function brandIndex(brands: readonly BrandEntry[]): BrandIndex {
  const index = new Map<string, BrandEntry>();
  for (const brand of brands) for (const name of brand.names) if (!index.has(name)) index.set(name, brand);
  return index;
}

/**
 * The brand of an account: by its issuer ("GitHub", "Google (work)", "Microsoft account" → its first word), else
 * by the sites it is bound to, each host's labels from the registrable end ("accounts.google.com" → "google").
 * Nothing is guessed from a part shorter than two characters except a whole issuer.
 */
export function findBrand(index: BrandIndex, issuer: string, sites: readonly string[]): BrandEntry | undefined {
  const whole = brandKey(issuer);
  if (whole && index.has(whole)) return index.get(whole);
  const words = issuer
    .split(/[\s,:;/|()[\]]+/)
    .map(brandKey)
    .filter((word) => word.length >= 2);
  for (const word of words) {
    const found = index.get(word);
    if (found) return found;
  }
  for (const site of sites) {
    let host: string;
    try {
      host = new URL(site).hostname;
    } catch {
      continue;
    }
    if (/^[\d.]+$|:/.test(host)) continue; // IP addresses name no brand
    const labels = host.split('.').slice(0, -1).reverse();
    for (const label of labels) {
      const found = label.length >= 2 ? index.get(brandKey(label)) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

/** The path data of a simple-icons SVG (one path in a 24×24 view box). */
export function markPath(svg: string): string | undefined {
  return /<path[^>]*\sd="([^"]+)"/.exec(svg)?.[1];
}

/** Whether white reads better than black on the brand colour (WCAG relative luminance). */
export function lightGlyphOn(hex: string): boolean {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  return 1.05 / (luminance + 0.05) >= (luminance + 0.05) / 0.05;
}
