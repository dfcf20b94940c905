import { defineCollection } from 'astro:content';
import { docsLoader } from '@astrojs/starlight/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
import { z } from 'astro/zod';
import { POLICY_FIGURES, type PolicyFigure } from './lib/policy-figures.ts';

const POLICY_FIGURE_NAMES = Object.keys(POLICY_FIGURES) as [PolicyFigure, ...PolicyFigure[]];

export const collections = {
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
      }),
    }),
  }),
};
