// Search metadata for every page, added to Starlight's <head> at build time.
//
// Pagefind indexes the body, and also every `data-pagefind-meta` field: a query word found in a field boosts the
// page by that field's weight (`metaWeights` in src/search-ranking.json). Two fields come from front matter:
// - `description`: the one-sentence summary every page already has (the <meta name="description"> tag);
// - `keywords`: the words readers type for this subject that the page does not happen to use.
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { toLang } from './lib/locale.ts';
import { policyFigure } from './lib/policy-figures.ts';

export const onRequest = defineRouteMiddleware((context) => {
  const route = context.locals.starlightRoute;
  const { description, policyKeywords } = route.entry.data;
  const lang = toLang(route.lang);
  // Policy figures used as keywords (e.g. the vendor title's spelling of a tool) come from the package too.
  const fromPolicy = (policyKeywords ?? []).map((name) => policyFigure(name, lang));
  const keywords = [...(route.entry.data.keywords ?? []), ...fromPolicy];
  if (description) {
    const tag = route.head.find((entry) => entry.tag === 'meta' && entry.attrs?.name === 'description');
    if (tag?.attrs) tag.attrs['data-pagefind-meta'] = 'description[content]';
  }
  if (keywords?.length) {
    route.head.push({
      tag: 'meta',
      attrs: { name: 'keywords', content: keywords.join(', '), 'data-pagefind-meta': 'keywords[content]' },
    });
  }
});
