import { defineCollection } from 'astro:content';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { z } from 'astro/zod';
import { POLICY_FIGURES, type PolicyFigure } from './lib/policy-figures.ts';
import { parseSourceRef } from './lib/sources.ts';

const POLICY_FIGURE_NAMES = Object.keys(POLICY_FIGURES) as [PolicyFigure, ...PolicyFigure[]];

export const collections = {
  // Starlight's UI strings: French wording for the Pagefind search dialog (result counts, "no results"…), which
  // Starlight does not translate itself (src/content/i18n/).
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({
      extend: z.object({
        /**
         * The other words readers use for this page's subject (synonyms, error wording, the other language's
         * usual term). Rendered as `<meta name="keywords">` and indexed by Pagefind as the `keywords` field
         * (see src/route-data.ts and src/search-ranking.json): a query matches the page through them even when
         * the body says it differently. Not shown on the page.
         */
        keywords: z.array(z.string().min(1)).optional(),
        /**
         * Keywords that are policy figures (a product name's other spelling, model numbers): rendered from
         * `@mfa-companion/policy` like <Policy value="…" /> in the body, never typed into the page.
         */
        policyKeywords: z.array(z.enum(POLICY_FIGURE_NAMES)).optional(),
        /**
         * The documents this page's vendor facts (and our own readings) come from: ids of `FACT_SOURCES` in
         * `@mfa-companion/policy`, optionally with the part cited (`smartconnect-faq#otpExpiry`). The page ends with a
         * Sources block rendered from them, and `<Cite source="…" />` in the text links to an entry.
         */
        sources: z
          .array(
            z.string().refine((ref) => parseSourceRef(ref) !== undefined, {
              message: 'not a source of FACT_SOURCES (@mfa-companion/policy), or not one of its sections',
            }),
          )
          .optional(),
      }),
    }),
  }),
};
