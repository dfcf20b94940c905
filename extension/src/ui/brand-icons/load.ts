import { type BrandEntry, type BrandIndex, brandIndex, findBrand, markPath } from './match';

export interface BrandMark {
  hex: string;
  path: string;
}

let index: Promise<BrandIndex> | undefined;
const marks = new Map<string, Promise<BrandMark | undefined>>();

/**
 * The brand mark for an account, loaded on demand: the catalog (names and colours) on first use, then one small
 * chunk per mark. Never part of the popup's first paint: rows show a monogram until this resolves.
 */
export function loadBrandMark(issuer: string, sites: readonly string[]): Promise<BrandMark | undefined> {
  index ??= import('./catalog').then((catalog) => brandIndex(catalog.BRANDS));
  return index.then((loaded) => {
    const brand = findBrand(loaded, issuer, sites);
    return brand ? markOf(brand) : undefined;
  });
}

function markOf(brand: BrandEntry): Promise<BrandMark | undefined> {
  let mark = marks.get(brand.slug);
  if (!mark) {
    mark = import('./catalog')
      .then((catalog) => catalog.MARKS[brand.slug]?.())
      .then((module) => {
        const path = module && markPath(module.default);
        return path ? { hex: brand.hex, path } : undefined;
      })
      .catch(() => undefined);
    marks.set(brand.slug, mark);
  }
  return mark;
}
