import { useEffect, useState } from 'preact/hooks';
import { afterFirstPaint } from '../popup/after-paint';
import { type BrandMark, loadBrandMark } from './brand-icons/load';
import { lightGlyphOn } from './brand-icons/match';

/** Monogram tiles: white letters on each of these pass WCAG AA (≥ 4.5:1). */
const MONOGRAM_COLOURS = ['#1d4ed8', '#6d28d9', '#be185d', '#b91c1c', '#9a3412', '#047857', '#0f766e', '#4338ca'];

const known = new Map<string, BrandMark | null>();

/**
 * Marks are looked up only once the page's first content is presented: loading the catalog and the marks' chunks
 * earlier competes with the first frame (the popup's first code) for the same cores. Rows show their monogram
 * until then, in the same box, so nothing moves when a mark arrives.
 */
let firstPaint: Promise<void> | undefined;
function afterPagePainted(): Promise<void> {
  firstPaint ??= new Promise((resolve) => afterFirstPaint(resolve));
  return firstPaint;
}

function monogramOf(name: string): { letter: string; colour: string } {
  const letter = [...name.trim()].find((character) => /[\p{L}\p{N}]/u.test(character))?.toLocaleUpperCase() ?? '?';
  let hash = 0;
  for (const character of name.toLowerCase()) hash = (hash * 31 + (character.codePointAt(0) ?? 0)) >>> 0;
  return { letter, colour: MONOGRAM_COLOURS[hash % MONOGRAM_COLOURS.length] as string };
}

/**
 * The service's brand mark (bundled simple-icons, matched by issuer and bound site) or a lettered monogram. The
 * box is the same either way, so when a mark arrives after the first paint nothing around it moves.
 */
export function ServiceIcon(props: { issuer: string; account: string; sites: readonly string[] }) {
  const name = props.issuer || props.account;
  const cacheKey = `${props.issuer}\n${props.sites.join(' ')}`;
  const [mark, setMark] = useState<BrandMark | null | undefined>(() => known.get(cacheKey));
  useEffect(() => {
    const cached = known.get(cacheKey);
    if (cached !== undefined) {
      setMark(cached);
      return;
    }
    let live = true;
    void afterPagePainted()
      .then(() => loadBrandMark(props.issuer, props.sites))
      .then((found) => {
        known.set(cacheKey, found ?? null);
        if (live) setMark(found ?? null);
      });
    return () => {
      live = false;
    };
  }, [cacheKey]);
  if (mark) {
    const glyph = lightGlyphOn(mark.hex) ? '#fff' : '#000';
    return (
      <span class="service-icon brand" aria-hidden="true" style={{ background: `#${mark.hex}` }}>
        <svg viewBox="0 0 24 24" fill={glyph}>
          <path d={mark.path} />
        </svg>
      </span>
    );
  }
  const { letter, colour } = monogramOf(name);
  return (
    <span class="service-icon monogram" aria-hidden="true" style={{ background: colour }}>
      {letter}
    </span>
  );
}
